package org.cellbank.ims.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.cellbank.ims.core.json.JsonArray;
import org.cellbank.ims.core.json.JsonObject;
import org.cellbank.ims.core.json.JsonReader;
import org.cellbank.ims.core.json.JsonValue;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.BatchCultureConditions;
import org.cellbank.ims.core.model.BatchImage;
import org.cellbank.ims.core.model.BatchType;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineDisease;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.Characterisation;
import org.cellbank.ims.core.model.CultureConditions;
import org.cellbank.ims.core.model.CultureMediumOther;
import org.cellbank.ims.core.model.Derivation;
import org.cellbank.ims.core.model.Disease;
import org.cellbank.ims.core.model.Donor;
import org.cellbank.ims.core.model.DonorDisease;
import org.cellbank.ims.core.model.GeneticModification;
import org.cellbank.ims.core.model.GenomeAnalysis;
import org.cellbank.ims.core.model.InformationPack;
import org.cellbank.ims.core.model.IntegratingVector;
import org.cellbank.ims.core.model.Karyotype;
import org.cellbank.ims.core.model.MediaFile;
import org.cellbank.ims.core.model.MediumSupplement;
import org.cellbank.ims.core.model.ModificationKind;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.Pluritest;
import org.cellbank.ims.core.model.Publication;
import org.cellbank.ims.core.model.ReprogrammingVector;
import org.cellbank.ims.core.model.ScreeningResult;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.model.ValidationStatus;
import org.cellbank.ims.core.model.Variant;
import org.cellbank.ims.core.model.VectorFreeFactor;
import org.cellbank.ims.core.model.Vial;
import org.cellbank.ims.core.model.YesNoUnknown;

/**
 * Turns the JSON documents that {@link AggregateReader}'s SQL builds into the model records.
 *
 * <p>The documents use the column types' JSON forms: {@code timestamptz} as an ISO 8601 string with
 * offset and up to microseconds, {@code date} as {@code YYYY-MM-DD}, integers as numbers, text
 * arrays as arrays of strings, SQL null as JSON null. A member the SQL always writes is required: a
 * missing one is a bug and fails with {@link IllegalStateException}. Internal; thread-safe.
 */
final class AggregateMapper {

  private static final JsonReader JSON = JsonReader.create();

  private AggregateMapper() {}

  /** A whole cell line from its document. */
  static CellLine cellLine(String json) {
    JsonObject o = JSON.read(json).asObject();
    return CellLine.builder()
        .name(text(o, "name"))
        .biosamplesId(text(o, "biosamplesId"))
        .alternativeNames(strings(o, "alternativeNames"))
        .hpscregId(text(o, "hpscregId"))
        .ecaccId(text(o, "ecaccId"))
        .validationStatus(ValidationStatus.fromCode(text(o, "validationStatus")))
        .availableForSale(bool(o, "availableForSale"))
        .availableForSaleAtEcacc(bool(o, "availableForSaleAtEcacc"))
        .donor(object(o, "donor", AggregateMapper::donor))
        .donorAge(text(o, "donorAge"))
        .depositor(text(o, "depositor"))
        .owner(text(o, "owner"))
        .derivationCountry(text(o, "derivationCountry"))
        .hasDiseases(bool(o, "hasDiseases"))
        .diseaseAssociatedPhenotypes(strings(o, "diseaseAssociatedPhenotypes"))
        .nonDiseaseAssociatedPhenotypes(strings(o, "nonDiseaseAssociatedPhenotypes"))
        .hasGeneticModification(bool(o, "hasGeneticModification"))
        .derivedFrom(text(o, "derivedFrom"))
        .publicNotes(text(o, "publicNotes"))
        .diseases(list(o, "diseases", AggregateMapper::lineDisease))
        .nonDiseaseModifications(list(o, "nonDiseaseModifications", AggregateMapper::modification))
        .derivation(object(o, "derivation", AggregateMapper::derivation))
        .reprogrammingVector(object(o, "reprogrammingVector", AggregateMapper::reprogrammingVector))
        .vectorFreeFactors(list(o, "vectorFreeFactors", f -> new VectorFreeFactor(text(f, "factor"),
            strings(f, "molecules"))))
        .cultureConditions(object(o, "cultureConditions", AggregateMapper::cultureConditions))
        .characterisation(object(o, "characterisation", AggregateMapper::characterisation))
        .pluritest(object(o, "pluritest", p -> new Pluritest(bool(p, "pluritestFlag"), text(p, "pluripotencyScore"),
            text(p, "noveltyScore"), text(p, "microarrayUrl"))))
        .karyotype(object(o, "karyotype", k -> new Karyotype(text(k, "karyotype"), text(k, "method"),
            text(k, "passageNumber"))))
        .genomeAnalyses(list(o, "genomeAnalyses", AggregateMapper::genomeAnalysis))
        .publications(list(o, "publications", p -> new Publication(text(p, "referenceType"),
            text(p, "referenceId"), text(p, "referenceUrl"), text(p, "title"))))
        .informationPacks(list(o, "informationPacks", p -> new InformationPack(text(p, "version"),
            new MediaFile(text(p, "fileKey"), text(p, "md5")), instant(p, "uploadedAt"))))
        .statusLog(list(o, "statusLog", s -> new StatusEntry(CellLineStatus.fromCode(text(s, "status")),
            text(s, "comment"), text(s, "author"), instant(s, "changedAt"))))
        .batches(list(o, "batches", AggregateMapper::batch))
        .version(number(o, "version"))
        .build();
  }

  /** A batch from its document. */
  static Batch batch(String json) {
    return batch(JSON.read(json).asObject());
  }

  private static Batch batch(JsonObject b) {
    String coaKey = text(b, "coaFileKey");
    return new Batch(text(b, "biosamplesId"), text(b, "batchId"), BatchType.fromCode(text(b, "type")),
        integer(b, "vialsAtCentralFacility"), integer(b, "vialsShippedToEcacc"),
        integer(b, "vialsShippedToFraunhofer"),
        coaKey == null ? null : new MediaFile(coaKey, text(b, "coaMd5")),
        object(b, "cultureConditions", c -> new BatchCultureConditions(text(c, "cultureMedium"),
            text(c, "passageMethod"), text(c, "matrix"), text(c, "o2Concentration"), text(c, "co2Concentration"),
            text(c, "temperature"))),
        list(b, "images", i -> new BatchImage(new MediaFile(text(i, "fileKey"), text(i, "md5")),
            text(i, "magnification"), text(i, "timePoint"))),
        list(b, "vials", v -> new Vial(text(v, "biosamplesId"), text(v, "name"), text(v, "number"),
            text(v, "derivedFrom"))));
  }

  private static Donor donor(JsonObject d) {
    return Donor.builder()
        .biosamplesId(text(d, "biosamplesId"))
        .gender(text(d, "gender"))
        .internalDonorIds(strings(d, "internalDonorIds"))
        .countryOfOrigin(text(d, "countryOfOrigin"))
        .ethnicity(text(d, "ethnicity"))
        .familyHistory(text(d, "familyHistory"))
        .medicalHistory(text(d, "medicalHistory"))
        .clinicalInformation(text(d, "clinicalInformation"))
        .karyotype(text(d, "karyotype"))
        .karyotypeMethod(text(d, "karyotypeMethod"))
        .diseases(list(d, "diseases", dd -> new DonorDisease(object(dd, "disease", AggregateMapper::disease),
            text(dd, "freeTextName"), bool(dd, "primary"), text(dd, "stage"), text(dd, "affectedStatus"),
            text(dd, "carrier"), text(dd, "notes"), list(dd, "variants", AggregateMapper::variant))))
        .genomeAnalyses(list(d, "genomeAnalyses", AggregateMapper::genomeAnalysis))
        .build();
  }

  private static Variant variant(JsonObject v) {
    return new Variant(integer(v, "variantId"), text(v, "gene"), text(v, "chromosomeLocation"),
        text(v, "nucleotideSequenceHgvs"), text(v, "proteinSequenceHgvs"), text(v, "zygosityStatus"),
        text(v, "clinvarId"), text(v, "dbsnpId"), text(v, "dbvarId"), text(v, "publicationPmid"), text(v, "notes"));
  }

  private static Disease disease(JsonObject d) {
    return new Disease(text(d, "purl"), text(d, "name"), strings(d, "synonyms"));
  }

  private static GenomeAnalysis genomeAnalysis(JsonObject g) {
    return new GenomeAnalysis(text(g, "analysisMethod"), text(g, "link"));
  }

  private static CellLineDisease lineDisease(JsonObject d) {
    return new CellLineDisease(object(d, "disease", AggregateMapper::disease), text(d, "freeTextName"),
        bool(d, "primary"), text(d, "notes"), list(d, "modifications", AggregateMapper::modification));
  }

  private static GeneticModification modification(JsonObject m) {
    return GeneticModification.builder()
        .kind(ModificationKind.fromCode(text(m, "kind")))
        .modificationId(integer(m, "modificationId"))
        .gene(text(m, "gene"))
        .transgene(text(m, "transgene"))
        .chromosomeLocation(text(m, "chromosomeLocation"))
        .chromosomeLocationTransgene(text(m, "chromosomeLocationTransgene"))
        .nucleotideSequenceHgvs(text(m, "nucleotideSequenceHgvs"))
        .proteinSequenceHgvs(text(m, "proteinSequenceHgvs"))
        .zygosityStatus(text(m, "zygosityStatus"))
        .clinvarId(text(m, "clinvarId"))
        .dbsnpId(text(m, "dbsnpId"))
        .dbvarId(text(m, "dbvarId"))
        .publicationPmid(text(m, "publicationPmid"))
        .modificationType(text(m, "modificationType"))
        .deliveryMethod(text(m, "deliveryMethod"))
        .virus(text(m, "virus"))
        .transposon(text(m, "transposon"))
        .notes(text(m, "notes"))
        .build();
  }

  private static Derivation derivation(JsonObject d) {
    String date = text(d, "tissueCollectionDate");
    return Derivation.builder()
        .primaryCellType(text(d, "primaryCellType"))
        .primaryCellTypeFreeText(text(d, "primaryCellTypeFreeText"))
        .primaryCellLine(text(d, "primaryCellLine"))
        .primaryCellLineVendor(text(d, "primaryCellLineVendor"))
        .primaryCellDevelopmentalStage(text(d, "primaryCellDevelopmentalStage"))
        .tissueProcurementLocation(text(d, "tissueProcurementLocation"))
        .tissueCollectionDate(date == null ? null : LocalDate.parse(date))
        .tissueCollectionYear(text(d, "tissueCollectionYear"))
        .reprogrammingPassageNumber(text(d, "reprogrammingPassageNumber"))
        .selectionCriteriaForClones(text(d, "selectionCriteriaForClones"))
        .xenoFreeConditions(bool(d, "xenoFreeConditions"))
        .derivedUnderGmp(bool(d, "derivedUnderGmp"))
        .availableAsClinicalGrade(bool(d, "availableAsClinicalGrade"))
        .build();
  }

  private static ReprogrammingVector reprogrammingVector(JsonObject v) {
    List<String> genes = strings(v, "genes");
    YesNoUnknown answer = YesNoUnknown.fromCode(text(v, "silencedOrDetectable"));
    return "integrating".equals(text(v, "kind"))
        ? new IntegratingVector(text(v, "vector"), text(v, "virus"), text(v, "transposon"), bool(v, "excisable"),
            bool(v, "absenceOfReprogrammingVectors"), genes, answer, strings(v, "methods"), text(v, "notes"))
        : new NonIntegratingVector(text(v, "vector"), genes, answer, strings(v, "methods"), text(v, "notes"));
  }

  private static CultureConditions cultureConditions(JsonObject c) {
    return CultureConditions.builder()
        .surfaceCoating(text(c, "surfaceCoating"))
        .feederCellType(text(c, "feederCellType"))
        .feederCellId(text(c, "feederCellId"))
        .passageMethod(text(c, "passageMethod"))
        .enzymatically(text(c, "enzymatically"))
        .enzymeFree(text(c, "enzymeFree"))
        .o2Concentration(integer(c, "o2Concentration"))
        .co2Concentration(integer(c, "co2Concentration"))
        .otherCultureEnvironment(text(c, "otherCultureEnvironment"))
        .cultureMedium(text(c, "cultureMedium"))
        .passageNumberBanked(text(c, "passageNumberBanked"))
        .numberOfVialsBanked(text(c, "numberOfVialsBanked"))
        .passageHistory(bool(c, "passageHistory"))
        .cultureHistory(bool(c, "cultureHistory"))
        .rockInhibitorUsedAtPassage(YesNoUnknown.fromCode(text(c, "rockInhibitorUsedAtPassage")))
        .rockInhibitorUsedAtCryo(YesNoUnknown.fromCode(text(c, "rockInhibitorUsedAtCryo")))
        .rockInhibitorUsedAtThaw(YesNoUnknown.fromCode(text(c, "rockInhibitorUsedAtThaw")))
        .otherMedium(object(c, "otherMedium", m -> new CultureMediumOther(text(m, "base"),
            text(m, "proteinSource"), integer(m, "serumConcentration"))))
        .supplements(list(c, "supplements", s -> new MediumSupplement(text(s, "supplement"), text(s, "amount"),
            text(s, "unit"))))
        .build();
  }

  private static Characterisation characterisation(JsonObject c) {
    return new Characterisation(bool(c, "certificateOfAnalysisFlag"), text(c, "certificateOfAnalysisPassageNumber"),
        bool(c, "virologyScreeningFlag"), screening(c, "hiv1"), screening(c, "hiv2"), screening(c, "hepatitisB"),
        screening(c, "hepatitisC"), screening(c, "mycoplasma"));
  }

  private static ScreeningResult screening(JsonObject o, String name) {
    String code = text(o, name);
    return code == null ? null : ScreeningResult.fromCode(code);
  }

  // The member's value; JSON null included. A missing member means the SQL and this class disagree.
  private static JsonValue member(JsonObject o, String name) {
    JsonValue v = o.members().get(name);
    if (v == null) {
      throw new IllegalStateException("the aggregate document has no member \"" + name + "\"");
    }
    return v;
  }

  private static String text(JsonObject o, String name) {
    JsonValue v = member(o, name);
    return v.isNull() ? null : v.asString();
  }

  private static Boolean bool(JsonObject o, String name) {
    JsonValue v = member(o, name);
    return v.isNull() ? null : v.asBoolean();
  }

  private static Integer integer(JsonObject o, String name) {
    JsonValue v = member(o, name);
    return v.isNull() ? null : Math.toIntExact(v.asNumber().longValue());
  }

  private static long number(JsonObject o, String name) {
    return member(o, name).asNumber().longValue();
  }

  // A timestamptz: ISO 8601 with the session's offset, e.g. 2020-01-02T03:04:05.123456+00:00.
  private static Instant instant(JsonObject o, String name) {
    String t = text(o, name);
    return t == null ? null : OffsetDateTime.parse(t).toInstant();
  }

  private static List<String> strings(JsonObject o, String name) {
    JsonValue v = member(o, name);
    if (v.isNull()) {
      return List.of();
    }
    JsonArray a = v.asArray();
    List<String> values = new ArrayList<>(a.size());
    for (JsonValue e : a.elements()) {
      values.add(e.isNull() ? null : e.asString());
    }
    return values;
  }

  private static <T> T object(JsonObject o, String name, Function<JsonObject, T> mapper) {
    JsonValue v = member(o, name);
    return v.isNull() ? null : mapper.apply(v.asObject());
  }

  private static <T> List<T> list(JsonObject o, String name, Function<JsonObject, T> mapper) {
    JsonArray a = member(o, name).asArray();
    List<T> values = new ArrayList<>(a.size());
    for (JsonValue e : a.elements()) {
      values.add(mapper.apply(e.asObject()));
    }
    return values;
  }
}
