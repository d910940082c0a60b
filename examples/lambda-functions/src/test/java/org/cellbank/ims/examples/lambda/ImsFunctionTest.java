package org.cellbank.ims.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP Lambda function assembled from its environment, against a real PostgreSQL. */
class ImsFunctionTest {
  private static Map<String, String> env;
  private static String credentials;

  @BeforeAll
  static void setUp() {
    ImsPostgres pg = ImsPostgres.shared();
    String database = "ims_function_http_" + ProcessHandle.current().pid();
    pg.createDatabase(database);
    DataSource dataSource = pg.dataSource(database);
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader loader = SampleDataLoader.create(CellLineRepository.create(dataSource));
    loader.loadMissing(SampleData.all());
    loader.loadMissing(SyntheticCellLines.generate(3, 7L));
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("ecacc", Role.PARTNER);
    credentials = "ecacc:" + keys.issue("ecacc").key();
    env = new HashMap<>(Map.of(
        "IMS_JDBC_URL", pg.jdbcUrl(database),
        "IMS_JDBC_USER", pg.user(),
        "IMS_JDBC_PASSWORD", pg.password(),
        "IMS_API_MAX_LIMIT", "2"));
  }

  private static byte[] get(String path, String query, boolean gzip) {
    String json = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\""
        + query + "\",\"headers\":{\"authorization\":\"ApiKey " + credentials + "\""
        + (gzip ? ",\"accept-encoding\":\"gzip, br\"" : "") + "},\"requestContext\":{\"http\":{\"method\":\"GET\","
        + "\"path\":\"" + path + "\",\"sourceIp\":\"127.0.0.1\"},\"requestId\":\"t\",\"stage\":\"$default\"},"
        + "\"isBase64Encoded\":false}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonObject body(JsonObject answer) throws IOException {
    String body = answer.findString("body").orElseThrow();
    if (answer.findBoolean("isBase64Encoded").orElse(false)) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(body)))) {
        return JsonReader.create().read(in.readAllBytes()).asObject();
      }
    }
    return JsonReader.create().read(body).asObject();
  }

  @Test
  void servesTheRoutesUnderTheBasePathOfItsEnvironment() throws IOException {
    Map<String, String> withBase = new HashMap<>(env);
    withBase.put("IMS_BASE_PATH", "/ims");
    ImsLambdaHandler function = ImsFunction.assemble(withBase);
    for (String path : List.of("/ims/api/v0/cell-lines/SAMEA2590882", "/api/v0/cell-lines/SAMEA2590882")) {
      JsonObject answer = JsonReader.create().read(function.handle(get(path, "", false))).asObject();
      assertThat(answer.findNumber("statusCode").orElseThrow().longValue()).as(path).isEqualTo(200);
      assertThat(body(answer).findString("name")).hasValue("UKBi008-A");
    }
  }

  @Test
  void servesTheDetail_plainAndGzipped() throws IOException {
    ImsLambdaHandler function = ImsFunction.assemble(env);
    JsonObject plain = JsonReader.create().read(function.handle(get("/api/v0/cell-lines/SAMEA2590882", "", false)))
        .asObject();
    assertThat(plain.findNumber("statusCode").orElseThrow().longValue()).isEqualTo(200);
    assertThat(plain.findBoolean("isBase64Encoded")).hasValue(false);
    assertThat(body(plain).findString("name")).hasValue("UKBi008-A");

    JsonObject zipped = JsonReader.create().read(function.handle(get("/api/v0/cell-lines/SAMEA2590882", "", true)))
        .asObject();
    assertThat(zipped.findObject("headers").orElseThrow().findString("content-encoding")).hasValue("gzip");
    assertThat(body(zipped)).isEqualTo(body(plain));
  }

  @Test
  void capsPages_atIMS_API_MAX_LIMIT() throws IOException {
    ImsLambdaHandler function = ImsFunction.assemble(env);
    JsonObject page = body(JsonReader.create().read(function.handle(get("/api/v0/cell-lines", "limit=1000", false)))
        .asObject());
    assertThat(page.findObject("meta").orElseThrow().findNumber("limit").orElseThrow().longValue()).isEqualTo(2);
    assertThat(page.findArray("objects").orElseThrow().size()).isEqualTo(2);
  }

  @Test
  void onDemandInit_skipsTheWarmUp_andServesTheFirstRequest() throws IOException {
    Map<String, String> onDemand = new HashMap<>(env);
    onDemand.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    ImsLambdaHandler function = ImsFunction.assemble(onDemand);
    JsonObject answer = JsonReader.create().read(function.handle(get("/api/v0/cell-lines/SAMEA2590882", "", false)))
        .asObject();
    assertThat(answer.findNumber("statusCode").orElseThrow().longValue()).isEqualTo(200);
    assertThat(body(answer).findString("name")).hasValue("UKBi008-A");
  }

  @Test
  void warmsUp_underSnapStartOrProvisionedConcurrency_notOnDemand_unlessTheSystemPropertySays() {
    String previous = System.getProperty(ImsFunction.WARM_UP_PROPERTY);
    System.clearProperty(ImsFunction.WARM_UP_PROPERTY);
    try {
      assertThat(ImsFunction.warmsUp(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"))).isFalse();
      assertThat(ImsFunction.warmsUp(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"))).isTrue();
      assertThat(ImsFunction.warmsUp(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency"))).isTrue();
      assertThat(ImsFunction.warmsUp(Map.of())).isTrue();
      System.setProperty(ImsFunction.WARM_UP_PROPERTY, "true");
      assertThat(ImsFunction.warmsUp(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"))).isTrue();
      System.setProperty(ImsFunction.WARM_UP_PROPERTY, "false");
      assertThat(ImsFunction.warmsUp(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"))).isFalse();
    } finally {
      if (previous == null) {
        System.clearProperty(ImsFunction.WARM_UP_PROPERTY);
      } else {
        System.setProperty(ImsFunction.WARM_UP_PROPERTY, previous);
      }
    }
  }

  @Test
  void runsNoScheduledJob() {
    ImsLambdaHandler function = ImsFunction.assemble(env);
    byte[] scheduled = ("{\"id\":\"e1\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
        + "\"time\":\"2026-11-28T02:00:00Z\",\"resources\":[],\"detail\":{}}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> function.handle(scheduled)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no scheduled job");
  }

  @Test
  void badSettings_failInit() {
    Map<String, String> noUrl = new HashMap<>(env);
    noUrl.remove("IMS_JDBC_URL");
    assertThatThrownBy(() -> ImsFunction.assemble(noUrl)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("IMS_JDBC_URL");
    Map<String, String> badPool = new HashMap<>(env);
    badPool.put("IMS_DB_POOL_SIZE", "5");
    assertThatThrownBy(() -> ImsFunction.assemble(badPool)).hasMessageContaining("IMS_DB_POOL_SIZE");
    Map<String, String> unreachable = new HashMap<>(env);
    unreachable.put("IMS_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/ims?connectTimeout=2");
    assertThatThrownBy(() -> ImsFunction.assemble(unreachable)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot reach the database");
  }
}
