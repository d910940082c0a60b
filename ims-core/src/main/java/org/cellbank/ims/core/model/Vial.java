package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * A vial (aliquot) of a batch.
 *
 * @param biosamplesId the vial id, {@code <line>_<batch>_<NNNN>} (or a legacy {@code SAMEA...} id); unique
 * @param name e.g. {@code UKBi008-A P001 vial 0001}
 * @param number the zero-padded number, e.g. {@code 0001}
 * @param derivedFrom free text naming the source, e.g. {@code P001}; may be null
 */
public record Vial(
    String biosamplesId,
    String name,
    String number,
    String derivedFrom) {

  /** Validates the components and copies the lists. */
  public Vial {
    Objects.requireNonNull(biosamplesId, "biosamplesId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(number, "number");
  }
}
