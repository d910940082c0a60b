package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * The karyotype of a cell line.
 *
 * @param karyotype e.g. {@code 46XX}; may be null
 * @param method how it was determined; may be null
 * @param passageNumber the passage it was determined at; may be null
 */
public record Karyotype(
    String karyotype,
    String method,
    String passageNumber) {

  /** Validates the components and copies the lists. */
  public Karyotype {
  }
}
