package org.cellbank.ims.core.internal;

import static org.cellbank.ims.core.internal.db.Tables.AGE_RANGE;
import static org.cellbank.ims.core.internal.db.Tables.BATCH;
import static org.cellbank.ims.core.internal.db.Tables.BATCH_CULTURE_CONDITIONS;
import static org.cellbank.ims.core.internal.db.Tables.BATCH_IMAGE;
import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE;
import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE_DISEASE;
import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE_INFORMATION_PACK;
import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE_STATUS;
import static org.cellbank.ims.core.internal.db.Tables.CELL_TYPE;
import static org.cellbank.ims.core.internal.db.Tables.CHARACTERISATION;
import static org.cellbank.ims.core.internal.db.Tables.COUNTRY;
import static org.cellbank.ims.core.internal.db.Tables.CULTURE_CONDITIONS;
import static org.cellbank.ims.core.internal.db.Tables.CULTURE_MEDIUM_OTHER;
import static org.cellbank.ims.core.internal.db.Tables.CULTURE_MEDIUM_SUPPLEMENT;
import static org.cellbank.ims.core.internal.db.Tables.DERIVATION;
import static org.cellbank.ims.core.internal.db.Tables.DISEASE;
import static org.cellbank.ims.core.internal.db.Tables.DONOR;
import static org.cellbank.ims.core.internal.db.Tables.DONOR_DISEASE;
import static org.cellbank.ims.core.internal.db.Tables.DONOR_DISEASE_VARIANT;
import static org.cellbank.ims.core.internal.db.Tables.DONOR_GENOME_ANALYSIS;
import static org.cellbank.ims.core.internal.db.Tables.GENDER;
import static org.cellbank.ims.core.internal.db.Tables.GENETIC_MODIFICATION;
import static org.cellbank.ims.core.internal.db.Tables.GENOME_ANALYSIS;
import static org.cellbank.ims.core.internal.db.Tables.KARYOTYPE;
import static org.cellbank.ims.core.internal.db.Tables.MOLECULE;
import static org.cellbank.ims.core.internal.db.Tables.ORGANISATION;
import static org.cellbank.ims.core.internal.db.Tables.PLURITEST;
import static org.cellbank.ims.core.internal.db.Tables.PUBLICATION;
import static org.cellbank.ims.core.internal.db.Tables.REPROGRAMMING_VECTOR;
import static org.cellbank.ims.core.internal.db.Tables.REPROGRAMMING_VECTOR_GENE;
import static org.cellbank.ims.core.internal.db.Tables.TRANSPOSON;
import static org.cellbank.ims.core.internal.db.Tables.UNIT;
import static org.cellbank.ims.core.internal.db.Tables.VECTOR_FREE_FACTOR;
import static org.cellbank.ims.core.internal.db.Tables.VECTOR_FREE_FACTOR_MOLECULE;
import static org.cellbank.ims.core.internal.db.Tables.VECTOR_FREE_FACTOR_TYPE;
import static org.cellbank.ims.core.internal.db.Tables.VECTOR_TYPE;
import static org.cellbank.ims.core.internal.db.Tables.VIAL;
import static org.cellbank.ims.core.internal.db.Tables.VIRUS;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cellbank.ims.core.internal.db.tables.records.BatchRecord;
import org.cellbank.ims.core.internal.db.tables.records.CellLineRecord;
import org.cellbank.ims.core.internal.db.tables.records.CharacterisationRecord;
import org.cellbank.ims.core.internal.db.tables.records.CultureConditionsRecord;
import org.cellbank.ims.core.internal.db.tables.records.DerivationRecord;
import org.cellbank.ims.core.internal.db.tables.records.DonorRecord;
import org.cellbank.ims.core.internal.db.tables.records.KaryotypeRecord;
import org.cellbank.ims.core.internal.db.tables.records.PluritestRecord;
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
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Loads whole cell-line aggregates with a bounded number of statements, whatever their number:
 * one query for the lines and their one-to-one parts, then one query per child table for all the
 * lines at once ({@code WHERE parent_id = ANY(?)}). A query whose parent set is empty is skipped.
 * Internal.
 */
public final class CellLineReader {

  private static final org.cellbank.ims.core.internal.db.tables.Organisation GENERATOR = ORGANISATION.as("generator");
  private static final org.cellbank.ims.core.internal.db.tables.Organisation OWNER = ORGANISATION.as("owner");
  private static final org.cellbank.ims.core.internal.db.tables.Country DERIVATION_COUNTRY = COUNTRY.as("derivation_country");
  private static final org.cellbank.ims.core.internal.db.tables.Country DONOR_COUNTRY = COUNTRY.as("donor_country");
  private static final org.cellbank.ims.core.internal.db.tables.CellLine PARENT = CELL_LINE.as("parent");
  private static final org.cellbank.ims.core.internal.db.tables.Molecule GENE = MOLECULE.as("gene");
  private static final org.cellbank.ims.core.internal.db.tables.Molecule TRANSGENE = MOLECULE.as("transgene");

  private final DSLContext dsl;

  /** A reader over this context (a plain one, or a transaction's). */
  public CellLineReader(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Loads the lines matching {@code where}, ordered by name, with offset and limit. */
  public List<CellLine> load(Condition where, long offset, int limit) {
    useGenericPlans();
    var rows = dsl.select(CELL_LINE.fields())
        .select(AGE_RANGE.NAME, GENERATOR.NAME, OWNER.NAME, DERIVATION_COUNTRY.NAME, PARENT.BIOSAMPLES_ID)
        .select(DONOR.fields())
        .select(GENDER.NAME, DONOR_COUNTRY.NAME)
        .select(DERIVATION.fields())
        .select(CELL_TYPE.NAME)
        .select(CHARACTERISATION.fields())
        .select(PLURITEST.fields())
        .select(KARYOTYPE.fields())
        .from(CELL_LINE)
        .join(GENERATOR).on(GENERATOR.ID.eq(CELL_LINE.GENERATOR_ID))
        .leftJoin(OWNER).on(OWNER.ID.eq(CELL_LINE.OWNER_ID))
        .leftJoin(AGE_RANGE).on(AGE_RANGE.ID.eq(CELL_LINE.DONOR_AGE_ID))
        .leftJoin(DERIVATION_COUNTRY).on(DERIVATION_COUNTRY.ID.eq(CELL_LINE.DERIVATION_COUNTRY_ID))
        .leftJoin(PARENT).on(PARENT.ID.eq(CELL_LINE.DERIVED_FROM_ID))
        .leftJoin(DONOR).on(DONOR.ID.eq(CELL_LINE.DONOR_ID))
        .leftJoin(GENDER).on(GENDER.ID.eq(DONOR.GENDER_ID))
        .leftJoin(DONOR_COUNTRY).on(DONOR_COUNTRY.ID.eq(DONOR.COUNTRY_OF_ORIGIN_ID))
        .leftJoin(DERIVATION).on(DERIVATION.CELL_LINE_ID.eq(CELL_LINE.ID))
        .leftJoin(CELL_TYPE).on(CELL_TYPE.ID.eq(DERIVATION.PRIMARY_CELL_TYPE_ID))
        .leftJoin(CHARACTERISATION).on(CHARACTERISATION.CELL_LINE_ID.eq(CELL_LINE.ID))
        .leftJoin(PLURITEST).on(PLURITEST.CELL_LINE_ID.eq(CELL_LINE.ID))
        .leftJoin(KARYOTYPE).on(KARYOTYPE.CELL_LINE_ID.eq(CELL_LINE.ID))
        .where(where)
        .orderBy(CELL_LINE.NAME)
        .offset(offset)
        .limit(limit)
        .fetch();
    if (rows.isEmpty()) {
      return List.of();
    }
    List<Long> lineIds = new ArrayList<>();
    List<Long> donorIds = new ArrayList<>();
    for (Record r : rows) {
      lineIds.add(r.get(CELL_LINE.ID));
      if (r.get(DONOR.ID) != null && !donorIds.contains(r.get(DONOR.ID))) {
        donorIds.add(r.get(DONOR.ID));
      }
    }
    Children c = new Children();
    c.loadDonorParts(donorIds);
    c.loadLineParts(lineIds);
    List<CellLine> lines = new ArrayList<>(rows.size());
    for (Record r : rows) {
      lines.add(c.cellLine(r));
    }
    return lines;
  }

  /** Counts the lines matching {@code where}. */
  public long count(Condition where) {
    return dsl.fetchCount(CELL_LINE, where);
  }

  /** Loads batches matching {@code where} (a condition on {@code BATCH}), ordered by creation. */
  public List<Batch> loadBatches(Condition where, long offset, int limit) {
    useGenericPlans();
    var rows = dsl.select(BATCH.fields()).select(BATCH_CULTURE_CONDITIONS.fields())
        .from(BATCH)
        .leftJoin(BATCH_CULTURE_CONDITIONS).on(BATCH_CULTURE_CONDITIONS.BATCH_ID.eq(BATCH.ID))
        .where(where)
        .orderBy(BATCH.ID)
        .offset(offset)
        .limit(limit)
        .fetch();
    Map<Long, List<Batch>> byLine = new Children().batches(rows);
    List<Batch> all = new ArrayList<>();
    byLine.values().forEach(all::addAll);
    return all;
  }

  private static Long[] ids(Collection<Long> ids) {
    return ids.toArray(Long[]::new);
  }

  // A custom plan for "parent_id = ANY(<1,000 ids>)" makes the planner estimate every array element
  // (hundreds of milliseconds per query); a generic plan does not look at the values. SET LOCAL
  // lasts until the end of the caller's transaction, which every read runs in.
  private void useGenericPlans() {
    dsl.execute("SET LOCAL plan_cache_mode = force_generic_plan");
  }

  // One bind value for the whole id list: jOOQ would otherwise render and bind one parameter per id.
  private static Field<Long[]> array(Long[] ids) {
    return DSL.val(ids, SQLDataType.BIGINT.array());
  }

  private static <K, V> void add(Map<K, List<V>> map, K key, V value) {
    map.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  private static List<String> list(String[] values) {
    return values == null ? List.of() : Arrays.asList(values);
  }

  private static java.time.Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static ScreeningResult screening(String code) {
    return code == null ? null : ScreeningResult.fromCode(code);
  }

  private static Disease disease(Record r) {
    if (r.get(DISEASE.ID) == null) {
      return null;
    }
    return new Disease(r.get(DISEASE.PURL), r.get(DISEASE.NAME), list(r.get(DISEASE.SYNONYMS)));
  }

  /** The child rows of one load, grouped by parent id. */
  private final class Children {
    private final Map<Long, List<DonorDisease>> donorDiseases = new HashMap<>();
    private final Map<Long, List<GenomeAnalysis>> donorGenomes = new HashMap<>();
    private final Map<Long, List<CellLineDisease>> lineDiseases = new HashMap<>();
    private final Map<Long, List<GeneticModification>> nonDiseaseMods = new HashMap<>();
    private final Map<Long, ReprogrammingVector> vectors = new HashMap<>();
    private final Map<Long, List<VectorFreeFactor>> factors = new HashMap<>();
    private final Map<Long, CultureConditions> cultures = new HashMap<>();
    private final Map<Long, List<GenomeAnalysis>> genomes = new HashMap<>();
    private final Map<Long, List<Publication>> publications = new HashMap<>();
    private final Map<Long, List<InformationPack>> clips = new HashMap<>();
    private final Map<Long, List<StatusEntry>> statuses = new HashMap<>();
    private final Map<Long, List<Batch>> batches = new HashMap<>();

    void loadDonorParts(List<Long> donorIds) {
      if (donorIds.isEmpty()) {
        return;
      }
      Long[] ids = ids(donorIds);
      var diseaseRows = dsl.select(DONOR_DISEASE.fields()).select(DISEASE.fields())
          .from(DONOR_DISEASE).leftJoin(DISEASE).on(DISEASE.ID.eq(DONOR_DISEASE.DISEASE_ID))
          .where(DONOR_DISEASE.DONOR_ID.eq(DSL.any(array(ids))))
          .orderBy(DONOR_DISEASE.ID)
          .fetch();
      Map<Long, List<Variant>> variants = new HashMap<>();
      if (!diseaseRows.isEmpty()) {
        Long[] ddIds = diseaseRows.stream().map(r -> r.get(DONOR_DISEASE.ID)).toArray(Long[]::new);
        for (Record r : dsl.select(DONOR_DISEASE_VARIANT.fields()).select(MOLECULE.NAME)
            .from(DONOR_DISEASE_VARIANT).leftJoin(MOLECULE).on(MOLECULE.ID.eq(DONOR_DISEASE_VARIANT.GENE_ID))
            .where(DONOR_DISEASE_VARIANT.DONOR_DISEASE_ID.eq(DSL.any(array(ddIds))))
            .orderBy(DONOR_DISEASE_VARIANT.ID)
            .fetch()) {
          var v = DONOR_DISEASE_VARIANT;
          add(variants, r.get(v.DONOR_DISEASE_ID), new Variant(r.get(v.VARIANT_ID), r.get(MOLECULE.NAME),
              r.get(v.CHROMOSOME_LOCATION), r.get(v.NUCLEOTIDE_SEQUENCE_HGVS), r.get(v.PROTEIN_SEQUENCE_HGVS),
              r.get(v.ZYGOSITY_STATUS), r.get(v.CLINVAR_ID), r.get(v.DBSNP_ID), r.get(v.DBVAR_ID),
              r.get(v.PUBLICATION_PMID), r.get(v.NOTES)));
        }
      }
      for (Record r : diseaseRows) {
        var d = DONOR_DISEASE;
        add(donorDiseases, r.get(d.DONOR_ID), new DonorDisease(disease(r), r.get(d.FREE_TEXT_NAME),
            r.get(d.PRIMARY_DISEASE), r.get(d.DISEASE_STAGE), r.get(d.AFFECTED_STATUS), r.get(d.CARRIER),
            r.get(d.NOTES), variants.getOrDefault(r.get(d.ID), List.of())));
      }
      for (var r : dsl.selectFrom(DONOR_GENOME_ANALYSIS)
          .where(DONOR_GENOME_ANALYSIS.DONOR_ID.eq(DSL.any(array(ids)))).orderBy(DONOR_GENOME_ANALYSIS.ID).fetch()) {
        add(donorGenomes, r.getDonorId(), new GenomeAnalysis(r.getAnalysisMethod(), r.getLink()));
      }
    }

    void loadLineParts(List<Long> lineIdList) {
      Long[] ids = ids(lineIdList);
      loadDiseasesAndModifications(ids);
      loadReprogramming(ids);
      loadCulture(ids);
      for (var r : dsl.selectFrom(GENOME_ANALYSIS).where(GENOME_ANALYSIS.CELL_LINE_ID.eq(DSL.any(array(ids))))
          .orderBy(GENOME_ANALYSIS.ID).fetch()) {
        add(genomes, r.getCellLineId(), new GenomeAnalysis(r.getAnalysisMethod(), r.getLink()));
      }
      for (var r : dsl.selectFrom(PUBLICATION).where(PUBLICATION.CELL_LINE_ID.eq(DSL.any(array(ids))))
          .orderBy(PUBLICATION.ID).fetch()) {
        add(publications, r.getCellLineId(), new Publication(r.getReferenceType(), r.getReferenceId(),
            r.getReferenceUrl(), r.getReferenceTitle()));
      }
      for (var r : dsl.selectFrom(CELL_LINE_INFORMATION_PACK)
          .where(CELL_LINE_INFORMATION_PACK.CELL_LINE_ID.eq(DSL.any(array(ids))))
          .orderBy(CELL_LINE_INFORMATION_PACK.UPLOADED_AT.desc(), CELL_LINE_INFORMATION_PACK.ID.desc()).fetch()) {
        add(clips, r.getCellLineId(), new InformationPack(r.getVersion(), new MediaFile(r.getFileKey(), r.getMd5()),
            instant(r.getUploadedAt())));
      }
      for (var r : dsl.selectFrom(CELL_LINE_STATUS).where(CELL_LINE_STATUS.CELL_LINE_ID.eq(DSL.any(array(ids))))
          .orderBy(CELL_LINE_STATUS.CHANGED_AT.desc(), CELL_LINE_STATUS.ID.desc()).fetch()) {
        add(statuses, r.getCellLineId(), new StatusEntry(CellLineStatus.fromCode(r.getStatus()), r.getComment(),
            r.getAuthor(), instant(r.getChangedAt())));
      }
      batches.putAll(batches(dsl.select(BATCH.fields()).select(BATCH_CULTURE_CONDITIONS.fields())
          .from(BATCH)
          .leftJoin(BATCH_CULTURE_CONDITIONS).on(BATCH_CULTURE_CONDITIONS.BATCH_ID.eq(BATCH.ID))
          .where(BATCH.CELL_LINE_ID.eq(DSL.any(array(ids))))
          .orderBy(BATCH.ID)
          .fetch()));
    }

    private void loadDiseasesAndModifications(Long[] ids) {
      var diseaseRows = dsl.select(CELL_LINE_DISEASE.fields()).select(DISEASE.fields())
          .from(CELL_LINE_DISEASE).leftJoin(DISEASE).on(DISEASE.ID.eq(CELL_LINE_DISEASE.DISEASE_ID))
          .where(CELL_LINE_DISEASE.CELL_LINE_ID.eq(DSL.any(array(ids))))
          .orderBy(CELL_LINE_DISEASE.ID)
          .fetch();
      Long[] cldIds = diseaseRows.stream().map(r -> r.get(CELL_LINE_DISEASE.ID)).toArray(Long[]::new);
      Map<Long, List<GeneticModification>> byDisease = new HashMap<>();
      var m = GENETIC_MODIFICATION;
      for (Record r : dsl.select(m.fields()).select(GENE.NAME, TRANSGENE.NAME, VIRUS.NAME, TRANSPOSON.NAME)
          .from(m)
          .leftJoin(GENE).on(GENE.ID.eq(m.GENE_ID))
          .leftJoin(TRANSGENE).on(TRANSGENE.ID.eq(m.TRANSGENE_ID))
          .leftJoin(VIRUS).on(VIRUS.ID.eq(m.VIRUS_ID))
          .leftJoin(TRANSPOSON).on(TRANSPOSON.ID.eq(m.TRANSPOSON_ID))
          .where(m.CELL_LINE_ID.eq(DSL.any(array(ids))).or(m.CELL_LINE_DISEASE_ID.eq(DSL.any(array(cldIds)))))
          .orderBy(m.ID)
          .fetch()) {
        GeneticModification gm = GeneticModification.builder()
            .kind(ModificationKind.fromCode(r.get(m.KIND)))
            .modificationId(r.get(m.MODIFICATION_ID))
            .gene(r.get(GENE.NAME))
            .transgene(r.get(TRANSGENE.NAME))
            .chromosomeLocation(r.get(m.CHROMOSOME_LOCATION))
            .chromosomeLocationTransgene(r.get(m.CHROMOSOME_LOCATION_TRANSGENE))
            .nucleotideSequenceHgvs(r.get(m.NUCLEOTIDE_SEQUENCE_HGVS))
            .proteinSequenceHgvs(r.get(m.PROTEIN_SEQUENCE_HGVS))
            .zygosityStatus(r.get(m.ZYGOSITY_STATUS))
            .clinvarId(r.get(m.CLINVAR_ID))
            .dbsnpId(r.get(m.DBSNP_ID))
            .dbvarId(r.get(m.DBVAR_ID))
            .publicationPmid(r.get(m.PUBLICATION_PMID))
            .modificationType(r.get(m.MODIFICATION_TYPE))
            .deliveryMethod(r.get(m.DELIVERY_METHOD))
            .virus(r.get(VIRUS.NAME))
            .transposon(r.get(TRANSPOSON.NAME))
            .notes(r.get(m.NOTES))
            .build();
        if (r.get(m.CELL_LINE_ID) != null) {
          add(nonDiseaseMods, r.get(m.CELL_LINE_ID), gm);
        } else {
          add(byDisease, r.get(m.CELL_LINE_DISEASE_ID), gm);
        }
      }
      for (Record r : diseaseRows) {
        var d = CELL_LINE_DISEASE;
        add(lineDiseases, r.get(d.CELL_LINE_ID), new CellLineDisease(disease(r), r.get(d.FREE_TEXT_NAME),
            r.get(d.PRIMARY_DISEASE), r.get(d.NOTES), byDisease.getOrDefault(r.get(d.ID), List.of())));
      }
    }

    private void loadReprogramming(Long[] ids) {
      var v = REPROGRAMMING_VECTOR;
      var vectorRows = dsl.select(v.fields()).select(VECTOR_TYPE.NAME, VIRUS.NAME, TRANSPOSON.NAME)
          .from(v)
          .leftJoin(VECTOR_TYPE).on(VECTOR_TYPE.ID.eq(v.VECTOR_TYPE_ID))
          .leftJoin(VIRUS).on(VIRUS.ID.eq(v.VIRUS_ID))
          .leftJoin(TRANSPOSON).on(TRANSPOSON.ID.eq(v.TRANSPOSON_ID))
          .where(v.CELL_LINE_ID.eq(DSL.any(array(ids))))
          .fetch();
      Map<Long, List<String>> genes = new HashMap<>();
      if (!vectorRows.isEmpty()) {
        Long[] vectorIds = vectorRows.stream().map(r -> r.get(v.ID)).toArray(Long[]::new);
        for (Record r : dsl.select(REPROGRAMMING_VECTOR_GENE.REPROGRAMMING_VECTOR_ID, MOLECULE.NAME)
            .from(REPROGRAMMING_VECTOR_GENE).join(MOLECULE).on(MOLECULE.ID.eq(REPROGRAMMING_VECTOR_GENE.MOLECULE_ID))
            .where(REPROGRAMMING_VECTOR_GENE.REPROGRAMMING_VECTOR_ID.eq(DSL.any(array(vectorIds))))
            .orderBy(REPROGRAMMING_VECTOR_GENE.ID)
            .fetch()) {
          add(genes, r.get(REPROGRAMMING_VECTOR_GENE.REPROGRAMMING_VECTOR_ID), r.get(MOLECULE.NAME));
        }
      }
      for (Record r : vectorRows) {
        List<String> g = genes.getOrDefault(r.get(v.ID), List.of());
        YesNoUnknown answer = YesNoUnknown.fromCode(r.get(v.SILENCED_OR_DETECTABLE));
        ReprogrammingVector vector = "integrating".equals(r.get(v.KIND))
            ? new IntegratingVector(r.get(VECTOR_TYPE.NAME), r.get(VIRUS.NAME), r.get(TRANSPOSON.NAME),
                r.get(v.EXCISABLE), r.get(v.ABSENCE_REPROGRAMMING_VECTORS), g, answer, list(r.get(v.METHODS)),
                r.get(v.NOTES))
            : new NonIntegratingVector(r.get(VECTOR_TYPE.NAME), g, answer, list(r.get(v.METHODS)), r.get(v.NOTES));
        vectors.put(r.get(v.CELL_LINE_ID), vector);
      }
      var factorRows = dsl.select(VECTOR_FREE_FACTOR.ID, VECTOR_FREE_FACTOR.CELL_LINE_ID, VECTOR_FREE_FACTOR_TYPE.NAME)
          .from(VECTOR_FREE_FACTOR)
          .join(VECTOR_FREE_FACTOR_TYPE).on(VECTOR_FREE_FACTOR_TYPE.ID.eq(VECTOR_FREE_FACTOR.FACTOR_TYPE_ID))
          .where(VECTOR_FREE_FACTOR.CELL_LINE_ID.eq(DSL.any(array(ids))))
          .orderBy(VECTOR_FREE_FACTOR.ID)
          .fetch();
      Map<Long, List<String>> molecules = new HashMap<>();
      if (!factorRows.isEmpty()) {
        Long[] factorIds = factorRows.stream().map(r -> r.get(VECTOR_FREE_FACTOR.ID)).toArray(Long[]::new);
        for (var r : dsl.selectFrom(VECTOR_FREE_FACTOR_MOLECULE)
            .where(VECTOR_FREE_FACTOR_MOLECULE.VECTOR_FREE_FACTOR_ID.eq(DSL.any(array(factorIds))))
            .orderBy(VECTOR_FREE_FACTOR_MOLECULE.ID).fetch()) {
          add(molecules, r.getVectorFreeFactorId(), r.getName());
        }
      }
      for (Record r : factorRows) {
        add(factors, r.get(VECTOR_FREE_FACTOR.CELL_LINE_ID), new VectorFreeFactor(r.get(VECTOR_FREE_FACTOR_TYPE.NAME),
            molecules.getOrDefault(r.get(VECTOR_FREE_FACTOR.ID), List.of())));
      }
    }

    private void loadCulture(Long[] ids) {
      var rows = dsl.select(CULTURE_CONDITIONS.fields()).select(CULTURE_MEDIUM_OTHER.fields())
          .from(CULTURE_CONDITIONS)
          .leftJoin(CULTURE_MEDIUM_OTHER).on(CULTURE_MEDIUM_OTHER.CULTURE_CONDITIONS_ID.eq(CULTURE_CONDITIONS.ID))
          .where(CULTURE_CONDITIONS.CELL_LINE_ID.eq(DSL.any(array(ids))))
          .fetch();
      if (rows.isEmpty()) {
        return;
      }
      Long[] ccIds = rows.stream().map(r -> r.get(CULTURE_CONDITIONS.ID)).toArray(Long[]::new);
      Map<Long, List<MediumSupplement>> supplements = new HashMap<>();
      for (Record r : dsl.select(CULTURE_MEDIUM_SUPPLEMENT.fields()).select(UNIT.NAME)
          .from(CULTURE_MEDIUM_SUPPLEMENT)
          .leftJoin(UNIT).on(UNIT.ID.eq(CULTURE_MEDIUM_SUPPLEMENT.UNIT_ID))
          .where(CULTURE_MEDIUM_SUPPLEMENT.CULTURE_CONDITIONS_ID.eq(DSL.any(array(ccIds))))
          .orderBy(CULTURE_MEDIUM_SUPPLEMENT.ID)
          .fetch()) {
        add(supplements, r.get(CULTURE_MEDIUM_SUPPLEMENT.CULTURE_CONDITIONS_ID), new MediumSupplement(
            r.get(CULTURE_MEDIUM_SUPPLEMENT.SUPPLEMENT), r.get(CULTURE_MEDIUM_SUPPLEMENT.AMOUNT), r.get(UNIT.NAME)));
      }
      for (Record r : rows) {
        CultureConditionsRecord c = r.into(CULTURE_CONDITIONS);
        CultureMediumOther other = r.get(CULTURE_MEDIUM_OTHER.ID) == null ? null : new CultureMediumOther(
            r.get(CULTURE_MEDIUM_OTHER.BASE), r.get(CULTURE_MEDIUM_OTHER.PROTEIN_SOURCE),
            r.get(CULTURE_MEDIUM_OTHER.SERUM_CONCENTRATION));
        cultures.put(c.getCellLineId(), CultureConditions.builder()
            .surfaceCoating(c.getSurfaceCoating())
            .feederCellType(c.getFeederCellType())
            .feederCellId(c.getFeederCellId())
            .passageMethod(c.getPassageMethod())
            .enzymatically(c.getEnzymatically())
            .enzymeFree(c.getEnzymeFree())
            .o2Concentration(c.getO2Concentration())
            .co2Concentration(c.getCo2Concentration())
            .otherCultureEnvironment(c.getOtherCultureEnvironment())
            .cultureMedium(c.getCultureMedium())
            .passageNumberBanked(c.getPassageNumberBanked())
            .numberOfVialsBanked(c.getNumberOfVialsBanked())
            .passageHistory(c.getPassageHistory())
            .cultureHistory(c.getCultureHistory())
            .rockInhibitorUsedAtPassage(YesNoUnknown.fromCode(c.getRockInhibitorUsedAtPassage()))
            .rockInhibitorUsedAtCryo(YesNoUnknown.fromCode(c.getRockInhibitorUsedAtCryo()))
            .rockInhibitorUsedAtThaw(YesNoUnknown.fromCode(c.getRockInhibitorUsedAtThaw()))
            .otherMedium(other)
            .supplements(supplements.getOrDefault(c.getId(), List.of()))
            .build());
      }
    }

    /** Builds batches from rows of BATCH left-joined with BATCH_CULTURE_CONDITIONS, by line id. */
    Map<Long, List<Batch>> batches(org.jooq.Result<? extends Record> rows) {
      Map<Long, List<Batch>> result = new LinkedHashMap<>();
      if (rows.isEmpty()) {
        return result;
      }
      Long[] batchIds = rows.stream().map(r -> r.get(BATCH.ID)).toArray(Long[]::new);
      Map<Long, List<BatchImage>> images = new HashMap<>();
      for (var r : dsl.selectFrom(BATCH_IMAGE).where(BATCH_IMAGE.BATCH_ID.eq(DSL.any(array(batchIds))))
          .orderBy(BATCH_IMAGE.ID).fetch()) {
        add(images, r.getBatchId(), new BatchImage(new MediaFile(r.getFileKey(), r.getMd5()), r.getMagnification(),
            r.getTimePoint()));
      }
      Map<Long, List<Vial>> vials = new HashMap<>();
      for (var r : dsl.selectFrom(VIAL).where(VIAL.BATCH_ID.eq(DSL.any(array(batchIds))))
          .orderBy(VIAL.BATCH_ID, VIAL.NUMBER).fetch()) {
        add(vials, r.getBatchId(), new Vial(r.getBiosamplesId(), r.getName(), r.getNumber(), r.getDerivedFrom()));
      }
      for (Record r : rows) {
        BatchRecord b = r.into(BATCH);
        var cc = BATCH_CULTURE_CONDITIONS;
        BatchCultureConditions conditions = r.get(cc.ID) == null ? null : new BatchCultureConditions(
            r.get(cc.CULTURE_MEDIUM), r.get(cc.PASSAGE_METHOD), r.get(cc.MATRIX), r.get(cc.O2_CONCENTRATION),
            r.get(cc.CO2_CONCENTRATION), r.get(cc.TEMPERATURE));
        add(result, b.getCellLineId(), new Batch(b.getBiosamplesId(), b.getBatchNo(),
            BatchType.fromCode(b.getBatchType()), b.getVialsAtRoslin(), b.getVialsShippedToEcacc(),
            b.getVialsShippedToFraunhoffer(),
            b.getCoaFileKey() == null ? null : new MediaFile(b.getCoaFileKey(), b.getCoaMd5()),
            conditions, images.getOrDefault(b.getId(), List.of()), vials.getOrDefault(b.getId(), List.of())));
      }
      return result;
    }

    CellLine cellLine(Record r) {
      CellLineRecord line = r.into(CELL_LINE);
      long id = line.getId();
      return CellLine.builder()
          .name(line.getName())
          .biosamplesId(line.getBiosamplesId())
          .alternativeNames(list(line.getAlternativeNames()))
          .hpscregId(line.getHpscregId())
          .ecaccId(line.getEcaccId())
          .validationStatus(ValidationStatus.fromCode(line.getValidationStatus()))
          .availableForSale(line.getAvailableForSale())
          .availableForSaleAtEcacc(line.getAvailableForSaleAtEcacc())
          .donor(donor(r))
          .donorAge(r.get(AGE_RANGE.NAME))
          .depositor(r.get(GENERATOR.NAME))
          .owner(r.get(OWNER.NAME))
          .derivationCountry(r.get(DERIVATION_COUNTRY.NAME))
          .hasDiseases(line.getHasDiseases())
          .diseaseAssociatedPhenotypes(list(line.getDiseaseAssociatedPhenotypes()))
          .nonDiseaseAssociatedPhenotypes(list(line.getNonDiseaseAssociatedPhenotypes()))
          .hasGeneticModification(line.getHasGeneticModification())
          .derivedFrom(r.get(PARENT.BIOSAMPLES_ID))
          .publicNotes(line.getPublicNotes())
          .diseases(lineDiseases.getOrDefault(id, List.of()))
          .nonDiseaseModifications(nonDiseaseMods.getOrDefault(id, List.of()))
          .derivation(derivation(r))
          .reprogrammingVector(vectors.get(id))
          .vectorFreeFactors(factors.getOrDefault(id, List.of()))
          .cultureConditions(cultures.get(id))
          .characterisation(characterisation(r))
          .pluritest(pluritest(r))
          .karyotype(karyotype(r))
          .genomeAnalyses(genomes.getOrDefault(id, List.of()))
          .publications(publications.getOrDefault(id, List.of()))
          .informationPacks(clips.getOrDefault(id, List.of()))
          .statusLog(statuses.getOrDefault(id, List.of()))
          .batches(batches.getOrDefault(id, List.of()))
          .version(line.getVersion())
          .build();
    }

    private Donor donor(Record r) {
      if (r.get(DONOR.ID) == null) {
        return null;
      }
      DonorRecord d = r.into(DONOR);
      return Donor.builder()
          .biosamplesId(d.getBiosamplesId())
          .gender(r.get(GENDER.NAME))
          .internalDonorIds(list(d.getInternalDonorIds()))
          .countryOfOrigin(r.get(DONOR_COUNTRY.NAME))
          .ethnicity(d.getEthnicity())
          .familyHistory(d.getFamilyHistory())
          .medicalHistory(d.getMedicalHistory())
          .clinicalInformation(d.getClinicalInformation())
          .karyotype(d.getKaryotype())
          .karyotypeMethod(d.getKaryotypeMethod())
          .diseases(donorDiseases.getOrDefault(d.getId(), List.of()))
          .genomeAnalyses(donorGenomes.getOrDefault(d.getId(), List.of()))
          .build();
    }
  }

  private static Derivation derivation(Record r) {
    if (r.get(DERIVATION.ID) == null) {
      return null;
    }
    DerivationRecord d = r.into(DERIVATION);
    return Derivation.builder()
        .primaryCellType(r.get(CELL_TYPE.NAME))
        .primaryCellTypeFreeText(d.getPrimaryCellTypeFreeText())
        .primaryCellLine(d.getPrimaryCellLine())
        .primaryCellLineVendor(d.getPrimaryCellLineVendor())
        .primaryCellDevelopmentalStage(d.getPrimaryCellDevelopmentalStage())
        .tissueProcurementLocation(d.getTissueProcurementLocation())
        .tissueCollectionDate(d.getTissueCollectionDate())
        .tissueCollectionYear(d.getTissueCollectionYear())
        .reprogrammingPassageNumber(d.getReprogrammingPassageNumber())
        .selectionCriteriaForClones(d.getSelectionCriteriaForClones())
        .xenoFreeConditions(d.getXenoFreeConditions())
        .derivedUnderGmp(d.getDerivedUnderGmp())
        .availableAsClinicalGrade(d.getAvailableAsClinicalGrade())
        .build();
  }

  private static Characterisation characterisation(Record r) {
    if (r.get(CHARACTERISATION.ID) == null) {
      return null;
    }
    CharacterisationRecord c = r.into(CHARACTERISATION);
    return new Characterisation(c.getCertificateOfAnalysisFlag(), c.getCertificateOfAnalysisPassageNumber(),
        c.getVirologyScreeningFlag(), screening(c.getScreeningHiv1()), screening(c.getScreeningHiv2()),
        screening(c.getScreeningHepatitisB()), screening(c.getScreeningHepatitisC()),
        screening(c.getScreeningMycoplasma()));
  }

  private static Pluritest pluritest(Record r) {
    if (r.get(PLURITEST.ID) == null) {
      return null;
    }
    PluritestRecord p = r.into(PLURITEST);
    return new Pluritest(p.getPluritestFlag(), p.getPluripotencyScore(), p.getNoveltyScore(), p.getMicroarrayUrl());
  }

  private static Karyotype karyotype(Record r) {
    if (r.get(KARYOTYPE.ID) == null) {
      return null;
    }
    KaryotypeRecord k = r.into(KARYOTYPE);
    return new Karyotype(k.getKaryotype(), k.getKaryotypeMethod(), k.getPassageNumber());
  }

}
