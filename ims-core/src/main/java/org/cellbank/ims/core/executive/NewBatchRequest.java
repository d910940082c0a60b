package org.cellbank.ims.core.executive;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cellbank.ims.core.model.BatchType;

/**
 * A request to create a batch of a line with its vials: the body of
 * {@code POST /api/v0/executive/cell-lines/{name}/batches},
 * {@code {"batch_id": "M002", "batch_type": "depositor", "vials": 10, "derived_from": "P001"}}.
 *
 * <p>The batch gets the key {@code <line>_<batch id>}; its vials are {@code <line>_<batch id>_0001}
 * and on, each named {@code <line> <batch id> vial <NNNN>} and derived from {@link #derivedFrom()}.
 *
 * @param lineName the line's name, e.g. {@code UKBi008-A}
 * @param batchId one letter and three digits, e.g. {@code M002}, unique within the line; may be null
 *     (then {@link #problems()} names it)
 * @param batchType a batch type code ({@code depositor}, {@code ecacc}, {@code ibmt},
 *     {@code central_facility}, {@code unknown}); null means {@code depositor}
 * @param vials how many vials, 1 to {@value #MAX_VIALS}; may be null (then {@link #problems()} names it)
 * @param derivedFrom free text naming what the vials derive from, e.g. {@code P001}; may be null
 */
public record NewBatchRequest(String lineName, String batchId, String batchType, Integer vials, String derivedFrom) {

  /** The most vials one batch may have (their numbers have four digits). */
  public static final int MAX_VIALS = 9999;
  /** The longest {@code derived_from} accepted (the column's width). */
  public static final int MAX_DERIVED_FROM = 100;

  /** Checks that the line is named. */
  public NewBatchRequest {
    Objects.requireNonNull(lineName, "lineName");
  }

  /** What is wrong with the request, as JSON pointers into its body; empty when it is valid. */
  public List<FieldError> problems() {
    List<FieldError> problems = new ArrayList<>(3);
    if (!validBatchId(batchId)) {
      problems.add(new FieldError("/batch_id", "must be one letter and three digits, e.g. M002"));
    }
    if (batchType != null && parsedType() == null) {
      problems.add(new FieldError("/batch_type", "must be one of depositor, ecacc, ibmt, central_facility, unknown"));
    }
    if (vials == null || vials < 1 || vials > MAX_VIALS) {
      problems.add(new FieldError("/vials", "must be a whole number from 1 to " + MAX_VIALS));
    }
    if (derivedFrom != null && derivedFrom.length() > MAX_DERIVED_FROM) {
      problems.add(new FieldError("/derived_from", "must be at most " + MAX_DERIVED_FROM + " characters"));
    }
    return List.copyOf(problems);
  }

  /** The batch type; {@code depositor} when none is given, null when the code is unknown. */
  BatchType parsedType() {
    if (batchType == null) {
      return BatchType.DEPOSITOR;
    }
    for (BatchType t : BatchType.values()) {
      if (t.code().equals(batchType)) {
        return t;
      }
    }
    return null;
  }

  private static boolean validBatchId(String id) {
    if (id == null || id.length() != 4) {
      return false;
    }
    char letter = id.charAt(0);
    if (!((letter >= 'A' && letter <= 'Z') || (letter >= 'a' && letter <= 'z'))) {
      return false;
    }
    for (int i = 1; i < 4; i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
