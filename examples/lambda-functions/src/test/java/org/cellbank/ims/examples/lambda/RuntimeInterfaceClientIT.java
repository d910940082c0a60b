package org.cellbank.ims.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.importer.ImportRuns;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.search.ManagedOpenSearchClient;
import org.cellbank.ims.search.OpenSearchCatalogueIndex;
import org.cellbank.ims.search.OpenSearchClients;
import org.cellbank.ims.testkit.ImsOpenSearch;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged functions ({@code target/ims-lambda.zip}, {@code target/ims-nightly-lambda.zip}),
 * unzipped as Lambda does, each run in a child JVM under the real AWS Lambda runtime interface
 * client ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda} with the handler as its
 * argument), which loads the function from its task root (the working directory, and its
 * {@code lib/*.jar}) and talks to the Runtime API this test serves ({@link LambdaRuntimeApi}).
 * Recorded events ({@code src/test/resources/events}) go through one child per package, against a
 * real PostgreSQL (migrated, sample data loaded) and, for the job function, a real OpenSearch node
 * and a local stand-in for hPSCreg.
 *
 * <p>The client's native library: by default the client copies {@code jni/libaws-lambda-jni.<platform>.so}
 * out of its jar to the fixed path {@code /tmp/.libaws-lambda-jni.so} (glibc x86_64 first, then
 * aarch64 and the musl builds) and loads it; every JVM on the machine shares that file. Each child
 * here gets its own copy instead, through the client's system property
 * {@code com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI}.
 */
class RuntimeInterfaceClientIT {
  private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
  private static final String HTTP_HANDLER = "org.cellbank.ims.examples.lambda.ImsFunction::handleRequest";
  private static final String JOB_HANDLER = "org.cellbank.ims.examples.lambda.NightlyFunction::handleRequest";
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(120);
  /** What a job invocation answers once the job ran (docs/lambda.md, "Supported events"). */
  private static final Path WORK = Path.of("target", "runtime-interface-client-it");

  private static int databases;

  /** A fresh database, migrated, with the sample data the module's other tests use. */
  private static String sampleDatabase(String prefix) {
    ImsPostgres pg = ImsPostgres.shared();
    String database = prefix + ProcessHandle.current().pid() + "_" + (++databases);
    pg.createDatabase(database);
    DataSource dataSource = pg.dataSource(database);
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(SampleData.all());
    return database;
  }

  private static Map<String, String> databaseEnvironment(String database) {
    ImsPostgres pg = ImsPostgres.shared();
    Map<String, String> env = new HashMap<>();
    env.put("IMS_JDBC_URL", pg.jdbcUrl(database));
    env.put("IMS_JDBC_USER", pg.user());
    env.put("IMS_JDBC_PASSWORD", pg.password());
    return env;
  }

  private static byte[] event(String name, String credentials) throws IOException {
    try (InputStream in = RuntimeInterfaceClientIT.class.getResourceAsStream("/events/" + name)) {
      assertThat(in).as("recorded event %s", name).isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return (credentials == null ? text : text.replace("${API_KEY}", credentials)).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static JsonObject json(String text) {
    return JsonReader.create().read(text).asObject();
  }

  private static long status(JsonObject answer) {
    return answer.findNumber("statusCode").orElseThrow().longValue();
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

  private static void assertStandardError(JsonObject answer, int status) throws IOException {
    assertThat(status(answer)).isEqualTo(status);
    JsonObject error = body(answer).findObject("error").orElseThrow();
    assertThat(error.findNumber("status").orElseThrow().longValue()).isEqualTo(status);
    assertThat(error.findString("message")).isPresent();
  }

  /** The HTTP function, behind a custom domain's base path {@code /ims}. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class HttpFunction {
    private LambdaRuntimeApi api;
    private FunctionProcess function;
    private String credentials;

    @BeforeAll
    void start() throws Exception {
      String database = sampleDatabase("ims_ric_http_");
      ApiKeys keys = ApiKeys.create(ImsPostgres.shared().dataSource(database));
      keys.createUser("ecacc", Role.PARTNER);
      credentials = "ecacc:" + keys.issue("ecacc").key();
      Map<String, String> env = databaseEnvironment(database);
      env.put("IMS_BASE_PATH", "/ims");
      env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
      api = new LambdaRuntimeApi();
      function = FunctionProcess.start(Path.of("target", "ims-lambda.zip"), HTTP_HANDLER, env, api, "http");
    }

    @AfterAll
    void stop() {
      function.close();
      api.close();
    }

    private JsonObject answer(String eventName, boolean withKey) throws Exception {
      LambdaRuntimeApi.Outcome outcome = function.invoke(event(eventName, withKey ? credentials : null));
      assertThat(outcome.error()).as("%s answered as an error: %s", eventName, outcome.body()).isFalse();
      return json(outcome.body());
    }

    @Test
    void httpApi20_getOfACellLine_answers200_gzippedForAClientThatAcceptsIt() throws Exception {
      JsonObject answer = answer("httpapi-v2-get-cell-line.json", true);
      assertThat(status(answer)).isEqualTo(200);
      assertThat(answer.findBoolean("isBase64Encoded")).hasValue(true);
      JsonObject headers = answer.findObject("headers").orElseThrow();
      assertThat(headers.findString("content-encoding")).hasValue("gzip");
      assertThat(headers.findString("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      JsonObject line = body(answer);
      assertThat(line.findString("biosamples_id")).hasValue("SAMEA2590882");
      assertThat(line.findString("name")).hasValue("UKBi008-A");
    }

    @Test
    void httpApi20_withoutAnApiKey_answers401_withTheStandardErrorBody() throws Exception {
      assertStandardError(answer("httpapi-v2-get-cell-line-no-key.json", false), 401);
    }

    @Test
    void restApi10_behindACustomDomainWithTheBasePath_answers200_inTheRestShape() throws Exception {
      JsonObject answer = answer("rest-v1-custom-domain-base-path.json", true);
      assertThat(status(answer)).isEqualTo(200);
      assertThat(answer.findBoolean("isBase64Encoded")).hasValue(false);
      assertThat(answer.findObject("multiValueHeaders")).isPresent();
      assertThat(body(answer).findString("name")).hasValue("UKBi008-A");
    }

    @Test
    void restApi10_askingForALineByName_answers404() throws Exception {
      assertStandardError(answer("rest-v1-custom-domain-by-name.json", true), 404);
    }

    @Test
    void alb_listOfCellLines_answersAPageOfTwo_withAStatusDescription() throws Exception {
      JsonObject answer = answer("alb-single-value.json", true);
      assertThat(status(answer)).isEqualTo(200);
      assertThat(answer.findString("statusDescription")).hasValue("200 OK");
      JsonObject page = body(answer);
      assertThat(page.findObject("meta").orElseThrow().findNumber("limit").orElseThrow().longValue()).isEqualTo(2);
      assertThat(page.findArray("objects").orElseThrow().size()).isEqualTo(2);
    }

    @Test
    void functionUrl_detail_answers200_plainForAClientWithoutGzip() throws Exception {
      JsonObject answer = answer("functionurl-get-cell-line.json", true);
      assertThat(status(answer)).isEqualTo(200);
      assertThat(answer.findBoolean("isBase64Encoded")).hasValue(false);
      assertThat(body(answer).findString("biosamples_id")).hasValue("SAMEA2590882");
    }

    @Test
    void functionUrl_pathTheApiDoesNotServe_answers404() throws Exception {
      assertStandardError(answer("functionurl-get-binary.json", true), 404);
    }

    @Test
    void theRuntimeClient_hasItsNativeLibraryMapped_fromTheChildsOwnCopy() throws Exception {
      assertThat(status(answer("functionurl-get-cell-line.json", true))).isEqualTo(200);
      // Linux: the child's memory maps name the shared objects it loaded.
      assertThat(Files.readString(Path.of("/proc", Long.toString(function.pid()), "maps")))
          .contains(function.nativeLibrary().toString());
    }

    @Test
    void scheduledEvent_failsTheInvocation_theHttpFunctionRunsNoJob() throws Exception {
      LambdaRuntimeApi.Outcome outcome = function.invoke(event("eventbridge-scheduled.json", null));
      assertThat(outcome.error()).as(outcome.body()).isTrue();
      JsonObject error = json(outcome.body());
      assertThat(error.findString("errorType")).hasValue("java.lang.IllegalStateException");
      assertThat(error.findString("errorMessage")).hasValueSatisfying(m -> assertThat(m).contains("no scheduled job"));
      assertThat(api.unexpected()).isEmpty();
    }
  }

  /** The job function, with a search index and a local hPSCreg; its events run in this order. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class JobFunction {
    private LambdaRuntimeApi api;
    private FunctionProcess function;
    private HttpServer registry;
    private ManagedOpenSearchClient search;
    private OpenSearchCatalogueIndex index;
    private DataSource dataSource;

    @BeforeAll
    void start() throws Exception {
      String database = sampleDatabase("ims_ric_job_");
      dataSource = ImsPostgres.shared().dataSource(database);
      // The sample data went in without the outbox: the first drain brings the index in line with it.
      List<String> sampleIds = new ArrayList<>();
      for (CellLine line : SampleData.all()) {
        sampleIds.add(line.biosamplesId());
      }
      SearchOutbox.create(dataSource).enqueueAll(sampleIds);
      registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      registry.createContext("/api/export/ebisc", exchange -> {
        String path = exchange.getRequestURI().getPath();
        String name = path.equals("/api/export/ebisc") ? "list" : path.substring("/api/export/ebisc/".length());
        try (exchange; InputStream in = RuntimeInterfaceClientIT.class.getResourceAsStream("/hpscreg/" + name + ".json")) {
          byte[] body = in == null ? "{}".getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
          exchange.sendResponseHeaders(in == null ? 404 : 200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      });
      registry.start();
      String alias = "ric-" + database.replace('_', '-');
      search = OpenSearchClients.http(ImsOpenSearch.shared().httpUrl());
      index = OpenSearchCatalogueIndex.builder().client(search.client()).alias(alias).replicas(0).build();
      Map<String, String> env = databaseEnvironment(database);
      env.put("IMS_HPSCREG_URL", "http://127.0.0.1:" + registry.getAddress().getPort() + "/api/export/ebisc");
      env.put("IMS_OPENSEARCH_URL", ImsOpenSearch.shared().httpUrl());
      env.put("IMS_OPENSEARCH_INDEX", alias);
      env.put("IMS_OPENSEARCH_REPLICAS", "0");
      api = new LambdaRuntimeApi();
      function = FunctionProcess.start(Path.of("target", "ims-nightly-lambda.zip"), JOB_HANDLER, env, api, "job");
    }

    @AfterAll
    void stop() {
      function.close();
      api.close();
      registry.stop(0);
      search.close();
    }

    private void assertJobDone(LambdaRuntimeApi.Outcome outcome, String job) {
      assertThat(outcome.error()).as("the job failed: %s", outcome.body()).isFalse();
      JsonObject answer = json(outcome.body());
      assertThat(answer.findBoolean("ok")).as(outcome.body()).hasValue(true);
      assertThat(answer.findString("job")).as(outcome.body()).hasValue(job);
    }

    private long latestRunId() {
      return ImportRuns.create(dataSource).latestRun().map(ImportRuns.StoredRun::id).orElse(0L);
    }

    private List<String> indexed() {
      index.refresh();
      List<String> ids = new ArrayList<>();
      for (CatalogueDocument d : index.search(SearchQuery.all()).hits()) {
        ids.add(d.biosamplesId());
      }
      return ids;
    }

    @Test
    @Order(1)
    void eventBridgeRulesScheduledEvent_runsTheNightlyImport() throws Exception {
      long before = latestRunId();

      assertJobDone(function.invoke(event("eventbridge-scheduled.json", null)), "nightly");

      ImportRuns.StoredRun run = ImportRuns.create(dataSource).latestRun().orElseThrow();
      assertThat(run.id()).isGreaterThan(before);
      assertThat(run.report().total()).isEqualTo(3);
      assertThat(run.report().done()).isEqualTo(3);
      assertThat(run.report().failed()).isZero();
      assertThat(CellLineRepository.create(dataSource).findByName("TESTi010-A")).isPresent();
      assertThat(SearchOutbox.create(dataSource).pendingCount()).isZero();
    }

    @Test
    @Order(2)
    void schedulersOwnEnvelope_detailAsText_runsTheNightlyJob_andItsDrainIndexesAStockedLine() throws Exception {
      SearchOutbox outbox = SearchOutbox.create(dataSource);
      CellLineRepository.builder().dataSource(dataSource).searchOutbox(outbox).build()
          .appendStatus("SAMEA2590882", new StatusEntry(CellLineStatus.AT_ECACC, "stocked", null, Instant.now()));
      assertThat(outbox.pendingCount()).isEqualTo(1);
      long before = latestRunId();

      assertJobDone(function.invoke(event("scheduler-default-input.json", null)), "nightly");

      assertThat(latestRunId()).isGreaterThan(before);
      assertThat(outbox.pendingCount()).isZero();
      assertThat(indexed()).contains("SAMEA2590882");
    }

    @Test
    @Order(3)
    void emptyDirectInvocation_runsTheNightlyJob() throws Exception {
      long before = latestRunId();

      assertJobDone(function.invoke(event("direct-empty.json", null)), "nightly");

      assertThat(latestRunId()).isGreaterThan(before);
      assertThat(ImportRuns.create(dataSource).latest().orElseThrow().unchanged()).isEqualTo(3);
    }

    @Test
    @Order(4)
    void directReconcile_repairsTheIndex() throws Exception {
      List<String> expected = indexed();
      assertThat(expected).contains("SAMEA2590882");
      // Drift behind the outbox's back: a document lost, one left over.
      index.delete("SAMEA2590882");
      index.upsert(CatalogueDocument.of(CellLineRepository.create(dataSource).getByName("UKBi008-A").toBuilder()
          .biosamplesId("SAMEA-GONE").name("GONE-1").build()));
      assertThat(indexed()).contains("SAMEA-GONE").doesNotContain("SAMEA2590882");
      long before = latestRunId();

      assertJobDone(function.invoke(event("direct-job.json", null)), "reconcile");

      assertThat(indexed()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(latestRunId()).as("a reconcile imports nothing").isEqualTo(before);
    }

    @Test
    @Order(5)
    void directInvocationOfAnUnknownJob_failsWithABadRequest() throws Exception {
      long before = latestRunId();

      LambdaRuntimeApi.Outcome outcome = function.invoke(event("direct-unknown-job.json", null));

      assertThat(outcome.error()).as(outcome.body()).isTrue();
      JsonObject error = json(outcome.body());
      assertThat(error.findString("errorType")).hasValue("org.cellbank.ims.http.BadRequestException");
      assertThat(error.findString("errorMessage")).hasValueSatisfying(m -> assertThat(m).contains("unknown job frobnicate"));
      assertThat(latestRunId()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void httpEvent_answers404_theJobFunctionServesNoRoute() throws Exception {
      LambdaRuntimeApi.Outcome outcome = function.invoke(event("httpapi-v2-get-cell-line-no-key.json", null));
      assertThat(outcome.error()).as(outcome.body()).isFalse();
      assertStandardError(json(outcome.body()), 404);
      assertThat(api.unexpected()).isEmpty();
    }
  }

  /** A function whose environment lacks the database: its init fails, reported to /runtime/init/error. */
  @Test
  void missingSetting_failsInit_reportedToTheRuntimeApi() throws Exception {
    try (LambdaRuntimeApi api = new LambdaRuntimeApi();
        FunctionProcess function = FunctionProcess.start(Path.of("target", "ims-lambda.zip"), HTTP_HANDLER, Map.of(),
            api, "init-error")) {
      LambdaRuntimeApi.Outcome outcome = api.initError(ANSWER_TIMEOUT);
      JsonObject error = json(outcome.body());
      assertThat(error.findString("errorMessage")).as(function.log())
          .hasValueSatisfying(m -> assertThat(m).contains("IMS_JDBC_URL"));
      assertThat(outcome.errorType()).as(function.log()).isNotBlank();
      assertThat(function.exited(Duration.ofSeconds(30))).as("the runtime ends after a failed init").isTrue();
    }
  }

  /** One function package unzipped into its task root and run by the runtime interface client in a child JVM. */
  static final class FunctionProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Path jni;
    private final LambdaRuntimeApi api;

    private FunctionProcess(Process process, Path log, Path jni, LambdaRuntimeApi api) {
      this.process = process;
      this.log = log;
      this.jni = jni;
      this.api = api;
    }

    long pid() {
      return process.pid();
    }

    /** The copy of the client's native library this child was told to load. */
    Path nativeLibrary() {
      return jni;
    }

    static FunctionProcess start(Path zip, String handler, Map<String, String> functionEnv, LambdaRuntimeApi api,
        String name) throws IOException, URISyntaxException, ReflectiveOperationException {
      assertThat(zip).as("run after mvn package").exists();
      Path work = WORK.resolve(name + "-" + ProcessHandle.current().pid()).toAbsolutePath();
      Path taskRoot = work.resolve("task");
      if (Files.exists(work)) {
        try (var paths = Files.walk(work)) {
          paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
      }
      unzip(zip, taskRoot);
      Path jni = work.resolve("libaws-lambda-jni.so");
      try (InputStream in = Class.forName(RIC_MAIN).getResourceAsStream("/jni/" + platformLibrary())) {
        assertThat(in).as("the client's native library for this platform").isNotNull();
        Files.copy(in, jni);
      }
      Path log = work.resolve("function.log");
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
          "-XX:ErrorFile=" + work.resolve("hs_err_%p.log"), "-D" + JNI_PROPERTY + "=" + jni,
          "-cp", runtimeClasspath(), RIC_MAIN, handler)
          .directory(taskRoot.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      String path = env.getOrDefault("PATH", "/usr/bin:/bin");
      env.clear();
      env.put("PATH", path);
      env.put("LANG", "en_US.UTF-8");
      env.put("TZ", ":UTC");
      env.put("AWS_LAMBDA_RUNTIME_API", api.address());
      env.put("_HANDLER", handler);
      env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
      env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
      env.put("AWS_LAMBDA_FUNCTION_NAME", "ims-it-" + name);
      env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
      env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/ims-it-" + name);
      env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/02/[$LATEST]0a1b2c3d4e5f60718293a4b5c6d7e8f9");
      env.put("AWS_REGION", "eu-west-1");
      env.put("AWS_DEFAULT_REGION", "eu-west-1");
      env.putAll(functionEnv);
      return new FunctionProcess(pb.start(), log, jni, api);
    }

    LambdaRuntimeApi.Outcome invoke(byte[] event) throws Exception {
      assertThat(process.isAlive()).as("the function's JVM ended; its output:\n%s", log()).isTrue();
      try {
        return api.invoke(event, ANSWER_TIMEOUT);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("no answer from the runtime client (alive: " + process.isAlive() + "); its output:\n"
            + log(), e);
      }
    }

    boolean exited(Duration timeout) throws InterruptedException {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String log() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "(no output: " + e.getMessage() + ")";
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }

    // Only the runtime: the client and the jars it needs, as the Lambda Java runtime's class path;
    // the function's own classes come from the task root.
    private static String runtimeClasspath() throws URISyntaxException, ReflectiveOperationException {
      List<String> jars = new ArrayList<>();
      for (String type : List.of(RIC_MAIN, "com.amazonaws.services.lambda.runtime.Context",
          "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
          "software.amazon.awssdk.utilslite.SdkInternalThreadLocal")) {
        jars.add(Path.of(Class.forName(type).getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      }
      return String.join(File.pathSeparator, jars);
    }

    private static String platformLibrary() {
      String arch = System.getProperty("os.arch");
      return arch.equals("aarch64") ? "libaws-lambda-jni.linux-aarch_64.so" : "libaws-lambda-jni.linux-x86_64.so";
    }

    private static void unzip(Path zip, Path root) throws IOException {
      try (ZipFile file = new ZipFile(zip.toFile())) {
        for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
          ZipEntry entry = e.nextElement();
          Path target = root.resolve(entry.getName()).normalize();
          if (!target.startsWith(root)) {
            throw new IOException("zip entry outside the task root: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            try (InputStream in = file.getInputStream(entry)) {
              Files.copy(in, target);
            }
          }
        }
      }
    }
  }
}
