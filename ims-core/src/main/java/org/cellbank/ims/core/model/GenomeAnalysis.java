package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * A genome-wide analysis of a line or donor, as a link to the data.
 *
 * @param analysisMethod the method, e.g. {@code Whole genome sequencing}; may be null
 * @param link where the data is; may be null
 */
public record GenomeAnalysis(
    String analysisMethod,
    String link) {

  /** Validates the components and copies the lists. */
  public GenomeAnalysis {
  }
}
