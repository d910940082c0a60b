package org.cellbank.ims.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cellbank.ims.core.api.MediaRoutes;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CatalogueDocuments;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.executive.ExecutiveApi;
import org.cellbank.ims.core.importer.ImportReport;
import org.cellbank.ims.core.importer.ImportRuns;
import org.cellbank.ims.core.media.FileSystemMediaStore;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.search.InMemoryCatalogueIndex;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every route of the assembled application with no key and with a key of every role, and
 * checks each answer's status against the table in docs/executive.md ("Who may call what"): the
 * table the documentation prints is the one tested. Every route the application registers
 * ({@link ImsApplication.Builder#routes()}) must have a row, so a new route cannot go untested.
 */
class RouteRolesTest {

  private static final Path TABLE = Path.of("../../docs/executive.md");
  private static final List<String> COLUMNS = List.of("no key", "partner", "viewer", "manager", "admin");

  @TempDir Path media;

  @Test
  void everyRoute_answersEveryRoleAsTheTableSays() throws IOException {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository lines = CellLineRepository.create(dataSource);
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    InMemoryCatalogueIndex index = InMemoryCatalogueIndex.create();
    index.rebuild(CatalogueDocuments.allVisible(lines), n -> { });
    Files.createDirectories(media.resolve("celllines/walk"));
    Files.write(media.resolve("celllines/walk/clip.pdf"), "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    FileSystemMediaStore store = FileSystemMediaStore.builder().root(media)
        .baseUri(URI.create("http://127.0.0.1:1/media/")).signingKey(new byte[32]).build();
    ImportRuns.create(dataSource).save(ImportReport.builder().startedAt(Instant.parse("2026-11-28T01:00:00Z"))
        .finishedAt(Instant.parse("2026-11-28T01:01:00Z")).outcome(ImportReport.Outcome.COMPLETED).build());

    ApiKeys keys = ApiKeys.create(dataSource);
    Map<String, String> authorization = new LinkedHashMap<>();
    authorization.put("no key", null);
    Role[] roles = {Role.PARTNER, Role.EXECUTIVE_VIEWER, Role.EXECUTIVE_MANAGER, Role.ADMINISTRATOR};
    for (int i = 0; i < roles.length; i++) {
      String user = COLUMNS.get(i + 1);
      keys.createUser(user, roles[i]);
      authorization.put(user, "ApiKey " + user + ":" + keys.issue(user).key());
    }
    ImsApplication.Builder assembly = ImsApplication.builder().dataSource(dataSource)
        .auth(ApiKeyAuthentication.requiring(keys, Role.PARTNER))
        .media(MediaRoutes.builder().store(store).build())
        .catalogueIndex(index)
        .executive(ExecutiveApi.builder().dataSource(dataSource).mediaStore(store).build());
    ImsLambdaHandler app = assembly.build();

    List<String[]> rows = table();
    assertThat(rows).as("rows of the table in %s", TABLE).hasSizeGreaterThanOrEqualTo(27);
    assertThat(uncovered(assembly.routes(), rows))
        .as("routes the application serves that the table in %s has no row for", TABLE).isEmpty();
    List<String> mismatches = new ArrayList<>();
    int batch = 100;
    int clip = 100;
    String admin = authorization.get("admin");
    for (String[] row : rows) {
      String method = row[0];
      String path = row[1];
      for (int c = 0; c < COLUMNS.size(); c++) {
        String who = COLUMNS.get(c);
        Map<String, String> headers = new LinkedHashMap<>();
        String body = null;
        byte[] bytes = null;
        if (path.contains("/executive/") && (path.contains("/clips") || path.contains("/certificate-of-analysis")
            || path.contains("/images"))) {
          // The file routes: a valid form or ticket request, a target to delete, the record's ETag.
          if (path.endsWith("/uploads")) {
            headers.put("content-type", "application/json");
            body = "{\"file_name\": \"walk.bin\"}";
          } else if (method.equals("POST") && path.endsWith("/clips")) {
            headers.put("content-type", FORM);
            bytes = form("v" + clip++, PDF);
          } else if (method.equals("PUT")) {
            headers.put("content-type", FORM);
            bytes = form(null, PDF);
          } else if (method.equals("POST")) {
            headers.put("content-type", FORM);
            bytes = form(null, PNG);
          } else {
            ensureTarget(app, path, admin, dataSource);
          }
          if (method.equals("PUT") || method.equals("DELETE")) {
            headers.put("if-match", path.contains("/clips/")
                ? etag(app, path.substring(0, path.indexOf("/clips/")), admin)
                : batchEtag(dataSource, path.split("/")[5]));
          }
        } else if (path.endsWith("/status")) {
          headers.put("if-match", etag(app, path.substring(0, path.length() - "/status".length()),
              authorization.get("admin")));
          body = "{\"status\": \"at_ecacc\"}";
        } else if (path.endsWith("/batches") && method.equals("POST")) {
          body = "{\"batch_id\": \"M" + batch++ + "\", \"vials\": 1}";
        } else if (method.equals("PATCH") && path.startsWith("/api/v0/executive/users/")) {
          body = "{\"role\": \"executive_viewer\"}";
        } else if (method.equals("PATCH")) {
          // A change the resource accepts, against its current version.
          headers.put("if-match", etag(app, path, authorization.get("admin")));
          body = patchBody(path, c);
        } else if (method.equals("POST") && path.equals("/api/v0/executive/users")) {
          body = "{\"username\": \"walk" + batch++ + "\", \"role\": \"partner\"}";
        }
        // The DELETE row revokes key 5: the one the POST .../keys row issued (the four roles' keys are 1 to 4).
        if (authorization.get(who) != null) {
          headers.put("authorization", authorization.get(who));
        }
        int status = status(app.handle(bytes != null ? event(method, path, headers, bytes)
            : event(method, path, headers, body)));
        int expected = Integer.parseInt(row[2 + c]);
        if (status != expected) {
          mismatches.add(method + " " + path + " as " + who + ": " + status + ", table says " + expected);
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void aRouteMissingFromTheTable_isReported() throws IOException {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    List<String> routes = ImsApplication.builder().dataSource(dataSource)
        .auth(ApiKeyAuthentication.requiring(ApiKeys.create(dataSource), Role.PARTNER)).routes();
    List<String[]> rows = table();
    List<String[]> withoutPatch = new ArrayList<>();
    for (String[] row : rows) {
      if (!(row[0].equals("PATCH") && row[1].startsWith("/api/v0/executive/batches/"))) {
        withoutPatch.add(row);
      }
    }

    assertThat(routes).contains("PATCH /api/v0/executive/batches/{key}", "GET /api/v0/cell-lines/{id}");
    assertThat(uncovered(routes, withoutPatch)).containsExactly("PATCH /api/v0/executive/batches/{key}");
    assertThat(uncovered(List.of("DELETE /api/v0/executive/unlisted/{id}"), rows))
        .containsExactly("DELETE /api/v0/executive/unlisted/{id}");
  }

  // The registered routes ("METHOD pattern") no table row calls: same method, a path the pattern matches.
  static List<String> uncovered(List<String> routes, List<String[]> rows) {
    List<String> out = new ArrayList<>();
    for (String route : routes) {
      String method = route.substring(0, route.indexOf(' '));
      String[] pattern = route.substring(route.indexOf(' ') + 1).substring(1).split("/");
      boolean covered = false;
      for (String[] row : rows) {
        covered |= row[0].equals(method) && matches(pattern, row[1].substring(1).split("/"));
      }
      if (!covered) {
        out.add(route);
      }
    }
    return out;
  }

  private static boolean matches(String[] pattern, String[] path) {
    boolean tail = pattern.length > 0 && pattern[pattern.length - 1].endsWith("+}");
    if (tail ? path.length < pattern.length : path.length != pattern.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      if (!pattern[i].startsWith("{") && !pattern[i].equals(path[i])) {
        return false;
      }
    }
    return true;
  }

  // The table's rows: method, path and the five statuses.
  static List<String[]> table() throws IOException {
    String doc = Files.readString(TABLE, StandardCharsets.UTF_8);
    int start = doc.indexOf("<!-- route-roles:start -->");
    int end = doc.indexOf("<!-- route-roles:end -->");
    assertThat(start).as("the route table's start marker in %s", TABLE).isNotNegative();
    List<String[]> rows = new ArrayList<>();
    for (String line : doc.substring(start, end).split("\n")) {
      if (!line.startsWith("| GET") && !line.startsWith("| POST") && !line.startsWith("| PUT")
          && !line.startsWith("| PATCH") && !line.startsWith("| DELETE")) {
        continue;
      }
      String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|");
      String[] row = new String[cells.length];
      for (int i = 0; i < cells.length; i++) {
        row[i] = cells[i].strip();
      }
      assertThat(row).as(line).hasSize(7);
      rows.add(row);
    }
    return rows;
  }

  // A body for each PATCH row that changes something, so every allowed call writes.
  private static String patchBody(String path, int call) {
    if (path.startsWith("/api/v0/executive/batches/")) {
      return "{\"vials_at_roslin\": " + call + "}";
    }
    if (path.startsWith("/api/v0/executive/cell-lines/")) {
      return "{\"ecacc_id\": \"9990000" + call + "\"}";
    }
    throw new IllegalArgumentException("no PATCH body for " + path + ": add one to RouteRolesTest");
  }

  private static String etag(ImsLambdaHandler app, String path, String authorization) {
    byte[] answer = app.handle(event("GET", path, Map.of("authorization", authorization), (String) null));
    return JsonReader.create().read(answer).asObject().findObject("headers").orElseThrow().findString("etag")
        .orElseThrow();
  }

  private static int status(byte[] answer) {
    return (int) JsonReader.create().read(answer).asObject().findNumber("statusCode").orElseThrow().longValue();
  }

  private static final String FORM = "multipart/form-data; boundary=walk";
  private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};

  // A form with a file and, when given, a CLIP version.
  private static byte[] form(String version, byte[] file) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    if (version != null) {
      out.writeBytes(("--walk\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n" + version + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("--walk\r\nContent-Disposition: form-data; name=\"file\"; filename=\"walk.bin\"\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(file);
    out.writeBytes("\r\n--walk--\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  // Before each call of a DELETE row: the CLIP, CoA or first image it deletes exists (made by admin).
  private static void ensureTarget(ImsLambdaHandler app, String path, String admin, DataSource dataSource) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("authorization", admin);
    headers.put("content-type", FORM);
    if (path.contains("/clips/")) {
      String line = path.substring(0, path.indexOf("/clips/"));
      String version = path.substring(path.lastIndexOf('/') + 1);
      String read = new String(body(app.handle(event("GET", line, Map.of("authorization", admin), (String) null))),
          StandardCharsets.UTF_8);
      if (!read.contains("\"version\": \"" + version + "\"")) {
        assertThat(status(app.handle(event("POST", line + "/clips", headers, form(version, PDF))))).isEqualTo(201);
      }
    } else if (path.endsWith("/certificate-of-analysis")) {
      headers.put("if-match", batchEtag(dataSource, path.split("/")[5]));
      assertThat(status(app.handle(event("PUT", path, headers, form(null, PDF))))).isEqualTo(200);
    } else if (imageCount(dataSource, path.split("/")[5]) == 0) {
      String images = path.substring(0, path.lastIndexOf('/'));
      assertThat(status(app.handle(event("POST", images, headers, form(null, PNG))))).isEqualTo(201);
    }
  }

  private static long imageCount(DataSource dataSource, String batchKey) {
    try (java.sql.Connection c = dataSource.getConnection();
        java.sql.PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ims.batch_image i"
            + " JOIN ims.batch b ON b.id = i.batch_id WHERE b.biosamples_id = ?")) {
      s.setString(1, batchKey);
      try (java.sql.ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String batchEtag(DataSource dataSource, String batchKey) {
    try (java.sql.Connection c = dataSource.getConnection();
        java.sql.PreparedStatement s = c.prepareStatement("SELECT version FROM ims.batch WHERE biosamples_id = ?")) {
      s.setString(1, batchKey);
      try (java.sql.ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as(batchKey).isTrue();
        return "\"" + r.getLong(1) + "\"";
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] body(byte[] answer) {
    JsonObject a = JsonReader.create().read(answer).asObject();
    String text = a.findString("body").orElseThrow();
    return a.findBoolean("isBase64Encoded").orElse(false) ? java.util.Base64.getDecoder().decode(text)
        : text.getBytes(StandardCharsets.UTF_8);
  }

  // An API Gateway HTTP API (payload 2.0) event with a binary body, base64 as API Gateway sends it.
  private static byte[] event(String method, String path, Map<String, String> headers, byte[] body) {
    JsonObject plain = JsonReader.create().read(event(method, path, headers, (String) null)).asObject();
    JsonObject.Builder e = JsonObject.builder();
    plain.members().forEach(e::put);
    e.put("isBase64Encoded", true).put("body", java.util.Base64.getEncoder().encodeToString(body));
    return JsonWriter.compact().writeUtf8(e.build());
  }

  // An API Gateway HTTP API (payload 2.0) event.
  private static byte[] event(String method, String path, Map<String, String> headers, String body) {
    JsonObject.Builder h = JsonObject.builder();
    headers.forEach(h::put);
    JsonObject.Builder e = JsonObject.builder()
        .put("version", "2.0").put("routeKey", "$default").put("rawPath", path).put("rawQueryString", "")
        .put("headers", h.build())
        .put("requestContext", JsonObject.builder()
            .put("http", JsonObject.builder().put("method", method).put("path", path).put("sourceIp", "127.0.0.1").build())
            .put("requestId", "walk").put("stage", "$default").build())
        .put("isBase64Encoded", false);
    if (body != null) {
      e.put("body", new JsonString(body));
    }
    return JsonWriter.compact().writeUtf8(e.build());
  }
}
