package org.cellbank.ims.core.importer;

import java.util.Objects;
import java.util.Set;
import org.cellbank.ims.core.model.CellLine;

/**
 * One parsed registry document: the line's registry data, plus what the import needs to apply it.
 *
 * <p>The line holds registry data only: no ECACC number, no status log, no batches, and
 * {@code derivedFrom} is null (the parent is named by its hPSCreg id, resolved by the importer).
 * {@link #kept()} lists the parts the document leaves as they are stored, because the registry's
 * rules say a missing or gated-off section does not delete (for example the karyotype).
 *
 * @param line the registry data as a cell line
 * @param parentHpscregId the hPSCreg id of the parent line ({@code subclone_of.id}); may be null
 * @param kept the parts to take from the stored line instead of from {@link #line()}
 */
public record HpscregDocument(CellLine line, String parentHpscregId, Set<KeptPart> kept) {

  /** Validates the components and copies the set. */
  public HpscregDocument {
    Objects.requireNonNull(line, "line");
    kept = Set.copyOf(Objects.requireNonNull(kept, "kept"));
  }

  /** A part of a line that a registry document may leave untouched. */
  public enum KeptPart {
    /** {@code genetic_modifications_non_disease} absent or null. */
    NON_DISEASE_MODIFICATIONS,
    /** {@code vector_type} neither Integrating nor Non-integrating, or the vector name missing. */
    REPROGRAMMING_VECTOR,
    /** All eight virology and certificate-of-analysis values absent. */
    CHARACTERISATION,
    /** The karyotype gate failed (the karyotype is only ever upserted). */
    KARYOTYPE,
    /** {@code carries_disease_phenotype_associated_variants_flag} not truthy (the record is only ever upserted). */
    DISEASE_GENOTYPE,
    /** {@code genome_wide_analysis_flag} not truthy. */
    GENOME_ANALYSES,
    /** {@code donor.genome_wide_analysis_flag} not truthy. */
    DONOR_GENOME_ANALYSES
  }
}
