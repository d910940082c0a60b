package org.cellbank.ims.http.internal.json;

import java.util.Objects;

/**
 * A JSON string.
 *
 * @param value the string, never null; any Unicode content, including lone surrogates (the writer
 *     escapes those)
 */
public record JsonString(String value) implements JsonValue {
  /** Validates the value. */
  public JsonString {
    Objects.requireNonNull(value, "value");
  }

  /** A JSON string holding {@code value}. */
  public static JsonString of(String value) {
    return new JsonString(value);
  }
}
