package org.cellbank.ims.core.executive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An administrator's correction of a line's identifiers: the body of
 * {@code PATCH /api/v0/executive/cell-lines/{name}}, e.g. {@code {"name": "UKBi008-B", "ecacc_id": "66540001"}}.
 *
 * <p>The fields, each optional: {@code name} (1 to 16 letters, digits or {@code - _ .}),
 * {@code biosamples_id} (1 to 100 of the same), {@code hpscreg_id} and {@code ecacc_id} (at most 10
 * characters, null clears), {@code donor} (a stored donor's BioSamples id, null clears) and
 * {@code depositor} (a stored organisation's name). Only the fields given change.
 *
 * @param lineName the line's current name
 * @param expectedVersion the version the correction was made against (the line's ETag)
 * @param fields the values to set, by field name ({@link #FIELDS}); a null value clears a field that may be empty
 */
public record LineCorrection(String lineName, long expectedVersion, Map<String, String> fields) {

  /** The fields an administrator may correct. */
  public static final List<String> FIELDS = List.of("name", "biosamples_id", "hpscreg_id", "ecacc_id", "donor",
      "depositor");

  /** Checks the name and copies the fields (null values kept: they clear a field). */
  public LineCorrection {
    Objects.requireNonNull(lineName, "lineName");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
  }

  /** What is wrong with the correction, as JSON pointers into its body; empty when it is valid. */
  public List<FieldError> problems() {
    List<FieldError> problems = new ArrayList<>(2);
    for (Map.Entry<String, String> e : fields.entrySet()) {
      String field = e.getKey();
      String v = e.getValue();
      String pointer = ExecutiveRoutes.pointer(field);
      switch (field) {
        case "name" -> {
          if (!identifier(v, 16)) {
            problems.add(new FieldError(pointer, "must be 1 to 16 letters, digits or - _ ."));
          }
        }
        case "biosamples_id" -> {
          if (!identifier(v, 100)) {
            problems.add(new FieldError(pointer, "must be 1 to 100 letters, digits or - _ ."));
          }
        }
        case "hpscreg_id", "ecacc_id" -> {
          if (v != null && !identifier(v, 10)) {
            problems.add(new FieldError(pointer, "must be 1 to 10 letters, digits or - _ ., or null"));
          }
        }
        case "donor" -> {
          if (v != null && !identifier(v, 100)) {
            problems.add(new FieldError(pointer, "must be a donor's BioSamples id, or null"));
          }
        }
        case "depositor" -> {
          if (v == null || v.isBlank() || v.length() > 500) {
            problems.add(new FieldError(pointer, "must be the name of a stored organisation"));
          }
        }
        default -> problems.add(new FieldError(pointer, "is not a field of this request"));
      }
    }
    return List.copyOf(problems);
  }

  // Identifiers go into paths and file names: letters, digits and - _ . only.
  private static boolean identifier(String v, int max) {
    if (v == null || v.isEmpty() || v.length() > max) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
          || c == '_' || c == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
