package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * PluriTest results of a cell line (the scores are strings, as registered).
 *
 * @param pluritestFlag whether PluriTest was done; may be null
 * @param pluripotencyScore e.g. {@code 42.031}; may be null
 * @param noveltyScore e.g. {@code 1.399}; may be null
 * @param microarrayUrl where the microarray data is; may be null
 */
public record Pluritest(
    Boolean pluritestFlag,
    String pluripotencyScore,
    String noveltyScore,
    String microarrayUrl) {

  /** Validates the components and copies the lists. */
  public Pluritest {
  }
}
