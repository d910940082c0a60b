package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * A culture medium other than a named commercial one.
 *
 * @param base the base medium (may be empty)
 * @param proteinSource the protein source; may be null
 * @param serumConcentration the serum concentration in percent; may be null
 */
public record CultureMediumOther(
    String base,
    String proteinSource,
    Integer serumConcentration) {

  /** Validates the components and copies the lists. */
  public CultureMediumOther {
    Objects.requireNonNull(base, "base");
  }
}
