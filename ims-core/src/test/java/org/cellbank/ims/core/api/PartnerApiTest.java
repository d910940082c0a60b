package org.cellbank.ims.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.cellbank.ims.core.db.BatchRepository;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PartnerApiTest {

  private static Router router;
  private static Router capped;
  private static CellLineRepository lines;
  private static BatchRepository batches;

  @BeforeAll
  static void setUp() {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    lines = CellLineRepository.create(dataSource);
    batches = BatchRepository.create(dataSource);
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    router = PartnerApi.create(lines, batches).addTo(Router.builder()).build();
    capped = PartnerApi.create(lines, batches, 2).addTo(Router.builder()).build();
  }

  @Test
  void maxLimit_capsEveryPage() {
    for (String limit : new String[] {"3", "0", "1000"}) {
      JsonObject page = json(capped.handle(HttpRequest.builder("GET", "/api/v0/cell-lines")
          .queryParameter("limit", limit).requestId("test").build()));
      assertThat(page.findObject("meta").flatMap(m -> m.findNumber("limit")).orElseThrow().longValue()).isEqualTo(2);
      assertThat(page.findArray("objects").orElseThrow().size()).isEqualTo(2);
      assertThat(page.findObject("meta").flatMap(m -> m.findString("next"))).contains("/api/v0/cell-lines?limit=2&offset=2");
    }
    JsonObject one = json(capped.handle(HttpRequest.builder("GET", "/api/v0/batches")
        .queryParameter("limit", "1").requestId("test").build()));
    assertThat(one.findObject("meta").flatMap(m -> m.findNumber("limit")).orElseThrow().longValue()).isEqualTo(1);
    assertThatThrownBy(() -> PartnerApi.create(lines, batches, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PartnerApi.create(lines, batches, 1001)).isInstanceOf(IllegalArgumentException.class);
  }

  private static HttpResponse get(String path) {
    return get(HttpRequest.builder("GET", path));
  }

  private static HttpResponse get(HttpRequest.Builder request) {
    return router.handle(request.requestId("test").build());
  }

  private static JsonObject json(HttpResponse response) {
    return JsonReader.create().read(response.body()).asObject();
  }

  @Test
  void cellLine_showsTheSampleRecordInTheV0Shape() {
    HttpResponse response = get("/api/v0/cell-lines/SAMEA2590882");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonObject line = json(response);
    assertThat(line.members().keySet()).containsExactlyElementsOf(new java.util.TreeSet<>(line.members().keySet()));
    assertThat(line.findString("name")).contains("UKBi008-A");
    assertThat(line.findString("availability")).contains("Stocked by ECACC");
    assertThat(line.findString("validation_status")).contains("Validated, visible");
    assertThat(line.findString("ecacc_cat_no")).contains("66540003");
    assertThat(line.findString("donor_age")).contains("35-39");
    assertThat(line.findString("primary_disease_diagnosed")).contains("1");
    assertThat(line.findBoolean("flag_go_live")).contains(true);
    assertThat(line.findString("resource_uri")).contains("/api/v0/cell-lines/SAMEA2590882");
    assertThat(line.findObject("primary_disease").flatMap(d -> d.findString("name"))).contains("Machado-Joseph disease");
    assertThat(line.findObject("depositor").flatMap(d -> d.findString("name"))).contains("Universitatsklinikum Bonn");
    JsonObject status = line.findArray("status_log").orElseThrow().get(0).asObject();
    assertThat(status.findString("status")).contains("Stocked by ECACC");
    assertThat(status.findString("updated")).contains("2016-10-20T11:51:00.016090");
    JsonObject clip = line.findArray("cell_line_information_packs").orElseThrow().get(0).asObject();
    assertThat(clip.findString("clip_file"))
        .contains("/media/celllines/2015/12/27/1abeb45f-0d61-47bc-a78f-eaeeff2cb799/UKBi008-A.CLIP.v1.pdf");
    assertThat(clip.findString("md5")).contains("5c49eec2c58e768de88553e085eed576");
    assertThat(clip.findString("updated")).contains("2015-12-27T10:45:52.574218");
    JsonObject method = line.findObject("reprogramming_method").orElseThrow();
    assertThat(method.findString("type")).contains("Integrating vector");
    assertThat(method.findObject("data").flatMap(d -> d.findString("virus"))).contains("Retrovirus");
    assertThat(method.findObject("data").flatMap(d -> d.findArray("integrating_vector_gene_list")).orElseThrow().size())
        .isEqualTo(4);
    JsonObject batch = line.findArray("batches").orElseThrow().get(0).asObject();
    assertThat(batch.findString("batch_type")).contains("Depositor Expansion");
    assertThat(batch.findArray("vials").orElseThrow().size()).isEqualTo(50);
    assertThat(batch.findObject("certificate_of_analysis").flatMap(c -> c.findString("md5")))
        .contains("7dba4abad952d3937ad7da650c14b4e1");
    assertThat(line.findObject("virology_screening").flatMap(v -> v.findString("hiv1"))).contains("Negative");
    assertThat(line.findObject("virology_screening").orElseThrow().members().get("hiv2").isNull()).isTrue();
    // As in the reference's published sample of this line.
    JsonObject genotype = line.findObject("cellline_disease_associated_genotype").orElseThrow();
    assertThat(genotype.members().keySet())
        .containsExactly("carries_disease_phenotype_associated_variants_flag", "variant_of_interest_flag");
    assertThat(genotype.findBoolean("carries_disease_phenotype_associated_variants_flag")).contains(false);
    assertThat(genotype.members().get("variant_of_interest_flag").isNull()).isTrue();
  }

  @Test
  void batch_isFoundByItsKey() {
    JsonObject batch = json(get("/api/v0/batches/SAMEG301734/"));
    assertThat(batch.findString("batch_id")).contains("P001");
    assertThat(batch.findString("resource_uri")).contains("/api/v0/batches/SAMEG301734");
    assertThat(batch.findObject("culture_conditions").flatMap(c -> c.findString("matrix"))).contains("Matrigel / Geltrex");
    assertThat(batch.findArray("images").orElseThrow().size()).isEqualTo(2);
    assertThat(get("/api/v0/batches/TESTi010-A_M001").status()).isEqualTo(200);
  }

  @Test
  void list_pagesWithMetaAndLinksThatNeverCarryTheKey() {
    JsonObject all = json(get("/api/v0/cell-lines"));
    JsonObject meta = all.findObject("meta").orElseThrow();
    assertThat(meta.findNumber("total_count").orElseThrow().longValue()).isEqualTo(SampleData.all().size());
    assertThat(meta.findNumber("limit").orElseThrow().longValue()).isEqualTo(50);
    assertThat(meta.members().get("next").isNull()).isTrue();
    JsonArray objects = all.findArray("objects").orElseThrow();
    assertThat(objects.size()).isEqualTo(SampleData.all().size());
    assertThat(objects.get(0).asObject().findString("name")).contains("BIONi010-C");

    JsonObject second = json(get(HttpRequest.builder("GET", "/api/v0/cell-lines")
        .queryParameter("limit", "1").queryParameter("offset", "1")
        .queryParameter("username", "partner").queryParameter("api_key", "secret")));
    JsonObject m = second.findObject("meta").orElseThrow();
    assertThat(m.findString("next")).contains("/api/v0/cell-lines?limit=1&offset=2");
    assertThat(m.findString("previous")).contains("/api/v0/cell-lines?limit=1&offset=0");
    assertThat(second.findArray("objects").orElseThrow().size()).isEqualTo(1);

    JsonObject batches = json(get(HttpRequest.builder("GET", "/api/v0/batches").queryParameter("limit", "0")));
    assertThat(batches.findObject("meta").flatMap(b -> b.findNumber("limit")).orElseThrow().longValue()).isEqualTo(1000);
  }

  @Test
  void badInput_answersJsonErrors() {
    HttpResponse badLimit = get(HttpRequest.builder("GET", "/api/v0/cell-lines").queryParameter("limit", "abc"));
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(json(badLimit).findObject("error").flatMap(e -> e.findString("message"))).isPresent();
    assertThat(get(HttpRequest.builder("GET", "/api/v0/batches").queryParameter("offset", "-1")).status()).isEqualTo(400);
    HttpResponse missing = get("/api/v0/cell-lines/SAMNOSUCH");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(json(missing).findObject("error")).isPresent();
    assertThat(get("/api/v0/nothing-here").status()).isEqualTo(404);
    HttpResponse post = router.handle(HttpRequest.builder("POST", "/api/v0/cell-lines").requestId("t").build());
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.headers().first("allow")).hasValueSatisfying(a -> assertThat(a).contains("GET"));
  }

  @Test
  void root_listsTheEndpoints() {
    JsonObject root = json(get("/api/v0/"));
    assertThat(root.findObject("cell-lines").flatMap(c -> c.findString("list_endpoint"))).contains("/api/v0/cell-lines");
    assertThat(root.findObject("batches").flatMap(c -> c.findString("list_endpoint"))).contains("/api/v0/batches");
  }
}
