package org.cellbank.ims.core.json;

/** The JSON {@code null} value, a singleton. */
public enum JsonNull implements JsonValue {
  /** The one JSON null. */
  INSTANCE
}
