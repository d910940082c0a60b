package org.cellbank.ims.core.importer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.model.YesNoUnknown;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonBoolean;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;

/**
 * The reading rules and casts of the registry export (docs/hpscreg-format.md §0), over one
 * JSON object. Field names in error messages are paths such as {@code donor.diseases[0].purl}.
 */
final class Fields {

  private final JsonObject object;
  private final String path;
  private final Consumer<String> warnings;

  Fields(JsonObject object, String path, Consumer<String> warnings) {
    this.object = object;
    this.path = path;
    this.warnings = warnings;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void warn(String message) {
    warnings.accept(message);
  }

  /** The raw value; absent and JSON null are both empty. */
  Optional<JsonValue> raw(String key) {
    return object.find(key).filter(v -> v != JsonNull.INSTANCE);
  }

  /** R1: trimmed string, a number's decimal text, a boolean's text; absent or null gives null. */
  String text(String key) {
    JsonValue v = raw(key).orElse(null);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonString s) {
      return s.value().strip();
    }
    if (v instanceof JsonNumber n) {
      return n.bigDecimalValue().toPlainString();
    }
    if (v instanceof JsonBoolean b) {
      return Boolean.toString(b.value());
    }
    throw new ValidationException("field " + path(key) + " must be a string, not " + kind(v));
  }

  /** The untrimmed string, for the few fields the reference stores raw. */
  String rawText(String key) {
    JsonValue v = raw(key).orElse(null);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonString s) {
      return s.value();
    }
    return text(key);
  }

  /** R3: plain truthiness of the value after trimming. */
  boolean truthy(String key) {
    return truthy(raw(key).orElse(null));
  }

  static boolean truthy(JsonValue v) {
    if (v == null || v == JsonNull.INSTANCE || v == JsonBoolean.FALSE) {
      return false;
    }
    if (v instanceof JsonString s) {
      return !s.value().isBlank();
    }
    if (v instanceof JsonNumber n) {
      return n.bigDecimalValue().signum() != 0;
    }
    if (v instanceof JsonArray a) {
      return a.size() > 0;
    }
    if (v instanceof JsonObject o) {
      return o.size() > 0;
    }
    return true;
  }

  private String flag(String key) {
    JsonValue v = raw(key).orElse(null);
    return v instanceof JsonString s ? s.value() : null;
  }

  /** R4 BOOL: the string "1" is true, everything else false. */
  boolean bool(String key) {
    return "1".equals(flag(key));
  }

  /** R4 NULLBOOL: "1" true, "0" false, everything else null. */
  Boolean nullBool(String key) {
    String f = flag(key);
    return "1".equals(f) ? Boolean.TRUE : "0".equals(f) ? Boolean.FALSE : null;
  }

  /** R4 EXT, applied only to a truthy value: "1" yes, "0" no, anything else unknown. */
  YesNoUnknown ext(String key) {
    String f = flag(key);
    return "1".equals(f) ? YesNoUnknown.YES : "0".equals(f) ? YesNoUnknown.NO : YesNoUnknown.UNKNOWN;
  }

  /** R4 INT: numbers and numeric strings; anything unparseable is a warning and null. */
  Integer integer(String key) {
    JsonValue v = object.find(key).orElse(null);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonNumber n) {
      return n.bigDecimalValue().intValue();
    }
    if (v instanceof JsonString s) {
      try {
        return new BigDecimal(s.value().strip()).intValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        // falls through to the warning
      }
    }
    warn("field " + path(key) + " is not an integer, stored as null");
    return null;
  }

  /** R5: the companion {@code key_other} replaces the literal "Other" (and "other" when allowed). */
  String other(String key, boolean lowerCaseToo) {
    String value = text(key);
    if ("Other".equals(value) || (lowerCaseToo && "other".equals(value))) {
      String companion = text(key + "_other");
      return companion != null ? companion : value;
    }
    return value;
  }

  /** R8: an array of strings; absent or null is empty. */
  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    int i = 0;
    for (JsonValue v : array(key)) {
      if (v instanceof JsonString s) {
        out.add(s.value());
      } else if (v != JsonNull.INSTANCE) {
        throw new ValidationException("field " + path(key) + "[" + i + "] must be a string, not " + kind(v));
      }
      i++;
    }
    return out;
  }

  /** R8: the strings, or null when the key is absent or null. */
  List<String> stringsOrNull(String key) {
    return raw(key).isPresent() ? strings(key) : null;
  }

  /** R8: an array of objects, each with its path; absent or null is empty. */
  List<Fields> objects(String key) {
    List<Fields> out = new ArrayList<>();
    List<JsonValue> values = array(key);
    for (int i = 0; i < values.size(); i++) {
      JsonValue v = values.get(i);
      if (v instanceof JsonObject o) {
        out.add(new Fields(o, path(key) + "[" + i + "]", warnings));
      } else if (v != JsonNull.INSTANCE) {
        throw new ValidationException("field " + path(key) + "[" + i + "] must be an object, not " + kind(v));
      }
    }
    return out;
  }

  /** R2: a nested object; absent, null, an empty array or a non-object are all empty. */
  Optional<Fields> object(String key) {
    JsonValue v = raw(key).orElse(null);
    if (v instanceof JsonObject o) {
      return Optional.of(new Fields(o, path(key), warnings));
    }
    if (v == null || (v instanceof JsonArray a && a.size() == 0)) {
      return Optional.empty();
    }
    throw new ValidationException("field " + path(key) + " must be an object, not " + kind(v));
  }

  private List<JsonValue> array(String key) {
    JsonValue v = raw(key).orElse(null);
    if (v == null) {
      return List.of();
    }
    if (v instanceof JsonArray a) {
      return a.elements();
    }
    throw new ValidationException("field " + path(key) + " must be an array, not " + kind(v));
  }

  static String kind(JsonValue v) {
    if (v instanceof JsonString) {
      return "a string";
    }
    if (v instanceof JsonNumber) {
      return "a number";
    }
    if (v instanceof JsonArray) {
      return "an array";
    }
    if (v instanceof JsonObject) {
      return "an object";
    }
    if (v instanceof JsonBoolean) {
      return "a boolean";
    }
    return "null";
  }
}
