package org.cellbank.ims.http.internal.json;

/**
 * A JSON value: object, array, string, number, boolean or null.
 *
 * <p>Every implementation is immutable and thread-safe. Use pattern matching or the {@code as...}
 * methods to reach the concrete type.
 */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

  /** Whether this value is JSON {@code null}. */
  default boolean isNull() {
    return this == JsonNull.INSTANCE;
  }

  /**
   * This value as an object.
   *
   * @throws JsonException when it is not an object
   */
  default JsonObject asObject() {
    if (this instanceof JsonObject o) {
      return o;
    }
    throw JsonException.wrongType("an object", this);
  }

  /**
   * This value as an array.
   *
   * @throws JsonException when it is not an array
   */
  default JsonArray asArray() {
    if (this instanceof JsonArray a) {
      return a;
    }
    throw JsonException.wrongType("an array", this);
  }

  /**
   * This value as a Java string.
   *
   * @throws JsonException when it is not a string
   */
  default String asString() {
    if (this instanceof JsonString s) {
      return s.value();
    }
    throw JsonException.wrongType("a string", this);
  }

  /**
   * This value as a Java boolean.
   *
   * @throws JsonException when it is not a boolean
   */
  default boolean asBoolean() {
    if (this instanceof JsonBoolean b) {
      return b.value();
    }
    throw JsonException.wrongType("a boolean", this);
  }

  /**
   * This value as a number.
   *
   * @throws JsonException when it is not a number
   */
  default JsonNumber asNumber() {
    if (this instanceof JsonNumber n) {
      return n;
    }
    throw JsonException.wrongType("a number", this);
  }

  /** A short name of this value's JSON type, for messages: "object", "array", "string"... */
  default String typeName() {
    if (this instanceof JsonObject) {
      return "object";
    } else if (this instanceof JsonArray) {
      return "array";
    } else if (this instanceof JsonString) {
      return "string";
    } else if (this instanceof JsonNumber) {
      return "number";
    } else if (this instanceof JsonBoolean) {
      return "boolean";
    }
    return "null";
  }
}
