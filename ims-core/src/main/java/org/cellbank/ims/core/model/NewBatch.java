package org.cellbank.ims.core.model;

import java.util.Objects;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.model.BatchType;

/**
 * A request to create a batch of a cell line with {@code vialCount} vials.
 *
 * <p>The batch gets the key {@code <line name>_<batchId>} and vials
 * {@code <line name>_<batchId>_<NNNN>} named {@code <line name> <batchId> vial <NNNN>}, numbered
 * from 0001.
 *
 * @param cellLineBiosamplesId the BioSamples id of the line
 * @param batchId one letter and three digits, e.g. {@code M001}; unique within the line
 * @param type who expanded the batch
 * @param vialCount how many vials, 1 to 9999
 * @param derivedFrom free text naming what the vials derive from, e.g. {@code P001}; may be null
 */
public record NewBatch(String cellLineBiosamplesId, String batchId, BatchType type, int vialCount, String derivedFrom) {

  /** Validates the request. */
  public NewBatch {
    Objects.requireNonNull(cellLineBiosamplesId, "cellLineBiosamplesId");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(type, "type");
    if (!batchId.matches("[A-Za-z][0-9]{3}")) {
      throw new ValidationException("batch id must be one letter and three digits, e.g. M001: " + batchId);
    }
    if (vialCount < 1 || vialCount > 9999) {
      throw new ValidationException("a batch needs 1 to 9999 vials: " + vialCount);
    }
  }
}
