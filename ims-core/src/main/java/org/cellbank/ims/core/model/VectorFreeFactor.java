package org.cellbank.ims.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A vector-free reprogramming factor and the molecules used.
 *
 * @param factor the factor type: {@code mRNA}, {@code Protein}, {@code Small molecules} or {@code miRNA}
 * @param molecules the molecules used
 */
public record VectorFreeFactor(
    String factor,
    List<String> molecules) {

  /** Validates the components and copies the lists. */
  public VectorFreeFactor {
    Objects.requireNonNull(factor, "factor");
    molecules = List.copyOf(Objects.requireNonNull(molecules, "molecules"));
  }
}
