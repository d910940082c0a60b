package org.cellbank.ims.examples.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cellbank.ims.core.api.MediaRoutes;
import org.cellbank.ims.core.api.V0Json;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.IssuedKey;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CatalogueDocuments;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.OutboxDrainer;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.importer.ImportReport;
import org.cellbank.ims.core.importer.ImportRuns;
import org.cellbank.ims.core.media.FileSystemMediaStore;
import org.cellbank.ims.core.media.MediaKey;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.InMemoryCatalogueIndex;
import org.cellbank.ims.examples.lambda.ImsApplication;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local server's assembly (media, search, outbox) served over HTTP through the Lambda handler. */
class LocalAssemblyTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  private static LocalHttpServer server;
  private static String base;
  private static String auth;
  private static String executiveAuth;
  private static String managerAuth;
  private static Map<String, IssuedKey> issuedKeys;
  private static InMemoryCatalogueIndex index;

  @BeforeAll
  static void start() throws Exception {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository lines = CellLineRepository.builder().dataSource(dataSource)
        .searchOutbox(SearchOutbox.create(dataSource)).build();
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    index = InMemoryCatalogueIndex.create();
    index.rebuild(CatalogueDocuments.allVisible(lines), n -> { });
    OutboxDrainer drainer = OutboxDrainer.builder().dataSource(dataSource).index(index)
        .documents(CatalogueDocuments.source(lines)).build();
    drainer.drain();
    Path media = dataDir.resolve("media");
    SampleMediaFiles.ensure(media, SampleData.all());
    // The store signs URLs for the server's own address, as the local server's does.
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    FileSystemMediaStore store = FileSystemMediaStore.builder().root(media)
        .baseUri(URI.create("http://127.0.0.1:" + port + "/media/")).signingKey(new byte[32]).build();
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("partner", Role.PARTNER);
    IssuedKey key = keys.issue("partner");
    auth = "ApiKey partner:" + key.key();
    keys.createUser("viewer", Role.EXECUTIVE_VIEWER);
    executiveAuth = "ApiKey viewer:" + keys.issue("viewer").key();
    keys.createUser("manager", Role.EXECUTIVE_MANAGER);
    managerAuth = "ApiKey manager:" + keys.issue("manager").key();
    ImportRuns.create(dataSource).save(ImportReport.builder()
        .startedAt(Instant.parse("2026-11-28T01:00:00Z")).finishedAt(Instant.parse("2026-11-28T01:02:00Z"))
        .outcome(ImportReport.Outcome.COMPLETED).total(3).created(3)
        .build());
    server = LocalServer.serve(ImsApplication.builder().dataSource(dataSource)
        .auth(ApiKeyAuthentication.requiring(keys, Role.PARTNER)).cellLines(lines)
        .media(MediaRoutes.builder().store(store).redirect(true).build()).catalogueIndex(index)
        .executive(LocalServer.executiveApi(dataSource, drainer, store)).build(), port, null, store);
    issuedKeys = LocalServer.issueKeys(keys);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static HttpResponse<byte[]> get(String path, boolean withKey) throws Exception {
    return get(path, withKey ? auth : null);
  }

  /** GET /media/... with the key: a redirect to a presigned URL, followed without the key. */
  private static HttpResponse<byte[]> download(String path) throws Exception {
    HttpResponse<byte[]> redirect = get(path, true);
    assertThat(redirect.statusCode()).as(path).isEqualTo(302);
    String location = redirect.headers().firstValue("location").orElseThrow();
    assertThat(location).startsWith(base + "/media/").contains("signature=");
    return HTTP.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<byte[]> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aClipUploadedOverHttp_isServedUnderMedia() throws Exception {
    byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream form = new java.io.ByteArrayOutputStream();
    form.writeBytes(("--local-form\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\nv51\r\n"
        + "--local-form\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    form.writeBytes(pdf);
    form.writeBytes("\r\n--local-form--\r\n".getBytes(StandardCharsets.US_ASCII));
    HttpResponse<byte[]> created = HTTP.send(HttpRequest.newBuilder(
            URI.create(base + "/api/v0/executive/cell-lines/UKBi008-A/clips"))
        .header("Authorization", managerAuth).header("Content-Type", "multipart/form-data; boundary=local-form")
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(created.statusCode()).as(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    String file = JsonReader.create().read(created.body()).asObject().findObject("information_pack").orElseThrow()
        .findString("clip_file").orElseThrow();
    HttpResponse<byte[]> served = download(file);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("content-type")).hasValue("application/pdf");
    assertThat(served.body()).isEqualTo(pdf);
  }

  @Test
  void aDirectUploadLargerThanTheApisLimit_isPutToItsUrl_thenAttached() throws Exception {
    byte[] pdf = new byte[7 * 1024 * 1024];
    byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, pdf, 0, head.length);
    for (int i = head.length; i < pdf.length; i++) {
      pdf[i] = (byte) ('a' + i % 26);
    }
    String lines = base + "/api/v0/executive/cell-lines/UKBi008-A/clips";
    HttpResponse<byte[]> ticket = HTTP.send(HttpRequest.newBuilder(URI.create(lines + "/uploads"))
        .header("Authorization", managerAuth).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"file_name\": \"UKBi008-A_CLIP_v60.pdf\"}")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(ticket.statusCode()).as(new String(ticket.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    var t = JsonReader.create().read(ticket.body()).asObject();
    URI url = URI.create(t.findString("url").orElseThrow());
    assertThat(url.toString()).startsWith(base + "/media/pending/");

    HttpResponse<byte[]> tampered = HTTP.send(HttpRequest.newBuilder(URI.create(url.toString().replace("signature=",
        "signature=A"))).PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(tampered.statusCode()).isEqualTo(403);
    assertThat(new String(tampered.body(), StandardCharsets.UTF_8)).contains("\"status\": 403");
    HttpResponse<byte[]> put = HTTP.send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(pdf))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(put.statusCode()).as(new String(put.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(new String(put.body(), StandardCharsets.UTF_8)).contains("\"size\":" + pdf.length);
    assertThat(HTTP.send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(),
        HttpResponse.BodyHandlers.ofByteArray()).statusCode()).as("a ticket takes one upload").isEqualTo(409);

    String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(pdf));
    HttpResponse<byte[]> attached = HTTP.send(HttpRequest.newBuilder(URI.create(lines))
        .header("Authorization", managerAuth).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"version\": \"v60\", \"upload_id\": \""
            + t.findString("upload_id").orElseThrow() + "\", \"size\": " + pdf.length + ", \"md5\": \"" + md5 + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(attached.statusCode()).as(new String(attached.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    String file = JsonReader.create().read(attached.body()).asObject().findObject("information_pack").orElseThrow()
        .findString("clip_file").orElseThrow();
    HttpResponse<byte[]> served = download(file);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("content-length")).hasValue(Integer.toString(pdf.length));
    assertThat(served.body()).isEqualTo(pdf);
    HttpResponse<byte[]> altered = HTTP.send(HttpRequest.newBuilder(URI.create(
        get(file, true).headers().firstValue("location").orElseThrow().replace("signature=", "signature=A"))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(altered.statusCode()).isEqualTo(403);
  }

  @Test
  void pathsAreDecodedOnce_strictly_asOnLambda() throws Exception {
    // An encoded '/' stays inside its segment: one (unknown) id, not a deeper path.
    HttpResponse<byte[]> slash = get("/api/v0/cell-lines/SAMEA2590882%2Fx", true);
    assertThat(slash.statusCode()).isEqualTo(404);
    assertThat(new String(slash.body(), StandardCharsets.UTF_8)).contains("no cell line with BioSamples id SAMEA2590882/x");
    // Invalid UTF-8 and control characters are refused with the standard JSON error, not replaced.
    for (String path : List.of("/api/v0/cell-lines/%C3", "/api/v0/cell-lines/%00")) {
      HttpResponse<byte[]> bad = get(path, true);
      assertThat(bad.statusCode()).as(path).isEqualTo(400);
      assertThat(bad.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(new String(bad.body(), StandardCharsets.UTF_8)).contains("\"status\": 400");
    }
    assertThat(get("/api/v0/cell-lines/SAMEA2590882", true).statusCode()).isEqualTo(200);
  }

  @Test
  void aWithdrawnLine_leavesSearch_assoonAsTheStatusChangeAnswers_andComesBackWhenRestocked() throws Exception {
    assertThat(searchFinds("UKBi008-A")).isTrue();
    HttpResponse<byte[]> withdrawn = setStatus("UKBi008-A", "{\"status\": \"withdrawn\", \"comment\": \"consent withdrawn\"}");
    assertThat(withdrawn.statusCode()).isEqualTo(200);
    assertThat(searchFinds("UKBi008-A")).isFalse();

    HttpResponse<byte[]> restocked = setStatus("UKBi008-A", "{\"status\": \"at_ecacc\"}");
    assertThat(restocked.statusCode()).isEqualTo(200);
    assertThat(searchFinds("UKBi008-A")).isTrue();
  }

  private static boolean searchFinds(String name) throws Exception {
    return new String(get("/api/v0/search?q=" + name, true).body(), StandardCharsets.UTF_8)
        .contains("\"name\": \"" + name + "\"");
  }

  private static HttpResponse<byte[]> setStatus(String name, String body) throws Exception {
    String etag = get("/api/v0/executive/cell-lines/" + name, executiveAuth).headers().firstValue("etag").orElseThrow();
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v0/executive/cell-lines/" + name + "/status"))
        .header("Authorization", managerAuth).header("If-Match", etag).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void issueKeys_givesEachOfTheFourRoleUsersAWorkingKey() throws Exception {
    assertThat(issuedKeys.keySet()).containsExactly("partner", "viewer", "manager", "admin");
    for (Map.Entry<String, IssuedKey> key : issuedKeys.entrySet()) {
      HttpResponse<byte[]> r = get("/api/v0/executive/cell-lines?limit=1", "ApiKey " + key.getKey() + ":"
          + key.getValue().key());
      assertThat(r.statusCode()).as(key.getKey()).isEqualTo(key.getKey().equals("partner") ? 403 : 200);
    }
  }

  @Test
  void importRuns_areServedToExecutives_andRefusedToPartners() throws Exception {
    HttpResponse<byte[]> executive = get("/api/v0/import-runs", executiveAuth);
    assertThat(executive.statusCode()).isEqualTo(200);
    assertThat(new String(executive.body(), StandardCharsets.UTF_8))
        .contains("\"outcome\": \"completed\"").contains("\"total_count\": 1").contains("\"created\": 3");
    assertThat(get("/api/v0/import-runs", auth).statusCode()).isEqualTo(403);
    assertThat(get("/api/v0/import-runs", (String) null).statusCode()).isEqualTo(401);
  }

  @Test
  void everySampleMediaKey_resolves_withTheRightContentType() throws Exception {
    List<MediaKey> keys = SampleMediaFiles.keys(SampleData.all());
    assertThat(keys).hasSizeGreaterThan(10);
    for (MediaKey key : keys) {
      HttpResponse<byte[]> r = download(V0Json.mediaUrl(key.value()));
      assertThat(r.statusCode()).as(key.value()).isEqualTo(200);
      String type = key.fileName().endsWith(".pdf") ? "application/pdf" : "image/jpeg";
      assertThat(r.headers().firstValue("content-type")).as(key.value()).hasValue(type);
      assertThat(r.body()).isEqualTo(Files.readAllBytes(dataDir.resolve("media").resolve(key.value())));
    }
  }

  @Test
  void ensure_writesOnlyMissingFiles() {
    assertThat(SampleMediaFiles.ensure(dataDir.resolve("media"), SampleData.all())).isZero();
  }

  @Test
  void media_range_onThePresignedUrl_answers206_and416PastTheEnd() throws Exception {
    MediaKey key = SampleMediaFiles.keys(SampleData.all()).get(0);
    String signed = get(V0Json.mediaUrl(key.value()), true).headers().firstValue("location").orElseThrow();
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(signed)).header("Range", "bytes=0-4").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(206);
    long size = Files.size(dataDir.resolve("media").resolve(key.value()));
    assertThat(r.headers().firstValue("content-range")).hasValue("bytes 0-4/" + size);
    assertThat(r.body()).isEqualTo(java.util.Arrays.copyOf(Files.readAllBytes(dataDir.resolve("media").resolve(key.value())), 5));
    HttpResponse<byte[]> past = HTTP.send(HttpRequest.newBuilder(URI.create(signed))
        .header("Range", "bytes=" + size + "-").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(past.statusCode()).isEqualTo(416);
  }

  @Test
  void mediaAndSearch_needTheKey() throws Exception {
    MediaKey key = SampleMediaFiles.keys(SampleData.all()).get(0);
    assertThat(get(V0Json.mediaUrl(key.value()), false).statusCode()).isEqualTo(401);
    assertThat(get("/api/v0/search", false).statusCode()).isEqualTo(401);
    assertThat(get("/media/celllines/none/x.pdf", true).statusCode()).isEqualTo(404);
  }

  @Test
  void search_findsTheVisibleSampleLines() throws Exception {
    HttpResponse<byte[]> r = get("/api/v0/search?q=ukbi008", true);
    assertThat(r.statusCode()).isEqualTo(200);
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(body).contains("\"name\": \"UKBi008-A\"").contains("\"total_count\": 1");
    long visible = SampleData.all().stream().filter(CatalogueDocument::isVisible).count();
    assertThat(index.search(org.cellbank.ims.core.search.SearchQuery.all()).total()).isEqualTo(visible);
  }
}
