package org.cellbank.ims.core.model;

import java.util.List;
import java.util.Objects;

/**
 * The donor of one or more cell lines, identified by its BioSamples id.
 *
 * @param biosamplesId the donor's BioSamples id ({@code SAMEA...}); the natural key
 * @param gender e.g. {@code male}; may be null
 * @param internalDonorIds the depositor's own ids for the donor
 * @param countryOfOrigin the donor's country of origin; may be null
 * @param ethnicity the ethnicity as registered; may be null
 * @param familyHistory the family history; may be null
 * @param medicalHistory the medical history; may be null
 * @param clinicalInformation clinical information; may be null
 * @param karyotype the donor's karyotype; may be null
 * @param karyotypeMethod how the donor's karyotype was determined; may be null
 * @param diseases the donor's diseases, in registry order
 * @param genomeAnalyses genome-wide analyses of the donor
 */
public record Donor(
    String biosamplesId,
    String gender,
    List<String> internalDonorIds,
    String countryOfOrigin,
    String ethnicity,
    String familyHistory,
    String medicalHistory,
    String clinicalInformation,
    String karyotype,
    String karyotypeMethod,
    List<DonorDisease> diseases,
    List<GenomeAnalysis> genomeAnalyses) {

  /** Validates the components and copies the lists. */
  public Donor {
    Objects.requireNonNull(biosamplesId, "biosamplesId");
    internalDonorIds = List.copyOf(Objects.requireNonNull(internalDonorIds, "internalDonorIds"));
    diseases = List.copyOf(Objects.requireNonNull(diseases, "diseases"));
    genomeAnalyses = List.copyOf(Objects.requireNonNull(genomeAnalyses, "genomeAnalyses"));
  }

  /** Returns an empty builder; lists start empty, other components null, false or 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.biosamplesId = biosamplesId;
    b.gender = gender;
    b.internalDonorIds = internalDonorIds;
    b.countryOfOrigin = countryOfOrigin;
    b.ethnicity = ethnicity;
    b.familyHistory = familyHistory;
    b.medicalHistory = medicalHistory;
    b.clinicalInformation = clinicalInformation;
    b.karyotype = karyotype;
    b.karyotypeMethod = karyotypeMethod;
    b.diseases = diseases;
    b.genomeAnalyses = genomeAnalyses;
    return b;
  }

  /** Builds a {@link Donor}. Not thread-safe. */
  public static final class Builder {
    private String biosamplesId;
    private String gender;
    private List<String> internalDonorIds = List.of();
    private String countryOfOrigin;
    private String ethnicity;
    private String familyHistory;
    private String medicalHistory;
    private String clinicalInformation;
    private String karyotype;
    private String karyotypeMethod;
    private List<DonorDisease> diseases = List.of();
    private List<GenomeAnalysis> genomeAnalyses = List.of();

    private Builder() {}

    /** Sets the donor's BioSamples id ({@code SAMEA...}); the natural key. */
    public Builder biosamplesId(String biosamplesId) {
      this.biosamplesId = biosamplesId;
      return this;
    }

    /** Sets e.g. {@code male}. */
    public Builder gender(String gender) {
      this.gender = gender;
      return this;
    }

    /** Sets the depositor's own ids for the donor. */
    public Builder internalDonorIds(List<String> internalDonorIds) {
      this.internalDonorIds = internalDonorIds;
      return this;
    }

    /** Sets the donor's country of origin. */
    public Builder countryOfOrigin(String countryOfOrigin) {
      this.countryOfOrigin = countryOfOrigin;
      return this;
    }

    /** Sets the ethnicity as registered. */
    public Builder ethnicity(String ethnicity) {
      this.ethnicity = ethnicity;
      return this;
    }

    /** Sets the family history. */
    public Builder familyHistory(String familyHistory) {
      this.familyHistory = familyHistory;
      return this;
    }

    /** Sets the medical history. */
    public Builder medicalHistory(String medicalHistory) {
      this.medicalHistory = medicalHistory;
      return this;
    }

    /** Sets clinical information. */
    public Builder clinicalInformation(String clinicalInformation) {
      this.clinicalInformation = clinicalInformation;
      return this;
    }

    /** Sets the donor's karyotype. */
    public Builder karyotype(String karyotype) {
      this.karyotype = karyotype;
      return this;
    }

    /** Sets how the donor's karyotype was determined. */
    public Builder karyotypeMethod(String karyotypeMethod) {
      this.karyotypeMethod = karyotypeMethod;
      return this;
    }

    /** Sets the donor's diseases, in registry order. */
    public Builder diseases(List<DonorDisease> diseases) {
      this.diseases = diseases;
      return this;
    }

    /** Sets genome-wide analyses of the donor. */
    public Builder genomeAnalyses(List<GenomeAnalysis> genomeAnalyses) {
      this.genomeAnalyses = genomeAnalyses;
      return this;
    }

    /** Builds the value; throws {@link NullPointerException} for a missing required component. */
    public Donor build() {
      return new Donor(biosamplesId, gender, internalDonorIds, countryOfOrigin, ethnicity, familyHistory, medicalHistory, clinicalInformation, karyotype, karyotypeMethod, diseases, genomeAnalyses);
    }
  }
}
