package org.cellbank.ims.core.executive;

import java.util.Objects;

/**
 * The answer to a batch creation.
 *
 * @param batchKey the new batch's key, e.g. {@code UKBi008-A_M002}
 * @param representation the JSON answer, as it was first given (a replay gives it unchanged)
 * @param replayed whether this answers a retried request whose batch was created before (nothing
 *     was written this time)
 */
public record CreatedBatch(String batchKey, String representation, boolean replayed) {

  /** Checks that the components are present. */
  public CreatedBatch {
    Objects.requireNonNull(batchKey, "batchKey");
    Objects.requireNonNull(representation, "representation");
  }
}
