package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.media.MediaKey;
import org.cellbank.ims.core.media.MediaObject;
import org.cellbank.ims.core.media.MediaStore;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.http.Headers;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The executive file routes behind the API-key filter, on a real database with the sample lines and a
 * real {@link MediaStore}: every status they answer, the checksums, the audit rows, the idempotent
 * replay, the direct uploads, and that a failed database write leaves no object behind. One subclass
 * per store ({@code FileSystemExecutiveFilesTest}, ims-aws-storage's {@code S3ExecutiveFilesTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ExecutiveFilesContract {

  static final String LINES = "/api/v0/executive/cell-lines/";
  static final String BATCHES = "/api/v0/executive/batches/";
  static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
  static final byte[] GIF = "GIF89a\1\0\1\0".getBytes(StandardCharsets.ISO_8859_1);
  static final int MAX_FILE = 64 * 1024;

  private DataSource dataSource;
  private MediaStore store;
  private Router router;
  private String partner;
  private String viewer;
  private String manager;

  /** A new, empty store; called once, before the tests. */
  protected abstract MediaStore createStore();

  /** Sends {@code content} as a direct upload's client would: the ticket's method, URL and headers. */
  protected abstract void upload(MediaStore store, URI url, Map<String, String> headers, byte[] content)
      throws Exception;

  @BeforeAll
  void setUp() {
    dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(SampleData.all());
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("ecacc", Role.PARTNER);
    keys.createUser("viewer", Role.EXECUTIVE_VIEWER);
    keys.createUser("manager", Role.EXECUTIVE_MANAGER);
    partner = "ApiKey ecacc:" + keys.issue("ecacc").key();
    viewer = "ApiKey viewer:" + keys.issue("viewer").key();
    manager = "ApiKey manager:" + keys.issue("manager").key();
    store = createStore();
    router = ExecutiveApi.builder().dataSource(dataSource).searchOutbox(SearchOutbox.create(dataSource))
        .mediaStore(store).maxFileSize(MAX_FILE).build()
        .addTo(Router.builder())
        .filter(ApiKeyAuthentication.requiring(keys, Role.PARTNER))
        .build();
  }

  // --- CLIPs

  @Test
  void clipUpload_storesThePdfWithItsChecksums_inOneTransactionWithItsAuditAndOutboxRows() throws Exception {
    String etag = lineEtag("UKBi008-A");
    long audits = count("SELECT count(*) FROM ims.audit_event WHERE action = 'clip_upload'");
    long outbox = count("SELECT count(*) FROM ims.search_outbox");
    Form form = new Form().field("version", "v7").file("file", "UKBi008-A CLIP v7.pdf", "application/pdf", PDF);

    HttpResponse created = form.send("POST", LINES + "UKBi008-A/clips", manager, Map.of());

    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    assertThat(created.headers().first("location")).hasValue(LINES + "UKBi008-A");
    assertThat(created.headers().first("etag")).isPresent().get().isNotEqualTo(etag).isEqualTo(lineEtag("UKBi008-A"));
    JsonObject clip = json(created).findObject("information_pack").orElseThrow();
    assertThat(clip.findString("version")).hasValue("v7");
    assertThat(clip.findString("md5")).hasValue(hex("MD5", PDF));
    assertThat(clip.findString("sha256")).hasValue(hex("SHA-256", PDF));
    assertThat(clip.findNumber("size").orElseThrow().longValue()).isEqualTo(PDF.length);
    MediaKey key = keyOf(clip.findString("clip_file").orElseThrow());
    try (InputStream in = store.open(key)) {
      assertThat(in.readAllBytes()).isEqualTo(PDF);
    }
    assertThat(key.fileName()).isEqualTo("UKBi008-A CLIP v7.pdf");
    assertThat(single("SELECT file_key || ' ' || md5 FROM ims.cell_line_information_pack WHERE version = 'v7'"))
        .isEqualTo(key.value() + " " + hex("MD5", PDF));
    JsonObject line = json(get(LINES + "UKBi008-A", viewer));
    assertThat(line.findArray("information_packs").orElseThrow().elements())
        .anyMatch(p -> ((JsonObject) p).findString("version").orElseThrow().equals("v7"));
    assertThat(count("SELECT count(*) FROM ims.audit_event WHERE action = 'clip_upload'")).isEqualTo(audits + 1);
    JsonObject changes = JsonReader.create().read(single("SELECT changes FROM ims.audit_event"
        + " WHERE action = 'clip_upload' ORDER BY id DESC LIMIT 1")).asObject();
    assertThat(changes.findObject("sha256").orElseThrow().findString("after")).hasValue(hex("SHA-256", PDF));
    assertThat(changes.findObject("information_pack").orElseThrow().findString("after")).hasValue("v7");
    assertThat(single("SELECT actor || ' ' || entity || ' ' || entity_id FROM ims.audit_event"
        + " WHERE action = 'clip_upload' ORDER BY id DESC LIMIT 1")).isEqualTo("manager cell_line SAMEA2590882");
    assertThat(count("SELECT count(*) FROM ims.search_outbox")).isEqualTo(outbox + 1);
  }

  @Test
  void clipUpload_refusesWhatItMust_andStoresNothingThen() {
    int objects = objects();
    String clips = LINES + "UKBi008-A/clips";
    Form pdf = new Form().field("version", "v8").file("file", "clip.pdf", "application/pdf", PDF);

    assertThat(pdf.send("POST", clips, null, Map.of()).status()).isEqualTo(401);
    assertThat(pdf.send("POST", clips, partner, Map.of()).status()).isEqualTo(403);
    assertThat(pdf.send("POST", clips, viewer, Map.of()).status()).isEqualTo(403);
    assertThat(pdf.send("POST", LINES + "NoSuchLine/clips", manager, Map.of()).status()).isEqualTo(404);
    // The declared type says PDF; the bytes say PNG.
    HttpResponse png = new Form().field("version", "v8").file("file", "clip.pdf", "application/pdf", PNG)
        .send("POST", clips, manager, Map.of());
    assertThat(png.status()).isEqualTo(415);
    assertThat(error(png).findString("message").orElseThrow()).contains("PDF");
    byte[] large = new byte[MAX_FILE + 1];
    System.arraycopy(PDF, 0, large, 0, PDF.length);
    assertThat(new Form().field("version", "v8").file("file", "big.pdf", "application/pdf", large)
        .send("POST", clips, manager, Map.of()).status()).isEqualTo(413);

    HttpResponse fields = new Form().field("version", "8").field("colour", "red")
        .send("POST", clips, manager, Map.of());
    assertThat(fields.status()).isEqualTo(400);
    assertThat(pointers(fields)).containsExactly("/colour", "/file");
    HttpResponse version = new Form().file("file", "clip.pdf", "application/pdf", PDF)
        .send("POST", clips, manager, Map.of());
    assertThat(pointers(version)).containsExactly("/version");
    assertThat(pointers(new Form().field("version", "8").file("file", "clip.pdf", null, PDF)
        .send("POST", clips, manager, Map.of()))).containsExactly("/version");

    // A body that breaks the format: the standard error body, never a 500.
    HttpResponse broken = call("POST", clips, manager, ("--b\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\nv8")
        .getBytes(StandardCharsets.US_ASCII), Map.of("Content-Type", "multipart/form-data; boundary=b"));
    assertThat(broken.status()).isEqualTo(400);
    assertThat(error(broken).findNumber("status").orElseThrow().longValue()).isEqualTo(400);
    assertThat(error(broken).findString("message").orElseThrow()).contains("closing boundary");
    assertThat(call("POST", clips, manager, PDF, Map.of("Content-Type", "multipart/form-data")).status())
        .isEqualTo(400);

    assertThat(objects()).as("objects in the store").isEqualTo(objects);
  }

  @Test
  void clipUpload_ofAVersionTheLineHas_is409_andLeavesNoObject() {
    Form v1 = new Form().field("version", "v11").file("file", "clip.pdf", "application/pdf", PDF);
    assertThat(v1.send("POST", LINES + "UKBi008-A/clips", manager, Map.of()).status()).isEqualTo(201);
    int objects = objects();
    HttpResponse again = v1.send("POST", LINES + "UKBi008-A/clips", manager, Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(error(again).findString("message").orElseThrow()).contains("v11");
    assertThat(objects()).isEqualTo(objects);
  }

  @Test
  void clipUpload_racingTheSameVersion_onlyOneWins_andTheLoserLeavesNoObject() throws Exception {
    int objects = objects();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Form form = new Form().field("version", "v77").file("file", "race-" + i + ".pdf", "application/pdf", PDF);
        answers.add(pool.submit(() -> {
          start.await();
          return form.send("POST", LINES + "TESTi010-A/clips", manager, Map.of()).status();
        }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : answers) {
        statuses.add(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(statuses).containsExactlyInAnyOrder(201, 409);
    } finally {
      pool.shutdownNow();
    }
    assertThat(objects()).isEqualTo(objects + 1);
    assertThat(count("SELECT count(*) FROM ims.cell_line_information_pack WHERE version = 'v77'")).isEqualTo(1);
  }

  @Test
  void clipUpload_whoseDatabaseWriteFails_removesTheStoredObject() throws Exception {
    // A racing upload of the same version passes the early check, then loses on the unique key: the
    // trigger raises what that insert would raise, after the file is stored.
    execute("CREATE FUNCTION ims.clip_race() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " RAISE EXCEPTION 'duplicate key value violates unique constraint' USING ERRCODE = 'unique_violation';"
        + " END $$");
    execute("CREATE TRIGGER clip_race BEFORE INSERT ON ims.cell_line_information_pack FOR EACH ROW"
        + " WHEN (NEW.version = 'v66') EXECUTE FUNCTION ims.clip_race()");
    try {
      int objects = objects();
      String etag = lineEtag("UKBi008-A");
      long audits = count("SELECT count(*) FROM ims.audit_event");
      HttpResponse raced = new Form().field("version", "v66").file("file", "clip.pdf", "application/pdf", PDF)
          .send("POST", LINES + "UKBi008-A/clips", manager, Map.of());
      assertThat(raced.status()).isEqualTo(409);
      assertThat(objects()).as("objects in the store: the stored file was removed").isEqualTo(objects);
      assertThat(lineEtag("UKBi008-A")).isEqualTo(etag);
      assertThat(count("SELECT count(*) FROM ims.audit_event")).isEqualTo(audits);
    } finally {
      execute("DROP TRIGGER clip_race ON ims.cell_line_information_pack");
      execute("DROP FUNCTION ims.clip_race()");
    }
  }

  @Test
  void clipUpload_withAnIdempotencyKey_answersARetryWithTheFirstAnswer_andWritesOnce() throws Exception {
    String clips = LINES + "BIONi010-C/clips";
    long audits = count("SELECT count(*) FROM ims.audit_event WHERE action = 'clip_upload'");
    int objects = objects();
    Map<String, String> key = Map.of("Idempotency-Key", "clip-retry-1");
    HttpResponse first = new Form("first-boundary").field("version", "v93")
        .file("file", "clip.pdf", "application/pdf", PDF).send("POST", clips, manager, key);
    assertThat(first.status()).isEqualTo(201);
    // The same form again (a new boundary, as a new send of a client gives it).
    HttpResponse retry = new Form("second-boundary").field("version", "v93")
        .file("file", "clip.pdf", "application/pdf", PDF).send("POST", clips, manager, key);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.headers().first("idempotent-replayed")).hasValue("true");
    assertThat(retry.bodyText()).isEqualTo(first.bodyText());
    assertThat(retry.headers().first("etag")).isEqualTo(first.headers().first("etag"));
    assertThat(objects()).isEqualTo(objects + 1);
    assertThat(count("SELECT count(*) FROM ims.audit_event WHERE action = 'clip_upload'")).isEqualTo(audits + 1);

    HttpResponse other = new Form().field("version", "v94").file("file", "clip.pdf", "application/pdf", PDF)
        .send("POST", clips, manager, key);
    assertThat(other.status()).isEqualTo(422);
    assertThat(objects()).isEqualTo(objects + 1);
  }

  @Test
  void clipDelete_needsTheLinesEtag_andRemovesTheRowAndTheObject() {
    String clips = LINES + "UKBi008-A/clips";
    HttpResponse created = new Form().field("version", "v21").file("file", "clip.pdf", "application/pdf", PDF)
        .send("POST", clips, manager, Map.of());
    MediaKey key = keyOf(json(created).findObject("information_pack").orElseThrow().findString("clip_file").orElseThrow());
    String etag = created.headers().first("etag").orElseThrow();

    assertThat(call("DELETE", clips + "/v21", viewer, null, Map.of("If-Match", etag)).status()).isEqualTo(403);
    assertThat(call("DELETE", clips + "/v21", manager, null, Map.of()).status()).isEqualTo(428);
    assertThat(call("DELETE", clips + "/v21", manager, null, Map.of("If-Match", "*")).status()).isEqualTo(428);
    assertThat(call("DELETE", clips + "/v21", manager, null, Map.of("If-Match", "\"1\"")).status()).isEqualTo(412);
    HttpResponse deleted = call("DELETE", clips + "/v21", manager, null, Map.of("If-Match", etag));
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.headers().first("etag")).isPresent().get().isNotEqualTo(etag);
    assertThat(store.exists(key)).isFalse();
    assertThat(json(get(LINES + "UKBi008-A", viewer)).findArray("information_packs").orElseThrow().elements())
        .noneMatch(p -> ((JsonObject) p).findString("version").orElseThrow().equals("v21"));
    assertThat(call("DELETE", clips + "/v21", manager, null, Map.of("If-Match", lineEtag("UKBi008-A"))).status())
        .isEqualTo(404);
  }

  // --- certificates of analysis

  @Test
  void certificate_putReplaceAndDelete_followTheBatchVersion() throws Exception {
    String coa = BATCHES + "SAMEG330182/certificate-of-analysis";
    String etag = batchEtag("SAMEG330182");
    Form pdf = new Form().file("file", "coa.pdf", "application/pdf", PDF);

    assertThat(pdf.send("PUT", coa, viewer, Map.of("If-Match", etag)).status()).isEqualTo(403);
    assertThat(pdf.send("PUT", coa, manager, Map.of()).status()).isEqualTo(428);
    assertThat(pdf.send("PUT", coa, manager, Map.of("If-Match", "\"999\"")).status()).isEqualTo(412);
    int objects = objects();
    assertThat(new Form().file("file", "coa.pdf", "application/pdf", JPEG)
        .send("PUT", coa, manager, Map.of("If-Match", etag)).status()).isEqualTo(415);
    assertThat(objects()).isEqualTo(objects);

    HttpResponse put = pdf.send("PUT", coa, manager, Map.of("If-Match", etag));
    assertThat(put.status()).as(put.bodyText()).isEqualTo(200);
    String next = put.headers().first("etag").orElseThrow();
    assertThat(next).isEqualTo(batchEtag("SAMEG330182")).isNotEqualTo(etag);
    JsonObject certificate = json(put).findObject("certificate_of_analysis").orElseThrow();
    assertThat(certificate.findString("md5")).hasValue(hex("MD5", PDF));
    assertThat(certificate.findString("sha256")).hasValue(hex("SHA-256", PDF));
    MediaKey first = keyOf(certificate.findString("file").orElseThrow());
    assertThat(single("SELECT coa_md5 FROM ims.batch WHERE biosamples_id = 'SAMEG330182'")).isEqualTo(hex("MD5", PDF));

    byte[] other = (new String(PDF, StandardCharsets.US_ASCII) + "% v2\n").getBytes(StandardCharsets.US_ASCII);
    HttpResponse replaced = new Form().file("file", "coa-v2.pdf", "application/pdf", other)
        .send("PUT", coa, manager, Map.of("If-Match", next));
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(store.exists(first)).as("the replaced CoA's object").isFalse();
    MediaKey second = keyOf(json(replaced).findObject("certificate_of_analysis").orElseThrow().findString("file").orElseThrow());
    assertThat(store.exists(second)).isTrue();
    assertThat(single("SELECT action FROM ims.audit_event WHERE entity = 'batch' AND entity_id = 'SAMEG330182'"
        + " ORDER BY id DESC LIMIT 1")).isEqualTo("coa_replace");

    String latest = replaced.headers().first("etag").orElseThrow();
    assertThat(call("DELETE", coa, manager, null, Map.of("If-Match", next)).status()).isEqualTo(412);
    HttpResponse deleted = call("DELETE", coa, manager, null, Map.of("If-Match", latest));
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(store.exists(second)).isFalse();
    assertThat(single("SELECT coalesce(coa_md5, 'none') || coalesce(coa_file_key, '') FROM ims.batch"
        + " WHERE biosamples_id = 'SAMEG330182'")).isEqualTo("none");
    assertThat(call("DELETE", coa, manager, null, Map.of("If-Match", deleted.headers().first("etag").orElseThrow()))
        .status()).isEqualTo(404);
    assertThat(pdf.send("PUT", BATCHES + "NOSUCHBATCH/certificate-of-analysis", manager, Map.of("If-Match", "\"0\""))
        .status()).isEqualTo(404);
  }

  // --- images

  @Test
  void images_atMostFourPerBatch_withReplay_andDeletionByNumber() throws Exception {
    String images = BATCHES + "SAMEG301734/images";
    int objects = objects();
    assertThat(new Form().file("file", "x.jpg", "image/jpeg", GIF).field("magnification", "4x")
        .send("POST", images, manager, Map.of()).status()).isEqualTo(415);
    assertThat(new Form().file("file", "x.pdf", "image/jpeg", PDF).send("POST", images, manager, Map.of()).status())
        .isEqualTo(415);
    assertThat(pointers(new Form().file("file", "x.png", "image/png", PNG).field("magnification", "12345678901")
        .send("POST", images, manager, Map.of()))).containsExactly("/magnification");
    assertThat(objects()).isEqualTo(objects);

    // The sample batch has two images: a third and a fourth are accepted, a fifth is not.
    Map<String, String> key = Map.of("Idempotency-Key", "image-3");
    Form third = new Form().file("file", "third.png", "image/png", PNG).field("magnification", "20x")
        .field("time_point", "day 3");
    HttpResponse added = third.send("POST", images, manager, key);
    assertThat(added.status()).as(added.bodyText()).isEqualTo(201);
    JsonObject image = json(added).findObject("image").orElseThrow();
    assertThat(image.findNumber("number").orElseThrow().longValue()).isEqualTo(3);
    assertThat(image.findString("image_md5")).hasValue(hex("MD5", PNG));
    assertThat(image.findString("content_type")).hasValue("image/png");
    assertThat(image.findString("magnification")).hasValue("20x");
    HttpResponse replay = third.send("POST", images, manager, key);
    assertThat(replay.headers().first("idempotent-replayed")).hasValue("true");
    assertThat(replay.bodyText()).isEqualTo(added.bodyText());
    assertThat(count("SELECT count(*) FROM ims.batch_image i JOIN ims.batch b ON b.id = i.batch_id"
        + " WHERE b.biosamples_id = 'SAMEG301734'")).isEqualTo(3);
    assertThat(new Form().file("file", "fourth.jpg", "image/jpeg", JPEG).send("POST", images, manager, Map.of())
        .status()).isEqualTo(201);
    int four = objects();
    HttpResponse fifth = new Form().file("file", "fifth.jpg", "image/jpeg", JPEG).send("POST", images, manager, Map.of());
    assertThat(fifth.status()).isEqualTo(409);
    assertThat(objects()).isEqualTo(four);
    assertThat(call("POST", images + "/uploads", manager, "{\"file_name\": \"x.jpg\"}".getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json")).status()).as("a ticket for a fifth").isEqualTo(409);

    MediaKey third3 = keyOf(image.findString("image_file").orElseThrow());
    String etag = batchEtag("SAMEG301734");
    assertThat(call("DELETE", images + "/3", manager, null, Map.of()).status()).isEqualTo(428);
    assertThat(call("DELETE", images + "/9", manager, null, Map.of("If-Match", etag)).status()).isEqualTo(404);
    assertThat(call("DELETE", images + "/x", manager, null, Map.of("If-Match", etag)).status()).isEqualTo(404);
    HttpResponse deleted = call("DELETE", images + "/3", manager, null, Map.of("If-Match", etag));
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.headers().first("etag")).hasValue(batchEtag("SAMEG301734"));
    assertThat(store.exists(third3)).isFalse();
    assertThat(single("SELECT changes FROM ims.audit_event WHERE action = 'image_delete' ORDER BY id DESC LIMIT 1"))
        .contains("\"image\":{\"before\":3,\"after\":null}");
  }

  // --- direct uploads

  @Test
  void directUpload_ticketPutAndAttach_attachesOnlyAConfirmedVerifiedObject() throws Exception {
    String clips = LINES + "UKBi008-A/clips";
    assertThat(ticketCall(clips, viewer, "{\"file_name\": \"big.pdf\"}").status()).isEqualTo(403);
    assertThat(pointers(ticketCall(clips, manager, "{\"name\": \"big.pdf\"}"))).containsExactly("/name", "/file_name");
    assertThat(ticketCall(LINES + "NoSuchLine/clips", manager, "{\"file_name\": \"big.pdf\"}").status()).isEqualTo(404);

    HttpResponse issued = ticketCall(clips, manager, "{\"file_name\": \"big.pdf\"}");
    assertThat(issued.status()).isEqualTo(201);
    JsonObject ticket = json(issued);
    assertThat(ticket.findString("method")).hasValue("PUT");
    String uploadId = ticket.findString("upload_id").orElseThrow();
    assertThat(uploadId).startsWith("pending/");
    send(ticket, PDF);

    assertThat(pointers(attach(clips, "{\"version\": \"v31\"}"))).containsExactly("/upload_id", "/size", "/md5");
    assertThat(attach(clips, "{\"version\": \"v31\", \"upload_id\": \"pending/0000/none.pdf\", \"size\": 3,"
        + " \"md5\": \"" + hex("MD5", PDF) + "\"}").status()).isEqualTo(404);
    HttpResponse attached = attach(clips, "{\"version\": \"v31\", \"upload_id\": \"" + uploadId + "\", \"size\": "
        + PDF.length + ", \"md5\": \"" + hex("MD5", PDF) + "\"}");
    assertThat(attached.status()).as(attached.bodyText()).isEqualTo(201);
    MediaKey key = keyOf(json(attached).findObject("information_pack").orElseThrow().findString("clip_file").orElseThrow());
    assertThat(key.value()).startsWith("celllines/").endsWith("/big.pdf");
    assertThat(store.exists(MediaKey.of(uploadId))).as("the pending object").isFalse();
    assertThat(json(attached).findObject("information_pack").orElseThrow().findString("sha256"))
        .hasValue(hex("SHA-256", PDF));

    // A wrong MD5: refused, and the ticket is spent.
    JsonObject second = json(ticketCall(clips, manager, "{\"file_name\": \"b.pdf\"}"));
    send(second, PDF);
    String secondId = second.findString("upload_id").orElseThrow();
    assertThat(attach(clips, "{\"version\": \"v32\", \"upload_id\": \"" + secondId + "\", \"size\": " + PDF.length
        + ", \"md5\": \"" + "0".repeat(32) + "\"}").status()).isEqualTo(400);
    assertThat(store.exists(MediaKey.of(secondId))).isFalse();

    // A PNG uploaded for a CoA: 415, and the pending object is gone.
    String coa = BATCHES + "SAMEG301734/certificate-of-analysis";
    JsonObject third = json(ticketCall(coa, manager, "{\"file_name\": \"coa.pdf\"}"));
    send(third, PNG);
    String thirdId = third.findString("upload_id").orElseThrow();
    HttpResponse png = call("PUT", coa, manager, ("{\"upload_id\": \"" + thirdId + "\", \"size\": " + PNG.length
        + ", \"md5\": \"" + hex("MD5", PNG) + "\"}").getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json", "If-Match", batchEtag("SAMEG301734")));
    assertThat(png.status()).isEqualTo(415);
    assertThat(store.exists(MediaKey.of(thirdId))).isFalse();
    assertThat(store.list("pending/")).isEmpty();
  }

  // --- helpers

  private void send(JsonObject ticket, byte[] content) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    ticket.findObject("headers").orElseThrow().members().forEach((name, value) -> headers.put(name,
        ((org.cellbank.ims.http.internal.json.JsonString) value).value()));
    upload(store, URI.create(ticket.findString("url").orElseThrow()), headers, content);
  }

  private HttpResponse ticketCall(String collection, String authorization, String body) {
    return call("POST", collection + "/uploads", authorization, body.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json"));
  }

  private HttpResponse attach(String collection, String body) {
    return call("POST", collection, manager, body.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json"));
  }

  /** A multipart/form-data body. */
  final class Form {
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Form() {
      this("----ims-test-boundary-7MA4YWxkTrZu0gW");
    }

    Form(String boundary) {
      this.boundary = boundary;
    }

    Form field(String name, String value) {
      write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
      return this;
    }

    Form file(String name, String fileName, String contentType, byte[] content) {
      write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
          + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
          + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n");
      out.writeBytes(content);
      write("\r\n");
      return this;
    }

    String contentType() {
      return "multipart/form-data; boundary=" + boundary;
    }

    byte[] body() {
      byte[] end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] all = new byte[out.size() + end.length];
      System.arraycopy(out.toByteArray(), 0, all, 0, out.size());
      System.arraycopy(end, 0, all, out.size(), end.length);
      return all;
    }

    HttpResponse send(String method, String path, String authorization, Map<String, String> headers) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put("Content-Type", contentType());
      return call(method, path, authorization, body(), all);
    }

    private void write(String text) {
      out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  HttpResponse call(String method, String path, String authorization, byte[] body, Map<String, String> headers) {
    Headers.Builder h = Headers.builder();
    if (authorization != null) {
      h.add("Authorization", authorization);
    }
    headers.forEach(h::add);
    HttpRequest.Builder request = HttpRequest.builder(method, path).headers(h.build()).requestId("test");
    if (body != null) {
      request.body(body);
    }
    return router.handle(request.build());
  }

  private HttpResponse get(String path, String authorization) {
    return call("GET", path, authorization, null, Map.of());
  }

  private String lineEtag(String name) {
    return get(LINES + name, viewer).headers().first("etag").orElseThrow();
  }

  private String batchEtag(String key) throws Exception {
    return "\"" + single("SELECT version FROM ims.batch WHERE biosamples_id = '" + key + "'") + "\"";
  }

  private static JsonObject json(HttpResponse response) {
    return JsonReader.create().read(response.body()).asObject();
  }

  private static JsonObject error(HttpResponse response) {
    return json(response).findObject("error").orElseThrow();
  }

  private static List<String> pointers(HttpResponse response) {
    assertThat(response.status()).as(response.bodyText()).isEqualTo(400);
    JsonArray fields = error(response).findArray("fields").orElseThrow();
    List<String> pointers = new ArrayList<>();
    for (JsonValue f : fields.elements()) {
      pointers.add(((JsonObject) f).findString("pointer").orElseThrow());
    }
    return pointers;
  }

  // The key of a relative /media/ URL (the test's names need no unescaping).
  private static MediaKey keyOf(String url) {
    assertThat(url).startsWith("/media/");
    return MediaKey.of(url.substring("/media/".length()).replace("%20", " "));
  }

  private int objects() {
    List<MediaObject> all = new ArrayList<>(store.list("celllines/"));
    all.addAll(store.list("pending/"));
    return all.size();
  }

  static String hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long count(String sql) throws Exception {
    return Long.parseLong(single(sql));
  }

  private String single(String sql) throws Exception {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      assertThat(r.next()).as(sql).isTrue();
      return r.getString(1);
    }
  }

  private void execute(String sql) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
