package org.cellbank.ims.core.internal;

import java.util.StringJoiner;

/**
 * The SQL that makes PostgreSQL build each whole cell line (or batch) as one JSON document.
 *
 * <p>Every part of a document is a JSON array whose elements are in the order of the constants of
 * one enum below: {@code json_build_array} of the enum's SQL expressions, in declaration order.
 * {@link AggregateMapper} reads element {@code i} as the enum constant with ordinal {@code i}, so
 * the SQL and the mapping cannot drift apart. (Arrays, not objects: PostgreSQL builds an array of
 * n values about three times faster than an object of n members, and the document is half the size.)
 *
 * <p>Lists are {@code json_agg} of correlated subqueries in a fixed order ({@code []} when empty);
 * a missing one-to-one part is JSON null. The column types keep their JSON forms: {@code
 * timestamptz} as an ISO 8601 string with offset and microseconds, {@code date} as {@code
 * YYYY-MM-DD}, integers as numbers, booleans, text arrays as arrays of strings, SQL null as null.
 *
 * <p>This class holds no state, so that initialising an enum never depends on another class
 * being initialised first. Internal.
 */
final class AggregateSql {

  private AggregateSql() {}

  /** One element of a document array: the SQL expression that computes it. */
  interface Element {
    /** The SQL expression. */
    String sql();
  }

  // json_build_array of the elements, in order.
  static String array(Element[] elements) {
    StringJoiner sql = new StringJoiner(",\n  ", "json_build_array(\n  ", ")");
    for (Element e : elements) {
      sql.add(e.sql());
    }
    return sql.toString();
  }

  // The one row of "from" matching "where" as an array, or null.
  private static String one(Element[] elements, String from, String where) {
    return "(SELECT " + array(elements) + "\n FROM " + from + " WHERE " + where + ")";
  }

  // The rows of "from" matching "where" as an array of arrays in "order", or [].
  private static String list(Element[] elements, String from, String where, String order) {
    return "COALESCE((SELECT json_agg(" + array(elements) + " ORDER BY " + order + ")\n FROM " + from
        + " WHERE " + where + "), '[]')";
  }

  // The name of the row of a lookup table with this id, or null.
  private static String lookup(String table, String alias, String id) {
    return "(SELECT " + alias + ".name FROM ims." + table + " " + alias + " WHERE " + alias + ".id = " + id + ")";
  }

  /** A disease term ("di"). */
  enum DiseaseJson implements Element {
    PURL("di.purl"),
    NAME("di.name"),
    SYNONYMS("di.synonyms");

    private final String sql;

    DiseaseJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }

    static String of(String diseaseId) {
      return one(values(), "ims.disease di", "di.id = " + diseaseId);
    }
  }

  /** A genetic modification ("m"). */
  enum ModificationJson implements Element {
    KIND("m.kind"),
    MODIFICATION_ID("m.modification_id"),
    GENE(lookup("molecule", "ge", "m.gene_id")),
    TRANSGENE(lookup("molecule", "tg", "m.transgene_id")),
    CHROMOSOME_LOCATION("m.chromosome_location"),
    CHROMOSOME_LOCATION_TRANSGENE("m.chromosome_location_transgene"),
    NUCLEOTIDE_SEQUENCE_HGVS("m.nucleotide_sequence_hgvs"),
    PROTEIN_SEQUENCE_HGVS("m.protein_sequence_hgvs"),
    ZYGOSITY_STATUS("m.zygosity_status"),
    CLINVAR_ID("m.clinvar_id"),
    DBSNP_ID("m.dbsnp_id"),
    DBVAR_ID("m.dbvar_id"),
    PUBLICATION_PMID("m.publication_pmid"),
    MODIFICATION_TYPE("m.modification_type"),
    DELIVERY_METHOD("m.delivery_method"),
    VIRUS(lookup("virus", "vi", "m.virus_id")),
    TRANSPOSON(lookup("transposon", "tp", "m.transposon_id")),
    NOTES("m.notes");

    private final String sql;

    ModificationJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }

    static String listWhere(String where) {
      return list(values(), "ims.genetic_modification m", where, "m.id");
    }
  }

  /** A variant of a donor disease ("v"). */
  enum VariantJson implements Element {
    VARIANT_ID("v.variant_id"),
    GENE(lookup("molecule", "vg", "v.gene_id")),
    CHROMOSOME_LOCATION("v.chromosome_location"),
    NUCLEOTIDE_SEQUENCE_HGVS("v.nucleotide_sequence_hgvs"),
    PROTEIN_SEQUENCE_HGVS("v.protein_sequence_hgvs"),
    ZYGOSITY_STATUS("v.zygosity_status"),
    CLINVAR_ID("v.clinvar_id"),
    DBSNP_ID("v.dbsnp_id"),
    DBVAR_ID("v.dbvar_id"),
    PUBLICATION_PMID("v.publication_pmid"),
    NOTES("v.notes");

    private final String sql;

    VariantJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** A disease of a donor ("dd"). */
  enum DonorDiseaseJson implements Element {
    DISEASE(DiseaseJson.of("dd.disease_id")),
    FREE_TEXT_NAME("dd.free_text_name"),
    PRIMARY("dd.primary_disease"),
    STAGE("dd.disease_stage"),
    AFFECTED_STATUS("dd.affected_status"),
    CARRIER("dd.carrier"),
    NOTES("dd.notes"),
    VARIANTS(list(VariantJson.values(), "ims.donor_disease_variant v", "v.donor_disease_id = dd.id", "v.id"));

    private final String sql;

    DonorDiseaseJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** A genome analysis of a donor or a line ("ga"). */
  enum GenomeAnalysisJson implements Element {
    ANALYSIS_METHOD("ga.analysis_method"),
    LINK("ga.link");

    private final String sql;

    GenomeAnalysisJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** The donor ("d") of the line "l". */
  enum DonorJson implements Element {
    BIOSAMPLES_ID("d.biosamples_id"),
    GENDER(lookup("gender", "g", "d.gender_id")),
    INTERNAL_DONOR_IDS("d.internal_donor_ids"),
    COUNTRY_OF_ORIGIN(lookup("country", "dc", "d.country_of_origin_id")),
    ETHNICITY("d.ethnicity"),
    FAMILY_HISTORY("d.family_history"),
    MEDICAL_HISTORY("d.medical_history"),
    CLINICAL_INFORMATION("d.clinical_information"),
    KARYOTYPE("d.karyotype"),
    KARYOTYPE_METHOD("d.karyotype_method"),
    DISEASES(list(DonorDiseaseJson.values(), "ims.donor_disease dd", "dd.donor_id = d.id", "dd.id")),
    GENOME_ANALYSES(list(GenomeAnalysisJson.values(), "ims.donor_genome_analysis ga", "ga.donor_id = d.id",
        "ga.id"));

    private final String sql;

    DonorJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** A disease of the line ("cld") with its modifications. */
  enum LineDiseaseJson implements Element {
    DISEASE(DiseaseJson.of("cld.disease_id")),
    FREE_TEXT_NAME("cld.free_text_name"),
    PRIMARY("cld.primary_disease"),
    NOTES("cld.notes"),
    MODIFICATIONS(ModificationJson.listWhere("m.cell_line_disease_id = cld.id"));

    private final String sql;

    LineDiseaseJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** The derivation ("dv"). */
  enum DerivationJson implements Element {
    PRIMARY_CELL_TYPE(lookup("cell_type", "ct", "dv.primary_cell_type_id")),
    PRIMARY_CELL_TYPE_FREE_TEXT("dv.primary_cell_type_free_text"),
    PRIMARY_CELL_LINE("dv.primary_cell_line"),
    PRIMARY_CELL_LINE_VENDOR("dv.primary_cell_line_vendor"),
    PRIMARY_CELL_DEVELOPMENTAL_STAGE("dv.primary_cell_developmental_stage"),
    TISSUE_PROCUREMENT_LOCATION("dv.tissue_procurement_location"),
    TISSUE_COLLECTION_DATE("dv.tissue_collection_date"),
    TISSUE_COLLECTION_YEAR("dv.tissue_collection_year"),
    REPROGRAMMING_PASSAGE_NUMBER("dv.reprogramming_passage_number"),
    SELECTION_CRITERIA_FOR_CLONES("dv.selection_criteria_for_clones"),
    XENO_FREE_CONDITIONS("dv.xeno_free_conditions"),
    DERIVED_UNDER_GMP("dv.derived_under_gmp"),
    AVAILABLE_AS_CLINICAL_GRADE("dv.available_as_clinical_grade");

    private final String sql;

    DerivationJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** The reprogramming vector ("rv"), integrating or not. */
  enum VectorJson implements Element {
    KIND("rv.kind"),
    VECTOR(lookup("vector_type", "vt", "rv.vector_type_id")),
    VIRUS(lookup("virus", "rvi", "rv.virus_id")),
    TRANSPOSON(lookup("transposon", "rtp", "rv.transposon_id")),
    EXCISABLE("rv.excisable"),
    ABSENCE_OF_REPROGRAMMING_VECTORS("rv.absence_reprogramming_vectors"),
    SILENCED_OR_DETECTABLE("rv.silenced_or_detectable"),
    METHODS("rv.methods"),
    NOTES("rv.notes"),
    GENES("COALESCE((SELECT json_agg(" + lookup("molecule", "rmo", "rg.molecule_id") + " ORDER BY rg.id)\n"
        + " FROM ims.reprogramming_vector_gene rg WHERE rg.reprogramming_vector_id = rv.id), '[]')");

    private final String sql;

    VectorJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** A vector-free reprogramming factor ("vf"). */
  enum FactorJson implements Element {
    FACTOR(lookup("vector_free_factor_type", "ft", "vf.factor_type_id")),
    MOLECULES("COALESCE((SELECT json_agg(fm.name ORDER BY fm.id)\n"
        + " FROM ims.vector_free_factor_molecule fm WHERE fm.vector_free_factor_id = vf.id), '[]')");

    private final String sql;

    FactorJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** The medium of culture conditions "cc", when not a named one ("cmo"). */
  enum OtherMediumJson implements Element {
    BASE("cmo.base"),
    PROTEIN_SOURCE("cmo.protein_source"),
    SERUM_CONCENTRATION("cmo.serum_concentration");

    private final String sql;

    OtherMediumJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** A medium supplement ("cms"). */
  enum SupplementJson implements Element {
    SUPPLEMENT("cms.supplement"),
    AMOUNT("cms.amount"),
    UNIT(lookup("unit", "u", "cms.unit_id"));

    private final String sql;

    SupplementJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** The depositor's culture conditions ("cc"). */
  enum CultureJson implements Element {
    SURFACE_COATING("cc.surface_coating"),
    FEEDER_CELL_TYPE("cc.feeder_cell_type"),
    FEEDER_CELL_ID("cc.feeder_cell_id"),
    PASSAGE_METHOD("cc.passage_method"),
    ENZYMATICALLY("cc.enzymatically"),
    ENZYME_FREE("cc.enzyme_free"),
    O2_CONCENTRATION("cc.o2_concentration"),
    CO2_CONCENTRATION("cc.co2_concentration"),
    OTHER_CULTURE_ENVIRONMENT("cc.other_culture_environment"),
    CULTURE_MEDIUM("cc.culture_medium"),
    PASSAGE_NUMBER_BANKED("cc.passage_number_banked"),
    NUMBER_OF_VIALS_BANKED("cc.number_of_vials_banked"),
    PASSAGE_HISTORY("cc.passage_history"),
    CULTURE_HISTORY("cc.culture_history"),
    ROCK_INHIBITOR_USED_AT_PASSAGE("cc.rock_inhibitor_used_at_passage"),
    ROCK_INHIBITOR_USED_AT_CRYO("cc.rock_inhibitor_used_at_cryo"),
    ROCK_INHIBITOR_USED_AT_THAW("cc.rock_inhibitor_used_at_thaw"),
    OTHER_MEDIUM(one(OtherMediumJson.values(), "ims.culture_medium_other cmo", "cmo.culture_conditions_id = cc.id")),
    SUPPLEMENTS(list(SupplementJson.values(), "ims.culture_medium_supplement cms", "cms.culture_conditions_id = cc.id",
        "cms.id"));

    private final String sql;

    CultureJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** The characterisation ("ch"). */
  enum CharacterisationJson implements Element {
    CERTIFICATE_OF_ANALYSIS_FLAG("ch.certificate_of_analysis_flag"),
    CERTIFICATE_OF_ANALYSIS_PASSAGE_NUMBER("ch.certificate_of_analysis_passage_number"),
    VIROLOGY_SCREENING_FLAG("ch.virology_screening_flag"),
    HIV1("ch.screening_hiv1"),
    HIV2("ch.screening_hiv2"),
    HEPATITIS_B("ch.screening_hepatitis_b"),
    HEPATITIS_C("ch.screening_hepatitis_c"),
    MYCOPLASMA("ch.screening_mycoplasma");

    private final String sql;

    CharacterisationJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** The PluriTest results ("pt"). */
  enum PluritestJson implements Element {
    PLURITEST_FLAG("pt.pluritest_flag"),
    PLURIPOTENCY_SCORE("pt.pluripotency_score"),
    NOVELTY_SCORE("pt.novelty_score"),
    MICROARRAY_URL("pt.microarray_url");

    private final String sql;

    PluritestJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** The karyotype ("k"). */
  enum KaryotypeJson implements Element {
    KARYOTYPE("k.karyotype"),
    METHOD("k.karyotype_method"),
    PASSAGE_NUMBER("k.passage_number");

    private final String sql;

    KaryotypeJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** A publication ("pu"). */
  enum PublicationJson implements Element {
    REFERENCE_TYPE("pu.reference_type"),
    REFERENCE_ID("pu.reference_id"),
    REFERENCE_URL("pu.reference_url"),
    TITLE("pu.reference_title");

    private final String sql;

    PublicationJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** An information pack ("ip"). */
  enum InformationPackJson implements Element {
    VERSION("ip.version"),
    FILE_KEY("ip.file_key"),
    MD5("ip.md5"),
    UPLOADED_AT("ip.uploaded_at");

    private final String sql;

    InformationPackJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** A status log entry ("st"). */
  enum StatusJson implements Element {
    STATUS("st.status"),
    COMMENT("st.comment"),
    AUTHOR("st.author"),
    CHANGED_AT("st.changed_at");

    private final String sql;

    StatusJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** The culture conditions of a batch ("bcc"). */
  enum BatchCultureJson implements Element {
    CULTURE_MEDIUM("bcc.culture_medium"),
    PASSAGE_METHOD("bcc.passage_method"),
    MATRIX("bcc.matrix"),
    O2_CONCENTRATION("bcc.o2_concentration"),
    CO2_CONCENTRATION("bcc.co2_concentration"),
    TEMPERATURE("bcc.temperature");

    private final String sql;

    BatchCultureJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** An image of a batch ("bi"). */
  enum ImageJson implements Element {
    FILE_KEY("bi.file_key"),
    MD5("bi.md5"),
    MAGNIFICATION("bi.magnification"),
    TIME_POINT("bi.time_point");

    private final String sql;

    ImageJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** A vial ("vl"). */
  enum VialJson implements Element {
    BIOSAMPLES_ID("vl.biosamples_id"),
    NAME("vl.name"),
    NUMBER("vl.number"),
    DERIVED_FROM("vl.derived_from");

    private final String sql;

    VialJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** A batch ("b") with its culture conditions, images (by id) and vials (by number). */
  enum BatchJson implements Element {
    BIOSAMPLES_ID("b.biosamples_id"),
    BATCH_ID("b.batch_no"),
    TYPE("b.batch_type"),
    VIALS_AT_CENTRAL_FACILITY("b.vials_at_roslin"),
    VIALS_SHIPPED_TO_ECACC("b.vials_shipped_to_ecacc"),
    VIALS_SHIPPED_TO_FRAUNHOFER("b.vials_shipped_to_fraunhoffer"),
    COA_FILE_KEY("b.coa_file_key"),
    COA_MD5("b.coa_md5"),
    CULTURE_CONDITIONS(one(BatchCultureJson.values(), "ims.batch_culture_conditions bcc", "bcc.batch_id = b.id")),
    IMAGES(list(ImageJson.values(), "ims.batch_image bi", "bi.batch_id = b.id", "bi.id")),
    VIALS(list(VialJson.values(), "ims.vial vl", "vl.batch_id = b.id", "vl.number"));

    private final String sql;

    BatchJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }

  /** A whole cell line ("l"). */
  enum LineJson implements Element {
    NAME("l.name"),
    BIOSAMPLES_ID("l.biosamples_id"),
    ALTERNATIVE_NAMES("l.alternative_names"),
    HPSCREG_ID("l.hpscreg_id"),
    ECACC_ID("l.ecacc_id"),
    VALIDATION_STATUS("l.validation_status"),
    AVAILABLE_FOR_SALE("l.available_for_sale"),
    AVAILABLE_FOR_SALE_AT_ECACC("l.available_for_sale_at_ecacc"),
    DONOR(one(DonorJson.values(), "ims.donor d", "d.id = l.donor_id")),
    DONOR_AGE(lookup("age_range", "ar", "l.donor_age_id")),
    DEPOSITOR(lookup("organisation", "gen", "l.generator_id")),
    OWNER(lookup("organisation", "own", "l.owner_id")),
    DERIVATION_COUNTRY(lookup("country", "dco", "l.derivation_country_id")),
    HAS_DISEASES("l.has_diseases"),
    DISEASE_ASSOCIATED_PHENOTYPES("l.disease_associated_phenotypes"),
    NON_DISEASE_ASSOCIATED_PHENOTYPES("l.non_disease_associated_phenotypes"),
    HAS_GENETIC_MODIFICATION("l.has_genetic_modification"),
    DERIVED_FROM("(SELECT par.biosamples_id FROM ims.cell_line par WHERE par.id = l.derived_from_id)"),
    PUBLIC_NOTES("l.public_notes"),
    DISEASES(list(LineDiseaseJson.values(), "ims.cell_line_disease cld", "cld.cell_line_id = l.id", "cld.id")),
    NON_DISEASE_MODIFICATIONS(ModificationJson.listWhere("m.cell_line_id = l.id")),
    DERIVATION(one(DerivationJson.values(), "ims.derivation dv", "dv.cell_line_id = l.id")),
    REPROGRAMMING_VECTOR(one(VectorJson.values(), "ims.reprogramming_vector rv", "rv.cell_line_id = l.id")),
    VECTOR_FREE_FACTORS(list(FactorJson.values(), "ims.vector_free_factor vf", "vf.cell_line_id = l.id", "vf.id")),
    CULTURE_CONDITIONS(one(CultureJson.values(), "ims.culture_conditions cc", "cc.cell_line_id = l.id")),
    CHARACTERISATION(one(CharacterisationJson.values(), "ims.characterisation ch", "ch.cell_line_id = l.id")),
    PLURITEST(one(PluritestJson.values(), "ims.pluritest pt", "pt.cell_line_id = l.id")),
    KARYOTYPE(one(KaryotypeJson.values(), "ims.karyotype k", "k.cell_line_id = l.id")),
    GENOME_ANALYSES(list(GenomeAnalysisJson.values(), "ims.genome_analysis ga", "ga.cell_line_id = l.id", "ga.id")),
    PUBLICATIONS(list(PublicationJson.values(), "ims.publication pu", "pu.cell_line_id = l.id", "pu.id")),
    INFORMATION_PACKS(list(InformationPackJson.values(), "ims.cell_line_information_pack ip",
        "ip.cell_line_id = l.id", "ip.uploaded_at DESC, ip.id DESC")),
    STATUS_LOG(list(StatusJson.values(), "ims.cell_line_status st", "st.cell_line_id = l.id",
        "st.changed_at DESC, st.id DESC")),
    BATCHES(list(BatchJson.values(), "ims.batch b", "b.cell_line_id = l.id", "b.id")),
    VERSION("l.version");

    private final String sql;

    LineJson(String sql) {
      this.sql = sql;
    }

    @Override
    public String sql() {
      return sql;
    }
  }
}
