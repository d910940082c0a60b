package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * A genetic variant of a donor disease, as registered in hPSCreg.
 *
 * @param variantId the hPSCreg id of the variant; the natural key within its disease; may be null
 * @param gene the gene name; may be null
 * @param chromosomeLocation the chromosome location, e.g. {@code 19q13.32}; may be null
 * @param nucleotideSequenceHgvs the HGVS nucleotide notation; may be null
 * @param proteinSequenceHgvs the HGVS protein notation; may be null
 * @param zygosityStatus e.g. {@code Heterozygous}; may be null
 * @param clinvarId the ClinVar id; may be null
 * @param dbsnpId the dbSNP id; may be null
 * @param dbvarId the dbVar id; may be null
 * @param publicationPmid the PubMed id of the publication that describes it; may be null
 * @param notes free-text notes; may be null
 */
public record Variant(
    Integer variantId,
    String gene,
    String chromosomeLocation,
    String nucleotideSequenceHgvs,
    String proteinSequenceHgvs,
    String zygosityStatus,
    String clinvarId,
    String dbsnpId,
    String dbvarId,
    String publicationPmid,
    String notes) {

  /** Validates the components and copies the lists. */
  public Variant {
  }
}
