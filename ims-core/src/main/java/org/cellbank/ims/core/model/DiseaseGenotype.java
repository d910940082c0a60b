package org.cellbank.ims.core.model;

/**
 * What the registry says about the genotype of a cell line with respect to its disease: two flags,
 * each of which may be unknown.
 *
 * <p>A line has this record only once the registry has said whether it carries disease-associated
 * variants; a record with both flags null still says that the question was put (the v0 API then
 * emits an object of two nulls, not null).
 *
 * @param carriesDiseasePhenotypeAssociatedVariants whether the line carries variants associated with
 *     the disease phenotype; may be null
 * @param variantOfInterest whether the line has a variant of interest; may be null
 */
public record DiseaseGenotype(
    Boolean carriesDiseasePhenotypeAssociatedVariants,
    Boolean variantOfInterest) {

  /** Nothing to validate: either flag may be null. */
  public DiseaseGenotype {
  }
}
