package org.cellbank.ims.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL that makes PostgreSQL build each whole cell line (or batch) as one JSON document.
 *
 * <p>Every part of a document is a JSON array whose elements are in the order of the constants of
 * one enum below, each constant saying how its element is computed ({@link Sql}): a column of the
 * part's row, the name of a looked-up row, or a child part (one array or null, or a list of arrays
 * in a fixed order, {@code []} when empty). {@link AggregateMapper} reads element {@code i} as the
 * constant with ordinal {@code i}, so the SQL and the mapping cannot drift apart. (Arrays, not
 * objects: PostgreSQL builds an array of n values two to three times faster than an object of n
 * members, and the document is half the size.)
 *
 * <p>The same description renders two ways, giving the same documents:
 *
 * <ul>
 *   <li>{@link #correlated}: correlated subqueries, for one line: cheap to plan, and about one
 *       index probe per child row;
 *   <li>{@link SetQuery}: one {@code WITH} query for many lines, where each child table is read
 *       once for all of them and grouped by parent ({@code json_agg ... GROUP BY}), and look-ups
 *       are joins: half the work per line of the correlated form.
 * </ul>
 *
 * <p>Most columns keep their JSON forms: integers as numbers, booleans, text arrays as arrays of
 * strings, SQL null as null. Times travel as numbers ({@link #epochMicros}, {@link #epochDay}), which
 * read the same in any session time zone and need no date parsing (nor {@code DateTimeFormatter}'s
 * start-up) in Java.
 *
 * <p>The enums refer to each other by class only and this class holds no state, so that
 * initialising an enum never depends on another class being initialised first. Internal.
 */
final class AggregateSql {

  private AggregateSql() {}

  /** One element of a document array. */
  interface Element {
    /** How the element is computed. */
    Sql sql();
  }

  /** How an element is computed. */
  sealed interface Sql permits Column, Lookup, Child {}

  /** An expression over the part's own row, e.g. {@code l.name}. */
  record Column(String expression) implements Sql {}

  /** The {@code column} of the row of {@code ims.table} (alias {@code alias}) whose id is {@code id}, or null. */
  record Lookup(String table, String alias, String column, String id) implements Sql {}

  /**
   * The rows of a child part from {@code from} ({@code ims.table alias}) whose {@code childKey}
   * equals the parent's {@code parentKey}: one array or null when {@code order} is null, else the
   * list of them in {@code order}; when {@code scalar}, the list of the part's only element.
   */
  record Child(Class<?> part, String from, String childKey, String parentKey, String order, boolean scalar)
      implements Sql {}

  /** A {@code timestamptz} as microseconds since 1970-01-01T00:00Z (exact: both have microseconds). */
  static Sql epochMicros(String column) {
    return new Column("(extract(epoch FROM " + column + ") * 1000000)::bigint");
  }

  /** A {@code date} as days since 1970-01-01, the form of {@code LocalDate.ofEpochDay}. */
  static Sql epochDay(String column) {
    return new Column("(" + column + " - DATE '1970-01-01')");
  }

  private static Sql lookup(String table, String alias, String id) {
    return new Lookup(table, alias, "name", id);
  }

  private static Sql lookup(String table, String alias, String id, String column) {
    return new Lookup(table, alias, column, id);
  }

  private static Sql one(Class<?> part, String from, String childKey, String parentKey) {
    return new Child(part, from, childKey, parentKey, null, false);
  }

  private static Sql list(Class<?> part, String from, String childKey, String parentKey, String order) {
    return new Child(part, from, childKey, parentKey, order, false);
  }

  private static Sql strings(Class<?> part, String from, String childKey, String parentKey, String order) {
    return new Child(part, from, childKey, parentKey, order, true);
  }

  private static Element[] elements(Class<?> part) {
    return (Element[]) part.getEnumConstants();
  }

  // json_build_array of the rendered elements, or the only one for a list of scalars.
  private static String array(List<String> elements, boolean scalar) {
    if (scalar) {
      return elements.get(0);
    }
    StringJoiner sql = new StringJoiner(",\n  ", "json_build_array(\n  ", ")");
    for (String element : elements) {
      sql.add(element);
    }
    return sql.toString();
  }

  /** The document of a row of {@code part} as one expression of correlated subqueries. */
  static String correlated(Class<?> part) {
    return correlated(part, false);
  }

  private static String correlated(Class<?> part, boolean scalar) {
    List<String> sql = new ArrayList<>();
    for (Element e : elements(part)) {
      Sql element = e.sql();
      if (element instanceof Column c) {
        sql.add(c.expression());
      } else if (element instanceof Lookup l) {
        sql.add("(SELECT " + l.alias() + "." + l.column() + " FROM ims." + l.table() + " " + l.alias()
            + " WHERE " + l.alias() + ".id = " + l.id() + ")");
      } else if (element instanceof Child c && c.order() == null) {
        sql.add("(SELECT " + correlated(c.part(), false) + "\n FROM " + c.from()
            + " WHERE " + c.childKey() + " = " + c.parentKey() + ")");
      } else if (element instanceof Child c) {
        sql.add("COALESCE((SELECT json_agg(" + correlated(c.part(), c.scalar()) + " ORDER BY " + c.order()
            + ")\n FROM " + c.from() + " WHERE " + c.childKey() + " = " + c.parentKey() + "), '[]')");
      }
    }
    return array(sql, scalar);
  }

  /**
   * The documents of many rows of a part as one {@code WITH} query: {@link #ctes()} to put after
   * the caller's own CTEs, then the caller's {@code SELECT} of {@link #document()} {@code FROM} the
   * part's table followed by {@link #joins()}.
   */
  static final class SetQuery {
    private final List<String> ctes = new ArrayList<>();
    private final String document;
    private final String joins;

    /**
     * The query for the rows of {@code part} in {@code from} ({@code ims.table alias}) that match
     * {@code rows}, a condition on them such as {@code l.id IN (SELECT id FROM sel)}.
     */
    SetQuery(Class<?> part, String from, String rows) {
      List<String> joins = new ArrayList<>();
      this.document = render(part, false, from, rows, joins);
      this.joins = String.join("\n", joins);
    }

    /** The CTEs that hold the lists, each {@code name AS (...)}, separated by commas. */
    String ctes() {
      return String.join(",\n", ctes);
    }

    /** The document expression. */
    String document() {
      return document;
    }

    /** The joins to add after the part's table. */
    String joins() {
      return joins;
    }

    // Renders the elements of rows of "part" in "from" matching "rows"; adds the joins it needs.
    private String render(Class<?> part, boolean scalar, String from, String rows, List<String> joins) {
      List<String> sql = new ArrayList<>();
      for (Element e : elements(part)) {
        Sql element = e.sql();
        if (element instanceof Column c) {
          sql.add(c.expression());
        } else if (element instanceof Lookup l) {
          joins.add("LEFT JOIN ims." + l.table() + " " + l.alias() + " ON " + l.alias() + ".id = " + l.id());
          sql.add(l.alias() + "." + l.column());
        } else if (element instanceof Child c && c.order() == null) {
          joins.add("LEFT JOIN " + c.from() + " ON " + c.childKey() + " = " + c.parentKey());
          String child = render(c.part(), false, c.from(), childRows(c, from, rows), joins);
          sql.add("CASE WHEN " + c.childKey() + " IS NOT NULL THEN " + child + " END");
        } else if (element instanceof Child c) {
          String childRows = childRows(c, from, rows);
          List<String> childJoins = new ArrayList<>();
          String child = render(c.part(), c.scalar(), c.from(), childRows, childJoins);
          String name = "list" + (ctes.size() + 1);
          ctes.add(name + " AS (\nSELECT " + c.childKey() + " AS k, json_agg(" + child + " ORDER BY " + c.order()
              + ") AS j\nFROM " + c.from() + (childJoins.isEmpty() ? "" : "\n" + String.join("\n", childJoins))
              + "\nWHERE " + childRows + "\nGROUP BY " + c.childKey() + ")");
          joins.add("LEFT JOIN " + name + " ON " + name + ".k = " + c.parentKey());
          sql.add("COALESCE(" + name + ".j, '[]')");
        }
      }
      return array(sql, scalar);
    }

    // The rows of a child of the parent rows "rows" of "parentFrom".
    private static String childRows(Child c, String parentFrom, String rows) {
      return c.childKey() + " IN (SELECT " + c.parentKey() + " FROM " + parentFrom + " WHERE " + rows + ")";
    }
  }

  /** A disease term ("di"). */
  enum DiseaseJson implements Element {
    PURL("di.purl"),
    NAME("di.name"),
    SYNONYMS("di.synonyms");

    private final Sql sql;

    DiseaseJson(String column) {
      this(new Column(column));
    }

    DiseaseJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
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

    private final Sql sql;

    ModificationJson(String column) {
      this(new Column(column));
    }

    ModificationJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
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

    private final Sql sql;

    VariantJson(String column) {
      this(new Column(column));
    }

    VariantJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** A disease of a donor ("dd"). */
  enum DonorDiseaseJson implements Element {
    DISEASE(one(DiseaseJson.class, "ims.disease di", "di.id", "dd.disease_id")),
    FREE_TEXT_NAME("dd.free_text_name"),
    PRIMARY("dd.primary_disease"),
    STAGE("dd.disease_stage"),
    AFFECTED_STATUS("dd.affected_status"),
    CARRIER("dd.carrier"),
    NOTES("dd.notes"),
    VARIANTS(list(VariantJson.class, "ims.donor_disease_variant v", "v.donor_disease_id", "dd.id", "v.id"));

    private final Sql sql;

    DonorDiseaseJson(String column) {
      this(new Column(column));
    }

    DonorDiseaseJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** A genome analysis of a donor or a line ("ga"). */
  enum GenomeAnalysisJson implements Element {
    ANALYSIS_METHOD("ga.analysis_method"),
    LINK("ga.link");

    private final Sql sql;

    GenomeAnalysisJson(String column) {
      this(new Column(column));
    }

    GenomeAnalysisJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
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
    DISEASES(list(DonorDiseaseJson.class, "ims.donor_disease dd", "dd.donor_id", "d.id", "dd.id")),
    GENOME_ANALYSES(list(GenomeAnalysisJson.class, "ims.donor_genome_analysis ga", "ga.donor_id", "d.id", "ga.id"));

    private final Sql sql;

    DonorJson(String column) {
      this(new Column(column));
    }

    DonorJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** A disease of the line ("cld") with its modifications. */
  enum LineDiseaseJson implements Element {
    DISEASE(one(DiseaseJson.class, "ims.disease di", "di.id", "cld.disease_id")),
    FREE_TEXT_NAME("cld.free_text_name"),
    PRIMARY("cld.primary_disease"),
    NOTES("cld.notes"),
    MODIFICATIONS(list(ModificationJson.class, "ims.genetic_modification m", "m.cell_line_disease_id", "cld.id", "m.id"));

    private final Sql sql;

    LineDiseaseJson(String column) {
      this(new Column(column));
    }

    LineDiseaseJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
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
    TISSUE_COLLECTION_DATE(epochDay("dv.tissue_collection_date")),
    TISSUE_COLLECTION_YEAR("dv.tissue_collection_year"),
    REPROGRAMMING_PASSAGE_NUMBER("dv.reprogramming_passage_number"),
    SELECTION_CRITERIA_FOR_CLONES("dv.selection_criteria_for_clones"),
    XENO_FREE_CONDITIONS("dv.xeno_free_conditions"),
    DERIVED_UNDER_GMP("dv.derived_under_gmp"),
    AVAILABLE_AS_CLINICAL_GRADE("dv.available_as_clinical_grade");

    private final Sql sql;

    DerivationJson(String column) {
      this(new Column(column));
    }

    DerivationJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** The name of a gene of a reprogramming vector ("rg"). */
  enum GeneJson implements Element {
    NAME(lookup("molecule", "rmo", "rg.molecule_id"));

    private final Sql sql;

    GeneJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** A molecule of a vector-free factor ("fm"). */
  enum MoleculeJson implements Element {
    NAME("fm.name");

    private final Sql sql;

    MoleculeJson(String column) {
      this.sql = new Column(column);
    }

    @Override
    public Sql sql() {
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
    GENES(strings(GeneJson.class, "ims.reprogramming_vector_gene rg", "rg.reprogramming_vector_id", "rv.id", "rg.id"));

    private final Sql sql;

    VectorJson(String column) {
      this(new Column(column));
    }

    VectorJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** A vector-free reprogramming factor ("vf"). */
  enum FactorJson implements Element {
    FACTOR(lookup("vector_free_factor_type", "ft", "vf.factor_type_id")),
    MOLECULES(strings(MoleculeJson.class, "ims.vector_free_factor_molecule fm", "fm.vector_free_factor_id", "vf.id",
        "fm.id"));

    private final Sql sql;

    FactorJson(String column) {
      this(new Column(column));
    }

    FactorJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** The medium of culture conditions "cc", when not a named one ("cmo"). */
  enum OtherMediumJson implements Element {
    BASE("cmo.base"),
    PROTEIN_SOURCE("cmo.protein_source"),
    SERUM_CONCENTRATION("cmo.serum_concentration");

    private final Sql sql;

    OtherMediumJson(String column) {
      this(new Column(column));
    }

    OtherMediumJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** A medium supplement ("cms"). */
  enum SupplementJson implements Element {
    SUPPLEMENT("cms.supplement"),
    AMOUNT("cms.amount"),
    UNIT(lookup("unit", "u", "cms.unit_id"));

    private final Sql sql;

    SupplementJson(String column) {
      this(new Column(column));
    }

    SupplementJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
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
    OTHER_MEDIUM(one(OtherMediumJson.class, "ims.culture_medium_other cmo", "cmo.culture_conditions_id", "cc.id")),
    SUPPLEMENTS(list(SupplementJson.class, "ims.culture_medium_supplement cms", "cms.culture_conditions_id", "cc.id", "cms.id"));

    private final Sql sql;

    CultureJson(String column) {
      this(new Column(column));
    }

    CultureJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
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

    private final Sql sql;

    CharacterisationJson(String column) {
      this(new Column(column));
    }

    CharacterisationJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** The PluriTest results ("pt"). */
  enum PluritestJson implements Element {
    PLURITEST_FLAG("pt.pluritest_flag"),
    PLURIPOTENCY_SCORE("pt.pluripotency_score"),
    NOVELTY_SCORE("pt.novelty_score"),
    MICROARRAY_URL("pt.microarray_url");

    private final Sql sql;

    PluritestJson(String column) {
      this(new Column(column));
    }

    PluritestJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** The karyotype ("k"). */
  enum KaryotypeJson implements Element {
    KARYOTYPE("k.karyotype"),
    METHOD("k.karyotype_method"),
    PASSAGE_NUMBER("k.passage_number");

    private final Sql sql;

    KaryotypeJson(String column) {
      this(new Column(column));
    }

    KaryotypeJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** The disease-genotype flags ("dg"). */
  enum DiseaseGenotypeJson implements Element {
    CARRIES_DISEASE_PHENOTYPE_ASSOCIATED_VARIANTS("dg.carries_disease_phenotype_associated_variants"),
    VARIANT_OF_INTEREST("dg.variant_of_interest");

    private final Sql sql;

    DiseaseGenotypeJson(String column) {
      this(new Column(column));
    }

    DiseaseGenotypeJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** A publication ("pu"). */
  enum PublicationJson implements Element {
    REFERENCE_TYPE("pu.reference_type"),
    REFERENCE_ID("pu.reference_id"),
    REFERENCE_URL("pu.reference_url"),
    TITLE("pu.reference_title");

    private final Sql sql;

    PublicationJson(String column) {
      this(new Column(column));
    }

    PublicationJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** An information pack ("ip"). */
  enum InformationPackJson implements Element {
    VERSION("ip.version"),
    FILE_KEY("ip.file_key"),
    MD5("ip.md5"),
    UPLOADED_AT(epochMicros("ip.uploaded_at"));

    private final Sql sql;

    InformationPackJson(String column) {
      this(new Column(column));
    }

    InformationPackJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** A status log entry ("st"). */
  enum StatusJson implements Element {
    STATUS("st.status"),
    COMMENT("st.comment"),
    AUTHOR("st.author"),
    CHANGED_AT(epochMicros("st.changed_at"));

    private final Sql sql;

    StatusJson(String column) {
      this(new Column(column));
    }

    StatusJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
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

    private final Sql sql;

    BatchCultureJson(String column) {
      this(new Column(column));
    }

    BatchCultureJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** An image of a batch ("bi"). */
  enum ImageJson implements Element {
    FILE_KEY("bi.file_key"),
    MD5("bi.md5"),
    MAGNIFICATION("bi.magnification"),
    TIME_POINT("bi.time_point");

    private final Sql sql;

    ImageJson(String column) {
      this(new Column(column));
    }

    ImageJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }

  /** A vial ("vl"). */
  enum VialJson implements Element {
    BIOSAMPLES_ID("vl.biosamples_id"),
    NAME("vl.name"),
    NUMBER("vl.number"),
    DERIVED_FROM("vl.derived_from");

    private final Sql sql;

    VialJson(String column) {
      this(new Column(column));
    }

    VialJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
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
    CULTURE_CONDITIONS(one(BatchCultureJson.class, "ims.batch_culture_conditions bcc", "bcc.batch_id", "b.id")),
    IMAGES(list(ImageJson.class, "ims.batch_image bi", "bi.batch_id", "b.id", "bi.id")),
    VIALS(list(VialJson.class, "ims.vial vl", "vl.batch_id", "b.id", "vl.number"));

    private final Sql sql;

    BatchJson(String column) {
      this(new Column(column));
    }

    BatchJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
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
    DONOR(one(DonorJson.class, "ims.donor d", "d.id", "l.donor_id")),
    DONOR_AGE(lookup("age_range", "ar", "l.donor_age_id")),
    DEPOSITOR(lookup("organisation", "gen", "l.generator_id")),
    OWNER(lookup("organisation", "own", "l.owner_id")),
    DERIVATION_COUNTRY(lookup("country", "dco", "l.derivation_country_id")),
    HAS_DISEASES("l.has_diseases"),
    DISEASE_ASSOCIATED_PHENOTYPES("l.disease_associated_phenotypes"),
    NON_DISEASE_ASSOCIATED_PHENOTYPES("l.non_disease_associated_phenotypes"),
    HAS_GENETIC_MODIFICATION("l.has_genetic_modification"),
    DERIVED_FROM(lookup("cell_line", "par", "l.derived_from_id", "biosamples_id")),
    PUBLIC_NOTES("l.public_notes"),
    DISEASES(list(LineDiseaseJson.class, "ims.cell_line_disease cld", "cld.cell_line_id", "l.id", "cld.id")),
    NON_DISEASE_MODIFICATIONS(list(ModificationJson.class, "ims.genetic_modification m", "m.cell_line_id", "l.id", "m.id")),
    DERIVATION(one(DerivationJson.class, "ims.derivation dv", "dv.cell_line_id", "l.id")),
    REPROGRAMMING_VECTOR(one(VectorJson.class, "ims.reprogramming_vector rv", "rv.cell_line_id", "l.id")),
    VECTOR_FREE_FACTORS(list(FactorJson.class, "ims.vector_free_factor vf", "vf.cell_line_id", "l.id", "vf.id")),
    CULTURE_CONDITIONS(one(CultureJson.class, "ims.culture_conditions cc", "cc.cell_line_id", "l.id")),
    CHARACTERISATION(one(CharacterisationJson.class, "ims.characterisation ch", "ch.cell_line_id", "l.id")),
    PLURITEST(one(PluritestJson.class, "ims.pluritest pt", "pt.cell_line_id", "l.id")),
    KARYOTYPE(one(KaryotypeJson.class, "ims.karyotype k", "k.cell_line_id", "l.id")),
    DISEASE_GENOTYPE(one(DiseaseGenotypeJson.class, "ims.disease_genotype dg", "dg.cell_line_id", "l.id")),
    GENOME_ANALYSES(list(GenomeAnalysisJson.class, "ims.genome_analysis ga", "ga.cell_line_id", "l.id", "ga.id")),
    PUBLICATIONS(list(PublicationJson.class, "ims.publication pu", "pu.cell_line_id", "l.id", "pu.id")),
    INFORMATION_PACKS(list(InformationPackJson.class, "ims.cell_line_information_pack ip", "ip.cell_line_id", "l.id",
        "ip.uploaded_at DESC, ip.id DESC")),
    STATUS_LOG(list(StatusJson.class, "ims.cell_line_status st", "st.cell_line_id", "l.id",
        "st.changed_at DESC, st.id DESC")),
    BATCHES(list(BatchJson.class, "ims.batch b", "b.cell_line_id", "l.id", "b.id")),
    VERSION("l.version");

    private final Sql sql;

    LineJson(String column) {
      this(new Column(column));
    }

    LineJson(Sql sql) {
      this.sql = sql;
    }

    @Override
    public Sql sql() {
      return sql;
    }
  }
}
