package org.cellbank.ims.http.internal.json;

/** The JSON {@code null} value, a singleton. */
public enum JsonNull implements JsonValue {
  /** The one JSON null. */
  INSTANCE
}
