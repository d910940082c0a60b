package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CSV downloads' byte cap: past it a download stops reading rows and answers 507. */
class ExecutiveCsvCapTest {

  private static final String LINES = "/api/v0/executive/exports/cell-line-ids.csv";
  private static DataSource dataSource;
  private static ApiKeys keys;
  private static String viewer;

  @BeforeAll
  static void setUp() {
    dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    // More lines than one page of the cell-line export (500), so a stopped download reads fewer pages.
    SampleDataLoader.create(CellLineRepository.create(dataSource))
        .loadMissing(SyntheticCellLines.generate(CsvExports.LINE_PAGE + 20, 5L));
    keys = ApiKeys.create(dataSource);
    keys.createUser("viewer", Role.EXECUTIVE_VIEWER);
    viewer = "ApiKey viewer:" + keys.issue("viewer").key();
  }

  private static ExecutiveCalls calls(int cap, List<String> statements) {
    return new ExecutiveCalls(ExecutiveApi.builder().dataSource(dataSource).maxExportBytes(cap)
        .onStatement(statements::add).build()
        .addTo(Router.builder()).filter(ApiKeyAuthentication.requiring(keys, Role.PARTNER)).build());
  }

  @Test
  void underTheCap_theDownloadIsTheServicesCsv_byteForByte() {
    HttpResponse csv = calls(ExecutiveApi.DEFAULT_MAX_EXPORT_BYTES, new CopyOnWriteArrayList<>()).get(LINES, viewer);
    StringBuilder expected = new StringBuilder();
    ExecutiveService.create(dataSource).exportCellLineIds(new ApiPrincipal("v", Role.EXECUTIVE_VIEWER), expected);

    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.body()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(csv.bodyText().split("\r\n")).hasSize(CsvExports.LINE_PAGE + 20 + 1);
  }

  @Test
  void pastTheCap_theDownloadStopsReading_andAnswers507() {
    List<String> all = new CopyOnWriteArrayList<>();
    List<String> capped = new CopyOnWriteArrayList<>();
    HttpResponse whole = calls(ExecutiveApi.DEFAULT_MAX_EXPORT_BYTES, all).get(LINES, viewer);
    HttpResponse stopped = calls(20_000, capped).get(LINES, viewer);

    assertThat(whole.bodyLength()).isGreaterThan(20_000);
    assertThat(stopped.status()).isEqualTo(507);
    assertThat(stopped.bodyText()).contains("larger than 20000 bytes");
    // The capped download stopped within the first page of lines; the whole one read every page.
    assertThat(capped.size()).isLessThan(all.size());
    assertThat(calls(20_000, capped).get("/api/v0/executive/exports/batch-ids.csv", viewer).status()).isEqualTo(507);
  }
}
