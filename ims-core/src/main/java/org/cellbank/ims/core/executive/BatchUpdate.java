package org.cellbank.ims.core.executive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A change to a batch: the body of {@code PATCH /api/v0/executive/batches/{batch key}}, e.g.
 * {@code {"vials_at_roslin": 12, "culture_conditions": {"matrix": "Matrigel", "temperature": "37C"}}}.
 *
 * <p>Only the fields given change; a field given as null is cleared. The counts are whole numbers of
 * 0 or more; the culture conditions are free text ({@code culture_medium}, {@code passage_method} and
 * {@code matrix} at most 100 characters, {@code o2_concentration}, {@code co2_concentration} and
 * {@code temperature} at most 12).
 *
 * @param batchKey the batch's key, e.g. {@code UKBi008-A_M002}
 * @param expectedVersion the version the change was made against (the batch's ETag)
 * @param counts the counts to set, by field name ({@link #COUNT_FIELDS}); a null value clears one
 * @param cultureConditions the culture conditions to set, by field name ({@link #CULTURE_FIELDS}); a
 *     null value clears one
 */
public record BatchUpdate(String batchKey, long expectedVersion, Map<String, Integer> counts,
    Map<String, String> cultureConditions) {

  /** The count fields, in the order of the batch's columns. */
  public static final List<String> COUNT_FIELDS = List.of("vials_at_roslin", "vials_shipped_to_ecacc",
      "vials_shipped_to_fraunhofer");
  /** The culture-condition fields, in the order of their columns. */
  public static final List<String> CULTURE_FIELDS = List.of("culture_medium", "passage_method", "matrix",
      "o2_concentration", "co2_concentration", "temperature");
  private static final Set<String> SHORT_FIELDS = Set.of("o2_concentration", "co2_concentration", "temperature");
  /** The largest count accepted. */
  public static final int MAX_COUNT = 1_000_000;

  /** Checks the key and copies the maps (null values kept: they clear a field). */
  public BatchUpdate {
    Objects.requireNonNull(batchKey, "batchKey");
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(counts, "counts")));
    cultureConditions = Collections.unmodifiableMap(new LinkedHashMap<>(
        Objects.requireNonNull(cultureConditions, "cultureConditions")));
  }

  /** What is wrong with the change, as JSON pointers into its body; empty when it is valid. */
  public List<FieldError> problems() {
    List<FieldError> problems = new ArrayList<>(2);
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (!COUNT_FIELDS.contains(e.getKey())) {
        problems.add(new FieldError(ExecutiveRoutes.pointer(e.getKey()), "is not a field of this request"));
      } else if (e.getValue() != null && (e.getValue() < 0 || e.getValue() > MAX_COUNT)) {
        problems.add(new FieldError("/" + e.getKey(), "must be a whole number from 0 to " + MAX_COUNT));
      }
    }
    for (Map.Entry<String, String> e : cultureConditions.entrySet()) {
      String pointer = "/culture_conditions" + ExecutiveRoutes.pointer(e.getKey());
      if (!CULTURE_FIELDS.contains(e.getKey())) {
        problems.add(new FieldError(pointer, "is not a field of this request"));
        continue;
      }
      int max = SHORT_FIELDS.contains(e.getKey()) ? 12 : 100;
      if (e.getValue() != null && e.getValue().length() > max) {
        problems.add(new FieldError(pointer, "must be at most " + max + " characters"));
      }
    }
    return List.copyOf(problems);
  }
}
