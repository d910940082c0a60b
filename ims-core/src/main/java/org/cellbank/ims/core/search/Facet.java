package org.cellbank.ims.core.search;

/** A facet of the catalogue search: a document field whose values the search counts and filters on. */
public enum Facet {
  /** Disease: the donor's and the modification-linked diseases ({@code all_diseases}). */
  DISEASE("all_diseases"),
  /** Donor sex ({@code donor_sex}). */
  DONOR_SEX("donor_sex"),
  /** Donor age range ({@code donor_age}). */
  DONOR_AGE("donor_age"),
  /** Derivation: vector, virus or transposon, vector-free factors ({@code derivation}). */
  DERIVATION("derivation");

  private final String field;

  Facet(String field) {
    this.field = field;
  }

  /** The document field, as named in {@link CatalogueDocument#fields()}. */
  public String field() {
    return field;
  }
}
