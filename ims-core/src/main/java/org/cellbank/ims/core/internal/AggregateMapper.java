package org.cellbank.ims.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.cellbank.ims.core.internal.AggregateSql.BatchCultureJson;
import org.cellbank.ims.core.internal.AggregateSql.BatchJson;
import org.cellbank.ims.core.internal.AggregateSql.CharacterisationJson;
import org.cellbank.ims.core.internal.AggregateSql.CultureJson;
import org.cellbank.ims.core.internal.AggregateSql.DerivationJson;
import org.cellbank.ims.core.internal.AggregateSql.DiseaseGenotypeJson;
import org.cellbank.ims.core.internal.AggregateSql.DiseaseJson;
import org.cellbank.ims.core.internal.AggregateSql.DonorDiseaseJson;
import org.cellbank.ims.core.internal.AggregateSql.DonorJson;
import org.cellbank.ims.core.internal.AggregateSql.Element;
import org.cellbank.ims.core.internal.AggregateSql.FactorJson;
import org.cellbank.ims.core.internal.AggregateSql.GenomeAnalysisJson;
import org.cellbank.ims.core.internal.AggregateSql.ImageJson;
import org.cellbank.ims.core.internal.AggregateSql.InformationPackJson;
import org.cellbank.ims.core.internal.AggregateSql.KaryotypeJson;
import org.cellbank.ims.core.internal.AggregateSql.LineDiseaseJson;
import org.cellbank.ims.core.internal.AggregateSql.LineJson;
import org.cellbank.ims.core.internal.AggregateSql.ModificationJson;
import org.cellbank.ims.core.internal.AggregateSql.OtherMediumJson;
import org.cellbank.ims.core.internal.AggregateSql.PluritestJson;
import org.cellbank.ims.core.internal.AggregateSql.PublicationJson;
import org.cellbank.ims.core.internal.AggregateSql.StatusJson;
import org.cellbank.ims.core.internal.AggregateSql.SupplementJson;
import org.cellbank.ims.core.internal.AggregateSql.VariantJson;
import org.cellbank.ims.core.internal.AggregateSql.VectorJson;
import org.cellbank.ims.core.internal.AggregateSql.VialJson;
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
import org.cellbank.ims.core.model.DiseaseGenotype;
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
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;

/**
 * Turns the JSON documents that {@link AggregateSql} makes PostgreSQL build into the model records.
 *
 * <p>Each part of a document is an array whose element {@code i} is the constant with ordinal
 * {@code i} of the part's enum in {@link AggregateSql}; the methods here read elements by those
 * constants only. An array of another length than its enum means the SQL and this class disagree
 * and fails with {@link IllegalStateException}. Internal; thread-safe.
 */
final class AggregateMapper {

  private static final JsonReader JSON = JsonReader.create();

  // What each nested part of a document becomes. One class that dispatches on a number, not a lambda
  // or method reference per part: each of those costs its own bootstrap in a cold start (about half a
  // millisecond each on one CPU; docs/lambda.md, "Cold-start rules").
  private static final Mapping<DonorJson, Donor> DONOR = new Mapping<>(0, DonorJson.values());
  private static final Mapping<LineDiseaseJson, CellLineDisease> LINE_DISEASE =
      new Mapping<>(1, LineDiseaseJson.values());
  private static final Mapping<ModificationJson, GeneticModification> MODIFICATION =
      new Mapping<>(2, ModificationJson.values());
  private static final Mapping<DerivationJson, Derivation> DERIVATION = new Mapping<>(3, DerivationJson.values());
  private static final Mapping<VectorJson, ReprogrammingVector> VECTOR = new Mapping<>(4, VectorJson.values());
  private static final Mapping<CultureJson, CultureConditions> CULTURE = new Mapping<>(5, CultureJson.values());
  private static final Mapping<CharacterisationJson, Characterisation> CHARACTERISATION =
      new Mapping<>(6, CharacterisationJson.values());
  private static final Mapping<GenomeAnalysisJson, GenomeAnalysis> GENOME_ANALYSIS =
      new Mapping<>(7, GenomeAnalysisJson.values());
  private static final Mapping<BatchJson, Batch> BATCH = new Mapping<>(8, BatchJson.values());
  private static final Mapping<DiseaseJson, Disease> DISEASE = new Mapping<>(9, DiseaseJson.values());
  private static final Mapping<VariantJson, Variant> VARIANT = new Mapping<>(10, VariantJson.values());
  private static final Mapping<FactorJson, VectorFreeFactor> FACTOR = new Mapping<>(11, FactorJson.values());
  private static final Mapping<PluritestJson, Pluritest> PLURITEST = new Mapping<>(12, PluritestJson.values());
  private static final Mapping<KaryotypeJson, Karyotype> KARYOTYPE = new Mapping<>(13, KaryotypeJson.values());
  private static final Mapping<PublicationJson, Publication> PUBLICATION = new Mapping<>(14, PublicationJson.values());
  private static final Mapping<InformationPackJson, InformationPack> INFORMATION_PACK =
      new Mapping<>(15, InformationPackJson.values());
  private static final Mapping<StatusJson, StatusEntry> STATUS = new Mapping<>(16, StatusJson.values());
  private static final Mapping<BatchCultureJson, BatchCultureConditions> BATCH_CULTURE =
      new Mapping<>(17, BatchCultureJson.values());
  private static final Mapping<ImageJson, BatchImage> IMAGE = new Mapping<>(18, ImageJson.values());
  private static final Mapping<VialJson, Vial> VIAL = new Mapping<>(19, VialJson.values());
  private static final Mapping<DonorDiseaseJson, DonorDisease> DONOR_DISEASE =
      new Mapping<>(20, DonorDiseaseJson.values());
  private static final Mapping<OtherMediumJson, CultureMediumOther> OTHER_MEDIUM =
      new Mapping<>(21, OtherMediumJson.values());
  private static final Mapping<SupplementJson, MediumSupplement> SUPPLEMENT =
      new Mapping<>(22, SupplementJson.values());
  private static final Mapping<DiseaseGenotypeJson, DiseaseGenotype> DISEASE_GENOTYPE =
      new Mapping<>(23, DiseaseGenotypeJson.values());

  /** Maps one kind of nested part; {@link AggregateMapper#map} dispatches on {@code part}. */
  private static final class Mapping<F extends Enum<F> & Element, T> {
    final int part;
    final F[] layout;

    Mapping(int part, F[] layout) {
      this.part = part;
      this.layout = layout;
    }

    @SuppressWarnings("unchecked")
    T apply(Row<F> row) {
      return (T) map(part, row);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object map(int part, Row<?> row) {
    return switch (part) {
      case 0 -> donor((Row<DonorJson>) row);
      case 1 -> lineDisease((Row<LineDiseaseJson>) row);
      case 2 -> modification((Row<ModificationJson>) row);
      case 3 -> derivation((Row<DerivationJson>) row);
      case 4 -> vector((Row<VectorJson>) row);
      case 5 -> culture((Row<CultureJson>) row);
      case 6 -> characterisation((Row<CharacterisationJson>) row);
      case 7 -> genomeAnalysis((Row<GenomeAnalysisJson>) row);
      case 8 -> batch((Row<BatchJson>) row);
      case 9 -> disease((Row<DiseaseJson>) row);
      case 10 -> variant((Row<VariantJson>) row);
      case 11 -> factor((Row<FactorJson>) row);
      case 12 -> pluritest((Row<PluritestJson>) row);
      case 13 -> karyotype((Row<KaryotypeJson>) row);
      case 14 -> publication((Row<PublicationJson>) row);
      case 15 -> informationPack((Row<InformationPackJson>) row);
      case 16 -> status((Row<StatusJson>) row);
      case 17 -> batchCulture((Row<BatchCultureJson>) row);
      case 18 -> image((Row<ImageJson>) row);
      case 19 -> vial((Row<VialJson>) row);
      case 20 -> donorDisease((Row<DonorDiseaseJson>) row);
      case 21 -> otherMedium((Row<OtherMediumJson>) row);
      case 22 -> supplement((Row<SupplementJson>) row);
      case 23 -> diseaseGenotype((Row<DiseaseGenotypeJson>) row);
      default -> throw new IllegalStateException("no mapping " + part);
    };
  }

  private AggregateMapper() {}

  /** A whole cell line from its document. */
  static CellLine cellLine(String json) {
    Row<LineJson> l = new Row<>(JSON.read(json), LineJson.values());
    return CellLine.builder()
        .name(l.text(LineJson.NAME))
        .biosamplesId(l.text(LineJson.BIOSAMPLES_ID))
        .alternativeNames(l.strings(LineJson.ALTERNATIVE_NAMES))
        .hpscregId(l.text(LineJson.HPSCREG_ID))
        .ecaccId(l.text(LineJson.ECACC_ID))
        .validationStatus(ValidationStatus.fromCode(l.text(LineJson.VALIDATION_STATUS)))
        .availableForSale(l.bool(LineJson.AVAILABLE_FOR_SALE))
        .availableForSaleAtEcacc(l.bool(LineJson.AVAILABLE_FOR_SALE_AT_ECACC))
        .donor(l.one(LineJson.DONOR, DONOR))
        .donorAge(l.text(LineJson.DONOR_AGE))
        .depositor(l.text(LineJson.DEPOSITOR))
        .owner(l.text(LineJson.OWNER))
        .derivationCountry(l.text(LineJson.DERIVATION_COUNTRY))
        .hasDiseases(l.bool(LineJson.HAS_DISEASES))
        .diseaseAssociatedPhenotypes(l.strings(LineJson.DISEASE_ASSOCIATED_PHENOTYPES))
        .nonDiseaseAssociatedPhenotypes(l.strings(LineJson.NON_DISEASE_ASSOCIATED_PHENOTYPES))
        .hasGeneticModification(l.bool(LineJson.HAS_GENETIC_MODIFICATION))
        .derivedFrom(l.text(LineJson.DERIVED_FROM))
        .publicNotes(l.text(LineJson.PUBLIC_NOTES))
        .diseases(l.list(LineJson.DISEASES, LINE_DISEASE))
        .nonDiseaseModifications(l.list(LineJson.NON_DISEASE_MODIFICATIONS, MODIFICATION))
        .derivation(l.one(LineJson.DERIVATION, DERIVATION))
        .reprogrammingVector(l.one(LineJson.REPROGRAMMING_VECTOR, VECTOR))
        .vectorFreeFactors(l.list(LineJson.VECTOR_FREE_FACTORS, FACTOR))
        .cultureConditions(l.one(LineJson.CULTURE_CONDITIONS, CULTURE))
        .characterisation(l.one(LineJson.CHARACTERISATION, CHARACTERISATION))
        .pluritest(l.one(LineJson.PLURITEST, PLURITEST))
        .karyotype(l.one(LineJson.KARYOTYPE, KARYOTYPE))
        .diseaseGenotype(l.one(LineJson.DISEASE_GENOTYPE, DISEASE_GENOTYPE))
        .genomeAnalyses(l.list(LineJson.GENOME_ANALYSES, GENOME_ANALYSIS))
        .publications(l.list(LineJson.PUBLICATIONS, PUBLICATION))
        .informationPacks(l.list(LineJson.INFORMATION_PACKS, INFORMATION_PACK))
        .statusLog(l.list(LineJson.STATUS_LOG, STATUS))
        .batches(l.list(LineJson.BATCHES, BATCH))
        .version(l.number(LineJson.VERSION))
        .build();
  }

  /** A batch from its document. */
  static Batch batch(String json) {
    return batch(new Row<>(JSON.read(json), BatchJson.values()));
  }

  private static Batch batch(Row<BatchJson> b) {
    String coaKey = b.text(BatchJson.COA_FILE_KEY);
    return new Batch(b.text(BatchJson.BIOSAMPLES_ID), b.text(BatchJson.BATCH_ID),
        BatchType.fromCode(b.text(BatchJson.TYPE)), b.integer(BatchJson.VIALS_AT_CENTRAL_FACILITY),
        b.integer(BatchJson.VIALS_SHIPPED_TO_ECACC), b.integer(BatchJson.VIALS_SHIPPED_TO_FRAUNHOFER),
        coaKey == null ? null : new MediaFile(coaKey, b.text(BatchJson.COA_MD5)),
        b.one(BatchJson.CULTURE_CONDITIONS, BATCH_CULTURE),
        b.list(BatchJson.IMAGES, IMAGE),
        b.list(BatchJson.VIALS, VIAL));
  }

  private static Donor donor(Row<DonorJson> d) {
    return Donor.builder()
        .biosamplesId(d.text(DonorJson.BIOSAMPLES_ID))
        .gender(d.text(DonorJson.GENDER))
        .internalDonorIds(d.strings(DonorJson.INTERNAL_DONOR_IDS))
        .countryOfOrigin(d.text(DonorJson.COUNTRY_OF_ORIGIN))
        .ethnicity(d.text(DonorJson.ETHNICITY))
        .familyHistory(d.text(DonorJson.FAMILY_HISTORY))
        .medicalHistory(d.text(DonorJson.MEDICAL_HISTORY))
        .clinicalInformation(d.text(DonorJson.CLINICAL_INFORMATION))
        .karyotype(d.text(DonorJson.KARYOTYPE))
        .karyotypeMethod(d.text(DonorJson.KARYOTYPE_METHOD))
        .diseases(d.list(DonorJson.DISEASES, DONOR_DISEASE))
        .genomeAnalyses(d.list(DonorJson.GENOME_ANALYSES, GENOME_ANALYSIS))
        .build();
  }

  private static Variant variant(Row<VariantJson> v) {
    return new Variant(v.integer(VariantJson.VARIANT_ID), v.text(VariantJson.GENE),
        v.text(VariantJson.CHROMOSOME_LOCATION), v.text(VariantJson.NUCLEOTIDE_SEQUENCE_HGVS),
        v.text(VariantJson.PROTEIN_SEQUENCE_HGVS), v.text(VariantJson.ZYGOSITY_STATUS),
        v.text(VariantJson.CLINVAR_ID), v.text(VariantJson.DBSNP_ID), v.text(VariantJson.DBVAR_ID),
        v.text(VariantJson.PUBLICATION_PMID), v.text(VariantJson.NOTES));
  }

  private static Disease disease(Row<DiseaseJson> d) {
    return new Disease(d.text(DiseaseJson.PURL), d.text(DiseaseJson.NAME), d.strings(DiseaseJson.SYNONYMS));
  }

  private static GenomeAnalysis genomeAnalysis(Row<GenomeAnalysisJson> g) {
    return new GenomeAnalysis(g.text(GenomeAnalysisJson.ANALYSIS_METHOD), g.text(GenomeAnalysisJson.LINK));
  }

  private static CellLineDisease lineDisease(Row<LineDiseaseJson> d) {
    return new CellLineDisease(d.one(LineDiseaseJson.DISEASE, DISEASE),
        d.text(LineDiseaseJson.FREE_TEXT_NAME), d.bool(LineDiseaseJson.PRIMARY), d.text(LineDiseaseJson.NOTES),
        d.list(LineDiseaseJson.MODIFICATIONS, MODIFICATION));
  }

  private static GeneticModification modification(Row<ModificationJson> m) {
    return GeneticModification.builder()
        .kind(ModificationKind.fromCode(m.text(ModificationJson.KIND)))
        .modificationId(m.integer(ModificationJson.MODIFICATION_ID))
        .gene(m.text(ModificationJson.GENE))
        .transgene(m.text(ModificationJson.TRANSGENE))
        .chromosomeLocation(m.text(ModificationJson.CHROMOSOME_LOCATION))
        .chromosomeLocationTransgene(m.text(ModificationJson.CHROMOSOME_LOCATION_TRANSGENE))
        .nucleotideSequenceHgvs(m.text(ModificationJson.NUCLEOTIDE_SEQUENCE_HGVS))
        .proteinSequenceHgvs(m.text(ModificationJson.PROTEIN_SEQUENCE_HGVS))
        .zygosityStatus(m.text(ModificationJson.ZYGOSITY_STATUS))
        .clinvarId(m.text(ModificationJson.CLINVAR_ID))
        .dbsnpId(m.text(ModificationJson.DBSNP_ID))
        .dbvarId(m.text(ModificationJson.DBVAR_ID))
        .publicationPmid(m.text(ModificationJson.PUBLICATION_PMID))
        .modificationType(m.text(ModificationJson.MODIFICATION_TYPE))
        .deliveryMethod(m.text(ModificationJson.DELIVERY_METHOD))
        .virus(m.text(ModificationJson.VIRUS))
        .transposon(m.text(ModificationJson.TRANSPOSON))
        .notes(m.text(ModificationJson.NOTES))
        .build();
  }

  private static Derivation derivation(Row<DerivationJson> d) {
    return Derivation.builder()
        .primaryCellType(d.text(DerivationJson.PRIMARY_CELL_TYPE))
        .primaryCellTypeFreeText(d.text(DerivationJson.PRIMARY_CELL_TYPE_FREE_TEXT))
        .primaryCellLine(d.text(DerivationJson.PRIMARY_CELL_LINE))
        .primaryCellLineVendor(d.text(DerivationJson.PRIMARY_CELL_LINE_VENDOR))
        .primaryCellDevelopmentalStage(d.text(DerivationJson.PRIMARY_CELL_DEVELOPMENTAL_STAGE))
        .tissueProcurementLocation(d.text(DerivationJson.TISSUE_PROCUREMENT_LOCATION))
        .tissueCollectionDate(d.date(DerivationJson.TISSUE_COLLECTION_DATE))
        .tissueCollectionYear(d.text(DerivationJson.TISSUE_COLLECTION_YEAR))
        .reprogrammingPassageNumber(d.text(DerivationJson.REPROGRAMMING_PASSAGE_NUMBER))
        .selectionCriteriaForClones(d.text(DerivationJson.SELECTION_CRITERIA_FOR_CLONES))
        .xenoFreeConditions(d.bool(DerivationJson.XENO_FREE_CONDITIONS))
        .derivedUnderGmp(d.bool(DerivationJson.DERIVED_UNDER_GMP))
        .availableAsClinicalGrade(d.bool(DerivationJson.AVAILABLE_AS_CLINICAL_GRADE))
        .build();
  }

  private static ReprogrammingVector vector(Row<VectorJson> v) {
    List<String> genes = v.strings(VectorJson.GENES);
    YesNoUnknown answer = YesNoUnknown.fromCode(v.text(VectorJson.SILENCED_OR_DETECTABLE));
    List<String> methods = v.strings(VectorJson.METHODS);
    return "integrating".equals(v.text(VectorJson.KIND))
        ? new IntegratingVector(v.text(VectorJson.VECTOR), v.text(VectorJson.VIRUS), v.text(VectorJson.TRANSPOSON),
            v.bool(VectorJson.EXCISABLE), v.bool(VectorJson.ABSENCE_OF_REPROGRAMMING_VECTORS), genes, answer,
            methods, v.text(VectorJson.NOTES))
        : new NonIntegratingVector(v.text(VectorJson.VECTOR), genes, answer, methods, v.text(VectorJson.NOTES));
  }

  private static CultureConditions culture(Row<CultureJson> c) {
    return CultureConditions.builder()
        .surfaceCoating(c.text(CultureJson.SURFACE_COATING))
        .feederCellType(c.text(CultureJson.FEEDER_CELL_TYPE))
        .feederCellId(c.text(CultureJson.FEEDER_CELL_ID))
        .passageMethod(c.text(CultureJson.PASSAGE_METHOD))
        .enzymatically(c.text(CultureJson.ENZYMATICALLY))
        .enzymeFree(c.text(CultureJson.ENZYME_FREE))
        .o2Concentration(c.integer(CultureJson.O2_CONCENTRATION))
        .co2Concentration(c.integer(CultureJson.CO2_CONCENTRATION))
        .otherCultureEnvironment(c.text(CultureJson.OTHER_CULTURE_ENVIRONMENT))
        .cultureMedium(c.text(CultureJson.CULTURE_MEDIUM))
        .passageNumberBanked(c.text(CultureJson.PASSAGE_NUMBER_BANKED))
        .numberOfVialsBanked(c.text(CultureJson.NUMBER_OF_VIALS_BANKED))
        .passageHistory(c.bool(CultureJson.PASSAGE_HISTORY))
        .cultureHistory(c.bool(CultureJson.CULTURE_HISTORY))
        .rockInhibitorUsedAtPassage(YesNoUnknown.fromCode(c.text(CultureJson.ROCK_INHIBITOR_USED_AT_PASSAGE)))
        .rockInhibitorUsedAtCryo(YesNoUnknown.fromCode(c.text(CultureJson.ROCK_INHIBITOR_USED_AT_CRYO)))
        .rockInhibitorUsedAtThaw(YesNoUnknown.fromCode(c.text(CultureJson.ROCK_INHIBITOR_USED_AT_THAW)))
        .otherMedium(c.one(CultureJson.OTHER_MEDIUM, OTHER_MEDIUM))
        .supplements(c.list(CultureJson.SUPPLEMENTS, SUPPLEMENT))
        .build();
  }

  private static Characterisation characterisation(Row<CharacterisationJson> c) {
    return new Characterisation(c.bool(CharacterisationJson.CERTIFICATE_OF_ANALYSIS_FLAG),
        c.text(CharacterisationJson.CERTIFICATE_OF_ANALYSIS_PASSAGE_NUMBER),
        c.bool(CharacterisationJson.VIROLOGY_SCREENING_FLAG), screening(c, CharacterisationJson.HIV1),
        screening(c, CharacterisationJson.HIV2), screening(c, CharacterisationJson.HEPATITIS_B),
        screening(c, CharacterisationJson.HEPATITIS_C), screening(c, CharacterisationJson.MYCOPLASMA));
  }

  private static ScreeningResult screening(Row<CharacterisationJson> c, CharacterisationJson element) {
    String code = c.text(element);
    return code == null ? null : ScreeningResult.fromCode(code);
  }

  private static VectorFreeFactor factor(Row<FactorJson> f) {
    return new VectorFreeFactor(f.text(FactorJson.FACTOR), f.strings(FactorJson.MOLECULES));
  }

  private static Pluritest pluritest(Row<PluritestJson> p) {
    return new Pluritest(p.bool(PluritestJson.PLURITEST_FLAG), p.text(PluritestJson.PLURIPOTENCY_SCORE),
        p.text(PluritestJson.NOVELTY_SCORE), p.text(PluritestJson.MICROARRAY_URL));
  }

  private static Karyotype karyotype(Row<KaryotypeJson> k) {
    return new Karyotype(k.text(KaryotypeJson.KARYOTYPE), k.text(KaryotypeJson.METHOD),
        k.text(KaryotypeJson.PASSAGE_NUMBER));
  }

  private static DiseaseGenotype diseaseGenotype(Row<DiseaseGenotypeJson> g) {
    return new DiseaseGenotype(g.bool(DiseaseGenotypeJson.CARRIES_DISEASE_PHENOTYPE_ASSOCIATED_VARIANTS),
        g.bool(DiseaseGenotypeJson.VARIANT_OF_INTEREST));
  }

  private static Publication publication(Row<PublicationJson> p) {
    return new Publication(p.text(PublicationJson.REFERENCE_TYPE), p.text(PublicationJson.REFERENCE_ID),
        p.text(PublicationJson.REFERENCE_URL), p.text(PublicationJson.TITLE));
  }

  private static InformationPack informationPack(Row<InformationPackJson> p) {
    return new InformationPack(p.text(InformationPackJson.VERSION),
        new MediaFile(p.text(InformationPackJson.FILE_KEY), p.text(InformationPackJson.MD5)),
        p.instant(InformationPackJson.UPLOADED_AT));
  }

  private static StatusEntry status(Row<StatusJson> s) {
    return new StatusEntry(CellLineStatus.fromCode(s.text(StatusJson.STATUS)), s.text(StatusJson.COMMENT),
        s.text(StatusJson.AUTHOR), s.instant(StatusJson.CHANGED_AT));
  }

  private static BatchCultureConditions batchCulture(Row<BatchCultureJson> c) {
    return new BatchCultureConditions(c.text(BatchCultureJson.CULTURE_MEDIUM),
        c.text(BatchCultureJson.PASSAGE_METHOD), c.text(BatchCultureJson.MATRIX),
        c.text(BatchCultureJson.O2_CONCENTRATION), c.text(BatchCultureJson.CO2_CONCENTRATION),
        c.text(BatchCultureJson.TEMPERATURE));
  }

  private static BatchImage image(Row<ImageJson> i) {
    return new BatchImage(new MediaFile(i.text(ImageJson.FILE_KEY), i.text(ImageJson.MD5)),
        i.text(ImageJson.MAGNIFICATION), i.text(ImageJson.TIME_POINT));
  }

  private static Vial vial(Row<VialJson> v) {
    return new Vial(v.text(VialJson.BIOSAMPLES_ID), v.text(VialJson.NAME), v.text(VialJson.NUMBER),
        v.text(VialJson.DERIVED_FROM));
  }

  private static DonorDisease donorDisease(Row<DonorDiseaseJson> dd) {
    return new DonorDisease(dd.one(DonorDiseaseJson.DISEASE, DISEASE), dd.text(DonorDiseaseJson.FREE_TEXT_NAME),
        dd.bool(DonorDiseaseJson.PRIMARY), dd.text(DonorDiseaseJson.STAGE), dd.text(DonorDiseaseJson.AFFECTED_STATUS),
        dd.text(DonorDiseaseJson.CARRIER), dd.text(DonorDiseaseJson.NOTES),
        dd.list(DonorDiseaseJson.VARIANTS, VARIANT));
  }

  private static CultureMediumOther otherMedium(Row<OtherMediumJson> m) {
    return new CultureMediumOther(m.text(OtherMediumJson.BASE), m.text(OtherMediumJson.PROTEIN_SOURCE),
        m.integer(OtherMediumJson.SERUM_CONCENTRATION));
  }

  private static MediumSupplement supplement(Row<SupplementJson> s) {
    return new MediumSupplement(s.text(SupplementJson.SUPPLEMENT), s.text(SupplementJson.AMOUNT),
        s.text(SupplementJson.UNIT));
  }

  /** One document array read through its enum: element {@code e} is at {@code e.ordinal()}. */
  private static final class Row<E extends Enum<E> & Element> {
    private final List<JsonValue> elements;

    Row(JsonValue value, E[] layout) {
      this.elements = value.asArray().elements();
      if (elements.size() != layout.length) {
        throw new IllegalStateException("a " + layout[0].getDeclaringClass().getSimpleName() + " document has "
            + elements.size() + " elements, not " + layout.length);
      }
    }

    private JsonValue get(E e) {
      return elements.get(e.ordinal());
    }

    String text(E e) {
      JsonValue v = get(e);
      return v.isNull() ? null : v.asString();
    }

    Boolean bool(E e) {
      JsonValue v = get(e);
      return v.isNull() ? null : v.asBoolean();
    }

    Integer integer(E e) {
      JsonValue v = get(e);
      return v.isNull() ? null : Math.toIntExact(v.asNumber().longValue());
    }

    long number(E e) {
      return get(e).asNumber().longValue();
    }

    // A timestamptz sent as microseconds since the epoch (AggregateSql.epochMicros).
    Instant instant(E e) {
      JsonValue v = get(e);
      if (v.isNull()) {
        return null;
      }
      long micros = v.asNumber().longValue();
      return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    // A date sent as days since 1970-01-01 (AggregateSql.epochDay).
    LocalDate date(E e) {
      JsonValue v = get(e);
      return v.isNull() ? null : LocalDate.ofEpochDay(v.asNumber().longValue());
    }

    List<String> strings(E e) {
      JsonValue v = get(e);
      if (v.isNull()) {
        return List.of();
      }
      JsonArray a = v.asArray();
      List<String> values = new ArrayList<>(a.size());
      for (JsonValue s : a.elements()) {
        values.add(s.isNull() ? null : s.asString());
      }
      return values;
    }

    <F extends Enum<F> & Element, T> T one(E e, Mapping<F, T> mapping) {
      JsonValue v = get(e);
      return v.isNull() ? null : mapping.apply(new Row<>(v, mapping.layout));
    }

    <F extends Enum<F> & Element, T> List<T> list(E e, Mapping<F, T> mapping) {
      JsonArray a = get(e).asArray();
      List<T> values = new ArrayList<>(a.size());
      for (JsonValue v : a.elements()) {
        values.add(mapping.apply(new Row<>(v, mapping.layout)));
      }
      return values;
    }
  }
}
