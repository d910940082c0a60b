package org.cellbank.ims.http.internal.json;

/** A JSON boolean: {@link #TRUE} or {@link #FALSE}. */
public enum JsonBoolean implements JsonValue {
  /** JSON {@code true}. */
  TRUE,
  /** JSON {@code false}. */
  FALSE;

  /** The JSON boolean for a Java boolean. */
  public static JsonBoolean of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** This value as a Java boolean. */
  public boolean value() {
    return this == TRUE;
  }
}
