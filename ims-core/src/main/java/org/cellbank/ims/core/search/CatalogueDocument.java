package org.cellbank.ims.core.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineDisease;
import org.cellbank.ims.core.model.Derivation;
import org.cellbank.ims.core.model.Disease;
import org.cellbank.ims.core.model.DiseaseMention;
import org.cellbank.ims.core.model.Donor;
import org.cellbank.ims.core.model.DonorDisease;
import org.cellbank.ims.core.model.GeneticModification;
import org.cellbank.ims.core.model.IntegratingVector;
import org.cellbank.ims.core.model.ModificationKind;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.ReprogrammingVector;
import org.cellbank.ims.core.model.Variant;
import org.cellbank.ims.core.model.VectorFreeFactor;

/**
 * The search document of one cell line: the fields the public catalogue search indexes, filters,
 * counts and sorts on.
 *
 * <p>{@link #of(CellLine)} derives it from a whole cell line (the derived properties of the EBiSC
 * catalogue: primary disease, disease lists, "disease (genes)" strings, genetics and derivation search
 * terms, the derivation facet). {@link #isVisible(CellLine)} is the rule that decides whether a line is
 * in the index at all. {@link #fields()} is the document as the index stores it (snake_case names,
 * empty values left out) and {@link #hash()} a digest of exactly that, used to find stale documents.
 *
 * @param biosamplesId the line's BioSamples id; the document id
 * @param name the hPSCreg name, e.g. {@code UKBi008-A}
 * @param primaryDisease the name of the primary disease; may be null
 * @param donorDisease the names of the donor's diseases
 * @param geneticModificationDisease the names of the diseases linked to genetic modifications
 * @param celllineDiseasesGenes one "Disease (GENE1, GENE2)" string per modification-linked disease,
 *     plus one string listing the genes of the other modifications
 * @param allDiseases the union of the donor's and the modification-linked diseases; the disease facet
 * @param primaryDiseaseSynonyms the synonyms of the primary disease
 * @param diseaseAssociatedPhenotypes disease-associated phenotypes
 * @param nonDiseaseAssociatedPhenotypes other phenotypes
 * @param depositor the depositor (generating organisation)
 * @param primaryCellType the primary cell type; may be null
 * @param alternativeNames the alternative names joined with {@code ", "}; may be null
 * @param donorSex the donor's sex, {@value #SEX_NOT_KNOWN} when unknown; the donor-sex facet
 * @param donorAge the donor's age range; the donor-age facet; may be null
 * @param donorEthnicity the donor's ethnicity; may be null
 * @param derivation the derivation facet values (vector, virus or transposon, vector-free factors)
 * @param allGenetics genetics search terms (genes, locations, HGVS, zygosity, database ids, PMIDs)
 * @param allDerivation derivation search terms (vector, virus, transposon, factors, genes)
 */
public record CatalogueDocument(
    String biosamplesId,
    String name,
    String primaryDisease,
    List<String> donorDisease,
    List<String> geneticModificationDisease,
    List<String> celllineDiseasesGenes,
    List<String> allDiseases,
    List<String> primaryDiseaseSynonyms,
    List<String> diseaseAssociatedPhenotypes,
    List<String> nonDiseaseAssociatedPhenotypes,
    String depositor,
    String primaryCellType,
    String alternativeNames,
    String donorSex,
    String donorAge,
    String donorEthnicity,
    List<String> derivation,
    List<String> allGenetics,
    List<String> allDerivation) {

  /** The donor sex of a line whose donor's gender is not recorded. */
  public static final String SEX_NOT_KNOWN = "Not known";

  /** The name of the stored field that holds {@link #hash()}. */
  public static final String HASH_FIELD = "doc_hash";

  /** Validates the components and copies the lists. */
  public CatalogueDocument {
    Objects.requireNonNull(biosamplesId, "biosamplesId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(depositor, "depositor");
    Objects.requireNonNull(donorSex, "donorSex");
    donorDisease = List.copyOf(Objects.requireNonNull(donorDisease, "donorDisease"));
    geneticModificationDisease = List.copyOf(Objects.requireNonNull(geneticModificationDisease, "geneticModificationDisease"));
    celllineDiseasesGenes = List.copyOf(Objects.requireNonNull(celllineDiseasesGenes, "celllineDiseasesGenes"));
    allDiseases = List.copyOf(Objects.requireNonNull(allDiseases, "allDiseases"));
    primaryDiseaseSynonyms = List.copyOf(Objects.requireNonNull(primaryDiseaseSynonyms, "primaryDiseaseSynonyms"));
    diseaseAssociatedPhenotypes = List.copyOf(Objects.requireNonNull(diseaseAssociatedPhenotypes, "diseaseAssociatedPhenotypes"));
    nonDiseaseAssociatedPhenotypes = List.copyOf(Objects.requireNonNull(nonDiseaseAssociatedPhenotypes, "nonDiseaseAssociatedPhenotypes"));
    derivation = List.copyOf(Objects.requireNonNull(derivation, "derivation"));
    allGenetics = List.copyOf(Objects.requireNonNull(allGenetics, "allGenetics"));
    allDerivation = List.copyOf(Objects.requireNonNull(allDerivation, "allDerivation"));
    if (biosamplesId.isBlank()) {
      throw new org.cellbank.ims.core.ValidationException("a catalogue document needs a BioSamples id");
    }
  }

  /**
   * Whether a line belongs in the public search index: {@link CellLine#visibleInCatalogue()}.
   */
  public static boolean isVisible(CellLine line) {
    return Objects.requireNonNull(line, "line").visibleInCatalogue();
  }

  /**
   * The document of a line if the line is {@linkplain #isVisible(CellLine) visible}, else empty.
   *
   * <p>This is what a document source hands the {@link OutboxDrainer}: empty means "remove it from
   * the index". {@link #of(CellLine)} is the twin that derives the document regardless.
   */
  public static Optional<CatalogueDocument> ifVisible(CellLine line) {
    return isVisible(line) ? Optional.of(of(line)) : Optional.empty();
  }

  /** Derives the search document of a line, visible or not. */
  public static CatalogueDocument of(CellLine line) {
    Objects.requireNonNull(line, "line");
    Donor donor = line.donor();
    List<DonorDisease> donorDiseases = donor == null ? List.of() : donor.diseases();
    List<String> donorDiseaseNames = names(donorDiseases.stream().map(d -> name(d.disease(), d.freeTextName())).toList());
    List<String> celllineDiseaseNames = names(line.diseases().stream().map(d -> name(d.disease(), d.freeTextName())).toList());
    Set<String> all = new LinkedHashSet<>(donorDiseaseNames);
    all.addAll(celllineDiseaseNames);
    Optional<Disease> primaryTerm = primaryDiseaseTerm(line);
    String primaryName = primaryDiseaseName(line);
    Derivation derivation = line.derivation();
    String primaryCellType = derivation == null ? null
        : blankToNull(derivation.primaryCellType() != null ? derivation.primaryCellType() : derivation.primaryCellTypeFreeText());
    return builder()
        .biosamplesId(line.biosamplesId())
        .name(line.name())
        .primaryDisease(primaryName)
        .donorDisease(donorDiseaseNames)
        .geneticModificationDisease(celllineDiseaseNames)
        .celllineDiseasesGenes(celllineDiseasesGenes(line))
        .allDiseases(List.copyOf(all))
        .primaryDiseaseSynonyms(primaryTerm.map(d -> names(d.synonyms())).orElse(List.of()))
        .diseaseAssociatedPhenotypes(names(line.diseaseAssociatedPhenotypes()))
        .nonDiseaseAssociatedPhenotypes(names(line.nonDiseaseAssociatedPhenotypes()))
        .depositor(line.depositor())
        .primaryCellType(primaryCellType)
        .alternativeNames(line.alternativeNames().isEmpty() ? null : String.join(", ", line.alternativeNames()))
        .donorSex(donor == null || blankToNull(donor.gender()) == null ? SEX_NOT_KNOWN : donor.gender())
        .donorAge(blankToNull(line.donorAge()))
        .donorEthnicity(donor == null ? null : blankToNull(donor.ethnicity()))
        .derivation(filterDerivation(line))
        .allGenetics(allGenetics(line, donorDiseases))
        .allDerivation(allDerivation(line))
        .build();
  }

  /**
   * The document as the index stores it: snake_case field names in a fixed order; null values and
   * empty lists are left out. The map is unmodifiable; list values are {@code List<String>}.
   */
  public Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>();
    put(f, "biosamples_id", biosamplesId);
    put(f, "name", name);
    put(f, "primary_disease", primaryDisease);
    put(f, "donor_disease", donorDisease);
    put(f, "genetic_modification_disease", geneticModificationDisease);
    put(f, "cellline_diseases_genes", celllineDiseasesGenes);
    put(f, "all_diseases", allDiseases);
    put(f, "primary_disease_synonyms", primaryDiseaseSynonyms);
    put(f, "disease_associated_phenotypes", diseaseAssociatedPhenotypes);
    put(f, "non_disease_associated_phenotypes", nonDiseaseAssociatedPhenotypes);
    put(f, "depositor", depositor);
    put(f, "primary_cell_type", primaryCellType);
    put(f, "alternative_names", alternativeNames);
    put(f, "donor_sex", donorSex);
    put(f, "donor_age", donorAge);
    put(f, "donor_ethnicity", donorEthnicity);
    put(f, "derivation", derivation);
    put(f, "all_genetics", allGenetics);
    put(f, "all_derivation", allDerivation);
    return Collections.unmodifiableMap(f);
  }

  /**
   * Reads a document back from its stored fields (as {@link #fields()} wrote them; unknown fields,
   * such as {@value #HASH_FIELD}, are ignored). A single string where a list is expected is read as a
   * one-element list.
   */
  public static CatalogueDocument fromFields(Map<String, ?> f) {
    Objects.requireNonNull(f, "f");
    return builder()
        .biosamplesId(string(f, "biosamples_id"))
        .name(string(f, "name"))
        .primaryDisease(string(f, "primary_disease"))
        .donorDisease(list(f, "donor_disease"))
        .geneticModificationDisease(list(f, "genetic_modification_disease"))
        .celllineDiseasesGenes(list(f, "cellline_diseases_genes"))
        .allDiseases(list(f, "all_diseases"))
        .primaryDiseaseSynonyms(list(f, "primary_disease_synonyms"))
        .diseaseAssociatedPhenotypes(list(f, "disease_associated_phenotypes"))
        .nonDiseaseAssociatedPhenotypes(list(f, "non_disease_associated_phenotypes"))
        .depositor(string(f, "depositor"))
        .primaryCellType(string(f, "primary_cell_type"))
        .alternativeNames(string(f, "alternative_names"))
        .donorSex(string(f, "donor_sex") == null ? SEX_NOT_KNOWN : string(f, "donor_sex"))
        .donorAge(string(f, "donor_age"))
        .donorEthnicity(string(f, "donor_ethnicity"))
        .derivation(list(f, "derivation"))
        .allGenetics(list(f, "all_genetics"))
        .allDerivation(list(f, "all_derivation"))
        .build();
  }

  /**
   * A SHA-256 digest (64 hex characters) of {@link #fields()}: equal documents have equal hashes, and
   * a changed field changes it. The index stores it as {@value #HASH_FIELD} for reconciliation.
   */
  public String hash() {
    StringBuilder canonical = new StringBuilder(512);
    for (Map.Entry<String, Object> e : fields().entrySet()) {
      canonical.append(e.getKey()).append('\u001d');
      if (e.getValue() instanceof List<?> values) {
        for (Object v : values) {
          canonical.append(v).append('\u001f');
        }
      } else {
        canonical.append(e.getValue());
      }
      canonical.append('\u001e');
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Returns an empty builder; lists start empty, the donor sex {@value #SEX_NOT_KNOWN}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this value. */
  public Builder toBuilder() {
    return builder().biosamplesId(biosamplesId).name(name).primaryDisease(primaryDisease)
        .donorDisease(donorDisease).geneticModificationDisease(geneticModificationDisease)
        .celllineDiseasesGenes(celllineDiseasesGenes).allDiseases(allDiseases)
        .primaryDiseaseSynonyms(primaryDiseaseSynonyms).diseaseAssociatedPhenotypes(diseaseAssociatedPhenotypes)
        .nonDiseaseAssociatedPhenotypes(nonDiseaseAssociatedPhenotypes).depositor(depositor)
        .primaryCellType(primaryCellType).alternativeNames(alternativeNames).donorSex(donorSex)
        .donorAge(donorAge).donorEthnicity(donorEthnicity).derivation(derivation)
        .allGenetics(allGenetics).allDerivation(allDerivation);
  }

  // --- derived properties -------------------------------------------------------------------

  private static String name(Disease disease, String freeText) {
    if (disease != null && blankToNull(disease.name()) != null) {
      return disease.name();
    }
    return blankToNull(freeText);
  }

  private static String primaryDiseaseName(CellLine line) {
    return line.primaryDisease().map(e -> name(e.disease(), e.freeTextName())).orElse(null);
  }

  private static Optional<Disease> primaryDiseaseTerm(CellLine line) {
    return line.primaryDisease().map(DiseaseMention::disease);
  }

  private static List<String> genesOf(Collection<GeneticModification> modifications) {
    Set<String> genes = new LinkedHashSet<>();
    for (GeneticModification m : modifications) {
      add(genes, m.gene());
    }
    return List.copyOf(genes);
  }

  private static List<String> celllineDiseasesGenes(CellLine line) {
    List<String> out = new ArrayList<>();
    for (CellLineDisease d : line.diseases()) {
      String name = name(d.disease(), d.freeTextName());
      if (name == null) {
        continue;
      }
      List<String> genes = genesOf(d.modifications());
      out.add(genes.isEmpty() ? name : name + " (" + String.join(", ", genes) + ")");
    }
    List<String> otherGenes = genesOf(line.nonDiseaseModifications());
    if (!otherGenes.isEmpty()) {
      out.add(String.join(", ", otherGenes));
    }
    return List.copyOf(out);
  }

  private static List<String> allGenetics(CellLine line, List<DonorDisease> donorDiseases) {
    Set<String> terms = new LinkedHashSet<>();
    List<GeneticModification> modifications = new ArrayList<>();
    line.diseases().forEach(d -> modifications.addAll(d.modifications()));
    modifications.addAll(line.nonDiseaseModifications());
    for (DonorDisease d : donorDiseases) {
      for (Variant v : d.variants()) {
        addAll(terms, v.gene(), v.chromosomeLocation(), v.nucleotideSequenceHgvs(), v.proteinSequenceHgvs(),
            v.zygosityStatus(), v.clinvarId(), v.dbsnpId(), v.dbvarId(), v.publicationPmid());
      }
    }
    for (GeneticModification m : modifications) {
      if (m.kind() == ModificationKind.VARIANT) {
        addAll(terms, m.gene(), m.chromosomeLocation(), m.nucleotideSequenceHgvs(), m.proteinSequenceHgvs(),
            m.zygosityStatus(), m.clinvarId(), m.dbsnpId(), m.dbvarId(), m.publicationPmid());
      } else if (m.kind() == ModificationKind.ISOGENIC) {
        add(terms, m.modificationType());
      } else {
        addAll(terms, m.gene(), m.chromosomeLocation(), m.transgene(), m.chromosomeLocationTransgene());
      }
    }
    return List.copyOf(terms);
  }

  private static List<String> allDerivation(CellLine line) {
    Set<String> terms = new LinkedHashSet<>();
    ReprogrammingVector vector = line.reprogrammingVector();
    if (vector != null) {
      add(terms, vector.vector());
      if (vector instanceof IntegratingVector iv) {
        addAll(terms, iv.virus(), iv.transposon());
      }
    }
    for (VectorFreeFactor f : line.vectorFreeFactors()) {
      add(terms, f.factor());
    }
    if (vector != null) {
      vector.genes().forEach(g -> add(terms, g));
    }
    return List.copyOf(terms);
  }

  private static List<String> filterDerivation(CellLine line) {
    Set<String> values = new LinkedHashSet<>();
    ReprogrammingVector vector = line.reprogrammingVector();
    if (vector instanceof NonIntegratingVector niv) {
      add(values, niv.vector());
    } else if (vector instanceof IntegratingVector iv) {
      add(values, firstNonBlank(iv.virus(), iv.transposon(), iv.vector()));
    }
    for (VectorFreeFactor f : line.vectorFreeFactors()) {
      add(values, f.factor());
    }
    return List.copyOf(values);
  }

  // --- small helpers ------------------------------------------------------------------------

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (blankToNull(v) != null) {
        return v;
      }
    }
    return null;
  }

  private static void addAll(Set<String> target, String... values) {
    for (String v : values) {
      add(target, v);
    }
  }

  private static void add(Set<String> target, String value) {
    if (blankToNull(value) != null) {
      target.add(value);
    }
  }

  private static List<String> names(List<String> values) {
    Set<String> out = new LinkedHashSet<>();
    values.forEach(v -> add(out, v));
    return List.copyOf(out);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static void put(Map<String, Object> f, String key, Object value) {
    if (value == null || (value instanceof List<?> l && l.isEmpty())) {
      return;
    }
    f.put(key, value);
  }

  private static String string(Map<String, ?> f, String key) {
    Object v = f.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> l) {
      return l.isEmpty() ? null : String.valueOf(l.get(0));
    }
    return String.valueOf(v);
  }

  private static List<String> list(Map<String, ?> f, String key) {
    Object v = f.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof Collection<?> c) {
      return c.stream().filter(Objects::nonNull).map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }

  /** Builds a {@link CatalogueDocument}. Not thread-safe. */
  public static final class Builder {
    private String biosamplesId;
    private String name;
    private String primaryDisease;
    private List<String> donorDisease = List.of();
    private List<String> geneticModificationDisease = List.of();
    private List<String> celllineDiseasesGenes = List.of();
    private List<String> allDiseases = List.of();
    private List<String> primaryDiseaseSynonyms = List.of();
    private List<String> diseaseAssociatedPhenotypes = List.of();
    private List<String> nonDiseaseAssociatedPhenotypes = List.of();
    private String depositor;
    private String primaryCellType;
    private String alternativeNames;
    private String donorSex = SEX_NOT_KNOWN;
    private String donorAge;
    private String donorEthnicity;
    private List<String> derivation = List.of();
    private List<String> allGenetics = List.of();
    private List<String> allDerivation = List.of();

    private Builder() {}

    /** Sets the BioSamples id (the document id). */
    public Builder biosamplesId(String v) {
      this.biosamplesId = v;
      return this;
    }

    /** Sets the hPSCreg name. */
    public Builder name(String v) {
      this.name = v;
      return this;
    }

    /** Sets the primary disease's name (may be null). */
    public Builder primaryDisease(String v) {
      this.primaryDisease = v;
      return this;
    }

    /** Sets the donor's disease names. */
    public Builder donorDisease(List<String> v) {
      this.donorDisease = v;
      return this;
    }

    /** Sets the modification-linked disease names. */
    public Builder geneticModificationDisease(List<String> v) {
      this.geneticModificationDisease = v;
      return this;
    }

    /** Sets the "Disease (GENES)" strings. */
    public Builder celllineDiseasesGenes(List<String> v) {
      this.celllineDiseasesGenes = v;
      return this;
    }

    /** Sets the disease facet values. */
    public Builder allDiseases(List<String> v) {
      this.allDiseases = v;
      return this;
    }

    /** Sets the primary disease's synonyms. */
    public Builder primaryDiseaseSynonyms(List<String> v) {
      this.primaryDiseaseSynonyms = v;
      return this;
    }

    /** Sets the disease-associated phenotypes. */
    public Builder diseaseAssociatedPhenotypes(List<String> v) {
      this.diseaseAssociatedPhenotypes = v;
      return this;
    }

    /** Sets the other phenotypes. */
    public Builder nonDiseaseAssociatedPhenotypes(List<String> v) {
      this.nonDiseaseAssociatedPhenotypes = v;
      return this;
    }

    /** Sets the depositor. */
    public Builder depositor(String v) {
      this.depositor = v;
      return this;
    }

    /** Sets the primary cell type (may be null). */
    public Builder primaryCellType(String v) {
      this.primaryCellType = v;
      return this;
    }

    /** Sets the comma-joined alternative names (may be null). */
    public Builder alternativeNames(String v) {
      this.alternativeNames = v;
      return this;
    }

    /** Sets the donor's sex (the donor-sex facet). */
    public Builder donorSex(String v) {
      this.donorSex = v;
      return this;
    }

    /** Sets the donor's age range (may be null). */
    public Builder donorAge(String v) {
      this.donorAge = v;
      return this;
    }

    /** Sets the donor's ethnicity (may be null). */
    public Builder donorEthnicity(String v) {
      this.donorEthnicity = v;
      return this;
    }

    /** Sets the derivation facet values. */
    public Builder derivation(List<String> v) {
      this.derivation = v;
      return this;
    }

    /** Sets the genetics search terms. */
    public Builder allGenetics(List<String> v) {
      this.allGenetics = v;
      return this;
    }

    /** Sets the derivation search terms. */
    public Builder allDerivation(List<String> v) {
      this.allDerivation = v;
      return this;
    }

    /** Builds the document; throws {@link NullPointerException} for a missing id, name or depositor. */
    public CatalogueDocument build() {
      return new CatalogueDocument(biosamplesId, name, primaryDisease, donorDisease, geneticModificationDisease,
          celllineDiseasesGenes, allDiseases, primaryDiseaseSynonyms, diseaseAssociatedPhenotypes,
          nonDiseaseAssociatedPhenotypes, depositor, primaryCellType, alternativeNames, donorSex, donorAge,
          donorEthnicity, derivation, allGenetics, allDerivation);
    }
  }
}
