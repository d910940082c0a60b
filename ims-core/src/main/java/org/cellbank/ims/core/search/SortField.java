package org.cellbank.ims.core.search;

/** A result column the catalogue search can sort by (on the field's exact value). */
public enum SortField {
  /** The line's name ({@code name}). */
  NAME("name"),
  /** Donor disease status ({@code donor_disease}). */
  DONOR_DISEASE("donor_disease"),
  /** Genetic modification ({@code cellline_diseases_genes}). */
  CELLLINE_DISEASES_GENES("cellline_diseases_genes"),
  /** Donor sex ({@code donor_sex}). */
  DONOR_SEX("donor_sex"),
  /** Donor age ({@code donor_age}). */
  DONOR_AGE("donor_age"),
  /** Derivation ({@code derivation}). */
  DERIVATION("derivation");

  private final String field;

  SortField(String field) {
    this.field = field;
  }

  /** The document field, as named in {@link CatalogueDocument#fields()}. */
  public String field() {
    return field;
  }
}
