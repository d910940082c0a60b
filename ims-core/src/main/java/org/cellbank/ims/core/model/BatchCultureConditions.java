package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * The culture conditions of a batch (free text, as recorded).
 *
 * @param cultureMedium e.g. {@code mTeSR}; may be null
 * @param passageMethod e.g. {@code EDTA}; may be null
 * @param matrix e.g. {@code Matrigel / Geltrex}; may be null
 * @param o2Concentration e.g. {@code 21%}; may be null
 * @param co2Concentration e.g. {@code 5%}; may be null
 * @param temperature e.g. {@code 37C}; may be null
 */
public record BatchCultureConditions(
    String cultureMedium,
    String passageMethod,
    String matrix,
    String o2Concentration,
    String co2Concentration,
    String temperature) {

  /** Validates the components and copies the lists. */
  public BatchCultureConditions {
  }
}
