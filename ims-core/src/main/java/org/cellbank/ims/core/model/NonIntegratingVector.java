package org.cellbank.ims.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Reprogramming with a non-integrating vector (e.g. episomal, Sendai virus).
 *
 * @param vector the vector type, e.g. {@code Episomal}; may be null
 * @param genes the reprogramming genes, in registry order
 * @param detectable whether the vector is still detectable
 * @param methods how detection was checked
 * @param detectionNotes notes on the detection; may be null
 */
public record NonIntegratingVector(
    String vector,
    List<String> genes,
    YesNoUnknown detectable,
    List<String> methods,
    String detectionNotes) implements ReprogrammingVector {

  /** Validates the components and copies the lists. */
  public NonIntegratingVector {
    genes = List.copyOf(Objects.requireNonNull(genes, "genes"));
    Objects.requireNonNull(detectable, "detectable");
    methods = List.copyOf(Objects.requireNonNull(methods, "methods"));
  }

  @Override
  public String kind() {
    return "non_integrating";
  }
}
