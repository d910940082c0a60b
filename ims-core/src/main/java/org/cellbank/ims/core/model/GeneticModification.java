package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * A genetic modification of a cell line, of one of five {@link ModificationKind kinds}.
 *
 * <p>Which components apply depends on the kind: a {@code VARIANT} uses the HGVS, zygosity and
 * database ids; {@code ISOGENIC} adds {@code modificationType}; transgene expression, knock-out and
 * knock-in use the delivery method, virus and transposon; a knock-in's {@code gene} is its target
 * gene and it also has a {@code transgene}. Components that do not apply are null.
 *
 * @param kind the kind of modification
 * @param modificationId the hPSCreg id; the natural key within its owner and kind; may be null
 * @param gene the gene (for a knock-in, the target gene); may be null
 * @param transgene the inserted transgene (knock-in only); may be null
 * @param chromosomeLocation the chromosome location; may be null
 * @param chromosomeLocationTransgene the chromosome location of the transgene (knock-in only); may be null
 * @param nucleotideSequenceHgvs the HGVS nucleotide notation; may be null
 * @param proteinSequenceHgvs the HGVS protein notation; may be null
 * @param zygosityStatus e.g. {@code Homozygous}; may be null
 * @param clinvarId the ClinVar id; may be null
 * @param dbsnpId the dbSNP id; may be null
 * @param dbvarId the dbVar id; may be null
 * @param publicationPmid the PubMed id of the publication that describes it; may be null
 * @param modificationType the type of isogenic modification; may be null
 * @param deliveryMethod how it was delivered, e.g. {@code TALEN}; may be null
 * @param virus the virus used for delivery; may be null
 * @param transposon the transposon used for delivery; may be null
 * @param notes free-text notes; may be null
 */
public record GeneticModification(
    ModificationKind kind,
    Integer modificationId,
    String gene,
    String transgene,
    String chromosomeLocation,
    String chromosomeLocationTransgene,
    String nucleotideSequenceHgvs,
    String proteinSequenceHgvs,
    String zygosityStatus,
    String clinvarId,
    String dbsnpId,
    String dbvarId,
    String publicationPmid,
    String modificationType,
    String deliveryMethod,
    String virus,
    String transposon,
    String notes) {

  /** Validates the components and copies the lists. */
  public GeneticModification {
    Objects.requireNonNull(kind, "kind");
  }

  /** Returns an empty builder; lists start empty, other components null, false or 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.kind = kind;
    b.modificationId = modificationId;
    b.gene = gene;
    b.transgene = transgene;
    b.chromosomeLocation = chromosomeLocation;
    b.chromosomeLocationTransgene = chromosomeLocationTransgene;
    b.nucleotideSequenceHgvs = nucleotideSequenceHgvs;
    b.proteinSequenceHgvs = proteinSequenceHgvs;
    b.zygosityStatus = zygosityStatus;
    b.clinvarId = clinvarId;
    b.dbsnpId = dbsnpId;
    b.dbvarId = dbvarId;
    b.publicationPmid = publicationPmid;
    b.modificationType = modificationType;
    b.deliveryMethod = deliveryMethod;
    b.virus = virus;
    b.transposon = transposon;
    b.notes = notes;
    return b;
  }

  /** Builds a {@link GeneticModification}. Not thread-safe. */
  public static final class Builder {
    private ModificationKind kind;
    private Integer modificationId;
    private String gene;
    private String transgene;
    private String chromosomeLocation;
    private String chromosomeLocationTransgene;
    private String nucleotideSequenceHgvs;
    private String proteinSequenceHgvs;
    private String zygosityStatus;
    private String clinvarId;
    private String dbsnpId;
    private String dbvarId;
    private String publicationPmid;
    private String modificationType;
    private String deliveryMethod;
    private String virus;
    private String transposon;
    private String notes;

    private Builder() {}

    /** Sets the kind of modification. */
    public Builder kind(ModificationKind kind) {
      this.kind = kind;
      return this;
    }

    /** Sets the hPSCreg id; the natural key within its owner and kind. */
    public Builder modificationId(Integer modificationId) {
      this.modificationId = modificationId;
      return this;
    }

    /** Sets the gene (for a knock-in, the target gene). */
    public Builder gene(String gene) {
      this.gene = gene;
      return this;
    }

    /** Sets the inserted transgene (knock-in only). */
    public Builder transgene(String transgene) {
      this.transgene = transgene;
      return this;
    }

    /** Sets the chromosome location. */
    public Builder chromosomeLocation(String chromosomeLocation) {
      this.chromosomeLocation = chromosomeLocation;
      return this;
    }

    /** Sets the chromosome location of the transgene (knock-in only). */
    public Builder chromosomeLocationTransgene(String chromosomeLocationTransgene) {
      this.chromosomeLocationTransgene = chromosomeLocationTransgene;
      return this;
    }

    /** Sets the HGVS nucleotide notation. */
    public Builder nucleotideSequenceHgvs(String nucleotideSequenceHgvs) {
      this.nucleotideSequenceHgvs = nucleotideSequenceHgvs;
      return this;
    }

    /** Sets the HGVS protein notation. */
    public Builder proteinSequenceHgvs(String proteinSequenceHgvs) {
      this.proteinSequenceHgvs = proteinSequenceHgvs;
      return this;
    }

    /** Sets e.g. {@code Homozygous}. */
    public Builder zygosityStatus(String zygosityStatus) {
      this.zygosityStatus = zygosityStatus;
      return this;
    }

    /** Sets the ClinVar id. */
    public Builder clinvarId(String clinvarId) {
      this.clinvarId = clinvarId;
      return this;
    }

    /** Sets the dbSNP id. */
    public Builder dbsnpId(String dbsnpId) {
      this.dbsnpId = dbsnpId;
      return this;
    }

    /** Sets the dbVar id. */
    public Builder dbvarId(String dbvarId) {
      this.dbvarId = dbvarId;
      return this;
    }

    /** Sets the PubMed id of the publication that describes it. */
    public Builder publicationPmid(String publicationPmid) {
      this.publicationPmid = publicationPmid;
      return this;
    }

    /** Sets the type of isogenic modification. */
    public Builder modificationType(String modificationType) {
      this.modificationType = modificationType;
      return this;
    }

    /** Sets how it was delivered, e.g. {@code TALEN}. */
    public Builder deliveryMethod(String deliveryMethod) {
      this.deliveryMethod = deliveryMethod;
      return this;
    }

    /** Sets the virus used for delivery. */
    public Builder virus(String virus) {
      this.virus = virus;
      return this;
    }

    /** Sets the transposon used for delivery. */
    public Builder transposon(String transposon) {
      this.transposon = transposon;
      return this;
    }

    /** Sets free-text notes. */
    public Builder notes(String notes) {
      this.notes = notes;
      return this;
    }

    /** Builds the value; throws {@link NullPointerException} for a missing required component. */
    public GeneticModification build() {
      return new GeneticModification(kind, modificationId, gene, transgene, chromosomeLocation, chromosomeLocationTransgene, nucleotideSequenceHgvs, proteinSequenceHgvs, zygosityStatus, clinvarId, dbsnpId, dbvarId, publicationPmid, modificationType, deliveryMethod, virus, transposon, notes);
    }
  }
}
