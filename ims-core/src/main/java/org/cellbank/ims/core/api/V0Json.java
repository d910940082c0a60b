package org.cellbank.ims.core.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.BatchImage;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineDisease;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.Disease;
import org.cellbank.ims.core.model.DiseaseGenotype;
import org.cellbank.ims.core.model.DiseaseMention;
import org.cellbank.ims.core.model.Donor;
import org.cellbank.ims.core.model.DonorDisease;
import org.cellbank.ims.core.model.GeneticModification;
import org.cellbank.ims.core.model.GenomeAnalysis;
import org.cellbank.ims.core.model.InformationPack;
import org.cellbank.ims.core.model.IntegratingVector;
import org.cellbank.ims.core.model.MediaFile;
import org.cellbank.ims.core.model.MediumSupplement;
import org.cellbank.ims.core.model.ModificationKind;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.Publication;
import org.cellbank.ims.core.model.ReprogrammingVector;
import org.cellbank.ims.core.model.ScreeningResult;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.model.Variant;
import org.cellbank.ims.core.model.VectorFreeFactor;
import org.cellbank.ims.core.model.Vial;
import org.cellbank.ims.http.UrlEncoding;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonBoolean;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;

/**
 * The v0 partner-API representations of cell lines and batches, in the shape of the reference
 * system's {@code /api/v0} (field names, nesting, types, display strings), with the sane values
 * listed in {@code docs/api.md} where the reference had quirks.
 *
 * <p>Datetimes are ISO-8601 local times in Europe/Paris without offset and with microseconds
 * ({@code 2016-10-20T11:51:00.016090}); files are relative {@code /media/<key>} URLs with each path
 * segment percent-encoded.
 *
 * <p>Stateless and thread-safe.
 */
public final class V0Json {

  /** The time zone the reference rendered datetimes in. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  private V0Json() {}

  /** The resource URI of a cell line. */
  public static String cellLineUri(String biosamplesId) {
    return "/api/v0/cell-lines/" + UrlEncoding.encodePathSegment(biosamplesId);
  }

  /** The resource URI of a batch. */
  public static String batchUri(String biosamplesId) {
    return "/api/v0/batches/" + UrlEncoding.encodePathSegment(biosamplesId);
  }

  /** The relative media URL of a stored file: {@code /media/} and the key, each segment escaped. */
  public static String mediaUrl(String key) {
    StringBuilder sb = new StringBuilder("/media");
    for (String part : key.split("/", -1)) {
      sb.append('/').append(UrlEncoding.encodePathSegment(part));
    }
    return sb.toString();
  }

  /** A datetime as the v0 API writes it: Paris local time, no offset, microseconds. */
  public static String datetime(Instant instant) {
    // Written out by hand rather than with a DateTimeFormatter pattern: the same text as
    // yyyy-MM-dd'T'HH:mm:ss.SSSSSS for the years 1 to 9999 (V0JsonTest), without the formatter's
    // start-up on a cold start.
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZONE);
    StringBuilder sb = new StringBuilder(26);
    digits(sb, t.getYear(), 4).append('-');
    digits(sb, t.getMonthValue(), 2).append('-');
    digits(sb, t.getDayOfMonth(), 2).append('T');
    digits(sb, t.getHour(), 2).append(':');
    digits(sb, t.getMinute(), 2).append(':');
    digits(sb, t.getSecond(), 2).append('.');
    return digits(sb, t.getNano() / 1_000, 6).toString();
  }

  // A non-negative value, zero-padded to at least the given width.
  private static StringBuilder digits(StringBuilder sb, int value, int width) {
    String text = Integer.toString(value);
    for (int i = text.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(text);
  }

  /** The whole cell-line record as the API serves it: JSON text, UTF-8 encoded. */
  public static byte[] cellLine(CellLine line) {
    return JsonWriter.pretty().writeUtf8(cellLineObject(line));
  }

  /** The whole batch record as the API serves it (it does not name its cell line): JSON text, UTF-8. */
  public static byte[] batch(Batch batch) {
    return JsonWriter.pretty().writeUtf8(batchObject(batch));
  }

  static JsonObject cellLineObject(CellLine line) {
    Objects.requireNonNull(line, "line");
    JsonObject.Builder o = JsonObject.builder();
    o.putStrings("alternative_names", line.alternativeNames());
    o.put("at_ecacc", line.availableForSaleAtEcacc());
    o.put("availability", str(line.statusLog().isEmpty() ? null : line.statusLog().get(0).status().displayName()));
    o.put("batches", batches(line.batches()));
    o.put("biosamples_id", line.biosamplesId());
    o.put("cell_line_information_packs", informationPacks(line.informationPacks()));
    o.put("cellline_certificate_of_analysis", line.characterisation() == null ? JsonNull.INSTANCE
        : JsonObject.builder().put("certificate_of_analysis_flag", bool(line.characterisation().certificateOfAnalysisFlag())).build());
    o.put("cellline_disease_associated_genotype", diseaseGenotype(line.diseaseGenotype()));
    o.put("cellline_karyotype", line.karyotype() == null ? JsonNull.INSTANCE : JsonObject.builder()
        .put("karyotype", str(line.karyotype().karyotype()))
        .put("karyotype_method", str(line.karyotype().method()))
        .put("passage_number", str(line.karyotype().passageNumber()))
        .build());
    o.put("characterization_pluritest", line.pluritest() == null ? JsonNull.INSTANCE : JsonObject.builder()
        .put("novelty_score", str(line.pluritest().noveltyScore()))
        .put("pluripotency_score", str(line.pluritest().pluripotencyScore()))
        .put("pluritest_flag", bool(line.pluritest().pluritestFlag()))
        .build());
    o.put("depositor", JsonObject.builder().put("name", line.depositor()).build());
    o.put("depositor_cellline_culture_conditions", cultureConditions(line));
    o.putStrings("disease_associated_phenotypes", line.diseaseAssociatedPhenotypes());
    o.putStrings("disease_names", allDiseaseNames(line));
    o.put("diseases", cellLineDiseases(line.diseases()));
    o.put("donor", line.donor() == null ? JsonNull.INSTANCE : donor(line.donor()));
    o.put("donor_age", str(line.donorAge()));
    o.put("ecacc_cat_no", str(line.ecaccId()));
    o.put("flag_go_live", line.flagGoLive());
    o.put("genetic_modification_flag", bool(line.hasGeneticModification()));
    o.put("genetic_modifications_non_disease", modifications(line.nonDiseaseModifications()));
    o.put("genome_wide_analysis", genomeAnalyses(line.genomeAnalyses()));
    o.put("name", line.name());
    o.putStrings("non_disease_associated_phenotypes", line.nonDiseaseAssociatedPhenotypes());
    o.put("primary_cell_type", primaryCellType(line));
    o.put("primary_disease", primaryDisease(line));
    o.put("primary_disease_diagnosed", Boolean.TRUE.equals(line.hasDiseases()) ? "1" : "0");
    o.put("publications", publications(line.publications()));
    o.put("reprogramming_method", reprogramming(line.reprogrammingVector()));
    // A list whatever there is, as the reference's code gives it (an empty one when there are no factors).
    o.put("reprogramming_method_vector_free_types", vectorFreeTypes(line.vectorFreeFactors()));
    o.put("resource_uri", cellLineUri(line.biosamplesId()));
    o.put("status_log", statusLog(line.statusLog()));
    o.put("validation_status", line.validationStatus().displayName());
    o.put("virology_screening", virology(line));
    return o.build();
  }

  static JsonObject batchObject(Batch batch) {
    Objects.requireNonNull(batch, "batch");
    JsonObject.Builder o = JsonObject.builder();
    o.put("batch_id", batch.batchId());
    o.put("batch_type", batch.type().displayName());
    o.put("biosamples_id", batch.biosamplesId());
    o.put("certificate_of_analysis", batch.certificateOfAnalysis() == null ? JsonNull.INSTANCE
        : file("file", "md5", batch.certificateOfAnalysis()).build());
    var c = batch.cultureConditions();
    o.put("culture_conditions", c == null ? JsonNull.INSTANCE : JsonObject.builder()
        .put("co2_concentration", str(c.co2Concentration()))
        .put("culture_medium", str(c.cultureMedium()))
        .put("matrix", str(c.matrix()))
        .put("o2_concentration", str(c.o2Concentration()))
        .put("passage_method", str(c.passageMethod()))
        .put("temperature", str(c.temperature()))
        .build());
    o.put("images", images(batch.images()));
    o.put("resource_uri", batchUri(batch.biosamplesId()));
    o.put("vials", vials(batch.vials()));
    o.put("vials_at_roslin", num(batch.vialsAtCentralFacility()));
    o.put("vials_shipped_to_ecacc", num(batch.vialsShippedToEcacc()));
    o.put("vials_shipped_to_fraunhoffer", num(batch.vialsShippedToFraunhofer()));
    return o.build();
  }

  /** The donor and line disease names (normalised name, else free text), donor first, without repeats. */
  static List<String> allDiseaseNames(CellLine line) {
    Set<String> names = new LinkedHashSet<>();
    for (DiseaseMention m : line.diseaseMentions()) {
      names.add(m.name());
    }
    names.remove(null);
    return List.copyOf(names);
  }


  private static JsonValue primaryDisease(CellLine line) {
    DiseaseMention chosen = line.primaryDisease().orElse(null);
    if (chosen == null) {
      return JsonNull.INSTANCE;
    }
    if (chosen.disease() != null) {
      String name = chosen.disease().name();
      return JsonObject.builder()
          .put("name", str("normal".equals(name) ? "Normal" : name))
          .put("purl", chosen.disease().purl())
          .putStrings("synonyms", chosen.disease().synonyms())
          .build();
    }
    if (chosen.freeTextName() != null) {
      return JsonObject.builder().put("name", chosen.freeTextName()).build();
    }
    return chosen.notes() == null ? JsonNull.INSTANCE : JsonObject.builder().put("name", chosen.notes()).build();
  }

  // Null when no record is kept; else both flags, each a boolean or null.
  private static JsonValue diseaseGenotype(DiseaseGenotype genotype) {
    if (genotype == null) {
      return JsonNull.INSTANCE;
    }
    return JsonObject.builder()
        .put("carries_disease_phenotype_associated_variants_flag",
            bool(genotype.carriesDiseasePhenotypeAssociatedVariants()))
        .put("variant_of_interest_flag", bool(genotype.variantOfInterest()))
        .build();
  }

  private static JsonValue primaryCellType(CellLine line) {
    if (line.derivation() == null) {
      return JsonNull.INSTANCE;
    }
    String name = line.derivation().primaryCellType() != null
        ? line.derivation().primaryCellType() : line.derivation().primaryCellTypeFreeText();
    return JsonObject.builder().put("name", str(name)).build();
  }

  private static JsonValue cellLineDisease(CellLineDisease d) {
    JsonObject.Builder o = JsonObject.builder()
        .putNull("affected_status")
        .putNull("carrier")
        .putNull("disease_stage")
        .put("free_text_name", str(d.freeTextName()))
        .put("notes", str(d.notes()))
        .put("primary_disease", d.primary())
        .put("variants", modifications(d.modifications()));
    putDisease(o, d.disease());
    return o.build();
  }

  private static JsonObject donor(Donor donor) {
    return JsonObject.builder()
        .put("biosamples_id", donor.biosamplesId())
        .put("country_of_origin", str(donor.countryOfOrigin()))
        .put("diseases", donorDiseases(donor.diseases()))
        .put("ethnicity", str(donor.ethnicity()))
        .put("gender", str(donor.gender()))
        .put("genome_wide_analysis", genomeAnalyses(donor.genomeAnalyses()))
        .putStrings("internal_donor_ids", donor.internalDonorIds())
        .put("karyotype", str(donor.karyotype()))
        .build();
  }

  private static JsonValue donorDisease(DonorDisease d) {
    JsonObject.Builder o = JsonObject.builder()
        .put("affected_status", str(d.affectedStatus()))
        .put("carrier", str(d.carrier()))
        .put("disease_stage", str(d.stage()))
        .put("free_text_name", str(d.freeTextName()))
        .put("notes", str(d.notes()))
        .put("primary_disease", d.primary())
        .put("variants", variants(d.variants()));
    putDisease(o, d.disease());
    return o.build();
  }

  private static void putDisease(JsonObject.Builder o, Disease disease) {
    if (disease != null) {
      o.put("name", str(disease.name())).put("purl", disease.purl()).putStrings("synonyms", disease.synonyms());
    }
  }

  private static JsonValue variant(Variant v) {
    return JsonObject.builder()
        .put("chromosome_location", str(v.chromosomeLocation()))
        .put("clinvar_id", str(v.clinvarId()))
        .put("dbsnp_id", str(v.dbsnpId()))
        .put("dbvar_id", str(v.dbvarId()))
        .put("gene", str(v.gene()))
        .put("notes", str(v.notes()))
        .put("nucleotide_sequence_hgvs", str(v.nucleotideSequenceHgvs()))
        .put("protein_sequence_hgvs", str(v.proteinSequenceHgvs()))
        .put("publication_pmid", str(v.publicationPmid()))
        .put("zygosity_status", str(v.zygosityStatus()))
        .build();
  }

  /** Modifications in the reference's order of kinds (a stable sort keeps each kind's own order). */
  private static JsonArray modifications(List<GeneticModification> modifications) {
    List<JsonValue> out = new ArrayList<>(modifications.size());
    for (ModificationKind kind : ModificationKind.values()) {
      for (GeneticModification m : modifications) {
        if (m.kind() == kind) {
          out.add(modification(m));
        }
      }
    }
    return array(out);
  }

  private static JsonValue modification(GeneticModification m) {
    JsonObject.Builder o = JsonObject.builder()
        .put("chromosome_location", str(m.chromosomeLocation()))
        .put("notes", str(m.notes()))
        .put("type", m.kind().displayName());
    switch (m.kind()) {
      case VARIANT -> o.put("clinvar_id", str(m.clinvarId()))
          .put("dbsnp_id", str(m.dbsnpId()))
          .put("dbvar_id", str(m.dbvarId()))
          .put("gene", str(m.gene()))
          .put("nucleotide_sequence_hgvs", str(m.nucleotideSequenceHgvs()))
          .put("protein_sequence_hgvs", str(m.proteinSequenceHgvs()))
          .put("publication_pmid", str(m.publicationPmid()))
          .put("zygosity_status", str(m.zygosityStatus()));
      case ISOGENIC -> o.put("gene", str(m.gene()))
          .put("modification_type", str(m.modificationType()))
          .put("nucleotide_sequence_hgvs", str(m.nucleotideSequenceHgvs()))
          .put("protein_sequence_hgvs", str(m.proteinSequenceHgvs()))
          .put("zygosity_status", str(m.zygosityStatus()));
      case TRANSGENE_EXPRESSION, GENE_KNOCK_OUT -> o.put("delivery_method", str(m.deliveryMethod()))
          .put("gene", str(m.gene()))
          .put("transposon", str(m.transposon()))
          .put("virus", str(m.virus()));
      case GENE_KNOCK_IN -> o.put("chromosome_location_transgene", str(m.chromosomeLocationTransgene()))
          .put("delivery_method", str(m.deliveryMethod()))
          .put("target_gene", str(m.gene()))
          .put("transgene", str(m.transgene()))
          .put("transposon", str(m.transposon()))
          .put("virus", str(m.virus()));
      default -> throw new IllegalStateException(m.kind().name());
    }
    return o.build();
  }

  private static JsonArray genomeAnalyses(List<GenomeAnalysis> analyses) {
    List<JsonValue> out = new ArrayList<>(analyses.size());
    for (GenomeAnalysis g : analyses) {
      out.add(JsonObject.builder()
          .put("analysis_method", str(g.analysisMethod()))
          .put("link", str(g.link()))
          .build());
    }
    return array(out);
  }

  private static JsonValue reprogramming(ReprogrammingVector vector) {
    if (vector == null) {
      return JsonNull.INSTANCE;
    }
    JsonObject.Builder data = JsonObject.builder();
    String type;
    if (vector instanceof IntegratingVector v) {
      type = "Integrating vector";
      if (v.vector() != null) {
        data.put("vector", v.vector())
            .put("excisable", bool(v.excisable()))
            .put("absence_reprogramming_vectors", bool(v.absenceOfReprogrammingVectors()));
      }
      if (v.virus() != null) {
        data.put("virus", v.virus());
      }
      if (v.transposon() != null) {
        data.put("transposon", v.transposon());
      }
      data.putStrings("integrating_vector_gene_list", v.genes())
          .put("integrating_vector_silenced", v.silenced().code())
          .put("integrating_vector_silencing_notes", str(v.silencingNotes()))
          .putStrings("integrating_vector_methods", v.methods());
    } else {
      NonIntegratingVector v = (NonIntegratingVector) vector;
      type = "Non-integrating vector";
      if (v.vector() != null) {
        data.put("vector", v.vector()).putStrings("non_integrating_vector_gene_list", v.genes());
      }
      data.put("non_integrating_vector_detectable", v.detectable().code())
          .put("non_integrating_vector_detection_notes", str(v.detectionNotes()))
          .putStrings("non_integrating_vector_methods", v.methods());
    }
    return JsonObject.builder().put("type", type).put("data", data.build()).build();
  }

  private static JsonValue cultureConditions(CellLine line) {
    var c = line.cultureConditions();
    if (c == null) {
      return JsonNull.INSTANCE;
    }
    var other = c.otherMedium();
    return JsonObject.builder()
        .put("co2_concentration", num(c.co2Concentration()))
        .put("culture_history", bool(c.cultureHistory()))
        .put("culture_medium", str(c.cultureMedium()))
        .put("culture_medium_other", other == null ? JsonNull.INSTANCE : JsonObject.builder()
            .put("base", other.base())
            .put("protein_source", str(other.proteinSource()))
            .put("serum_concentration", num(other.serumConcentration()))
            .build())
        .put("culture_medium_supplements", supplements(c.supplements()))
        .put("enzymatically", str(c.enzymatically()))
        .put("enzyme_free", str(c.enzymeFree()))
        .put("feeder_cell_id", str(c.feederCellId()))
        .put("feeder_cell_type", str(c.feederCellType()))
        .put("number_of_vials_banked", str(c.numberOfVialsBanked()))
        .put("o2_concentration", num(c.o2Concentration()))
        .put("other_culture_environment", str(c.otherCultureEnvironment()))
        .put("passage_history", bool(c.passageHistory()))
        .put("passage_method", str(c.passageMethod()))
        .put("passage_number_banked", str(c.passageNumberBanked()))
        .put("rock_inhibitor_used_at_cryo", c.rockInhibitorUsedAtCryo().displayName())
        .put("rock_inhibitor_used_at_passage", c.rockInhibitorUsedAtPassage().displayName())
        .put("rock_inhibitor_used_at_thaw", c.rockInhibitorUsedAtThaw().displayName())
        .put("surface_coating", str(c.surfaceCoating()))
        .build();
  }

  private static JsonValue virology(CellLine line) {
    var c = line.characterisation();
    if (c == null) {
      return JsonNull.INSTANCE;
    }
    return JsonObject.builder()
        .put("hepatitis_b", screening(c.hepatitisB()))
        .put("hepatitis_c", screening(c.hepatitisC()))
        .put("hiv1", screening(c.hiv1()))
        .put("hiv2", screening(c.hiv2()))
        .put("mycoplasma", screening(c.mycoplasma()))
        .put("virology_screening_flag", bool(c.virologyScreeningFlag()))
        .build();
  }

  private static JsonObject.Builder file(String fileName, String md5Name, MediaFile file) {
    return JsonObject.builder().put(fileName, mediaUrl(file.key())).put(md5Name, file.md5());
  }

  private static JsonValue screening(ScreeningResult result) {
    return result == null ? JsonNull.INSTANCE : new JsonString(result.displayName());
  }

  // The lists of a record, each with a loop: no lambda or stream on the request path (docs/lambda.md,
  // "Cold-start rules").

  private static JsonArray batches(List<Batch> batches) {
    List<JsonValue> out = new ArrayList<>(batches.size());
    for (Batch b : batches) {
      out.add(batchObject(b));
    }
    return array(out);
  }

  private static JsonArray informationPacks(List<InformationPack> packs) {
    List<JsonValue> out = new ArrayList<>(packs.size());
    for (InformationPack clip : packs) {
      out.add(JsonObject.builder()
          .put("clip_file", mediaUrl(clip.file().key()))
          .put("md5", clip.file().md5())
          .put("updated", datetime(clip.updatedAt()))
          .put("version", clip.version())
          .build());
    }
    return array(out);
  }

  private static JsonArray cellLineDiseases(List<CellLineDisease> diseases) {
    List<JsonValue> out = new ArrayList<>(diseases.size());
    for (CellLineDisease d : diseases) {
      out.add(cellLineDisease(d));
    }
    return array(out);
  }

  private static JsonArray publications(List<Publication> publications) {
    List<JsonValue> out = new ArrayList<>(publications.size());
    for (Publication p : publications) {
      out.add(JsonObject.builder()
          .put("pub", "pubmed".equalsIgnoreCase(p.referenceType()) ? "PubMed" : p.referenceType())
          .put("pub_id", str(p.referenceId()))
          .put("pub_title", str(p.title()))
          .put("pub_url", p.referenceUrl())
          .build());
    }
    return array(out);
  }

  private static JsonArray vectorFreeTypes(List<VectorFreeFactor> factors) {
    List<String> out = new ArrayList<>(factors.size());
    for (VectorFreeFactor f : factors) {
      out.add(f.factor());
    }
    return JsonArray.ofStrings(out);
  }

  private static JsonArray statusLog(List<StatusEntry> log) {
    List<JsonValue> out = new ArrayList<>(log.size());
    for (StatusEntry s : log) {
      out.add(JsonObject.builder()
          .put("comment", str(s.comment()))
          .put("status", s.status().displayName())
          .put("updated", datetime(s.changedAt()))
          .build());
    }
    return array(out);
  }

  private static JsonArray images(List<BatchImage> images) {
    List<JsonValue> out = new ArrayList<>(images.size());
    for (BatchImage i : images) {
      out.add(file("image_file", "image_md5", i.file())
          .put("magnification", str(i.magnification()))
          .put("time_point", str(i.timePoint()))
          .build());
    }
    return array(out);
  }

  private static JsonArray vials(List<Vial> vials) {
    List<JsonValue> out = new ArrayList<>(vials.size());
    for (Vial v : vials) {
      out.add(JsonObject.builder()
          .put("biosamples_id", v.biosamplesId())
          .put("name", v.name())
          .put("number", v.number())
          .build());
    }
    return array(out);
  }

  private static JsonArray donorDiseases(List<DonorDisease> diseases) {
    List<JsonValue> out = new ArrayList<>(diseases.size());
    for (DonorDisease d : diseases) {
      out.add(donorDisease(d));
    }
    return array(out);
  }

  private static JsonArray variants(List<Variant> variants) {
    List<JsonValue> out = new ArrayList<>(variants.size());
    for (Variant v : variants) {
      out.add(variant(v));
    }
    return array(out);
  }

  private static JsonArray supplements(List<MediumSupplement> supplements) {
    List<JsonValue> out = new ArrayList<>(supplements.size());
    for (MediumSupplement s : supplements) {
      out.add(JsonObject.builder()
          .put("amount", str(s.amount()))
          .put("supplement", s.supplement())
          .put("unit", str(s.unit()))
          .build());
    }
    return array(out);
  }

  private static JsonArray array(List<JsonValue> values) {
    return new JsonArray(values);
  }

  private static JsonValue str(String value) {
    return value == null ? JsonNull.INSTANCE : new JsonString(value);
  }

  private static JsonValue bool(Boolean value) {
    return value == null ? JsonNull.INSTANCE : JsonBoolean.of(value);
  }

  private static JsonValue num(Integer value) {
    return value == null ? JsonNull.INSTANCE : JsonNumber.of(value.longValue());
  }

}
