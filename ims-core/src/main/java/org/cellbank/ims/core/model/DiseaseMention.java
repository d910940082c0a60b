package org.cellbank.ims.core.model;

/**
 * One disease recorded for a line, on its donor or on the line itself, as the primary-disease rule
 * weighs it ({@link CellLine#primaryDisease()}).
 *
 * @param disease the ontology term; null when only a free-text name or notes were given
 * @param freeTextName the name given as text; may be null
 * @param notes the notes recorded with it; may be null
 * @param primary whether it was marked as the primary disease
 * @param ofDonor whether it is a disease of the donor (else of the line, through a modification)
 */
public record DiseaseMention(Disease disease, String freeTextName, String notes, boolean primary, boolean ofDonor) {

  /**
   * Its name: the term's name when the term has one, else the free-text name; may be null.
   */
  public String name() {
    return disease != null && disease.name() != null ? disease.name() : freeTextName;
  }
}
