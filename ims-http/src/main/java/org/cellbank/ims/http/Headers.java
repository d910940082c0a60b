package org.cellbank.ims.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable multi-valued HTTP headers with case-insensitive names.
 *
 * <p>Names are stored in lower case (as HTTP/2 and API Gateway HTTP APIs send them) and keep the
 * order in which they were first added; values keep their order. Names must be HTTP tokens and
 * values must not contain CR, LF or NUL, so a header can never split a response.
 *
 * <p>Thread-safe.
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(Map.of());
  private final Map<String, List<String>> values;

  private Headers(Map<String, List<String>> values) {
    this.values = values;
  }

  /** No headers. */
  public static Headers of() {
    return EMPTY;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with these headers. */
  public Builder toBuilder() {
    Builder b = new Builder();
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      b.values.put(e.getKey(), new ArrayList<>(e.getValue()));
    }
    return b;
  }

  /** The first value of a header, or empty when it is absent. */
  public Optional<String> first(String name) {
    List<String> v = values.get(name.toLowerCase(Locale.ROOT));
    return v == null ? Optional.empty() : Optional.of(v.get(0));
  }

  /** Every value of a header, in order; empty when absent. */
  public List<String> all(String name) {
    List<String> v = values.get(name.toLowerCase(Locale.ROOT));
    return v == null ? List.of() : v;
  }

  /** Whether the header is present. */
  public boolean contains(String name) {
    return values.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /** The header names in lower case, in order. */
  public Set<String> names() {
    return values.keySet();
  }

  /** The headers as an unmodifiable map from lower-case name to values. */
  public Map<String, List<String>> asMap() {
    return values;
  }

  /** Whether there are no headers. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers h && h.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** The header names only: values may hold credentials. */
  @Override
  public String toString() {
    return "Headers" + values.keySet();
  }

  /** Checks that a string is an HTTP token (RFC 9110), the syntax of header names and methods. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Builds {@link Headers}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a value to a header.
     *
     * @throws IllegalArgumentException when the name is not a token or the value holds CR, LF or NUL
     */
    public Builder add(String name, String value) {
      String key = checkName(name);
      String checked = checkValue(value);
      List<String> list = values.get(key);
      if (list == null) {
        list = new ArrayList<>(1);
        values.put(key, list);
      }
      list.add(checked);
      return this;
    }

    /** Replaces every value of a header with one value. */
    public Builder set(String name, String value) {
      List<String> list = new ArrayList<>(1);
      list.add(checkValue(value));
      values.put(checkName(name), list);
      return this;
    }

    /** Removes a header. */
    public Builder remove(String name) {
      values.remove(name.toLowerCase(Locale.ROOT));
      return this;
    }

    /** Whether the header has been added. */
    public boolean contains(String name) {
      return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The headers. */
    public Headers build() {
      if (values.isEmpty()) {
        return EMPTY;
      }
      Map<String, List<String>> copy = new LinkedHashMap<>(values.size() * 2);
      for (Map.Entry<String, List<String>> e : values.entrySet()) {
        copy.put(e.getKey(), List.copyOf(e.getValue()));
      }
      return new Headers(Collections.unmodifiableMap(copy));
    }

    private static String checkName(String name) {
      Objects.requireNonNull(name, "name");
      if (!isToken(name)) {
        throw new IllegalArgumentException("invalid header name");
      }
      return name.toLowerCase(Locale.ROOT);
    }

    private static String checkValue(String value) {
      Objects.requireNonNull(value, "value");
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\r' || c == '\n' || c == 0) {
          throw new IllegalArgumentException("invalid character in a header value");
        }
      }
      return value;
    }
  }
}
