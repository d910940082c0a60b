package org.cellbank.ims.examples.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
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
import org.cellbank.ims.core.search.InMemoryCatalogueIndex;
import org.cellbank.ims.examples.lambda.ImsApplication;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public search is the one route served without a key: every other route of the application
 * answers 401 to a request without one, and no spelling of another path reaches the public route.
 */
class PublicSearchAccessTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  // Every route ImsApplication serves with media and a search index, with a path that matches it.
  private static final List<String> KEYED_ROUTES = List.of(
      "/api/v0", "/api/v0/", "/api/v0/cell-lines", "/api/v0/cell-lines/SAMEA2590882", "/api/v0/batches",
      "/api/v0/batches/SAMEG301734", "/api/v0/search", "/api/v0/search?q=ataxia", "/api/v0/import-runs",
      "/api/v0/import-runs/1", "/media/celllines/2016/02/04/x/UKBi008-A.P001.10x.jpg",
      "/api/v0/changes", "/api/v0/executive/cell-lines", "/api/v0/executive/cell-lines/UKBi008-A",
      "/api/v0/executive/audit", "/api/v0/executive/exports/cell-line-ids.csv",
      "/api/v0/executive/exports/batch-ids.csv", "/api/v0/executive/batches/SAMEG301734/vials.csv");

  @TempDir static Path dir;
  private static LocalHttpServer server;
  private static String base;
  private static String partner;

  @BeforeAll
  static void start() throws Exception {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository lines = CellLineRepository.create(dataSource);
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    InMemoryCatalogueIndex index = InMemoryCatalogueIndex.create();
    index.rebuild(CatalogueDocuments.allVisible(lines), n -> { });
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("partner", Role.PARTNER);
    partner = "ApiKey partner:" + keys.issue("partner").key();
    FileSystemMediaStore media = FileSystemMediaStore.builder().root(dir.resolve("media"))
        .baseUri(URI.create("http://127.0.0.1:1/media/")).signingKey(new byte[32]).build();
    server = LocalServer.serve(ImsApplication.builder().dataSource(dataSource)
        .auth(ApiKeyAuthentication.requiring(keys, Role.PARTNER)).cellLines(lines)
        .media(MediaRoutes.builder().store(media).build()).catalogueIndex(index).build(), 0);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void publicSearch_answersWithoutAKey_withCatalogueLinesOnly() throws Exception {
    HttpResponse<String> ataxia = get("/api/public/search?q=ataxia", null);
    assertThat(ataxia.statusCode()).isEqualTo(200);
    assertThat(ataxia.body()).contains("\"name\": \"UKBi008-A\"", "\"total_count\": 1");
    assertThat(ataxia.headers().firstValue("cache-control")).hasValue("public, max-age=60");
    assertThat(get("/api/public/search/", null).statusCode()).isEqualTo(200);
    // TESTi010-A and BIONi010-C-2 exist but are not on ECACC: not findable.
    HttpResponse<String> all = get("/api/public/search?limit=1000", null);
    assertThat(all.body()).contains("UKBi008-A", "\"BIONi010-C\"").doesNotContain("TESTi010-A", "BIONi010-C-2");
    // The same bounded input as the partner search.
    assertThat(get("/api/public/search?colour=red", null).statusCode()).isEqualTo(400);
    assertThat(get("/api/public/search?offset=99999&limit=1000", null).statusCode()).isEqualTo(400);
    assertThat(get("/api/public/search?sort=-donor_age&donor_sex=male", null).statusCode()).isEqualTo(200);
  }

  @Test
  void everyOtherRoute_refusesARequestWithoutAKey() throws Exception {
    for (String path : KEYED_ROUTES) {
      assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
    }
    // With the key they are served (or answer as the route does), so the 401 above was the filter's.
    assertThat(get("/api/v0/cell-lines/SAMEA2590882", partner).statusCode()).isEqualTo(200);
    assertThat(get("/api/v0/search?q=ataxia", partner).statusCode()).isEqualTo(200);
  }

  @Test
  void noOtherSpellingOfAPath_reachesThePublicRouteWithoutAKey() throws Exception {
    for (String path : List.of("/api/public/search/x", "/api/public/searchx", "/api/public", "/api/public/",
        "/api/public/%73earch", "/API/public/search", "/api/public/search//", "/api/v0/../public/search",
        "/api/public/search/../../v0/cell-lines")) {
      int status = get(path, null).statusCode();
      assertThat(status).as(path).isIn(400, 401, 404);
    }
    HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/api/public/search"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    assertThat(HTTP.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
