package org.cellbank.ims.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.testkit.ImsPostgres;
import org.cellbank.ims.testkit.ImsS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The executive file routes of the deployed files function ({@link FilesFunction}) over a real S3
 * protocol server (S3Proxy) and PostgreSQL: API Gateway events with base64 multipart bodies, the
 * direct upload through a presigned PUT, and no object left behind when the database write fails.
 */
class FilesFunctionTest {

  private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

  private static ImsS3 s3;
  private static String bucket;
  private static S3Client client;
  private static DataSource dataSource;
  private static ImsLambdaHandler function;
  private static String manager;

  @BeforeAll
  static void setUp() {
    ImsPostgres pg = ImsPostgres.shared();
    String database = "ims_function_files_" + ProcessHandle.current().pid();
    pg.createDatabase(database);
    dataSource = pg.dataSource(database);
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(SampleData.all());
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("manager", Role.EXECUTIVE_MANAGER);
    manager = "ApiKey manager:" + keys.issue("manager").key();
    s3 = ImsS3.shared();
    bucket = "ims-files-" + ProcessHandle.current().pid();
    s3.createBucket(bucket);
    client = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(s3.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .forcePathStyle(true).build();
    // The SDK's default credentials chain reads these before the environment.
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
    Map<String, String> env = new HashMap<>();
    env.put("IMS_JDBC_URL", pg.jdbcUrl(database));
    env.put("IMS_JDBC_USER", pg.user());
    env.put("IMS_JDBC_PASSWORD", pg.password());
    env.put("IMS_MEDIA_BUCKET", bucket);
    env.put("AWS_REGION", s3.region());
    env.put("IMS_S3_ENDPOINT", s3.endpoint().toString());
    function = FilesFunction.assemble(env);
  }

  @AfterAll
  static void tearDown() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    client.close();
  }

  @Test
  void clipUpload_fromABase64MultipartEvent_storesTheObjectInTheBucket() throws Exception {
    int before = objects().size();
    JsonObject created = handle("POST", "/api/v0/executive/cell-lines/UKBi008-A/clips",
        Map.of("idempotency-key", "s3-clip-1"), form("version", "v41", PDF, "clip.pdf"), multipart());
    assertThat(status(created)).as(created.toString()).isEqualTo(201);
    JsonObject clip = body(created).findObject("information_pack").orElseThrow();
    assertThat(clip.findString("md5")).hasValue(hex("MD5", PDF));
    assertThat(clip.findString("sha256")).hasValue(hex("SHA-256", PDF));
    String key = clip.findString("clip_file").orElseThrow().substring("/media/".length());
    assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(PDF);

    JsonObject replay = handle("POST", "/api/v0/executive/cell-lines/UKBi008-A/clips",
        Map.of("idempotency-key", "s3-clip-1"), form("version", "v41", PDF, "clip.pdf"), multipart());
    assertThat(status(replay)).isEqualTo(201);
    assertThat(replay.findObject("headers").orElseThrow().findString("idempotent-replayed")).hasValue("true");
    assertThat(objects()).hasSize(before + 1);

    JsonObject png = handle("POST", "/api/v0/executive/cell-lines/UKBi008-A/clips", Map.of(),
        form("version", "v42", PNG, "clip.pdf"), multipart());
    assertThat(status(png)).isEqualTo(415);
    assertThat(objects()).hasSize(before + 1);
  }

  @Test
  void directUpload_throughThePresignedPut_isAttachedOnceConfirmed() throws Exception {
    JsonObject issued = handle("POST", "/api/v0/executive/batches/SAMEG301734/certificate-of-analysis/uploads",
        Map.of(), "{\"file_name\": \"coa.pdf\"}".getBytes(StandardCharsets.UTF_8), "application/json");
    assertThat(status(issued)).as(issued.toString()).isEqualTo(201);
    JsonObject ticket = body(issued);
    HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.findString("url").orElseThrow()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(PDF));
    ticket.findObject("headers").orElseThrow().members().forEach((name, value) -> {
      if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
        put.header(name, ((JsonString) value).value());
      }
    });
    HttpResponse<String> sent = HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

    String attach = "{\"upload_id\": \"" + ticket.findString("upload_id").orElseThrow() + "\", \"size\": " + PDF.length
        + ", \"md5\": \"" + hex("MD5", PDF) + "\"}";
    JsonObject attached = handle("PUT", "/api/v0/executive/batches/SAMEG301734/certificate-of-analysis",
        Map.of("if-match", batchEtag("SAMEG301734")), attach.getBytes(StandardCharsets.UTF_8), "application/json");
    assertThat(status(attached)).as(attached.toString()).isEqualTo(200);
    String key = body(attached).findObject("certificate_of_analysis").orElseThrow().findString("file").orElseThrow()
        .substring("/media/".length());
    assertThat(key).startsWith("celllines/");
    assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(PDF);
    assertThat(objects()).noneMatch(o -> o.key().startsWith("pending/"));
    assertThat(etagOf(attached)).isEqualTo(batchEtag("SAMEG301734"));
  }

  @Test
  void aFailedDatabaseWrite_leavesNoObjectInTheBucket() throws Exception {
    execute("CREATE FUNCTION ims.image_fails() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " RAISE EXCEPTION 'the database refused the image' USING ERRCODE = 'check_violation'; END $$");
    execute("CREATE TRIGGER image_fails BEFORE INSERT ON ims.batch_image FOR EACH ROW EXECUTE FUNCTION ims.image_fails()");
    try {
      int before = objects().size();
      JsonObject failed = handle("POST", "/api/v0/executive/batches/SAMEG330182/images", Map.of(),
          form("magnification", "4x", PNG, "cells.png"), multipart());
      assertThat(status(failed)).as(failed.toString()).isEqualTo(400);
      assertThat(objects()).hasSize(before);
    } finally {
      execute("DROP TRIGGER image_fails ON ims.batch_image");
      execute("DROP FUNCTION ims.image_fails()");
    }
  }

  // --- helpers

  private static final String BOUNDARY = "ims-function-files";

  private static String multipart() {
    return "multipart/form-data; boundary=" + BOUNDARY;
  }

  private static byte[] form(String field, String value, byte[] file, String fileName) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value
        + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(file);
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  // An API Gateway HTTP API (payload 2.0) event with a base64 body, as API Gateway sends a binary one.
  private static JsonObject handle(String method, String path, Map<String, String> headers, byte[] body,
      String contentType) {
    JsonObject.Builder h = JsonObject.builder();
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("authorization", manager);
    all.put("content-type", contentType);
    all.forEach(h::put);
    JsonObject event = JsonObject.builder()
        .put("version", "2.0").put("routeKey", "$default").put("rawPath", path).put("rawQueryString", "")
        .put("headers", h.build())
        .put("requestContext", JsonObject.builder()
            .put("http", JsonObject.builder().put("method", method).put("path", path).put("sourceIp", "127.0.0.1").build())
            .put("requestId", "files").put("stage", "$default").build())
        .put("isBase64Encoded", true)
        .put("body", Base64.getEncoder().encodeToString(body))
        .build();
    return JsonReader.create().read(function.handle(JsonWriter.compact().writeUtf8(event))).asObject();
  }

  private static int status(JsonObject answer) {
    return (int) answer.findNumber("statusCode").orElseThrow().longValue();
  }

  private static String etagOf(JsonObject answer) {
    return answer.findObject("headers").orElseThrow().findString("etag").orElseThrow();
  }

  private static JsonObject body(JsonObject answer) {
    String body = answer.findString("body").orElseThrow();
    byte[] bytes = answer.findBoolean("isBase64Encoded").orElse(false) ? Base64.getDecoder().decode(body)
        : body.getBytes(StandardCharsets.UTF_8);
    return JsonReader.create().read(bytes).asObject();
  }

  private static List<S3Object> objects() {
    return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().toList();
  }

  private static String batchEtag(String key) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version FROM ims.batch WHERE biosamples_id = '" + key + "'")) {
      r.next();
      return "\"" + r.getLong(1) + "\"";
    }
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String hex(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }
}
