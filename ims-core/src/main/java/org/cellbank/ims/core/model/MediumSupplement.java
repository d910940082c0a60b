package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * A supplement of the culture medium, shown as "supplement - amount unit".
 *
 * @param supplement the supplement, e.g. {@code bFGF}
 * @param amount the amount, e.g. {@code 10}; may be null
 * @param unit the unit, e.g. {@code nanogram_millilitre}; may be null
 */
public record MediumSupplement(
    String supplement,
    String amount,
    String unit) {

  /** Validates the components and copies the lists. */
  public MediumSupplement {
    Objects.requireNonNull(supplement, "supplement");
  }
}
