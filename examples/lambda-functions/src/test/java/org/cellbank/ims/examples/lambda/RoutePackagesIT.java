package org.cellbank.ims.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.cellbank.ims.aws.storage.S3MediaStore;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CatalogueDocuments;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.media.MediaKind;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.media.StoredMedia;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.search.OpenSearchCatalogueIndex;
import org.cellbank.ims.search.OpenSearchClients;
import org.cellbank.ims.testkit.ImsOpenSearch;
import org.cellbank.ims.testkit.ImsPostgres;
import org.cellbank.ims.testkit.ImsS3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The search, media and site packages, {@code target/ims-search-lambda.zip} and
 * {@code target/ims-media-lambda.zip}, each unpacked alone into a class loader that sees nothing of
 * the build (as the Lambda runtime loads a function), answering their route against a real
 * PostgreSQL, a real OpenSearch node and a real S3-protocol server: a search finds a line, a media
 * request answers a redirect whose presigned URL serves the stored bytes.
 */
class RoutePackagesIT {
  @TempDir static Path roots;

  private static Map<String, String> database;
  private static DataSource dataSource;
  private static String credentials;
  private static String managerCredentials;

  @BeforeAll
  static void setUp() {
    ImsPostgres pg = ImsPostgres.shared();
    String name = "ims_route_packages_" + ProcessHandle.current().pid();
    pg.createDatabase(name);
    dataSource = pg.dataSource(name);
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(SampleData.all());
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("lims", Role.PARTNER);
    credentials = "lims:" + keys.issue("lims").key();
    keys.createUser("manager", Role.EXECUTIVE_MANAGER);
    managerCredentials = "manager:" + keys.issue("manager").key();
    database = Map.of("IMS_JDBC_URL", pg.jdbcUrl(name), "IMS_JDBC_USER", pg.user(), "IMS_JDBC_PASSWORD", pg.password(),
        "IMS_DB_POOL_SIZE", "1");
  }

  @Test
  void theSearchPackageAlone_findsALine_withoutJooq() throws Exception {
    ImsOpenSearch node = ImsOpenSearch.shared();
    String alias = "ims-route-packages-" + ProcessHandle.current().pid();
    OpenSearchCatalogueIndex index = OpenSearchCatalogueIndex.builder()
        .client(OpenSearchClients.http(node.httpUrl()).client()).alias(alias).replicas(0).build();
    index.rebuild(CatalogueDocuments.allVisible(CellLineRepository.create(dataSource)), n -> { });
    Map<String, String> env = new HashMap<>(database);
    env.put("IMS_OPENSEARCH_URL", node.httpUrl());
    env.put("IMS_OPENSEARCH_INDEX", alias);

    try (Unpacked function = Unpacked.of("ims-search-lambda.zip")) {
      JsonObject answer = function.handle(SearchFunction.class.getName(), env, event("/api/v0/search", "q=ataxia"));
      assertThat(answer.findNumber("statusCode").orElseThrow().longValue()).as(answer.toString()).isEqualTo(200);
      assertThat(answer.findString("body").orElseThrow()).contains("UKBi008-A");
      JsonObject unauthorised = function.handle(SearchFunction.class.getName(), env,
          event("/api/v0/search", "q=ataxia").clone(), false);
      assertThat(unauthorised.findNumber("statusCode").orElseThrow().longValue()).isEqualTo(401);
      JsonObject publicSearch = function.handle(SearchFunction.class.getName(), env,
          event("/api/public/search", "q=ataxia"), false);
      assertThat(publicSearch.findNumber("statusCode").orElseThrow().longValue()).as("public, no key").isEqualTo(200);
      assertThat(publicSearch.findString("body").orElseThrow()).contains("UKBi008-A");
      JsonObject other = function.handle(SearchFunction.class.getName(), env, event("/api/v0/cell-lines/UKBi008-A", ""));
      assertThat(other.findNumber("statusCode").orElseThrow().longValue()).as("not this function's route").isEqualTo(404);
      assertThat(function.loader.findResource("org/jooq/DSLContext.class")).isNull();
    }
  }

  @Test
  void theMediaPackageAlone_redirectsToAPresignedGet_thatServesTheBytes() throws Exception {
    ImsS3 s3 = ImsS3.shared();
    StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
    S3MediaStore store = S3MediaStore.builder()
        .s3(S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(s3.region())).credentialsProvider(keys)
            .forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build())
        .presigner(S3Presigner.builder().endpointOverride(s3.endpoint()).region(Region.of(s3.region()))
            .credentialsProvider(keys).serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .build())
        .bucket(s3.bucket()).build();
    byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    StoredMedia stored = store.put(MediaKind.INFORMATION_PACK, "clip.pdf", new ByteArrayInputStream(pdf));
    Map<String, String> env = new HashMap<>(database);
    env.put("IMS_MEDIA_BUCKET", s3.bucket());
    env.put("AWS_REGION", s3.region());
    env.put("IMS_S3_ENDPOINT", s3.endpoint().toString());
    // The SDK's default credentials chain reads these before the environment.
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
    try (Unpacked function = Unpacked.of("ims-media-lambda.zip")) {
      JsonObject answer = function.handle(MediaFunction.class.getName(), env, event("/media/" + stored.key().value(), ""));
      assertThat(answer.findNumber("statusCode").orElseThrow().longValue()).as(answer.toString()).isEqualTo(302);
      String location = answer.findObject("headers").orElseThrow().findString("location").orElseThrow();
      assertThat(location).contains("X-Amz-Signature=").contains("X-Amz-Expires=900");
      HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(location)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(fetched.statusCode()).isEqualTo(200);
      assertThat(fetched.body()).isEqualTo(pdf);
      JsonObject missing = function.handle(MediaFunction.class.getName(), env, event("/media/clips/none.pdf", ""));
      assertThat(missing.findNumber("statusCode").orElseThrow().longValue()).isEqualTo(404);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void theFilesPackageAlone_storesAClipInTheMediaBucket_andTheHttpPackageHasNoS3Client() throws Exception {
    ImsS3 s3 = ImsS3.shared();
    Map<String, String> env = new HashMap<>(database);
    env.put("IMS_MEDIA_BUCKET", s3.bucket());
    env.put("AWS_REGION", s3.region());
    env.put("IMS_S3_ENDPOINT", s3.endpoint().toString());
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
    byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream form = new java.io.ByteArrayOutputStream();
    form.writeBytes(("--it\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\nv61\r\n--it\r\n"
        + "Content-Disposition: form-data; name=\"file\"; filename=\"clip.pdf\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    form.writeBytes(pdf);
    form.writeBytes("\r\n--it--\r\n".getBytes(StandardCharsets.US_ASCII));
    String path = "/api/v0/executive/cell-lines/UKBi008-A/clips";
    byte[] event = ("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\"\","
        + "\"headers\":{\"authorization\":\"ApiKey " + managerCredentials + "\",\"content-type\":"
        + "\"multipart/form-data; boundary=it\"},\"requestContext\":{\"http\":{\"method\":\"POST\",\"path\":\"" + path
        + "\",\"sourceIp\":\"127.0.0.1\"},\"requestId\":\"it\",\"stage\":\"$default\"},\"isBase64Encoded\":true,"
        + "\"body\":\"" + java.util.Base64.getEncoder().encodeToString(form.toByteArray()) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    S3Client client = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(s3.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .forcePathStyle(true).build();
    try (Unpacked function = Unpacked.of("ims-files-lambda.zip"); Unpacked http = Unpacked.of("ims-lambda.zip")) {
      // The detail route's package holds no S3 client, and answers the file routes 404.
      assertThat(http.loader.findResource("software/amazon/awssdk/services/s3/S3Client.class")).isNull();
      JsonObject elsewhere = http.handle(ImsFunction.class.getName(), env, event);
      assertThat(elsewhere.findNumber("statusCode").orElseThrow().longValue()).as(elsewhere.toString()).isEqualTo(404);
      JsonObject detail = function.handle(FilesFunction.class.getName(), env, event("/api/v0/cell-lines/SAMEA2590882", ""));
      assertThat(detail.findNumber("statusCode").orElseThrow().longValue()).isEqualTo(200);
      assertThat(function.loader.findResource("software/amazon/awssdk/services/s3/S3Client.class")).isNotNull();
      JsonObject created = function.handle(FilesFunction.class.getName(), env, event);
      assertThat(created.findNumber("statusCode").orElseThrow().longValue()).as(created.toString()).isEqualTo(201);
      String body = created.findString("body").orElseThrow();
      String answer = created.findBoolean("isBase64Encoded").orElse(false)
          ? new String(java.util.Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
      String file = JsonReader.create().read(answer).asObject().findObject("information_pack").orElseThrow()
          .findString("clip_file").orElseThrow();
      assertThat(client.getObjectAsBytes(b -> b.bucket(s3.bucket()).key(file.substring("/media/".length())))
          .asByteArray()).isEqualTo(pdf);
    } finally {
      client.close();
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void theSitePackageAlone_writesTheWebsiteIntoTheBucket_andRegeneratesNamedLines() throws Exception {
    ImsS3 s3 = ImsS3.shared();
    String bucket = "ims-site-" + ProcessHandle.current().pid();
    s3.createBucket(bucket);
    Map<String, String> env = new HashMap<>(database);
    env.put("IMS_SITE_BUCKET", bucket);
    env.put("IMS_SITE_URL", "https://catalogue.example.org/");
    env.put("AWS_REGION", s3.region());
    env.put("IMS_S3_ENDPOINT", s3.endpoint().toString());
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
    S3Client client = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(s3.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .forcePathStyle(true).build();
    try (Unpacked function = Unpacked.of("ims-site-lambda.zip")) {
      // The first scheduled run writes everything and keeps the change feed's cursor.
      JsonObject all = function.handle(SiteFunction.class.getName(), env, "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(all.findString("mode")).as(all.toString()).hasValue("all");
      assertThat(all.findNumber("linePages").orElseThrow().longValue()).isGreaterThan(1);
      String page = client.getObjectAsBytes(b -> b.bucket(bucket).key("UKBi008-A/index.html")).asUtf8String();
      assertThat(page).contains("UKBi008-A").doesNotContain("<script>");
      assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key("sitemap.xml")).asUtf8String())
          .contains("https://catalogue.example.org/UKBi008-A/");
      // The staff console is one more page of the site, with its script under a hashed name.
      assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key("staff/index.html")).asUtf8String())
          .contains("noindex").containsPattern("src=\"/assets/staff\\.[0-9a-f]{10}\\.js\"");
      assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key("robots.txt")).asUtf8String())
          .contains("Disallow: /staff/");

      // Nothing changed: nothing regenerated.
      JsonObject idle = function.handle(SiteFunction.class.getName(), env, "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(idle.findString("mode")).hasValue("changes");
      assertThat(idle.findNumber("changes").orElseThrow().longValue()).isZero();
      assertThat(idle.findNumber("linePages").orElseThrow().longValue()).isZero();

      // A write (any writer: the change log's triggers see it) regenerates that line's page only.
      CellLineRepository lines = CellLineRepository.create(dataSource);
      CellLine before = lines.getByName("UKBi008-A");
      lines.update(before.toBuilder().availableForSaleAtEcacc(!before.availableForSaleAtEcacc()).build());
      JsonObject followed = function.handle(SiteFunction.class.getName(), env, "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(followed.findString("mode")).as(followed.toString()).hasValue("changes");
      assertThat(followed.findNumber("changes").orElseThrow().longValue()).isEqualTo(1);
      long rewritten = followed.findNumber("linePages").orElseThrow().longValue()
          + followed.findNumber("statusPages").orElseThrow().longValue();
      long everyPage = all.findNumber("linePages").orElseThrow().longValue()
          + all.findNumber("statusPages").orElseThrow().longValue();
      assertThat(rewritten).as("the changed line's page (and its relatives'), not all").isBetween(1L, everyPage - 1);
      assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key("UKBi008-A/index.html")).asUtf8String())
          .as("the page shows the change").isNotEqualTo(page).contains("UKBi008-A");

      // Named lines, on a direct invocation.
      JsonObject one = function.handle(SiteFunction.class.getName(), env,
          "{\"job\": \"site\", \"lines\": [\"SAMEA2590882\"]}".getBytes(StandardCharsets.UTF_8));
      assertThat(one.findString("mode")).hasValue("lines");
      assertThat(one.findNumber("linePages").orElseThrow().longValue()
          + one.findNumber("statusPages").orElseThrow().longValue()).isGreaterThanOrEqualTo(1);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  private static byte[] event(String path, String query) {
    return ("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\"" + query
        + "\",\"headers\":{\"authorization\":\"ApiKey " + credentials + "\"},\"requestContext\":{\"http\":"
        + "{\"method\":\"GET\",\"path\":\"" + path + "\",\"sourceIp\":\"127.0.0.1\"},\"requestId\":\"it\","
        + "\"stage\":\"$default\"},\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
  }

  /** A class loader over a package's root and jars, which says what it has loaded. */
  private static final class PackageLoader extends URLClassLoader {
    PackageLoader(URL[] path) {
      super(path, ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String className) {
      synchronized (getClassLoadingLock(className)) {
        return findLoadedClass(className) != null;
      }
    }
  }

  /** A package unpacked into a folder of its own and loaded by a class loader over that folder alone. */
  @Test
  void underSnapStart_theSearchAndMediaPackages_primeTheirClientsAtInit_andOnDemandTheyDoNot() throws Exception {
    ImsOpenSearch node = ImsOpenSearch.shared();
    ImsS3 s3 = ImsS3.shared();
    String alias = "ims-route-packages-priming-" + ProcessHandle.current().pid();
    OpenSearchCatalogueIndex.builder().client(OpenSearchClients.http(node.httpUrl()).client()).alias(alias).replicas(0)
        .build().rebuild(CatalogueDocuments.allVisible(CellLineRepository.create(dataSource)), n -> { });
    Map<String, String> searchEnv = new HashMap<>(database);
    searchEnv.put("IMS_OPENSEARCH_URL", node.httpUrl());
    searchEnv.put("IMS_OPENSEARCH_INDEX", alias);
    Map<String, String> mediaEnv = new HashMap<>(database);
    mediaEnv.put("IMS_MEDIA_BUCKET", s3.bucket());
    mediaEnv.put("AWS_REGION", s3.region());
    mediaEnv.put("IMS_S3_ENDPOINT", s3.endpoint().toString());
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
    try {
      for (String type : new String[] {"on-demand", "snap-start"}) {
        boolean primes = type.equals("snap-start");
        searchEnv.put("AWS_LAMBDA_INITIALIZATION_TYPE", type);
        mediaEnv.put("AWS_LAMBDA_INITIALIZATION_TYPE", type);
        try (Unpacked search = Unpacked.of("ims-search-lambda.zip", type);
            Unpacked media = Unpacked.of("ims-media-lambda.zip", type)) {
          search.assemble(SearchFunction.class.getName(), searchEnv);
          assertThat(search.loaded("org.opensearch.client.opensearch.OpenSearchClient")).as(type).isEqualTo(primes);
          media.assemble(MediaFunction.class.getName(), mediaEnv);
          assertThat(media.loaded("software.amazon.awssdk.services.s3.presigner.S3Presigner")).as(type).isEqualTo(primes);
          // Primed or not, the first request is answered the same way.
          // Every visible line (another test here may take UKBi008-A out of the catalogue).
          JsonObject found = search.handle(SearchFunction.class.getName(), searchEnv, event("/api/v0/search", ""));
          assertThat(found.findNumber("statusCode").orElseThrow().longValue()).as(found.toString()).isEqualTo(200);
          JsonObject body = JsonReader.create().read(found.findString("body").orElseThrow()).asObject();
          assertThat(body.findObject("meta").orElseThrow().findNumber("total_count").orElseThrow().longValue())
              .as(type).isPositive();
        }
      }
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void theFetchPackageOutsideTheVpc_stagesTheRegistry_andTheJobPackageImportsTheCopy() throws Exception {
    // hPSCreg and ECACC, on the "internet": only the fetch function is given their address.
    HttpServer internet = RegistryStandIn.start();
    ImsS3 s3 = ImsS3.shared();
    String bucket = "ims-stage-" + ProcessHandle.current().pid();
    s3.createBucket(bucket);
    ImsPostgres pg = ImsPostgres.shared();
    String name = "ims_staged_import_" + ProcessHandle.current().pid();
    pg.createDatabase(name);
    DataSource empty = pg.dataSource(name);
    SchemaMigrations.create(empty).migrate();
    Map<String, String> stage = Map.of("IMS_REGISTRY_STAGE_BUCKET", bucket, "IMS_REGISTRY_STAGE_PREFIX", "ims",
        "AWS_REGION", s3.region(), "IMS_S3_ENDPOINT", s3.endpoint().toString());
    Map<String, String> fetchEnv = new HashMap<>(stage);
    String base = RegistryStandIn.base(internet);
    fetchEnv.put("IMS_HPSCREG_URL", base + "/api/export/ebisc");
    fetchEnv.put("IMS_ECACC_URL", base + "/ecacc");
    Map<String, String> jobsEnv = new HashMap<>(stage);
    jobsEnv.putAll(Map.of("IMS_JDBC_URL", pg.jdbcUrl(name), "IMS_JDBC_USER", pg.user(), "IMS_JDBC_PASSWORD", pg.password(),
        "IMS_DB_POOL_SIZE", "1"));
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
    byte[] scheduled = "{}".getBytes(StandardCharsets.UTF_8);
    try (Unpacked fetch = Unpacked.of("ims-fetch-lambda.zip"); Unpacked jobs = Unpacked.of("ims-nightly-lambda.zip")) {
      JsonObject fetched = fetch.handle(FetchFunction.class.getName(), fetchEnv, scheduled);
      assertThat(fetched.findString("job")).as(fetched.toString()).hasValue("fetch");
      assertThat(fetched.findNumber("lines").orElseThrow().longValue()).isEqualTo(3);
      assertThat(fetched.findNumber("failed").orElseThrow().longValue()).isZero();
      assertThat(fetch.loader.findResource("org/postgresql/Driver.class")).as("no database driver").isNull();
      assertThat(fetch.loader.findResource("org/jooq/DSLContext.class")).isNull();
      assertThat(fetch.loader.findResource("software/amazon/awssdk/services/s3/S3Client.class")).isNull();

      JsonObject imported = jobs.handle(NightlyFunction.class.getName(), jobsEnv,
          "{\"job\": \"import\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(imported.findString("outcome")).as(imported.toString()).hasValue("completed");
      assertThat(imported.findNumber("created").orElseThrow().longValue()).isEqualTo(3);
      CellLineRepository lines = CellLineRepository.create(empty);
      assertThat(lines.getByName("UKBi008-A").ecaccId()).isNotNull();
      assertThat(lines.getByName("UKBi008-A").availableForSaleAtEcacc()).isFalse();

      // The next night: the fetch asks ECACC about the lines the import left, the import flags them.
      JsonObject second = fetch.handle(FetchFunction.class.getName(), fetchEnv, scheduled);
      assertThat(second.findNumber("ecacc_checked").orElseThrow().longValue()).as(second.toString()).isEqualTo(3);
      assertThat(second.findNumber("ecacc_listed").orElseThrow().longValue()).isEqualTo(1);
      JsonObject ecacc = jobs.handle(NightlyFunction.class.getName(), jobsEnv,
          "{\"job\": \"ecacc\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(ecacc.findNumber("flagged").orElseThrow().longValue()).as(ecacc.toString()).isEqualTo(1);
      assertThat(lines.getByName("UKBi008-A").availableForSaleAtEcacc()).isTrue();
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      internet.stop(0);
    }
  }

  private static final class Unpacked implements AutoCloseable {
    final URLClassLoader loader;

    private Unpacked(URLClassLoader loader) {
      this.loader = loader;
    }

    static Unpacked of(String zipName) throws IOException {
      return of(zipName, "");
    }

    /** The package unpacked into a folder of its own for {@code variant}, so that two copies can run. */
    static Unpacked of(String zipName, String variant) throws IOException {
      Path zip = Path.of("target", zipName);
      assertThat(zip).as("run after mvn package").exists();
      Path root = Files.createDirectories(roots.resolve(variant.isEmpty() ? zipName : zipName + "-" + variant));
      try (ZipFile file = new ZipFile(zip.toFile())) {
        for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
          ZipEntry entry = e.nextElement();
          if (!entry.isDirectory()) {
            Path target = root.resolve(entry.getName());
            Files.createDirectories(target.getParent());
            try (InputStream in = file.getInputStream(entry)) {
              Files.copy(in, target);
            }
          }
        }
      }
      // As the Lambda runtime loads a package: its root, then each jar in lib/.
      List<URL> path = new ArrayList<>(List.of(root.toUri().toURL()));
      Path lib = root.resolve("lib");
      if (Files.isDirectory(lib)) {
        try (var jars = Files.list(lib)) {
          for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
            path.add(jar.toUri().toURL());
          }
        }
      }
      return new Unpacked(new PackageLoader(path.toArray(new URL[0])));
    }

    JsonObject handle(String functionClass, Map<String, String> env, byte[] event) throws Exception {
      return handle(functionClass, env, event, true);
    }

    /** Runs the function's init ({@code assemble}) alone. */
    void assemble(String functionClass, Map<String, String> env) throws Exception {
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
      try {
        loader.loadClass(functionClass).getMethod("assemble", Map.class).invoke(null, env);
      } finally {
        thread.setContextClassLoader(previous);
      }
    }

    /** Whether the package's class loader has loaded the class. */
    boolean loaded(String className) {
      return ((PackageLoader) loader).loaded(className);
    }

    JsonObject handle(String functionClass, Map<String, String> env, byte[] event, boolean withKey) throws Exception {
      byte[] sent = withKey ? event : new String(event, StandardCharsets.UTF_8)
          .replace("\"authorization\":\"ApiKey " + credentials + "\"", "\"x-none\":\"-\"").getBytes(StandardCharsets.UTF_8);
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
      try {
        Class<?> type = loader.loadClass(functionClass);
        assertThat(type.getClassLoader()).isSameAs(loader);
        Object handler = type.getMethod("assemble", Map.class).invoke(null, env);
        Method handle = handler.getClass().getMethod("handle", byte[].class);
        return JsonReader.create().read((byte[]) handle.invoke(handler, (Object) sent)).asObject();
      } finally {
        thread.setContextClassLoader(previous);
      }
    }

    @Override
    public void close() throws IOException {
      loader.close();
    }
  }
}
