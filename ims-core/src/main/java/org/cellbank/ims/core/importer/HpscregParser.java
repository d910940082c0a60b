package org.cellbank.ims.core.importer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.importer.HpscregDocument.KeptPart;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineDisease;
import org.cellbank.ims.core.model.Characterisation;
import org.cellbank.ims.core.model.CultureConditions;
import org.cellbank.ims.core.model.Derivation;
import org.cellbank.ims.core.model.Disease;
import org.cellbank.ims.core.model.DiseaseGenotype;
import org.cellbank.ims.core.model.Donor;
import org.cellbank.ims.core.model.DonorDisease;
import org.cellbank.ims.core.model.GeneticModification;
import org.cellbank.ims.core.model.GenomeAnalysis;
import org.cellbank.ims.core.model.IntegratingVector;
import org.cellbank.ims.core.model.Karyotype;
import org.cellbank.ims.core.model.MediumSupplement;
import org.cellbank.ims.core.model.ModificationKind;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.Pluritest;
import org.cellbank.ims.core.model.Publication;
import org.cellbank.ims.core.model.ReprogrammingVector;
import org.cellbank.ims.core.model.ScreeningResult;
import org.cellbank.ims.core.model.ValidationStatus;
import org.cellbank.ims.core.model.Variant;
import org.cellbank.ims.core.model.VectorFreeFactor;
import org.cellbank.ims.core.model.YesNoUnknown;
import org.cellbank.ims.http.internal.json.JsonException;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one hPSCreg export document into a {@link CellLine} holding the registry's data.
 *
 * <p>It follows the reference importer's reading rules: strings are trimmed, the flag strings
 * {@code "1"}/{@code "0"} are cast to boolean, nullable boolean or yes/no/unknown, "Other" values
 * take their {@code *_other} companion, and {@code ###}-joined strings are split (a string with the
 * wrong number of parts is skipped with a warning, as is an unparseable integer or an unknown
 * modification type). Sections the catalogue model does not hold (HLA, STR, marker expression,
 * EpiPluriScore, morphology, scorecard, differentiation potency, files, donor relatives) are not read.
 *
 * <pre>{@code
 * HpscregDocument doc = HpscregParser.create().parse(bytes);   // one export document, UTF-8 JSON
 * CellLine line = doc.line();
 * }</pre>
 *
 * <p>Section numbers (§) in this class refer to {@code docs/hpscreg-format.md}, which describes the
 * export as read here.
 *
 * <p>Thread-safe and stateless.
 */
public final class HpscregParser {

  private static final Logger LOG = LoggerFactory.getLogger(HpscregParser.class);
  private static final int NOTE_LIMIT = 1000;

  private HpscregParser() {}

  /** A parser. */
  public static HpscregParser create() {
    return new HpscregParser();
  }

  /**
   * The BioSamples id of a document, if it has a non-blank one (a line without one is skipped by the
   * import).
   */
  static Optional<String> biosamplesId(JsonObject document) {
    Objects.requireNonNull(document, "document");
    String id = new Fields(document, "", w -> { }).text("biosamples_id");
    return id == null || id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  /**
   * Parses a detail document given as UTF-8 JSON text.
   *
   * @throws ValidationException naming the field when the document is malformed: not JSON, not an
   *     object, no name or BioSamples id, no Generator provider, or a value of the wrong JSON type
   */
  public HpscregDocument parse(byte[] utf8Json) {
    Objects.requireNonNull(utf8Json, "utf8Json");
    JsonValue document;
    try {
      document = JsonReader.create().read(utf8Json);
    } catch (JsonException e) {
      throw new ValidationException("an hPSCreg document must be JSON: " + e.getMessage(), e);
    }
    return parse(document);
  }

  /** Parses a detail document; a value of the wrong JSON type is a {@link ValidationException}. */
  HpscregDocument parse(JsonValue document) {
    Objects.requireNonNull(document, "document");
    try {
      return parseDocument(document);
    } catch (JsonException e) {
      throw new ValidationException("malformed hPSCreg document: " + e.getMessage(), e);
    }
  }

  private HpscregDocument parseDocument(JsonValue document) {
    if (!(document instanceof JsonObject object)) {
      throw new ValidationException("an hPSCreg document must be a JSON object, not " + Fields.kind(document));
    }
    String[] name = {"(unnamed)"};
    Fields f = new Fields(object, "", w -> LOG.warn("hPSCreg line {}: {}", name[0], w));
    String lineName = f.text("name");
    if (lineName == null || lineName.isEmpty()) {
      throw new ValidationException("field name is missing in the hPSCreg document");
    }
    name[0] = lineName;
    String biosamples = f.text("biosamples_id");
    if (biosamples == null || biosamples.isEmpty()) {
      throw new ValidationException("field biosamples_id is missing for hPSCreg line " + lineName);
    }
    Set<KeptPart> kept = EnumSet.noneOf(KeptPart.class);
    CellLine.Builder b = CellLine.builder()
        .name(lineName)
        .biosamplesId(biosamples)
        .hpscregId(f.text("id"))
        .validationStatus(validationStatus(f))
        .alternativeNames(f.strings("alternate_name"));
    providers(f, b, lineName);
    String age = f.text("donor_age");
    b.donorAge("---".equals(age) ? null : age)
        .derivationCountry(f.rawText("derivation_country"))
        .hasDiseases(f.nullBool("disease_flag"))
        .diseaseAssociatedPhenotypes(f.strings("disease_associated_phenotypes"))
        .nonDiseaseAssociatedPhenotypes(f.strings("donor_phenotypes"))
        .hasGeneticModification(f.nullBool("genetic_modification_flag"))
        .publicNotes(f.text("public_notes"));
    Optional<Fields> donor = f.object("donor");
    if (donor.isPresent()) {
      b.donor(donor(donor.get(), kept));
    }
    b.diseases(cellLineDiseases(f));
    if (f.raw("genetic_modifications_non_disease").isPresent()) {
      b.nonDiseaseModifications(modifications(f.objects("genetic_modifications_non_disease")));
    } else {
      kept.add(KeptPart.NON_DISEASE_MODIFICATIONS);
    }
    ReprogrammingVector vector = vector(f);
    if (vector == null) {
      kept.add(KeptPart.REPROGRAMMING_VECTOR);
    }
    b.reprogrammingVector(vector)
        .derivation(derivation(f))
        .vectorFreeFactors(vectorFreeFactors(f))
        .cultureConditions(culture(f))
        .publications(publication(f));
    Karyotype karyotype = karyotype(f);
    if (karyotype == null) {
      kept.add(KeptPart.KARYOTYPE);
    }
    b.karyotype(karyotype);
    if (f.truthy("genome_wide_analysis_flag")) {
      b.genomeAnalyses(genomeAnalyses(f));
    } else {
      kept.add(KeptPart.GENOME_ANALYSES);
    }
    Characterisation characterisation = characterisation(f);
    if (characterisation.equals(new Characterisation(null, null, null, null, null, null, null, null))) {
      kept.add(KeptPart.CHARACTERISATION);
    }
    b.characterisation(characterisation).pluritest(pluritest(f));
    DiseaseGenotype genotype = diseaseGenotype(f);
    if (genotype == null) {
      kept.add(KeptPart.DISEASE_GENOTYPE);
    }
    b.diseaseGenotype(genotype);
    String parent = f.object("subclone_of").map(s -> s.text("id")).orElse(null);
    return new HpscregDocument(b.build(), parent, kept);
  }

  /** §4.1: status.{validated, released, submitted}, tested for truthiness. */
  private static ValidationStatus validationStatus(Fields f) {
    Optional<Fields> status = f.object("status");
    if (status.isEmpty()) {
      return ValidationStatus.NAME_REGISTERED;
    }
    Fields s = status.get();
    if (s.truthy("validated")) {
      return s.truthy("released") ? ValidationStatus.VALIDATED_VISIBLE : ValidationStatus.VALIDATED_NOT_VISIBLE;
    }
    return s.truthy("submitted") ? ValidationStatus.UNVALIDATED : ValidationStatus.NAME_REGISTERED;
  }

  /** §3.2: role Generator and Owner, exact case, the last entry of a role wins. */
  private static void providers(Fields f, CellLine.Builder b, String lineName) {
    String generator = null;
    String owner = null;
    for (Fields p : f.objects("providers")) {
      String role = p.rawText("role");
      String orgName = p.text("name");
      if ("Generator".equals(role)) {
        generator = orgName;
      } else if ("Owner".equals(role)) {
        owner = orgName;
      }
    }
    if (generator == null || generator.isEmpty()) {
      throw new ValidationException("field providers has no Generator for hPSCreg line " + lineName);
    }
    b.depositor(generator).owner(owner);
  }

  /** §3.3: the donor sub-object. */
  private static Donor donor(Fields d, Set<KeptPart> kept) {
    String biosamples = d.text("biosamples_id");
    if (biosamples == null || biosamples.isEmpty()) {
      throw new ValidationException("field " + d.path("biosamples_id") + " is missing");
    }
    List<DonorDisease> diseases = new ArrayList<>();
    for (Fields dd : d.objects("diseases")) {
      Disease disease = disease(dd);
      String freeText = dd.text("free_text");
      if (disease == null && (freeText == null || freeText.isEmpty())) {
        continue;
      }
      List<Variant> variants = new ArrayList<>();
      for (Fields v : dd.objects("variants")) {
        variants.add(new Variant(variantId(v), gene(v, "gene"), v.text("chromosome_location"),
            v.text("nucleotide_sequence_hgvs"), v.text("protein_sequence_hgvs"), v.text("zygosity_status"),
            v.text("clinvar_id"), v.text("dbsnp_id"), v.text("dbvar_id"), v.text("publication_pmid"),
            note(v, "free_text")));
      }
      diseases.add(new DonorDisease(disease, emptyToNull(freeText), dd.bool("primary"), dd.text("stage"),
          dd.text("affected"), dd.text("carrier"), disease != null ? emptyToNull(freeText) : null, variants));
    }
    List<GenomeAnalysis> analyses = List.of();
    if (d.truthy("genome_wide_analysis_flag")) {
      analyses = genomeAnalyses(d);
    } else {
      kept.add(KeptPart.DONOR_GENOME_ANALYSES);
    }
    return Donor.builder()
        .biosamplesId(biosamples)
        .gender(d.text("gender"))
        .internalDonorIds(d.strings("internal_ids"))
        .ethnicity(d.text("ethnicity"))
        .familyHistory(d.text("family_history"))
        .medicalHistory(d.text("medical_history"))
        .clinicalInformation(d.text("clinical_information"))
        .diseases(diseases)
        .genomeAnalyses(analyses)
        .build();
  }

  /** §3.4.1: a disease term, or null when the purl is not truthy. */
  private static Disease disease(Fields d) {
    if (!d.truthy("purl")) {
      d.warn("missing disease purl in " + d.path("purl"));
      return null;
    }
    return new Disease(d.text("purl"), d.text("purl_name"), d.strings("synonyms"));
  }

  /** §3.4.4: diseases tied to the line's modifications; only those with a purl are kept. */
  private static List<CellLineDisease> cellLineDiseases(Fields f) {
    List<CellLineDisease> out = new ArrayList<>();
    for (Fields d : f.objects("diseases")) {
      if (!d.truthy("purl")) {
        d.warn("cell-line disease without purl dropped: " + d.path("purl"));
        continue;
      }
      out.add(new CellLineDisease(disease(d), d.text("other"), d.bool("primary"), d.text("free_text"),
          modifications(d.objects("variants"))));
    }
    return out;
  }

  /** §3.4.5: modification objects routed by their exact {@code type}; unknown types are skipped. */
  private static List<GeneticModification> modifications(List<Fields> items) {
    List<GeneticModification> out = new ArrayList<>();
    for (Fields m : items) {
      String type = m.text("type");
      ModificationKind kind = kind(type);
      if (kind == null) {
        m.warn("modification " + m.path("type") + " has no known type (" + type + "), skipped");
        continue;
      }
      GeneticModification.Builder b = GeneticModification.builder().kind(kind)
          .modificationId(variantId(m))
          .gene(gene(m, "gene"))
          .chromosomeLocation(m.text("chromosome_location"))
          .notes(note(m, "free_text"));
      switch (kind) {
        case VARIANT -> b.nucleotideSequenceHgvs(m.text("nucleotide_sequence_hgvs"))
            .proteinSequenceHgvs(m.text("protein_sequence_hgvs"))
            .zygosityStatus(m.text("zygosity_status"))
            .clinvarId(m.text("clinvar_id")).dbsnpId(m.text("dbsnp_id")).dbvarId(m.text("dbvar_id"))
            .publicationPmid(m.text("publication_pmid"));
        case ISOGENIC -> b.nucleotideSequenceHgvs(m.text("nucleotide_sequence_hgvs"))
            .proteinSequenceHgvs(m.text("protein_sequence_hgvs"))
            .zygosityStatus(m.text("zygosity_status"))
            .modificationType(m.other("isogenic_change_type", false));
        case TRANSGENE_EXPRESSION, GENE_KNOCK_OUT, GENE_KNOCK_IN -> {
          b.deliveryMethod(m.other("delivery_method", false))
              .virus(rawOther(m, "delivery_method_virus"))
              .transposon(rawOther(m, "delivery_method_transposon_type"));
          if (kind == ModificationKind.GENE_KNOCK_IN) {
            b.transgene(gene(m, "transgene"))
                .chromosomeLocationTransgene(m.text("transgene_chromosome_location"));
          }
        }
        default -> throw new IllegalStateException("unreachable: " + kind);
      }
      out.add(b.build());
    }
    return out;
  }

  private static ModificationKind kind(String type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "Variant" -> ModificationKind.VARIANT;
      case "Isogenic modification" -> ModificationKind.ISOGENIC;
      case "Transgene expression" -> ModificationKind.TRANSGENE_EXPRESSION;
      case "Gene knock-out" -> ModificationKind.GENE_KNOCK_OUT;
      case "Gene knock-in" -> ModificationKind.GENE_KNOCK_IN;
      default -> null;
    };
  }

  /** Virus and transposon vocabularies take the raw value, with the "Other" companion. */
  private static String rawOther(Fields m, String key) {
    String value = m.rawText(key);
    if ("Other".equals(value)) {
      String companion = m.rawText(key + "_other");
      return companion != null ? companion : value;
    }
    return value;
  }

  private static Integer variantId(Fields v) {
    return v.raw("id").isPresent() ? v.integer("id") : null;
  }

  /** §3.4.6: a gene object's trimmed name; a gene without a name is skipped with a warning. */
  private static String gene(Fields owner, String key) {
    Optional<Fields> gene = owner.object(key);
    if (gene.isEmpty()) {
      return null;
    }
    String name = gene.get().text("name");
    if (name == null || name.isEmpty()) {
      owner.warn("gene " + owner.path(key) + " has no name, skipped");
      return null;
    }
    return name;
  }

  /** Notes are cut to 997 characters plus "..." when they reach the column's 1000 (§3.4.4). */
  private static String note(Fields f, String key) {
    String text = f.text(key);
    if (text != null && text.length() >= NOTE_LIMIT) {
      f.warn("note " + f.path(key) + " truncated to " + NOTE_LIMIT + " characters");
      return text.substring(0, NOTE_LIMIT - 3) + "...";
    }
    return text;
  }

  /** §3.7: the reprogramming vector, or null when the document leaves it untouched. */
  private static ReprogrammingVector vector(Fields f) {
    String type = f.text("vector_type");
    if ("Integrating".equals(type)) {
      String vector = f.other("integrating_vector", false);
      if (vector == null) {
        f.warn("missing name of the integrating vector, reprogramming vector left as stored");
        return null;
      }
      return new IntegratingVector(vector, f.rawText("integrating_vector_virus_type"),
          f.rawText("integrating_vector_transposon_type"), f.bool("excisable_vector_flag"),
          f.bool("reprogramming_vectors_absence_flag"), moleculeNames(f, "integrating_vector_gene_list"),
          extIfTruthy(f, "reprogramming_vector_integrating_silenced_flag"),
          f.strings("reprogramming_vector_integrating_method"),
          f.text("reprogramming_vector_integrating_silencing_notes"));
    }
    if ("Non-integrating".equals(type)) {
      String vector = f.other("non_integrating_vector", false);
      if (vector == null) {
        f.warn("missing name of the non-integrating vector, reprogramming vector left as stored");
        return null;
      }
      return new NonIntegratingVector(vector, moleculeNames(f, "non_integrating_vector_gene_list"),
          extIfTruthy(f, "reprogramming_vector_non_integrating_detectable_flag"),
          f.strings("reprogramming_vector_non_integrating_method"),
          f.text("reprogramming_vector_non_integrating_detection_notes"));
    }
    return null;
  }

  private static YesNoUnknown extIfTruthy(Fields f, String key) {
    return f.truthy(key) ? f.ext(key) : YesNoUnknown.UNKNOWN;
  }

  /** §3.4.7: {@code catalog_id###name###catalog###kind}; a malformed string is skipped. */
  private static List<String> moleculeNames(Fields f, String key) {
    List<String> out = new ArrayList<>();
    for (String item : f.strings(key)) {
      String[] parts = item.split("###", -1);
      if (parts.length != 4) {
        f.warn("molecule string in " + f.path(key) + " does not have 4 parts, skipped: " + item);
        continue;
      }
      String kind = parts[3];
      String catalog = parts[2];
      boolean kindOk = Set.of("id_type_gene", "gene", "id_type_protein", "protein").contains(kind);
      boolean catalogOk = Set.of("entrez_id", "entrez", "ensembl_id", "ensembl").contains(catalog);
      String name = parts[1].strip();
      if (!kindOk || !catalogOk || name.isEmpty()) {
        f.warn("molecule string in " + f.path(key) + " has an unknown kind or catalog or no name, skipped: " + item);
        continue;
      }
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /** §3.6: derivation, present for every imported line. */
  private static Derivation derivation(Fields f) {
    String stage = f.text("dev_stage_primary_cell");
    return Derivation.builder()
        .primaryCellType(f.text("primary_celltype_name"))
        .primaryCellTypeFreeText(f.text("primary_celltype_name_freetext"))
        .primaryCellLine(f.text("primary_cell_line_name"))
        .primaryCellLineVendor(f.text("primary_cell_line_vendor"))
        .primaryCellDevelopmentalStage(stage == null || "0".equals(stage) ? "" : stage)
        .tissueProcurementLocation(f.text("location_primary_tissue_procurement"))
        .tissueCollectionYear(f.text("collection_date"))
        .reprogrammingPassageNumber(f.text("passage_number_reprogrammed"))
        .selectionCriteriaForClones(f.text("selection_of_clones"))
        .xenoFreeConditions(f.bool("derivation_xeno_graft_free_flag"))
        .derivedUnderGmp(f.bool("derivation_gmp_ips_flag"))
        .availableAsClinicalGrade(f.bool("available_clinical_grade_ips_flag"))
        .build();
  }

  /** §3.7.3: vector-free factors with their molecule names (part [1] of a {@code ###} string). */
  private static List<VectorFreeFactor> vectorFreeFactors(Fields f) {
    List<VectorFreeFactor> out = new ArrayList<>();
    for (String type : f.strings("vector_free_types")) {
      String factor;
      String listKey;
      switch (type) {
        case "vector_free_types_none" -> {
          continue;
        }
        case "vector_free_types_mrna" -> {
          factor = "mRNA";
          listKey = "reprogramming_factors_mrna_list";
        }
        case "vector_free_types_protein" -> {
          factor = "Protein";
          listKey = "reprogramming_factors_gene_protein_list";
        }
        case "vector_free_types_small_molecules" -> {
          factor = "Small molecules";
          listKey = "reprogramming_factors_small_molecules_list";
        }
        case "vector_free_types_mirna" -> {
          factor = "miRNA";
          listKey = null;
        }
        default -> {
          f.warn("unknown vector-free type skipped: " + type);
          continue;
        }
      }
      if (out.stream().anyMatch(v -> v.factor().equals(factor))) {
        continue;
      }
      List<String> molecules = new ArrayList<>();
      if (listKey != null) {
        for (String item : f.strings(listKey)) {
          String[] parts = item.split("###", -1);
          String name = parts.length >= 2 ? parts[1].strip() : "";
          if (name.isEmpty()) {
            f.warn("molecule string in " + f.path(listKey) + " has no name, skipped: " + item);
          } else if (!molecules.contains(name)) {
            molecules.add(name);
          }
        }
      }
      out.add(new VectorFreeFactor(factor, molecules));
    }
    return out;
  }

  /** §3.8: culture conditions, present for every imported line. */
  private static CultureConditions culture(Fields f) {
    List<MediumSupplement> supplements = new ArrayList<>();
    for (String item : f.strings("culture_conditions_medium_culture_medium_supplements")) {
      String[] parts = item.split("###", -1);
      if (parts.length != 3) {
        f.warn("supplement string does not have 3 parts, skipped: " + item);
        continue;
      }
      if (supplements.stream().anyMatch(s -> s.supplement().equals(parts[0]))) {
        f.warn("duplicate supplement skipped: " + parts[0]);
        continue;
      }
      supplements.add(new MediumSupplement(parts[0], parts[1], parts[2]));
    }
    return CultureConditions.builder()
        .surfaceCoating(f.text("surface_coating"))
        .feederCellType(f.text("feeder_cells_name"))
        .feederCellId(f.text("feeder_cells_ont_id"))
        .passageMethod(f.other("passage_method", true))
        .enzymatically(f.other("passage_method_enzymatic", true))
        .enzymeFree(f.other("passage_method_enzyme_free", true))
        .o2Concentration(f.integer("o2_concentration"))
        .co2Concentration(f.integer("co2_concentration"))
        .cultureMedium(f.text("culture_conditions_medium_culture_medium"))
        .passageNumberBanked(f.text("passage_number_banked"))
        .numberOfVialsBanked(f.text("number_of_vials_banked"))
        .rockInhibitorUsedAtPassage(extIfTruthy(f, "rock_inhibitor_used_at_passage_flag"))
        .rockInhibitorUsedAtCryo(extIfTruthy(f, "rock_inhibitor_used_at_cryo_flag"))
        .rockInhibitorUsedAtThaw(extIfTruthy(f, "rock_inhibitor_used_at_thaw_flag"))
        .supplements(supplements)
        .build();
  }

  /** §3.9: one PubMed publication when both the id and the citation are given. */
  private static List<Publication> publication(Fields f) {
    String citation = f.text("registration_reference");
    Integer pubmed = f.raw("registration_reference_publication_pubmed_id").isPresent()
        ? f.integer("registration_reference_publication_pubmed_id") : null;
    if (pubmed == null || pubmed == 0 || citation == null || citation.isEmpty()) {
      return List.of();
    }
    return List.of(new Publication("pubmed", f.text("registration_reference_publication_pubmed_id"),
        "http://www.ncbi.nlm.nih.gov/pubmed/" + pubmed, citation));
  }

  /** §3.10: the karyotype when its gate passes, otherwise null (the stored one is kept). */
  private static Karyotype karyotype(Fields f) {
    boolean any = f.truthy("karyotyping_karyotype") || f.truthy("karyotyping_method")
        || f.truthy("karyotyping_number_passages") || f.truthy("karyotyping_image_upload_file_enc");
    if (!f.bool("karyotyping_flag") || !any) {
      return null;
    }
    return new Karyotype(f.text("karyotyping_karyotype"), f.other("karyotyping_method", true),
        f.text("karyotyping_number_passages"));
  }

  /** §3.10: genome-wide analyses, one per method; items without a method are skipped. */
  private static List<GenomeAnalysis> genomeAnalyses(Fields f) {
    List<GenomeAnalysis> out = new ArrayList<>();
    for (Fields g : f.objects("genome_wide_analysis")) {
      if (!g.truthy("analysis_method")) {
        continue;
      }
      String method = g.other("analysis_method", false);
      if (out.stream().noneMatch(a -> a.analysisMethod().equals(method))) {
        out.add(new GenomeAnalysis(method, g.text("public_data_link")));
      }
    }
    return out;
  }

  /** §3.11: certificate of analysis and virology; all null means "left as stored". */
  private static Characterisation characterisation(Fields f) {
    return new Characterisation(
        f.nullBool("certificate_of_analysis_flag"),
        f.text("certificate_of_analysis_passage_number"),
        f.nullBool("virology_screening_flag"),
        screening(f, "virology_screening_hiv_1_result"),
        screening(f, "virology_screening_hiv_2_result"),
        screening(f, "virology_screening_hbv_result"),
        screening(f, "virology_screening_hcv_result"),
        screening(f, "virology_screening_mycoplasma_result"));
  }

  private static ScreeningResult screening(Fields f, String key) {
    String value = f.text(key);
    if (value == null || value.isEmpty()) {
      return null;
    }
    String code = value.toLowerCase(Locale.ROOT).replace(' ', '_');
    for (ScreeningResult r : ScreeningResult.values()) {
      if (r.code().equals(code)) {
        return r;
      }
    }
    throw new ValidationException("field " + f.path(key) + " must be positive, negative or not_done, not " + value);
  }

  /**
   * §3.11: the disease-genotype flags when {@code carries_disease_phenotype_associated_variants_flag}
   * is truthy (so "0" gives a record with that flag false), both read as NULLBOOL; else none (the
   * stored record, if any, is kept).
   */
  private static DiseaseGenotype diseaseGenotype(Fields f) {
    if (!f.truthy("carries_disease_phenotype_associated_variants_flag")) {
      return null;
    }
    return new DiseaseGenotype(f.nullBool("carries_disease_phenotype_associated_variants_flag"),
        f.nullBool("variant_of_interest_flag"));
  }

  /** §3.11: PluriTest when its flag is truthy (so "0" gives a row with flag false), else none. */
  private static Pluritest pluritest(Fields f) {
    if (!f.truthy("characterisation_pluritest_flag")) {
      return null;
    }
    Optional<Fields> data = f.object("characterisation_pluritest_data");
    return new Pluritest(f.nullBool("characterisation_pluritest_flag"),
        data.map(d -> d.text("pluripotency_score")).orElse(null),
        data.map(d -> d.text("novelty_score")).orElse(null),
        data.map(d -> d.rawText("microarray_url")).orElse(null));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
