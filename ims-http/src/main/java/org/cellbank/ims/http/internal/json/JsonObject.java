package org.cellbank.ims.http.internal.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON object whose members keep their insertion (or document) order.
 *
 * <p>The {@code find...} lookups treat a missing member and a member whose value is JSON null the
 * same way (empty), and throw {@link JsonException} when the member has another type than asked:
 *
 * <pre>{@code
 * Optional<String> stage = event.findObject("requestContext").flatMap(c -> c.findString("stage"));
 * }</pre>
 *
 * @param members the members in order; copied, unmodifiable, no Java null keys or values
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
  private static final JsonObject EMPTY = new JsonObject(Map.of());

  /** Copies and validates the members, keeping their order. */
  public JsonObject {
    Map<String, JsonValue> copy = new LinkedHashMap<>(Math.max(4, members.size() * 2));
    for (Map.Entry<String, JsonValue> e : members.entrySet()) {
      copy.put(Objects.requireNonNull(e.getKey(), "member name"),
          Objects.requireNonNull(e.getValue(), "member value"));
    }
    members = Collections.unmodifiableMap(copy);
  }

  /** The empty object. */
  public static JsonObject of() {
    return EMPTY;
  }

  /** A builder that keeps members in the order they are put; a repeated name replaces the value. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of members. */
  public int size() {
    return members.size();
  }

  /** The member's value, JSON null included, or empty when there is no such member. */
  public Optional<JsonValue> find(String name) {
    return Optional.ofNullable(members.get(name));
  }

  /** The member as a string; empty when missing or null. */
  public Optional<String> findString(String name) {
    JsonValue v = present(name);
    return v == null ? Optional.empty() : Optional.of(v.asString());
  }

  /** The member as an object; empty when missing or null. */
  public Optional<JsonObject> findObject(String name) {
    JsonValue v = present(name);
    return v == null ? Optional.empty() : Optional.of(v.asObject());
  }

  /** The member as an array; empty when missing or null. */
  public Optional<JsonArray> findArray(String name) {
    JsonValue v = present(name);
    return v == null ? Optional.empty() : Optional.of(v.asArray());
  }

  /** The member as a boolean; empty when missing or null. */
  public Optional<Boolean> findBoolean(String name) {
    JsonValue v = present(name);
    return v == null ? Optional.empty() : Optional.of(v.asBoolean());
  }

  /** The member as a number; empty when missing or null. */
  public Optional<JsonNumber> findNumber(String name) {
    JsonValue v = present(name);
    return v == null ? Optional.empty() : Optional.of(v.asNumber());
  }

  private JsonValue present(String name) {
    JsonValue v = members.get(Objects.requireNonNull(name, "name"));
    return v == null || v.isNull() ? null : v;
  }

  /** Builds a {@link JsonObject}. Not thread-safe; use one builder per object. */
  public static final class Builder {
    private final Map<String, JsonValue> members = new LinkedHashMap<>();

    private Builder() {}

    /** Puts a member. */
    public Builder put(String name, JsonValue value) {
      members.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Puts a string member. */
    public Builder put(String name, String value) {
      return put(name, new JsonString(value));
    }

    /** Puts a number member. */
    public Builder put(String name, long value) {
      return put(name, JsonNumber.of(value));
    }

    /** Puts a number member. */
    public Builder put(String name, BigDecimal value) {
      return put(name, JsonNumber.of(value));
    }

    /** Puts a boolean member. */
    public Builder put(String name, boolean value) {
      return put(name, JsonBoolean.of(value));
    }

    /** Puts a member whose value is JSON null. */
    public Builder putNull(String name) {
      return put(name, JsonNull.INSTANCE);
    }

    /** Puts an array of strings. */
    public Builder putStrings(String name, List<String> values) {
      return put(name, JsonArray.ofStrings(values));
    }

    /** The object built so far; the builder may go on being used. */
    public JsonObject build() {
      return new JsonObject(members);
    }
  }
}
