package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * A publication about a cell line.
 *
 * @param referenceType the reference type; {@code pubmed} for PubMed
 * @param referenceId the id in that reference type, e.g. the PubMed id; may be null
 * @param referenceUrl the URL; unique per line
 * @param title the title; may be null
 */
public record Publication(
    String referenceType,
    String referenceId,
    String referenceUrl,
    String title) {

  /** Validates the components and copies the lists. */
  public Publication {
    Objects.requireNonNull(referenceType, "referenceType");
    Objects.requireNonNull(referenceUrl, "referenceUrl");
  }
}
