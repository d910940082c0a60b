package org.cellbank.ims.core.executive;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.ValidationStatus;

/**
 * What a manager checks before changing a line's status, as the reference's status form showed it.
 *
 * @param validation the line's hPSCreg validation state
 * @param validated whether that state is one of the two validated ones
 * @param clipPresent whether the line has at least one CLIP version
 * @param batches per batch (in the line's order), whether it has a certificate of analysis
 */
public record Checklist(ValidationStatus validation, boolean validated, boolean clipPresent, List<BatchCheck> batches) {

  /** Checks the components and copies the list. */
  public Checklist {
    Objects.requireNonNull(validation, "validation");
    batches = List.copyOf(Objects.requireNonNull(batches, "batches"));
  }

  /** The checklist of a stored line. */
  public static Checklist of(CellLine line) {
    Objects.requireNonNull(line, "line");
    List<BatchCheck> checks = new ArrayList<>(line.batches().size());
    for (Batch b : line.batches()) {
      checks.add(new BatchCheck(b.batchId(), b.biosamplesId(), b.certificateOfAnalysis() != null));
    }
    ValidationStatus v = line.validationStatus();
    return new Checklist(v, v == ValidationStatus.VALIDATED_VISIBLE || v == ValidationStatus.VALIDATED_NOT_VISIBLE,
        !line.informationPacks().isEmpty(), checks);
  }

  /**
   * One batch's line of the checklist.
   *
   * @param batchId the batch id within the line, e.g. {@code P001}
   * @param batchKey the batch key, e.g. {@code UKBi008-A_P001}
   * @param certificateOfAnalysis whether the batch has a certificate of analysis
   */
  public record BatchCheck(String batchId, String batchKey, boolean certificateOfAnalysis) {

    /** Checks that the ids are present. */
    public BatchCheck {
      Objects.requireNonNull(batchId, "batchId");
      Objects.requireNonNull(batchKey, "batchKey");
    }
  }
}
