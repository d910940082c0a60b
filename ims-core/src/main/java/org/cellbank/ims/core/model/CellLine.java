package org.cellbank.ims.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A whole cell-line record: the aggregate that the repositories read and write.
 *
 * <p>It holds the registry data (donor, diseases, modifications, derivation, reprogramming, culture
 * conditions, characterisation, karyotype, disease-genotype flags, publications) and the biobank's own data (status log,
 * information packs, batches with vials). Lists are never null; list order is meaningful and kept.
 * {@link #version()} is the optimistic-locking version the database assigned; it is ignored on insert
 * and must match the stored version on update.
 *
 * @param name the hPSCreg name, e.g. {@code UKBi008-A}; unique
 * @param biosamplesId the BioSamples id, e.g. {@code SAMEA2590882}; the natural key
 * @param alternativeNames other names of the line
 * @param hpscregId hPSCreg's internal id; may be null
 * @param ecaccId the ECACC catalogue number, e.g. {@code 66540003}; may be null
 * @param validationStatus the hPSCreg validation state
 * @param availableForSale the "go live" intent, set by status changes; may be null
 * @param availableForSaleAtEcacc whether ECACC lists the line
 * @param donor the donor; may be null
 * @param donorAge the donor's age range, e.g. {@code 35-39}; may be null
 * @param depositor the generating organisation's name
 * @param owner the owning organisation's name; may be null
 * @param derivationCountry the country the line was derived in; may be null
 * @param hasDiseases whether the donor has a disease; may be null
 * @param diseaseAssociatedPhenotypes disease-associated phenotypes
 * @param nonDiseaseAssociatedPhenotypes other phenotypes of the donor
 * @param hasGeneticModification whether the line is genetically modified; may be null
 * @param derivedFrom the BioSamples id of the parent line, for a subclone; may be null
 * @param publicNotes notes shown on the public catalogue page; may be null
 * @param diseases diseases linked to genetic modifications of the line
 * @param nonDiseaseModifications genetic modifications not linked to a disease
 * @param derivation how the line was derived; may be null
 * @param reprogrammingVector the reprogramming vector, integrating or not; may be null
 * @param vectorFreeFactors vector-free reprogramming factors
 * @param cultureConditions the depositor's culture conditions; may be null
 * @param characterisation the characterisation; may be null
 * @param pluritest PluriTest results; may be null
 * @param karyotype the karyotype; may be null
 * @param diseaseGenotype the disease-associated genotype flags; may be null (none recorded)
 * @param genomeAnalyses genome-wide analyses of the line
 * @param publications publications
 * @param informationPacks the CLIPs, newest first
 * @param statusLog the status log, newest first
 * @param batches the batches, oldest first
 * @param version the optimistic-locking version (0 for a line not stored yet)
 */
public record CellLine(
    String name,
    String biosamplesId,
    List<String> alternativeNames,
    String hpscregId,
    String ecaccId,
    ValidationStatus validationStatus,
    Boolean availableForSale,
    boolean availableForSaleAtEcacc,
    Donor donor,
    String donorAge,
    String depositor,
    String owner,
    String derivationCountry,
    Boolean hasDiseases,
    List<String> diseaseAssociatedPhenotypes,
    List<String> nonDiseaseAssociatedPhenotypes,
    Boolean hasGeneticModification,
    String derivedFrom,
    String publicNotes,
    List<CellLineDisease> diseases,
    List<GeneticModification> nonDiseaseModifications,
    Derivation derivation,
    ReprogrammingVector reprogrammingVector,
    List<VectorFreeFactor> vectorFreeFactors,
    CultureConditions cultureConditions,
    Characterisation characterisation,
    Pluritest pluritest,
    Karyotype karyotype,
    DiseaseGenotype diseaseGenotype,
    List<GenomeAnalysis> genomeAnalyses,
    List<Publication> publications,
    List<InformationPack> informationPacks,
    List<StatusEntry> statusLog,
    List<Batch> batches,
    long version) {

  /** Validates the components and copies the lists. */
  public CellLine {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(biosamplesId, "biosamplesId");
    alternativeNames = List.copyOf(Objects.requireNonNull(alternativeNames, "alternativeNames"));
    Objects.requireNonNull(validationStatus, "validationStatus");
    Objects.requireNonNull(depositor, "depositor");
    diseaseAssociatedPhenotypes = List.copyOf(Objects.requireNonNull(diseaseAssociatedPhenotypes, "diseaseAssociatedPhenotypes"));
    nonDiseaseAssociatedPhenotypes = List.copyOf(Objects.requireNonNull(nonDiseaseAssociatedPhenotypes, "nonDiseaseAssociatedPhenotypes"));
    diseases = List.copyOf(Objects.requireNonNull(diseases, "diseases"));
    nonDiseaseModifications = List.copyOf(Objects.requireNonNull(nonDiseaseModifications, "nonDiseaseModifications"));
    vectorFreeFactors = List.copyOf(Objects.requireNonNull(vectorFreeFactors, "vectorFreeFactors"));
    genomeAnalyses = List.copyOf(Objects.requireNonNull(genomeAnalyses, "genomeAnalyses"));
    publications = List.copyOf(Objects.requireNonNull(publications, "publications"));
    informationPacks = List.copyOf(Objects.requireNonNull(informationPacks, "informationPacks"));
    statusLog = List.copyOf(Objects.requireNonNull(statusLog, "statusLog"));
    batches = List.copyOf(Objects.requireNonNull(batches, "batches"));
    if (name.isBlank() || name.length() > 16) {
      throw new org.cellbank.ims.core.ValidationException("cell-line name must be 1 to 16 characters: " + name);
    }
    if (biosamplesId.isBlank()) {
      throw new org.cellbank.ims.core.ValidationException("cell line " + name + " has a blank BioSamples id");
    }
  }

  /** The current status: the newest entry of the status log, if any. */
  public java.util.Optional<CellLineStatus> currentStatus() {
    return statusLog.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(statusLog.get(0).status());
  }

  /**
   * Every disease recorded for the line: the donor's first, in their order, then the line's own
   * (one per disease its modifications are tied to); unmodifiable.
   */
  public java.util.List<DiseaseMention> diseaseMentions() {
    java.util.List<DiseaseMention> all = new java.util.ArrayList<>();
    if (donor != null) {
      for (DonorDisease d : donor.diseases()) {
        all.add(new DiseaseMention(d.disease(), d.freeTextName(), d.notes(), d.primary(), true));
      }
    }
    for (CellLineDisease d : diseases) {
      all.add(new DiseaseMention(d.disease(), d.freeTextName(), d.notes(), d.primary(), false));
    }
    return java.util.Collections.unmodifiableList(all);
  }

  /**
   * The line's primary disease, as the reference chose it: the first disease marked primary (the
   * donor's before the line's), else the first with a term other than "normal", else the first
   * disease recorded; empty when none is (docs/reference-behaviour.md §4).
   */
  public java.util.Optional<DiseaseMention> primaryDisease() {
    java.util.List<DiseaseMention> all = diseaseMentions();
    for (DiseaseMention m : all) {
      if (m.primary()) {
        return java.util.Optional.of(m);
      }
    }
    for (DiseaseMention m : all) {
      if (m.disease() != null && !m.disease().isNormal()) {
        return java.util.Optional.of(m);
      }
    }
    return all.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(all.get(0));
  }

  /**
   * The "go live" flag ECACC reads: false while the go-live intent ({@code availableForSale}) was
   * never set; true for a withdrawn line (ECACC must import withdrawn lines too); else the intent
   * (docs/reference-behaviour.md §3).
   */
  public boolean flagGoLive() {
    if (availableForSale == null) {
      return false;
    }
    if (currentStatus().orElse(null) == CellLineStatus.WITHDRAWN) {
      return true;
    }
    return availableForSale;
  }

  /**
   * Whether the line belongs in the public catalogue and its search: ECACC lists it and its current
   * status is not withdrawn, not available or recalled; a line with no status at all passes
   * (docs/reference-behaviour.md §2).
   */
  public boolean visibleInCatalogue() {
    if (!availableForSaleAtEcacc) {
      return false;
    }
    CellLineStatus status = currentStatus().orElse(null);
    return status != CellLineStatus.WITHDRAWN && status != CellLineStatus.NOT_AVAILABLE
        && status != CellLineStatus.RECALLED;
  }

  /** Returns an empty builder; lists start empty, other components null, false or 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.biosamplesId = biosamplesId;
    b.alternativeNames = alternativeNames;
    b.hpscregId = hpscregId;
    b.ecaccId = ecaccId;
    b.validationStatus = validationStatus;
    b.availableForSale = availableForSale;
    b.availableForSaleAtEcacc = availableForSaleAtEcacc;
    b.donor = donor;
    b.donorAge = donorAge;
    b.depositor = depositor;
    b.owner = owner;
    b.derivationCountry = derivationCountry;
    b.hasDiseases = hasDiseases;
    b.diseaseAssociatedPhenotypes = diseaseAssociatedPhenotypes;
    b.nonDiseaseAssociatedPhenotypes = nonDiseaseAssociatedPhenotypes;
    b.hasGeneticModification = hasGeneticModification;
    b.derivedFrom = derivedFrom;
    b.publicNotes = publicNotes;
    b.diseases = diseases;
    b.nonDiseaseModifications = nonDiseaseModifications;
    b.derivation = derivation;
    b.reprogrammingVector = reprogrammingVector;
    b.vectorFreeFactors = vectorFreeFactors;
    b.cultureConditions = cultureConditions;
    b.characterisation = characterisation;
    b.pluritest = pluritest;
    b.karyotype = karyotype;
    b.diseaseGenotype = diseaseGenotype;
    b.genomeAnalyses = genomeAnalyses;
    b.publications = publications;
    b.informationPacks = informationPacks;
    b.statusLog = statusLog;
    b.batches = batches;
    b.version = version;
    return b;
  }

  /** Builds a {@link CellLine}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private String biosamplesId;
    private List<String> alternativeNames = List.of();
    private String hpscregId;
    private String ecaccId;
    private ValidationStatus validationStatus;
    private Boolean availableForSale;
    private boolean availableForSaleAtEcacc;
    private Donor donor;
    private String donorAge;
    private String depositor;
    private String owner;
    private String derivationCountry;
    private Boolean hasDiseases;
    private List<String> diseaseAssociatedPhenotypes = List.of();
    private List<String> nonDiseaseAssociatedPhenotypes = List.of();
    private Boolean hasGeneticModification;
    private String derivedFrom;
    private String publicNotes;
    private List<CellLineDisease> diseases = List.of();
    private List<GeneticModification> nonDiseaseModifications = List.of();
    private Derivation derivation;
    private ReprogrammingVector reprogrammingVector;
    private List<VectorFreeFactor> vectorFreeFactors = List.of();
    private CultureConditions cultureConditions;
    private Characterisation characterisation;
    private Pluritest pluritest;
    private Karyotype karyotype;
    private DiseaseGenotype diseaseGenotype;
    private List<GenomeAnalysis> genomeAnalyses = List.of();
    private List<Publication> publications = List.of();
    private List<InformationPack> informationPacks = List.of();
    private List<StatusEntry> statusLog = List.of();
    private List<Batch> batches = List.of();
    private long version;

    private Builder() {}

    /** Sets the hPSCreg name, e.g. {@code UKBi008-A}; unique. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets the BioSamples id, e.g. {@code SAMEA2590882}; the natural key. */
    public Builder biosamplesId(String biosamplesId) {
      this.biosamplesId = biosamplesId;
      return this;
    }

    /** Sets other names of the line. */
    public Builder alternativeNames(List<String> alternativeNames) {
      this.alternativeNames = alternativeNames;
      return this;
    }

    /** Sets hPSCreg's internal id. */
    public Builder hpscregId(String hpscregId) {
      this.hpscregId = hpscregId;
      return this;
    }

    /** Sets the ECACC catalogue number, e.g. {@code 66540003}. */
    public Builder ecaccId(String ecaccId) {
      this.ecaccId = ecaccId;
      return this;
    }

    /** Sets the hPSCreg validation state. */
    public Builder validationStatus(ValidationStatus validationStatus) {
      this.validationStatus = validationStatus;
      return this;
    }

    /** Sets the "go live" intent, set by status changes. */
    public Builder availableForSale(Boolean availableForSale) {
      this.availableForSale = availableForSale;
      return this;
    }

    /** Sets whether ECACC lists the line. */
    public Builder availableForSaleAtEcacc(boolean availableForSaleAtEcacc) {
      this.availableForSaleAtEcacc = availableForSaleAtEcacc;
      return this;
    }

    /** Sets the donor. */
    public Builder donor(Donor donor) {
      this.donor = donor;
      return this;
    }

    /** Sets the donor's age range, e.g. {@code 35-39}. */
    public Builder donorAge(String donorAge) {
      this.donorAge = donorAge;
      return this;
    }

    /** Sets the generating organisation's name. */
    public Builder depositor(String depositor) {
      this.depositor = depositor;
      return this;
    }

    /** Sets the owning organisation's name. */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /** Sets the country the line was derived in. */
    public Builder derivationCountry(String derivationCountry) {
      this.derivationCountry = derivationCountry;
      return this;
    }

    /** Sets whether the donor has a disease. */
    public Builder hasDiseases(Boolean hasDiseases) {
      this.hasDiseases = hasDiseases;
      return this;
    }

    /** Sets disease-associated phenotypes. */
    public Builder diseaseAssociatedPhenotypes(List<String> diseaseAssociatedPhenotypes) {
      this.diseaseAssociatedPhenotypes = diseaseAssociatedPhenotypes;
      return this;
    }

    /** Sets other phenotypes of the donor. */
    public Builder nonDiseaseAssociatedPhenotypes(List<String> nonDiseaseAssociatedPhenotypes) {
      this.nonDiseaseAssociatedPhenotypes = nonDiseaseAssociatedPhenotypes;
      return this;
    }

    /** Sets whether the line is genetically modified. */
    public Builder hasGeneticModification(Boolean hasGeneticModification) {
      this.hasGeneticModification = hasGeneticModification;
      return this;
    }

    /** Sets the BioSamples id of the parent line, for a subclone. */
    public Builder derivedFrom(String derivedFrom) {
      this.derivedFrom = derivedFrom;
      return this;
    }

    /** Sets notes shown on the public catalogue page. */
    public Builder publicNotes(String publicNotes) {
      this.publicNotes = publicNotes;
      return this;
    }

    /** Sets diseases linked to genetic modifications of the line. */
    public Builder diseases(List<CellLineDisease> diseases) {
      this.diseases = diseases;
      return this;
    }

    /** Sets genetic modifications not linked to a disease. */
    public Builder nonDiseaseModifications(List<GeneticModification> nonDiseaseModifications) {
      this.nonDiseaseModifications = nonDiseaseModifications;
      return this;
    }

    /** Sets how the line was derived. */
    public Builder derivation(Derivation derivation) {
      this.derivation = derivation;
      return this;
    }

    /** Sets the reprogramming vector, integrating or not. */
    public Builder reprogrammingVector(ReprogrammingVector reprogrammingVector) {
      this.reprogrammingVector = reprogrammingVector;
      return this;
    }

    /** Sets vector-free reprogramming factors. */
    public Builder vectorFreeFactors(List<VectorFreeFactor> vectorFreeFactors) {
      this.vectorFreeFactors = vectorFreeFactors;
      return this;
    }

    /** Sets the depositor's culture conditions. */
    public Builder cultureConditions(CultureConditions cultureConditions) {
      this.cultureConditions = cultureConditions;
      return this;
    }

    /** Sets the characterisation. */
    public Builder characterisation(Characterisation characterisation) {
      this.characterisation = characterisation;
      return this;
    }

    /** Sets pluriTest results. */
    public Builder pluritest(Pluritest pluritest) {
      this.pluritest = pluritest;
      return this;
    }

    /** Sets the karyotype. */
    public Builder karyotype(Karyotype karyotype) {
      this.karyotype = karyotype;
      return this;
    }

    /** Sets the disease-associated genotype flags; null when none are recorded. */
    public Builder diseaseGenotype(DiseaseGenotype diseaseGenotype) {
      this.diseaseGenotype = diseaseGenotype;
      return this;
    }

    /** Sets genome-wide analyses of the line. */
    public Builder genomeAnalyses(List<GenomeAnalysis> genomeAnalyses) {
      this.genomeAnalyses = genomeAnalyses;
      return this;
    }

    /** Sets publications. */
    public Builder publications(List<Publication> publications) {
      this.publications = publications;
      return this;
    }

    /** Sets the CLIPs, newest first. */
    public Builder informationPacks(List<InformationPack> informationPacks) {
      this.informationPacks = informationPacks;
      return this;
    }

    /** Sets the status log, newest first. */
    public Builder statusLog(List<StatusEntry> statusLog) {
      this.statusLog = statusLog;
      return this;
    }

    /** Sets the batches, oldest first. */
    public Builder batches(List<Batch> batches) {
      this.batches = batches;
      return this;
    }

    /** Sets the optimistic-locking version (0 for a line not stored yet). */
    public Builder version(long version) {
      this.version = version;
      return this;
    }

    /** Builds the value; throws {@link NullPointerException} for a missing required component. */
    public CellLine build() {
      return new CellLine(name, biosamplesId, alternativeNames, hpscregId, ecaccId, validationStatus, availableForSale, availableForSaleAtEcacc, donor, donorAge, depositor, owner, derivationCountry, hasDiseases, diseaseAssociatedPhenotypes, nonDiseaseAssociatedPhenotypes, hasGeneticModification, derivedFrom, publicNotes, diseases, nonDiseaseModifications, derivation, reprogrammingVector, vectorFreeFactors, cultureConditions, characterisation, pluritest, karyotype, diseaseGenotype, genomeAnalyses, publications, informationPacks, statusLog, batches, version);
    }
  }
}
