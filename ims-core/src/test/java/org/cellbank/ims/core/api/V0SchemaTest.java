package org.cellbank.ims.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonBoolean;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * Every key of the v0 representation of every sample record, and of generated records that fill
 * every part, has the JSON type the reference's code gives it (its cell-line, batch and modification
 * records, as docs/api.md "Representations" lists them): a partner's parser breaks on a type
 * change, so the next one fails the build. Unknown keys fail too, and so does a missing one: every
 * key an object's type lists must be there, except the few the reference leaves out when they have
 * no value ({@link #opt}). Objects whose keys depend on a kind (a genetic modification's
 * {@code type}, a reprogramming method's {@code type}) are checked against that kind's keys.
 */
class V0SchemaTest {
  // The value types: string, number, boolean, each optionally nullable; objects and lists.
  private interface Type {}

  private record Scalar(Class<? extends JsonValue> kind, boolean nullable) implements Type {}

  private record Obj(Map<String, Type> fields, boolean nullable) implements Type {}

  private record Arr(Type element, boolean nullable) implements Type {}

  // A key the reference emits only when it has a value: absent is fine, present must be "type".
  private record Opt(Type type) implements Type {}

  // An object whose keys depend on the string value of its member "key": one shape per value.
  private record OneOf(String key, Map<String, Obj> shapes, boolean nullable) implements Type {}

  private static final Type S = new Scalar(JsonString.class, false);
  private static final Type S_ = new Scalar(JsonString.class, true);
  private static final Type N_ = new Scalar(JsonNumber.class, true);
  private static final Type B = new Scalar(JsonBoolean.class, false);
  private static final Type B_ = new Scalar(JsonBoolean.class, true);
  private static final Type NULL = new Scalar(JsonNull.class, true);

  private static Obj obj(Object... nameAndType) {
    return new Obj(fields(nameAndType), false);
  }

  private static Obj obj_(Object... nameAndType) {
    return new Obj(fields(nameAndType), true);
  }

  private static Map<String, Type> fields(Object... nameAndType) {
    Map<String, Type> fields = new LinkedHashMap<>();
    for (int i = 0; i < nameAndType.length; i += 2) {
      fields.put((String) nameAndType[i], (Type) nameAndType[i + 1]);
    }
    return fields;
  }

  private static Opt opt(Type type) {
    return new Opt(type);
  }

  private static OneOf oneOf(String key, Object... valueAndShape) {
    return new OneOf(key, shapes(valueAndShape), false);
  }

  private static OneOf oneOf_(String key, Object... valueAndShape) {
    return new OneOf(key, shapes(valueAndShape), true);
  }

  private static Map<String, Obj> shapes(Object... valueAndShape) {
    Map<String, Obj> shapes = new LinkedHashMap<>();
    for (int i = 0; i < valueAndShape.length; i += 2) {
      shapes.put((String) valueAndShape[i], (Obj) valueAndShape[i + 1]);
    }
    return shapes;
  }

  private static Arr list(Type element) {
    return new Arr(element, false);
  }

  private static Arr list_(Type element) {
    return new Arr(element, true);
  }

  // Each kind of modification has "chromosome_location", "notes", "type" and the keys of its kind.
  private static final Obj TRANSGENE_OR_KNOCK_OUT = obj("chromosome_location", S_, "notes", S_, "type", S,
      "delivery_method", S_, "gene", S_, "transposon", S_, "virus", S_);
  private static final OneOf MODIFICATION = oneOf("type",
      "Variant", obj("chromosome_location", S_, "notes", S_, "type", S, "clinvar_id", S_, "dbsnp_id", S_,
          "dbvar_id", S_, "gene", S_, "nucleotide_sequence_hgvs", S_, "protein_sequence_hgvs", S_,
          "publication_pmid", S_, "zygosity_status", S_),
      "Transgene expression", TRANSGENE_OR_KNOCK_OUT,
      "Isogenic modification", obj("chromosome_location", S_, "notes", S_, "type", S, "gene", S_,
          "modification_type", S_, "nucleotide_sequence_hgvs", S_, "protein_sequence_hgvs", S_,
          "zygosity_status", S_),
      "Gene knock-out", TRANSGENE_OR_KNOCK_OUT,
      "Gene knock-in", obj("chromosome_location", S_, "notes", S_, "type", S, "chromosome_location_transgene", S_,
          "delivery_method", S_, "target_gene", S_, "transgene", S_, "transposon", S_, "virus", S_));
  private static final Obj DONOR_VARIANT = obj("chromosome_location", S_, "clinvar_id", S_, "dbsnp_id", S_,
      "dbvar_id", S_, "gene", S_, "notes", S_, "nucleotide_sequence_hgvs", S_, "protein_sequence_hgvs", S_,
      "publication_pmid", S_, "zygosity_status", S_);
  private static final Obj GENOME_ANALYSIS = obj("analysis_method", S_, "link", S_);
  private static final Obj BATCH = obj(
      "batch_id", S, "batch_type", S, "biosamples_id", S,
      "certificate_of_analysis", obj_("file", S, "md5", S),
      "culture_conditions", obj_("co2_concentration", S_, "culture_medium", S_, "matrix", S_,
          "o2_concentration", S_, "passage_method", S_, "temperature", S_),
      "images", list(obj("image_file", S, "image_md5", S, "magnification", S_, "time_point", S_)),
      "resource_uri", S,
      "vials", list(obj("biosamples_id", S, "name", S, "number", S)),
      "vials_at_roslin", N_, "vials_shipped_to_ecacc", N_, "vials_shipped_to_fraunhoffer", N_);
  // The vector's name, with its excisable and absence flags (integrating) or its gene list
  // (non-integrating), and an integrating vector's virus and transposon are left out without a value.
  private static final OneOf REPROGRAMMING_METHOD = oneOf_("type",
      "Integrating vector", obj("type", S, "data", obj("absence_reprogramming_vectors", opt(B_),
          "excisable", opt(B_), "integrating_vector_gene_list", list(S), "integrating_vector_methods", list_(S),
          "integrating_vector_silenced", S_, "integrating_vector_silencing_notes", S_, "transposon", opt(S),
          "vector", opt(S), "virus", opt(S))),
      "Non-integrating vector", obj("type", S, "data", obj("non_integrating_vector_detectable", S_,
          "non_integrating_vector_detection_notes", S_, "non_integrating_vector_gene_list", opt(list(S)),
          "non_integrating_vector_methods", list_(S), "vector", opt(S))));
  private static final Obj CELL_LINE = obj(
      "alternative_names", list(S),
      "at_ecacc", B,
      "availability", S_,
      "batches", list(BATCH),
      "biosamples_id", S,
      "cell_line_information_packs", list(obj("clip_file", S, "md5", S, "updated", S, "version", S)),
      "cellline_certificate_of_analysis", obj_("certificate_of_analysis_flag", B_),
      "cellline_disease_associated_genotype", obj_("carries_disease_phenotype_associated_variants_flag", B_,
          "variant_of_interest_flag", B_),
      "cellline_karyotype", obj_("karyotype", S_, "karyotype_method", S_, "passage_number", S_),
      "characterization_pluritest", obj_("novelty_score", S_, "pluripotency_score", S_, "pluritest_flag", B_),
      "depositor", obj_("name", S_),
      "depositor_cellline_culture_conditions", obj_("co2_concentration", N_, "o2_concentration", N_,
          "culture_history", B_, "passage_history", B_, "culture_medium", S_,
          "culture_medium_other", obj_("base", S_, "protein_source", S_, "serum_concentration", N_),
          "culture_medium_supplements", list(obj("amount", S_, "supplement", S, "unit", S_)),
          "enzymatically", S_, "enzyme_free", S_, "feeder_cell_id", S_, "feeder_cell_type", S_,
          "number_of_vials_banked", S_, "other_culture_environment", S_, "passage_method", S_,
          "passage_number_banked", S_, "rock_inhibitor_used_at_cryo", S, "rock_inhibitor_used_at_passage", S,
          "rock_inhibitor_used_at_thaw", S, "surface_coating", S_),
      "disease_associated_phenotypes", list_(S),
      "disease_names", list_(S),
      "diseases", list(obj("affected_status", NULL, "carrier", NULL, "disease_stage", NULL, "free_text_name", S_,
          "notes", S_, "primary_disease", B, "name", opt(S_), "purl", opt(S), "synonyms", opt(list(S)),
          "variants", list(MODIFICATION))),
      "donor", obj_("biosamples_id", S, "country_of_origin", S_,
          "diseases", list(obj("affected_status", S_, "carrier", S_, "disease_stage", S_, "free_text_name", S_,
              "notes", S_, "primary_disease", B, "variants", list(DONOR_VARIANT), "name", opt(S_), "purl", opt(S),
              "synonyms", opt(list(S)))),
          "ethnicity", S_, "gender", S_, "genome_wide_analysis", list(GENOME_ANALYSIS),
          "internal_donor_ids", list_(S), "karyotype", S_),
      "donor_age", S_,
      "ecacc_cat_no", S_,
      "flag_go_live", B,
      "genetic_modification_flag", B_,
      "genetic_modifications_non_disease", list(MODIFICATION),
      "genome_wide_analysis", list(GENOME_ANALYSIS),
      "name", S,
      "non_disease_associated_phenotypes", list_(S),
      "primary_cell_type", obj_("name", S_),
      "primary_disease", obj_("name", S_, "purl", opt(S), "synonyms", opt(list(S))),
      "primary_disease_diagnosed", S,
      "publications", list(obj("pub", S_, "pub_id", S_, "pub_title", S_, "pub_url", S_)),
      "reprogramming_method", REPROGRAMMING_METHOD,
      "reprogramming_method_vector_free_types", list(S),
      "resource_uri", S,
      "status_log", list(obj("comment", S_, "status", S, "updated", S)),
      "validation_status", S,
      "virology_screening", obj_("hepatitis_b", S_, "hepatitis_c", S_, "hiv1", S_, "hiv2", S_, "mycoplasma", S_,
          "virology_screening_flag", B_));

  @Test
  void everySampleAndGeneratedRecord_hasTheReferenceTypes_andNoUnknownKey() {
    List<CellLine> lines = new ArrayList<>(SampleData.all());
    lines.addAll(SyntheticCellLines.generate(200, 11L));
    List<String> problems = new ArrayList<>();
    int values = 0;
    for (CellLine line : lines) {
      JsonValue v0 = JsonReader.create().read(V0Json.cellLine(line));
      values += check(line.name(), v0, CELL_LINE, problems);
      for (var batch : line.batches()) {
        values += check(line.name() + " batch " + batch.batchId(), JsonReader.create().read(V0Json.batch(batch)),
            BATCH, problems);
      }
    }
    assertThat(values).as("values checked").isGreaterThan(10_000);
    assertThat(problems).as("keys whose type is not the reference's").isEmpty();
  }

  @Test
  void theCheck_catchesAWrongTypeAnUnknownKeyAMissingKeyAndANullWhereNoneMayBe() {
    List<String> problems = new ArrayList<>();
    JsonValue wrong = JsonReader.create().read("{\"batch_id\": 7, \"batch_type\": null, \"biosamples_id\": \"x\","
        + " \"extra\": true}");
    check("fixture", wrong, obj("batch_id", S, "batch_type", S, "biosamples_id", S, "resource_uri", S_,
        "vials", opt(list(S)), "images", opt(list(S))), problems);
    assertThat(problems).containsExactlyInAnyOrder(
        "fixture.batch_id: number where string belongs",
        "fixture.batch_type: null where string belongs",
        "fixture.extra: a key the reference does not have",
        "fixture.resource_uri: missing");
  }

  @Test
  void theCheck_readsAKindsKeys_andCatchesAnUnknownKindAndAnotherKindsKey() {
    List<String> problems = new ArrayList<>();
    JsonValue mods = JsonReader.create().read("[{\"type\": \"Variant\", \"chromosome_location\": null,"
        + " \"notes\": null, \"gene\": \"ATXN3\"},"
        + " {\"type\": \"Gene knock-in\", \"chromosome_location\": null, \"notes\": null, \"gene\": \"X\","
        + " \"chromosome_location_transgene\": null, \"delivery_method\": null, \"target_gene\": null,"
        + " \"transgene\": null, \"transposon\": null, \"virus\": null},"
        + " {\"type\": \"Knock-sideways\"}, {\"notes\": null}]");
    check("fixture", mods, list(MODIFICATION), problems);
    assertThat(problems).containsExactlyInAnyOrder(
        "fixture[0].clinvar_id: missing", "fixture[0].dbsnp_id: missing", "fixture[0].dbvar_id: missing",
        "fixture[0].nucleotide_sequence_hgvs: missing", "fixture[0].protein_sequence_hgvs: missing",
        "fixture[0].publication_pmid: missing", "fixture[0].zygosity_status: missing",
        "fixture[1].gene: a key the reference does not have",
        "fixture[2].type: \"Knock-sideways\" is not one of [Variant, Transgene expression, Isogenic modification,"
            + " Gene knock-out, Gene knock-in]",
        "fixture[3].type: missing is not one of [Variant, Transgene expression, Isogenic modification,"
            + " Gene knock-out, Gene knock-in]");
  }

  // Checks value against type; returns how many values it looked at.
  private static int check(String path, JsonValue value, Type type, List<String> problems) {
    if (type instanceof Opt opt) {
      return check(path, value, opt.type(), problems);
    }
    if (value instanceof JsonNull) {
      boolean nullable = type instanceof Scalar s ? s.nullable() : type instanceof Obj o ? o.nullable()
          : type instanceof OneOf one ? one.nullable() : ((Arr) type).nullable();
      if (!nullable) {
        problems.add(path + ": null where " + name(type) + " belongs");
      }
      return 1;
    }
    if (type instanceof Scalar s) {
      if (!s.kind().isInstance(value)) {
        problems.add(path + ": " + value.typeName() + " where " + name(type) + " belongs");
      }
      return 1;
    }
    if (type instanceof Arr a) {
      if (!(value instanceof JsonArray array)) {
        problems.add(path + ": " + value.typeName() + " where a list belongs");
        return 1;
      }
      int n = 1;
      int i = 0;
      for (JsonValue element : array.elements()) {
        n += check(path + "[" + i++ + "]", element, a.element(), problems);
      }
      return n;
    }
    if (!(value instanceof JsonObject object)) {
      problems.add(path + ": " + value.typeName() + " where an object belongs");
      return 1;
    }
    Obj o;
    if (type instanceof OneOf one) {
      JsonValue kind = object.members().get(one.key());
      o = kind instanceof JsonString k ? one.shapes().get(k.value()) : null;
      if (o == null) {
        String found = kind == null ? "missing" : kind instanceof JsonString k ? "\"" + k.value() + "\""
            : kind.typeName();
        problems.add(path + "." + one.key() + ": " + found + " is not one of " + one.shapes().keySet());
        return 1;
      }
    } else {
      o = (Obj) type;
    }
    int n = 1;
    for (Map.Entry<String, Type> field : o.fields().entrySet()) {
      String key = field.getKey();
      if (!(field.getValue() instanceof Opt) && !object.members().containsKey(key)) {
        problems.add(path + "." + key + ": missing");
      }
    }
    for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
      Type expected = o.fields().get(member.getKey());
      if (expected == null) {
        problems.add(path + "." + member.getKey() + ": a key the reference does not have");
      } else {
        n += check(path + "." + member.getKey(), member.getValue(), expected, problems);
      }
    }
    return n;
  }

  private static String name(Type type) {
    if (type instanceof Opt opt) {
      return name(opt.type());
    }
    if (type instanceof Scalar s) {
      return s.kind() == JsonString.class ? "string" : s.kind() == JsonNumber.class ? "number"
          : s.kind() == JsonBoolean.class ? "boolean" : "null";
    }
    return type instanceof Arr ? "a list" : "an object";
  }
}
