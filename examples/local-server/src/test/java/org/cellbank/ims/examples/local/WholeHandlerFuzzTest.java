package org.cellbank.ims.examples.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.cellbank.ims.core.api.MediaRoutes;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CatalogueDocuments;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.media.FileSystemMediaStore;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.examples.lambda.ImsApplication;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.search.ManagedOpenSearchClient;
import org.cellbank.ims.search.OpenSearchCatalogueIndex;
import org.cellbank.ims.search.OpenSearchClients;
import org.cellbank.ims.testkit.ImsOpenSearch;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated requests, valid and hostile, through the whole application (routes, authentication,
 * the real database, media on disk, a real OpenSearch node and a dead one) as API Gateway events:
 * bad input never answers 5xx, no answer shows a stack trace, a class name or SQL, and no log line
 * holds a raw control character. The seed is fixed and printed with any failure.
 */
class WholeHandlerFuzzTest {
  private static final long SEED = 20261202L;
  private static final int EVENTS = 100_000;
  private static final String[] ROUTES = {"/api/v0/", "/api/v0/cell-lines", "/api/v0/cell-lines/SAMEA2590882",
      "/api/v0/cell-lines/{x}", "/api/v0/batches", "/api/v0/batches/{x}", "/api/v0/search", "/api/v0/import-runs",
      "/api/v0/import-runs/{x}", "/media/{x}", "/{x}", "/api/v0/cell-lines/{x}/{x}"};
  private static final String[] PIECES = {"SAMEA2590882", "UKBi008-A_P001", "%00", "%0D%0A", "%2F", "%C3", "%zz",
      "%", "..", "%2e%2e", "celllines/2015/09/x.pdf", "a b", "é", "%F0%9F%98%80", "%ED%A0%80", "'; DROP TABLE x;--",
      "<script>", "\u0000", "\n", "${jndi:x}", "0", "-1", "99999999999999999999"};
  private static final String[] PARAMS = {"limit", "offset", "q", "sort", "disease", "donor_sex", "donor_age",
      "derivation", "api_key", "username", "Api_Key", "x", ""};
  private static final String[] VALUES = {"1", "0", "-5", "abc", "1e3", "ataxia", "%00", "%0A", "%C3", "%zz",
      "name", "-name", "donor_age", "Machado-Joseph+disease", "male", "99999999999999", "%2B%2B"};
  private static final String[] METHODS = {"GET", "GET", "GET", "HEAD", "POST", "OPTIONS", "DELETE", "get", "PATCH"};

  @TempDir static Path dir;

  @Test
  void generatedRequests_throughTheWholeHandler_neverFailOnBadInput() throws Exception {
    // Pooled, as the local server and Lambda hold their connections: a new connection per read would
    // measure PostgreSQL's process start instead of the IMS.
    ImsPostgres pg = ImsPostgres.shared();
    String database = "ims_fuzz_" + ProcessHandle.current().pid();
    pg.createDatabase(database);
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(pg.jdbcUrl(database));
    pool.setUsername(pg.user());
    pool.setPassword(pg.password());
    pool.setMaximumPoolSize(2);
    HikariDataSource dataSource = new HikariDataSource(pool);
    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository lines = CellLineRepository.create(dataSource);
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("partner", Role.PARTNER);
    String partner = "partner:" + keys.issue("partner").key();
    Path media = dir.resolve("media");
    SampleMediaFiles.ensure(media, SampleData.all());
    MediaRoutes mediaRoutes = MediaRoutes.builder().store(FileSystemMediaStore.builder().root(media)
        .baseUri(URI.create("http://127.0.0.1:1/media/")).signingKey(new byte[32]).build()).build();

    ManagedOpenSearchClient live = OpenSearchClients.http(ImsOpenSearch.shared().httpUrl());
    OpenSearchCatalogueIndex liveIndex = OpenSearchCatalogueIndex.builder().client(live.client())
        .alias("fuzz-" + ProcessHandle.current().pid()).replicas(0).build();
    liveIndex.rebuild(CatalogueDocuments.allVisible(lines), n -> { });
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    ManagedOpenSearchClient dead = OpenSearchClients.http("http://127.0.0.1:" + closedPort);
    CatalogueIndex deadIndex = OpenSearchCatalogueIndex.builder().client(dead.client()).alias("fuzz-dead")
        .retries(1, java.time.Duration.ofMillis(1)).build();

    ImsLambdaHandler withSearch = handler(dataSource, keys, lines, mediaRoutes, liveIndex);
    ImsLambdaHandler searchDown = handler(dataSource, keys, lines, mediaRoutes, deadIndex);

    Random random = new Random(SEED);
    Map<Long, Integer> statuses = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    PrintStream err = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < EVENTS && problems.size() < 10; i++) {
        boolean down = random.nextInt(10) == 0;
        String path = path(random);
        String event = event(random, path, random.nextInt(4) > 0 ? partner : random.nextBoolean() ? "x:y" : null);
        byte[] answer = (down ? searchDown : withSearch).handle(event.getBytes(StandardCharsets.UTF_8));
        JsonObject response = JsonReader.create().read(answer).asObject();
        long status = response.findNumber("statusCode").orElseThrow().longValue();
        statuses.merge(status, 1, Integer::sum);
        String body = body(response);
        boolean outage = down && status == 503 && path.startsWith("/api/v0/search");
        if (status >= 500 && !outage) {
          problems.add("seed " + SEED + " event " + i + ": " + status + " for " + cut(event) + " -> " + cut(body));
        }
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("org.cellbank")
            || body.contains("SELECT ") || body.contains("FROM ims.")) {
          problems.add("seed " + SEED + " event " + i + ": internals in the body of " + cut(event) + " -> " + cut(body));
        }
      }
    } finally {
      System.setErr(err);
      live.close();
      dead.close();
      dataSource.close();
    }
    String log = logged.toString(StandardCharsets.UTF_8);
    assertThat(log).as("the request log was captured").contains("GET /api/v0/cell-lines").contains("id\\u000d\\u000aforged");
    List<String> rawControls = new ArrayList<>();
    for (String line : log.split("\n", -1)) {
      for (int c = 0; c < line.length(); c++) {
        char ch = line.charAt(c);
        if ((ch < 0x20 && ch != '\t' && ch != '\r') || ch == 0x7f || ch == '\u2028' || ch == '\u2029') {
          rawControls.add(cut(line));
          break;
        }
      }
    }
    System.out.println("WholeHandlerFuzzTest seed " + SEED + ", " + EVENTS + " events, statuses " + statuses);
    assertThat(problems).as("5xx for bad input or internals in a body").isEmpty();
    assertThat(rawControls).as("log lines with a raw control character").isEmpty();
    assertThat(statuses.keySet()).as("the generator reaches answers of every kind").contains(200L, 400L, 401L, 404L);
  }

  private static ImsLambdaHandler handler(DataSource dataSource, ApiKeys keys, CellLineRepository lines,
      MediaRoutes media, CatalogueIndex index) {
    return ImsApplication.builder().dataSource(dataSource).auth(ApiKeyAuthentication.requiring(keys, Role.PARTNER))
        .cellLines(lines).media(media).catalogueIndex(index).build();
  }

  private static String path(Random random) {
    String route = ROUTES[random.nextInt(ROUTES.length)];
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < route.length()) {
      int x = route.indexOf("{x}", i);
      if (x < 0) {
        out.append(route, i, route.length());
        break;
      }
      out.append(route, i, x);
      int n = 1 + random.nextInt(3);
      for (int k = 0; k < n; k++) {
        out.append(random.nextInt(20) == 0 ? "x".repeat(1 + random.nextInt(3000)) : PIECES[random.nextInt(PIECES.length)]);
      }
      i = x + 3;
    }
    return out.toString();
  }

  private static String query(Random random) {
    StringBuilder q = new StringBuilder();
    int n = random.nextInt(4);
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        q.append('&');
      }
      q.append(PARAMS[random.nextInt(PARAMS.length)]).append('=');
      q.append(random.nextInt(15) == 0 ? "w+".repeat(1 + random.nextInt(80)) : VALUES[random.nextInt(VALUES.length)]);
    }
    return q.toString();
  }

  // An API Gateway HTTP API (payload 2.0) event, or a REST (1.0) one, for the path.
  private static String event(Random random, String path, String credentials) {
    String method = METHODS[random.nextInt(METHODS.length)];
    JsonObject.Builder headers = JsonObject.builder();
    if (credentials != null) {
      headers.put("authorization", "ApiKey " + credentials);
    }
    if (random.nextInt(5) == 0) {
      headers.put("accept-encoding", "gzip");
    }
    if (random.nextInt(8) == 0) {
      headers.put("range", random.nextBoolean() ? "bytes=0-10" : "bytes=" + random.nextInt(1000) + "-");
    }
    if (random.nextInt(10) == 0) {
      headers.put("origin", "https://evil.example");
    }
    String body = random.nextInt(6) == 0 ? Base64.getEncoder().encodeToString(new byte[random.nextInt(64)]) : null;
    if (random.nextBoolean()) {
      JsonObject.Builder e = JsonObject.builder()
          .put("version", "2.0").put("routeKey", "$default").put("rawPath", path)
          .put("rawQueryString", query(random)).put("headers", headers.build())
          .put("requestContext", JsonObject.builder()
              .put("http", JsonObject.builder().put("method", method).put("path", path).put("sourceIp", "127.0.0.1").build())
              .put("requestId", random.nextInt(10) == 0 ? "id\r\nforged" : "r-" + random.nextInt())
              .put("stage", "$default").build())
          .put("isBase64Encoded", body != null);
      if (body != null) {
        e.put("body", body);
      }
      return JsonWriter.compact().write(e.build());
    }
    JsonObject.Builder params = JsonObject.builder();
    String query = query(random);
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(pair.substring(0, eq), pair.substring(eq + 1).replace("+", " "));
      }
    }
    JsonObject.Builder e = JsonObject.builder()
        .put("resource", "/{proxy+}").put("path", path).put("httpMethod", method)
        .put("headers", headers.build()).put("queryStringParameters", params.build())
        .put("requestContext", JsonObject.builder().put("requestId", "r-" + random.nextInt()).put("stage", "prod")
            .put("path", "/prod" + path).put("identity", JsonObject.builder().put("sourceIp", "127.0.0.1").build()).build())
        .put("isBase64Encoded", body != null);
    if (body != null) {
      e.put("body", body);
    }
    return JsonWriter.compact().write(e.build());
  }

  private static String body(JsonObject response) {
    String body = response.findString("body").orElse("");
    if (response.findBoolean("isBase64Encoded").orElse(false)) {
      return "(" + body.length() + " base64 characters)";
    }
    return body;
  }

  private static String cut(String s) {
    return s.length() <= 400 ? s : s.substring(0, 400) + "... (" + s.length() + " characters)";
  }
}
