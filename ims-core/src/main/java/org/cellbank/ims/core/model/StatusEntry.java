package org.cellbank.ims.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a cell line's status log.
 *
 * @param status the status set
 * @param comment why (required for recalled and withdrawn); may be null
 * @param author who set it; may be null
 * @param changedAt when it was set
 */
public record StatusEntry(
    CellLineStatus status,
    String comment,
    String author,
    Instant changedAt) {

  /** Validates the components and copies the lists. */
  public StatusEntry {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(changedAt, "changedAt");
    if ((status == CellLineStatus.RECALLED || status == CellLineStatus.WITHDRAWN)
        && (comment == null || comment.isBlank())) {
      throw new org.cellbank.ims.core.ValidationException("a comment is required for status " + status.code());
    }
  }
}
