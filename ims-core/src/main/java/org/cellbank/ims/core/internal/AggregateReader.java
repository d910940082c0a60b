package org.cellbank.ims.core.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;

/**
 * Loads whole cell-line and batch aggregates with plain JDBC, one SQL statement per load whatever
 * the number of aggregates: PostgreSQL builds each aggregate as one JSON document (correlated
 * subqueries, lists ordered by id or by their documented order, {@code []} for an empty list, null
 * for a missing part), and {@link AggregateMapper} turns the document into the model records. A
 * page and its total count come from the same statement, so they agree.
 *
 * <p>Every SQL text is a constant per kind of selection (the driver keeps it prepared) and every
 * value is a bind parameter. The methods take the connection to read on: a fresh autocommit one
 * (see {@link Jdbc#read}) or a transaction's. Internal; thread-safe.
 */
public final class AggregateReader {

  // A disease term by its id, or null.
  private static final String DISEASE = """
      (SELECT json_build_object('purl', di.purl, 'name', di.name, 'synonyms', di.synonyms)
       FROM ims.disease di WHERE di.id = %s)""";

  // The genetic modifications matching the condition on "m", ordered by id.
  private static final String MODIFICATIONS = """
      COALESCE((SELECT json_agg(json_build_object(
          'kind', m.kind, 'modificationId', m.modification_id, 'gene', ge.name, 'transgene', tg.name,
          'chromosomeLocation', m.chromosome_location,
          'chromosomeLocationTransgene', m.chromosome_location_transgene,
          'nucleotideSequenceHgvs', m.nucleotide_sequence_hgvs, 'proteinSequenceHgvs', m.protein_sequence_hgvs,
          'zygosityStatus', m.zygosity_status, 'clinvarId', m.clinvar_id, 'dbsnpId', m.dbsnp_id,
          'dbvarId', m.dbvar_id, 'publicationPmid', m.publication_pmid, 'modificationType', m.modification_type,
          'deliveryMethod', m.delivery_method, 'virus', vi.name, 'transposon', tp.name, 'notes', m.notes)
          ORDER BY m.id)
        FROM ims.genetic_modification m
        LEFT JOIN ims.molecule ge ON ge.id = m.gene_id
        LEFT JOIN ims.molecule tg ON tg.id = m.transgene_id
        LEFT JOIN ims.virus vi ON vi.id = m.virus_id
        LEFT JOIN ims.transposon tp ON tp.id = m.transposon_id
        WHERE %s), '[]')""";

  // The donor of the line "l", or null.
  private static final String DONOR = """
      (SELECT json_build_object(
          'biosamplesId', d.biosamples_id, 'gender', g.name, 'internalDonorIds', d.internal_donor_ids,
          'countryOfOrigin', dc.name, 'ethnicity', d.ethnicity, 'familyHistory', d.family_history,
          'medicalHistory', d.medical_history, 'clinicalInformation', d.clinical_information,
          'karyotype', d.karyotype, 'karyotypeMethod', d.karyotype_method,
          'diseases', COALESCE((SELECT json_agg(json_build_object(
              'disease', %s, 'freeTextName', dd.free_text_name, 'primary', dd.primary_disease,
              'stage', dd.disease_stage, 'affectedStatus', dd.affected_status, 'carrier', dd.carrier,
              'notes', dd.notes,
              'variants', COALESCE((SELECT json_agg(json_build_object(
                  'variantId', v.variant_id, 'gene', vg.name, 'chromosomeLocation', v.chromosome_location,
                  'nucleotideSequenceHgvs', v.nucleotide_sequence_hgvs,
                  'proteinSequenceHgvs', v.protein_sequence_hgvs, 'zygosityStatus', v.zygosity_status,
                  'clinvarId', v.clinvar_id, 'dbsnpId', v.dbsnp_id, 'dbvarId', v.dbvar_id,
                  'publicationPmid', v.publication_pmid, 'notes', v.notes) ORDER BY v.id)
                FROM ims.donor_disease_variant v LEFT JOIN ims.molecule vg ON vg.id = v.gene_id
                WHERE v.donor_disease_id = dd.id), '[]')) ORDER BY dd.id)
            FROM ims.donor_disease dd WHERE dd.donor_id = d.id), '[]'),
          'genomeAnalyses', COALESCE((SELECT json_agg(json_build_object(
              'analysisMethod', dga.analysis_method, 'link', dga.link) ORDER BY dga.id)
            FROM ims.donor_genome_analysis dga WHERE dga.donor_id = d.id), '[]'))
       FROM ims.donor d
       LEFT JOIN ims.gender g ON g.id = d.gender_id
       LEFT JOIN ims.country dc ON dc.id = d.country_of_origin_id
       WHERE d.id = l.donor_id)""".formatted(DISEASE.formatted("dd.disease_id"));

  // The line's diseases, each with its modifications.
  private static final String LINE_DISEASES = """
      COALESCE((SELECT json_agg(json_build_object(
          'disease', %s, 'freeTextName', cld.free_text_name, 'primary', cld.primary_disease,
          'notes', cld.notes, 'modifications', %s) ORDER BY cld.id)
        FROM ims.cell_line_disease cld WHERE cld.cell_line_id = l.id), '[]')"""
      .formatted(DISEASE.formatted("cld.disease_id"), MODIFICATIONS.formatted("m.cell_line_disease_id = cld.id"));

  private static final String DERIVATION = """
      (SELECT json_build_object(
          'primaryCellType', ct.name, 'primaryCellTypeFreeText', dv.primary_cell_type_free_text,
          'primaryCellLine', dv.primary_cell_line, 'primaryCellLineVendor', dv.primary_cell_line_vendor,
          'primaryCellDevelopmentalStage', dv.primary_cell_developmental_stage,
          'tissueProcurementLocation', dv.tissue_procurement_location,
          'tissueCollectionDate', dv.tissue_collection_date, 'tissueCollectionYear', dv.tissue_collection_year,
          'reprogrammingPassageNumber', dv.reprogramming_passage_number,
          'selectionCriteriaForClones', dv.selection_criteria_for_clones,
          'xenoFreeConditions', dv.xeno_free_conditions, 'derivedUnderGmp', dv.derived_under_gmp,
          'availableAsClinicalGrade', dv.available_as_clinical_grade)
       FROM ims.derivation dv LEFT JOIN ims.cell_type ct ON ct.id = dv.primary_cell_type_id
       WHERE dv.cell_line_id = l.id)""";

  private static final String REPROGRAMMING_VECTOR = """
      (SELECT json_build_object(
          'kind', rv.kind, 'vector', vt.name, 'virus', rvi.name, 'transposon', rtp.name,
          'excisable', rv.excisable, 'absenceOfReprogrammingVectors', rv.absence_reprogramming_vectors,
          'silencedOrDetectable', rv.silenced_or_detectable, 'methods', rv.methods, 'notes', rv.notes,
          'genes', COALESCE((SELECT json_agg(rmo.name ORDER BY rg.id)
            FROM ims.reprogramming_vector_gene rg JOIN ims.molecule rmo ON rmo.id = rg.molecule_id
            WHERE rg.reprogramming_vector_id = rv.id), '[]'))
       FROM ims.reprogramming_vector rv
       LEFT JOIN ims.vector_type vt ON vt.id = rv.vector_type_id
       LEFT JOIN ims.virus rvi ON rvi.id = rv.virus_id
       LEFT JOIN ims.transposon rtp ON rtp.id = rv.transposon_id
       WHERE rv.cell_line_id = l.id)""";

  private static final String VECTOR_FREE_FACTORS = """
      COALESCE((SELECT json_agg(json_build_object(
          'factor', vft.name,
          'molecules', COALESCE((SELECT json_agg(vfm.name ORDER BY vfm.id)
            FROM ims.vector_free_factor_molecule vfm WHERE vfm.vector_free_factor_id = vf.id), '[]'))
          ORDER BY vf.id)
        FROM ims.vector_free_factor vf JOIN ims.vector_free_factor_type vft ON vft.id = vf.factor_type_id
        WHERE vf.cell_line_id = l.id), '[]')""";

  private static final String CULTURE_CONDITIONS = """
      (SELECT json_build_object(
          'surfaceCoating', cc.surface_coating, 'feederCellType', cc.feeder_cell_type,
          'feederCellId', cc.feeder_cell_id, 'passageMethod', cc.passage_method,
          'enzymatically', cc.enzymatically, 'enzymeFree', cc.enzyme_free,
          'o2Concentration', cc.o2_concentration, 'co2Concentration', cc.co2_concentration,
          'otherCultureEnvironment', cc.other_culture_environment, 'cultureMedium', cc.culture_medium,
          'passageNumberBanked', cc.passage_number_banked, 'numberOfVialsBanked', cc.number_of_vials_banked,
          'passageHistory', cc.passage_history, 'cultureHistory', cc.culture_history,
          'rockInhibitorUsedAtPassage', cc.rock_inhibitor_used_at_passage,
          'rockInhibitorUsedAtCryo', cc.rock_inhibitor_used_at_cryo,
          'rockInhibitorUsedAtThaw', cc.rock_inhibitor_used_at_thaw,
          'otherMedium', (SELECT json_build_object(
              'base', cmo.base, 'proteinSource', cmo.protein_source, 'serumConcentration', cmo.serum_concentration)
            FROM ims.culture_medium_other cmo WHERE cmo.culture_conditions_id = cc.id),
          'supplements', COALESCE((SELECT json_agg(json_build_object(
              'supplement', cms.supplement, 'amount', cms.amount, 'unit', u.name) ORDER BY cms.id)
            FROM ims.culture_medium_supplement cms LEFT JOIN ims.unit u ON u.id = cms.unit_id
            WHERE cms.culture_conditions_id = cc.id), '[]'))
       FROM ims.culture_conditions cc WHERE cc.cell_line_id = l.id)""";

  private static final String CHARACTERISATION = """
      (SELECT json_build_object(
          'certificateOfAnalysisFlag', ch.certificate_of_analysis_flag,
          'certificateOfAnalysisPassageNumber', ch.certificate_of_analysis_passage_number,
          'virologyScreeningFlag', ch.virology_screening_flag, 'hiv1', ch.screening_hiv1,
          'hiv2', ch.screening_hiv2, 'hepatitisB', ch.screening_hepatitis_b,
          'hepatitisC', ch.screening_hepatitis_c, 'mycoplasma', ch.screening_mycoplasma)
       FROM ims.characterisation ch WHERE ch.cell_line_id = l.id)""";

  private static final String PLURITEST = """
      (SELECT json_build_object(
          'pluritestFlag', pt.pluritest_flag, 'pluripotencyScore', pt.pluripotency_score,
          'noveltyScore', pt.novelty_score, 'microarrayUrl', pt.microarray_url)
       FROM ims.pluritest pt WHERE pt.cell_line_id = l.id)""";

  private static final String KARYOTYPE = """
      (SELECT json_build_object('karyotype', k.karyotype, 'method', k.karyotype_method, 'passageNumber', k.passage_number)
       FROM ims.karyotype k WHERE k.cell_line_id = l.id)""";

  // A batch "b" with its culture conditions, images (by id) and vials (by number).
  private static final String BATCH = """
      json_build_object(
          'biosamplesId', b.biosamples_id, 'batchId', b.batch_no, 'type', b.batch_type,
          'vialsAtCentralFacility', b.vials_at_roslin, 'vialsShippedToEcacc', b.vials_shipped_to_ecacc,
          'vialsShippedToFraunhofer', b.vials_shipped_to_fraunhoffer,
          'coaFileKey', b.coa_file_key, 'coaMd5', b.coa_md5,
          'cultureConditions', (SELECT json_build_object(
              'cultureMedium', bcc.culture_medium, 'passageMethod', bcc.passage_method, 'matrix', bcc.matrix,
              'o2Concentration', bcc.o2_concentration, 'co2Concentration', bcc.co2_concentration,
              'temperature', bcc.temperature)
            FROM ims.batch_culture_conditions bcc WHERE bcc.batch_id = b.id),
          'images', COALESCE((SELECT json_agg(json_build_object(
              'fileKey', bi.file_key, 'md5', bi.md5, 'magnification', bi.magnification,
              'timePoint', bi.time_point) ORDER BY bi.id)
            FROM ims.batch_image bi WHERE bi.batch_id = b.id), '[]'),
          'vials', COALESCE((SELECT json_agg(json_build_object(
              'biosamplesId', vl.biosamples_id, 'name', vl.name, 'number', vl.number,
              'derivedFrom', vl.derived_from) ORDER BY vl.number)
            FROM ims.vial vl WHERE vl.batch_id = b.id), '[]'))""";

  // A whole cell line "l" as one JSON document.
  private static final String LINE = """
      json_build_object(
          'name', l.name, 'biosamplesId', l.biosamples_id, 'alternativeNames', l.alternative_names,
          'hpscregId', l.hpscreg_id, 'ecaccId', l.ecacc_id, 'validationStatus', l.validation_status,
          'availableForSale', l.available_for_sale, 'availableForSaleAtEcacc', l.available_for_sale_at_ecacc,
          'donor', %s,
          'donorAge', (SELECT ar.name FROM ims.age_range ar WHERE ar.id = l.donor_age_id),
          'depositor', (SELECT gen.name FROM ims.organisation gen WHERE gen.id = l.generator_id),
          'owner', (SELECT own.name FROM ims.organisation own WHERE own.id = l.owner_id),
          'derivationCountry', (SELECT dco.name FROM ims.country dco WHERE dco.id = l.derivation_country_id),
          'hasDiseases', l.has_diseases,
          'diseaseAssociatedPhenotypes', l.disease_associated_phenotypes,
          'nonDiseaseAssociatedPhenotypes', l.non_disease_associated_phenotypes,
          'hasGeneticModification', l.has_genetic_modification,
          'derivedFrom', (SELECT par.biosamples_id FROM ims.cell_line par WHERE par.id = l.derived_from_id),
          'publicNotes', l.public_notes,
          'diseases', %s,
          'nonDiseaseModifications', %s,
          'derivation', %s,
          'reprogrammingVector', %s,
          'vectorFreeFactors', %s,
          'cultureConditions', %s,
          'characterisation', %s,
          'pluritest', %s,
          'karyotype', %s,
          'genomeAnalyses', COALESCE((SELECT json_agg(json_build_object(
              'analysisMethod', ga.analysis_method, 'link', ga.link) ORDER BY ga.id)
            FROM ims.genome_analysis ga WHERE ga.cell_line_id = l.id), '[]'),
          'publications', COALESCE((SELECT json_agg(json_build_object(
              'referenceType', pu.reference_type, 'referenceId', pu.reference_id,
              'referenceUrl', pu.reference_url, 'title', pu.reference_title) ORDER BY pu.id)
            FROM ims.publication pu WHERE pu.cell_line_id = l.id), '[]'),
          'informationPacks', COALESCE((SELECT json_agg(json_build_object(
              'version', ip.version, 'fileKey', ip.file_key, 'md5', ip.md5, 'uploadedAt', ip.uploaded_at)
              ORDER BY ip.uploaded_at DESC, ip.id DESC)
            FROM ims.cell_line_information_pack ip WHERE ip.cell_line_id = l.id), '[]'),
          'statusLog', COALESCE((SELECT json_agg(json_build_object(
              'status', st.status, 'comment', st.comment, 'author', st.author, 'changedAt', st.changed_at)
              ORDER BY st.changed_at DESC, st.id DESC)
            FROM ims.cell_line_status st WHERE st.cell_line_id = l.id), '[]'),
          'batches', COALESCE((SELECT json_agg(%s ORDER BY b.id)
            FROM ims.batch b WHERE b.cell_line_id = l.id), '[]'),
          'version', l.version)""".formatted(DONOR, LINE_DISEASES, MODIFICATIONS.formatted("m.cell_line_id = l.id"),
      DERIVATION, REPROGRAMMING_VECTOR, VECTOR_FREE_FACTORS, CULTURE_CONDITIONS, CHARACTERISATION, PLURITEST,
      KARYOTYPE, BATCH);

  // Selections of lines. A selection of several returns each line's rank in name order ("n"); the
  // rows come back in any order and are put in rank order here, so PostgreSQL never sorts documents.
  private static final String LINE_BY_ID = "SELECT " + LINE + "\nFROM ims.cell_line l WHERE l.id = ?";
  private static final String LINE_BY_BIOSAMPLES_ID = "SELECT " + LINE + "\nFROM ims.cell_line l WHERE l.biosamples_id = ?";
  private static final String LINE_BY_NAME = "SELECT " + LINE + "\nFROM ims.cell_line l WHERE l.name = ?";
  private static final String LINE_BY_DONOR = "SELECT " + LINE + """

      FROM ims.cell_line l
      WHERE l.id = (SELECT x.id FROM ims.cell_line x WHERE x.donor_id = ? ORDER BY x.name LIMIT 1)""";
  private static final String LINES_BY_BIOSAMPLES_IDS = "SELECT s.n, " + LINE + """

      FROM (SELECT x.id, row_number() OVER (ORDER BY x.name) AS n
            FROM ims.cell_line x WHERE x.biosamples_id = ANY(?)) s
      JOIN ims.cell_line l ON l.id = s.id""";
  private static final String LINE_PAGE = "SELECT c.total, s.n, " + LINE + """

      FROM (SELECT count(*) AS total FROM ims.cell_line) c
      LEFT JOIN (SELECT x.id, row_number() OVER (ORDER BY x.name) AS n
                 FROM ims.cell_line x ORDER BY x.name OFFSET ? LIMIT ?) s ON true
      LEFT JOIN ims.cell_line l ON l.id = s.id""";
  private static final String LINE_EXISTS =
      "SELECT EXISTS (SELECT 1 FROM ims.cell_line WHERE biosamples_id = ?)";
  private static final String LINE_COUNT = "SELECT count(*) FROM ims.cell_line";

  private static final String BATCH_BY_BIOSAMPLES_ID = "SELECT " + BATCH + "\nFROM ims.batch b WHERE b.biosamples_id = ?";
  private static final String BATCH_PAGE = "SELECT c.total, s.n, " + BATCH + """

      FROM (SELECT count(*) AS total FROM ims.batch) c
      LEFT JOIN (SELECT x.id, row_number() OVER (ORDER BY x.id) AS n
                 FROM ims.batch x ORDER BY x.id OFFSET ? LIMIT ?) s ON true
      LEFT JOIN ims.batch b ON b.id = s.id""";

  private final Jdbc jdbc;

  /** A reader that prepares its statements through {@code jdbc} (and so tells its observer). */
  public AggregateReader(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** The line with this database id. */
  public Optional<CellLine> lineById(Connection connection, long id) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_BY_ID)) {
      ps.setLong(1, id);
      return one(ps).map(AggregateMapper::cellLine);
    }
  }

  /** The line with this BioSamples id. */
  public Optional<CellLine> lineByBiosamplesId(Connection connection, String biosamplesId) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_BY_BIOSAMPLES_ID)) {
      ps.setString(1, biosamplesId);
      return one(ps).map(AggregateMapper::cellLine);
    }
  }

  /** The line with this name. */
  public Optional<CellLine> lineByName(Connection connection, String name) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_BY_NAME)) {
      ps.setString(1, name);
      return one(ps).map(AggregateMapper::cellLine);
    }
  }

  /** The first line, by name, of the donor with this database id. */
  public Optional<CellLine> firstLineOfDonor(Connection connection, long donorId) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_BY_DONOR)) {
      ps.setLong(1, donorId);
      return one(ps).map(AggregateMapper::cellLine);
    }
  }

  /** The stored lines among these BioSamples ids, ordered by name. */
  public List<CellLine> linesByBiosamplesIds(Connection connection, Collection<String> biosamplesIds)
      throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINES_BY_BIOSAMPLES_IDS)) {
      Array ids = connection.createArrayOf("text", biosamplesIds.toArray());
      try {
        ps.setArray(1, ids);
        try (ResultSet rs = ps.executeQuery()) {
          Ranked<CellLine> lines = new Ranked<>(0);
          while (rs.next()) {
            lines.put(rs.getLong(1), AggregateMapper.cellLine(rs.getString(2)));
          }
          return lines.inOrder();
        }
      } finally {
        ids.free();
      }
    }
  }

  /** A page of lines ordered by name, with the total count, in one statement. */
  public Page<CellLine> linePage(Connection connection, PageRequest request) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_PAGE)) {
      ps.setLong(1, request.offset());
      ps.setInt(2, request.limit());
      return page(ps, request, AggregateMapper::cellLine);
    }
  }

  /** Whether a line with this BioSamples id is stored. */
  public boolean lineExists(Connection connection, String biosamplesId) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_EXISTS)) {
      ps.setString(1, biosamplesId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** How many lines are stored. */
  public long lineCount(Connection connection) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_COUNT); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The batch with this key. */
  public Optional<Batch> batchByBiosamplesId(Connection connection, String biosamplesId) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, BATCH_BY_BIOSAMPLES_ID)) {
      ps.setString(1, biosamplesId);
      return one(ps).map(AggregateMapper::batch);
    }
  }

  /** A page of batches in creation order, with the total count, in one statement. */
  public Page<Batch> batchPage(Connection connection, PageRequest request) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, BATCH_PAGE)) {
      ps.setLong(1, request.offset());
      ps.setInt(2, request.limit());
      return page(ps, request, AggregateMapper::batch);
    }
  }

  // The document of the only row, if any.
  private static Optional<String> one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    }
  }

  // Rows of (total, rank, document); one row with a null rank when the page is empty.
  private static <T> Page<T> page(PreparedStatement ps, PageRequest request,
      java.util.function.Function<String, T> mapper) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      long total = 0;
      Ranked<T> items = new Ranked<>(request.offset());
      while (rs.next()) {
        total = rs.getLong(1);
        long rank = rs.getLong(2);
        if (!rs.wasNull()) {
          items.put(rank, mapper.apply(rs.getString(3)));
        }
      }
      return new Page<>(items.inOrder(), total, request);
    }
  }

  /** Items put by their 1-based rank (counted from after {@code offset}), read back in rank order. */
  private static final class Ranked<T> {
    private final long offset;
    private final List<T> items = new ArrayList<>();

    Ranked(long offset) {
      this.offset = offset;
    }

    void put(long rank, T item) {
      int index = Math.toIntExact(rank - offset - 1);
      while (items.size() <= index) {
        items.add(null);
      }
      items.set(index, item);
    }

    List<T> inOrder() {
      return items;
    }
  }
}
