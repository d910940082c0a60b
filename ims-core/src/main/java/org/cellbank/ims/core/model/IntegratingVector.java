package org.cellbank.ims.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Reprogramming with an integrating vector (a virus or a transposon).
 *
 * @param vector the vector type, e.g. {@code Virus} or {@code Transposon}; may be null
 * @param virus the virus, e.g. {@code Retrovirus}; may be null
 * @param transposon the transposon, e.g. {@code Sleeping beauty}; may be null
 * @param excisable whether the vector is excisable; may be null
 * @param absenceOfReprogrammingVectors whether the absence of the vectors was checked; may be null
 * @param genes the reprogramming genes, in registry order
 * @param silenced whether the vector is silenced
 * @param methods how silencing was checked
 * @param silencingNotes notes on the silencing; may be null
 */
public record IntegratingVector(
    String vector,
    String virus,
    String transposon,
    Boolean excisable,
    Boolean absenceOfReprogrammingVectors,
    List<String> genes,
    YesNoUnknown silenced,
    List<String> methods,
    String silencingNotes) implements ReprogrammingVector {

  /** Validates the components and copies the lists. */
  public IntegratingVector {
    genes = List.copyOf(Objects.requireNonNull(genes, "genes"));
    Objects.requireNonNull(silenced, "silenced");
    methods = List.copyOf(Objects.requireNonNull(methods, "methods"));
  }

  @Override
  public String kind() {
    return "integrating";
  }
}
