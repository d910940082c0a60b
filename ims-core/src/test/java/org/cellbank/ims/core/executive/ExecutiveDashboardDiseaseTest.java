package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellbank.ims.core.executive.ExecutiveCalls.json;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's disease column, filter and sort, on a real database with the sample lines. */
class ExecutiveDashboardDiseaseTest {

  private static final List<String> statements = new CopyOnWriteArrayList<>();
  private static ExecutiveCalls calls;
  private static String viewer;

  @BeforeAll
  static void setUp() {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader loader = SampleDataLoader.create(CellLineRepository.create(dataSource));
    loader.loadMissing(SampleData.all());
    loader.loadMissing(SyntheticCellLines.generate(30, 11L));
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("viewer", Role.EXECUTIVE_VIEWER);
    viewer = "ApiKey viewer:" + keys.issue("viewer").key();
    calls = new ExecutiveCalls(ExecutiveApi.builder().dataSource(dataSource).onStatement(statements::add).build()
        .addTo(Router.builder()).filter(ApiKeyAuthentication.requiring(keys, Role.PARTNER)).build());
  }

  @Test
  void diseaseColumn_listsTheDonorsDiseasesPrimaryFirst_andTheLinesOwn() {
    JsonObject ukbi = row(json(calls.get("/api/v0/executive/cell-lines?q=UKBi008-A", viewer)), "UKBi008-A");
    JsonObject edited = row(json(calls.get("/api/v0/executive/cell-lines?q=BIONi010-C-2", viewer)), "BIONi010-C-2");

    assertThat(strings(ukbi.findArray("diseases").orElseThrow()))
        .containsExactly("Machado-Joseph disease", "anti-social behavior", "unipolar depression");
    assertThat(strings(ukbi.findArray("line_diseases").orElseThrow())).isEmpty();
    assertThat(strings(edited.findArray("line_diseases").orElseThrow())).containsExactly("Alzheimers disease");
  }

  @Test
  void diseaseFilter_matchesDonorOrLineDiseaseNames_caseInsensitively_inOneStatement() {
    statements.clear();
    HttpResponse donor = calls.get("/api/v0/executive/cell-lines?disease=machado-joseph%20DISEASE&limit=500", viewer);
    int donorStatements = statements.size();
    HttpResponse line = calls.get("/api/v0/executive/cell-lines?disease=Alzheimers%20disease", viewer);
    HttpResponse none = calls.get("/api/v0/executive/cell-lines?disease=Machado", viewer);

    assertThat(donor.status()).isEqualTo(200);
    assertThat(donorStatements).isEqualTo(1);
    assertThat(names(json(donor))).contains("UKBi008-A").doesNotContain("BIONi010-C");
    assertThat(names(json(line))).contains("BIONi010-C-2").doesNotContain("UKBi008-A");
    assertThat(names(json(none))).isEmpty();
    assertThat(json(none).findObject("counters").orElseThrow().findNumber("registered").orElseThrow().longValue())
        .isEqualTo(34);
  }

  @Test
  void sortByDisease_ordersByTheFirstDiseaseName_bothWays() {
    List<String> up = firstDiseases("/api/v0/executive/cell-lines?sort=disease&limit=500");
    List<String> down = firstDiseases("/api/v0/executive/cell-lines?sort=-disease&limit=500");

    assertThat(up).hasSize(34).doesNotContainNull().isSortedAccordingTo(String::compareTo);
    assertThat(down).hasSize(34).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(up.get(0)).isNotEqualTo(up.get(33));
  }

  private static List<String> firstDiseases(String path) {
    return json(calls.get(path, viewer)).findArray("objects").orElseThrow().elements().stream()
        .map(r -> strings(((JsonObject) r).findArray("diseases").orElseThrow()))
        .map(d -> d.isEmpty() ? null : d.get(0)).toList();
  }

  private static JsonObject row(JsonObject page, String name) {
    for (JsonValue v : page.findArray("objects").orElseThrow().elements()) {
      if (((JsonObject) v).findString("name").orElseThrow().equals(name)) {
        return (JsonObject) v;
      }
    }
    throw new AssertionError("no row " + name);
  }

  private static List<String> names(JsonObject page) {
    return page.findArray("objects").orElseThrow().elements().stream()
        .map(v -> ((JsonObject) v).findString("name").orElseThrow()).toList();
  }

  private static List<String> strings(JsonArray array) {
    return array.elements().stream().map(v -> v.asString()).toList();
  }
}
