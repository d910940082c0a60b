package org.cellbank.ims.examples.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.IssuedKey;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.cellbank.ims.examples.lambda.ImsApplication;
import org.cellbank.ims.examples.lambda.ImsFunction;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.testkit.ImsPostgres;

/**
 * Measures the Lambda function's cold start and warm latency on one machine, without AWS.
 *
 * <p>Starts an embedded PostgreSQL with the sample data, 1,000 generated cell lines and a partner
 * API key. Then, several times, launches a fresh JVM the way the Lambda Java runtime does: the real
 * runtime interface client on the classpath (as in {@code /var/runtime/lib}), the unpacked
 * deployment package as {@code LAMBDA_TASK_ROOT} and working directory, the Lambda JVM flags, and a
 * Runtime API served by this program on {@code 127.0.0.1} that hands out one API Gateway HTTP API
 * event, {@code GET /api/v0/cell-lines/SAMEA2590882}. Finally calls the function's handler in this
 * JVM ({@link ImsFunction#assemble(Map)} with the same environment).
 *
 * <p>Prints: the package size; ms from process launch to the first answered request (median of
 * the launches after a discarded first one) and the status code each launch answered, for the
 * function and, in the same run, for a floor anchor ({@link JdbcFloorHandler}: a bare stream handler
 * that connects with the PostgreSQL driver at init and runs one query per request), first on all
 * CPUs, then pinned to one CPU with {@code taskset} where it exists (a Lambda function has less than
 * one vCPU below 1,769 MB of memory, and its cold start is CPU-bound); warm p50 and
 * p99 in ms of {@link ImsLambdaHandler#handle(byte[])}, with body and answer sizes, for the detail
 * request, for a page of 250 (the function's cap) with and without gzip, and for a page of 1,000
 * through the library without a cap.
 *
 * <pre>{@code
 * ./mvnw -q -B package -pl examples/benchmarks -am -DskipTests
 * java -cp "examples/benchmarks/target/ims-benchmarks.jar:examples/benchmarks/target/lib/*" \
 *     org.cellbank.ims.examples.bench.LambdaColdStartBenchmark --data-dir /tmp/ims-bench
 * }</pre>
 *
 * <p>Options: {@code --package ZIP} (default {@code examples/lambda-functions/target/ims-lambda.zip}),
 * {@code --runtime-lib DIR} (the runtime interface client jars; default
 * {@code examples/benchmarks/target/lambda-runtime}), {@code --launches N} (default 6, the first discarded),
 * {@code --iterations N} (warm calls per request; default 2000), {@code --data-dir DIR} (keep the
 * database between runs, which skips the loading), {@code --serve} (at the end, print the
 * connection settings and keep the database running until stopped, for other probes),
 * {@code --compare NAME=ZIP} (repeatable: other packages to launch interleaved with the main one,
 * round by round, the order rotating each round, so that noise on the machine hits all alike; prints
 * medians, quartiles and the paired differences against the main one, checks that they answer the
 * same bytes, and measures each package's warm detail latency in a JVM of its own with
 * {@link WarmProbe}), {@code --name NAME} (the main package's label in that comparison; default
 * {@code main}).
 */
public final class LambdaColdStartBenchmark {
  private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final String HANDLER = "org.cellbank.ims.examples.lambda.ImsFunction::handleRequest";
  private static final String FLOOR_HANDLER = JdbcFloorHandler.class.getName() + "::handleRequest";
  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final String LAMBDA_JVM_FLAGS =
      "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";
  private static final String DATABASE = "ims";
  private static final String PARTNER = "partner";
  private static final int SYNTHETIC_LINES = 1000;

  private LambdaColdStartBenchmark() {}

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    Path zip = Path.of("examples/lambda-functions/target/ims-lambda.zip");
    Path runtimeLib = Path.of("examples/benchmarks/target/lambda-runtime");
    int launches = 6;
    int iterations = 2000;
    Path dataDir = null;
    boolean serve = false;
    String mainName = "main";
    Map<String, Path> compare = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--package" -> zip = Path.of(value(args, ++i));
        case "--runtime-lib" -> runtimeLib = Path.of(value(args, ++i));
        case "--launches" -> launches = Integer.parseInt(value(args, ++i));
        case "--iterations" -> iterations = Integer.parseInt(value(args, ++i));
        case "--data-dir" -> dataDir = Path.of(value(args, ++i)).toAbsolutePath();
        case "--serve" -> serve = true;
        case "--name" -> mainName = value(args, ++i);
        case "--compare" -> {
          String spec = value(args, ++i);
          int eq = spec.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--compare needs NAME=ZIP: " + spec);
          }
          Path other = Path.of(spec.substring(eq + 1));
          if (!Files.isRegularFile(other)) {
            throw new IllegalArgumentException(other + " does not exist");
          }
          compare.put(spec.substring(0, eq), other);
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!Files.isRegularFile(zip)) {
      throw new IllegalArgumentException(zip + " does not exist: build it with ./mvnw package -pl examples/lambda-functions -am");
    }
    ImsPostgres.Builder server = ImsPostgres.builder().docker(false);
    if (dataDir != null) {
      server.dataDirectory(dataDir.resolve("postgres"));
    }
    try (ImsPostgres postgres = server.build()) {
      postgres.createDatabase(DATABASE);
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(postgres.jdbcUrl(DATABASE));
      config.setUsername(postgres.user());
      config.setPassword(postgres.password());
      config.setMaximumPoolSize(2);
      try (HikariDataSource dataSource = new HikariDataSource(config)) {
        String key = prepare(dataSource);
        Map<String, String> functionEnv = Map.of(
            "IMS_JDBC_URL", postgres.jdbcUrl(DATABASE),
            "IMS_JDBC_USER", postgres.user(),
            "IMS_JDBC_PASSWORD", postgres.password());
        byte[] detail = event("/api/v0/cell-lines/SAMEA2590882", "", key);
        byte[] page = event("/api/v0/cell-lines", "limit=1000", key, true);

        if (!compare.isEmpty()) {
          Map<String, Path> packages = new LinkedHashMap<>();
          packages.put(mainName, zip);
          packages.putAll(compare);
          compareRun(packages, runtimeLib, functionEnv, detail, launches, iterations);
        } else {
          // Without --compare: the main package's cold starts, then the floor anchor's.
          System.out.printf("package %s: %.2f MB (%d bytes)%n", zip, Files.size(zip) / 1e6, Files.size(zip));
          Path taskRoot = Files.createTempDirectory("ims-lambda-task");
          Path floorRoot = Files.createTempDirectory("ims-lambda-floor");
          RouteFunctions routes = RouteFunctions.prepare(zip, dataSource, functionEnv, key);
          try {
            unzip(zip, taskRoot);
            floorPackage(taskRoot, floorRoot);
            List<List<String>> placements = new ArrayList<>();
            placements.add(List.of());
            Optional<Path> taskset = onPath("taskset");
            if (taskset.isPresent()) {
              placements.add(List.of(taskset.get().toString(), "-c", "0"));
            }
            for (List<String> pin : placements) {
              String where = pin.isEmpty() ? "all CPUs" : "one CPU (taskset -c 0, like a function below 1,769 MB)";
              System.out.println("the function, " + HANDLER + ", on " + where + ":");
              coldStarts(taskRoot, HANDLER, classpath(runtimeLib), functionEnv, detail, launches, pin);
              System.out.println("floor anchor, " + FLOOR_HANDLER + " (connects at init, one query per request), on "
                  + where + ":");
              coldStarts(floorRoot, FLOOR_HANDLER, classpath(runtimeLib), functionEnv, detail, launches, pin);
              if (routes != null) {
                System.out.println("the search function, " + RouteFunctions.SEARCH_HANDLER
                    + ", first search (GET /api/v0/search?q=ataxia, client built on it) on " + where + ":");
                coldStarts(routes.searchRoot, RouteFunctions.SEARCH_HANDLER, classpath(runtimeLib), routes.searchEnv,
                    routes.search, launches, pin);
                System.out.println("the media function, " + RouteFunctions.MEDIA_HANDLER
                    + ", first media request (a 302 to a presigned GET, S3 client built on it) on " + where + ":");
                coldStarts(routes.mediaRoot, RouteFunctions.MEDIA_HANDLER, classpath(runtimeLib), routes.mediaEnv,
                    routes.media, launches, pin);
              }
            }
            if (taskset.isEmpty()) {
              System.out.println("(no taskset on the PATH: the launches on one CPU were skipped)");
            }
          } finally {
            delete(taskRoot);
            delete(floorRoot);
            if (routes != null) {
              routes.close();
            }
          }
        }
        // The function as Lambda builds it (its data source, page cap and compression), in this JVM.
        ImsLambdaHandler function = ImsFunction.assemble(functionEnv);
        warm(function, "detail GET /api/v0/cell-lines/SAMEA2590882", detail, iterations);
        byte[] capped = event("/api/v0/cell-lines", "limit=250", key);
        byte[] cappedGzip = event("/api/v0/cell-lines", "limit=250", key, true);
        warm(function, "page GET /api/v0/cell-lines?limit=250", capped, Math.max(10, iterations / 40));
        warm(function, "page GET /api/v0/cell-lines?limit=250 with gzip", cappedGzip, Math.max(10, iterations / 40));
        // The library without the cap, as a host application would serve the reference's largest page.
        ImsLambdaHandler library = ImsApplication.builder().dataSource(dataSource)
            .auth(ApiKeyAuthentication.requiring(ApiKeys.create(dataSource), Role.PARTNER)).compression(true).build();
        warm(library, "page GET /api/v0/cell-lines?limit=1000 with gzip (library, no cap)", page,
            Math.max(10, iterations / 100));

        if (serve) {
          Path eventFile = Files.createTempFile("ims-httpapi-v2-get-cell-line", ".json");
          Files.write(eventFile, detail);
          System.out.printf("%nServing until stopped. Function environment:%n");
          functionEnv.forEach((k, v) -> System.out.printf("  --env %s=%s%n", k, v));
          System.out.printf("Event with the partner key: %s%n", eventFile);
          new CountDownLatch(1).await();
        }
      }
    }
  }

  /** The executable {@code name} in a directory of the PATH, if any. */
  private static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    return Optional.empty();
  }

  /** Migrates, loads the sample and generated lines where missing, and returns a new partner key. */
  private static String prepare(HikariDataSource dataSource) {
    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository lines = CellLineRepository.create(dataSource);
    SampleDataLoader loader = SampleDataLoader.create(lines);
    if (lines.count() < SampleData.all().size() + SYNTHETIC_LINES) {
      long start = System.nanoTime();
      loader.loadMissing(SampleData.all());
      loader.loadMissing(SyntheticCellLines.generate(SYNTHETIC_LINES, 1L));
      System.out.printf("loaded the sample and %d generated cell lines in %.1f s%n",
          SYNTHETIC_LINES, (System.nanoTime() - start) / 1e9);
    }
    ApiKeys keys = ApiKeys.create(dataSource);
    if (!keys.userExists(PARTNER)) {
      keys.createUser(PARTNER, Role.PARTNER);
    }
    IssuedKey key = keys.issue(PARTNER);
    return PARTNER + ":" + key.key();
  }

  /**
   * A package holding only the floor anchor's class and the two libraries it needs (the PostgreSQL
   * driver and the Lambda core interfaces), taken from the function's unpacked package and laid
   * out the same way: classes unpacked at the top.
   */
  private static void floorPackage(Path functionRoot, Path floorRoot) throws IOException {
    for (String tree : List.of("org/postgresql", "com/amazonaws/services/lambda/runtime", "META-INF/services/java.sql.Driver")) {
      Path source = functionRoot.resolve(tree);
      if (!Files.exists(source)) {
        throw new IllegalStateException("the function's package has no " + tree);
      }
      try (Stream<Path> files = Files.walk(source)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path target = floorRoot.resolve(functionRoot.relativize(file).toString());
          Files.createDirectories(target.getParent());
          Files.copy(file, target);
        }
      }
    }
    String resource = JdbcFloorHandler.class.getName().replace('.', '/') + ".class";
    Path target = floorRoot.resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream in = LambdaColdStartBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("cannot find " + resource + " on the class path");
      }
      Files.copy(in, target);
    }
  }

  private static void coldStarts(Path taskRoot, String handler, String classpath, Map<String, String> functionEnv,
      byte[] event, int launches, List<String> pin) throws Exception {
    List<Double> measured = new ArrayList<>();
    for (int n = 0; n < launches; n++) {
      Outcome outcome = launch(taskRoot, handler, classpath, functionEnv, event, pin);
      System.out.printf("launch %d%s: first response after %.0f ms, statusCode %s%n",
          n + 1, n == 0 ? " (warm-up, discarded)" : "", outcome.millis(), outcome.status());
      if (n > 0) {
        measured.add(outcome.millis());
      }
    }
    if (!measured.isEmpty()) {
      double[] values = measured.stream().mapToDouble(Double::doubleValue).toArray();
      System.out.printf("cold start, launch to first response: median %.0f ms (min %.0f, max %.0f) over %d launches%n",
          percentile(values, 0.5), Arrays.stream(values).min().orElse(0), Arrays.stream(values).max().orElse(0),
          values.length);
    }
  }

  /**
   * The search and media packages beside the main one, unpacked, with a real OpenSearch node holding
   * the catalogue and a real S3-protocol server holding one PDF: their first request after a cold
   * start builds their client, which is what these launches measure. Null when the packages are not
   * beside the main one.
   */
  private static final class RouteFunctions implements AutoCloseable {
    static final String SEARCH_HANDLER = "org.cellbank.ims.examples.lambda.SearchFunction::handleRequest";
    static final String MEDIA_HANDLER = "org.cellbank.ims.examples.lambda.MediaFunction::handleRequest";

    private final org.cellbank.ims.testkit.ImsOpenSearch node;
    private final org.cellbank.ims.testkit.ImsS3 s3;
    final Path searchRoot;
    final Path mediaRoot;
    final Map<String, String> searchEnv;
    final Map<String, String> mediaEnv;
    final byte[] search;
    final byte[] media;

    private RouteFunctions(org.cellbank.ims.testkit.ImsOpenSearch node, org.cellbank.ims.testkit.ImsS3 s3,
        Path searchRoot, Path mediaRoot, Map<String, String> searchEnv, Map<String, String> mediaEnv, byte[] search,
        byte[] media) {
      this.node = node;
      this.s3 = s3;
      this.searchRoot = searchRoot;
      this.mediaRoot = mediaRoot;
      this.searchEnv = searchEnv;
      this.mediaEnv = mediaEnv;
      this.search = search;
      this.media = media;
    }

    static RouteFunctions prepare(Path mainZip, javax.sql.DataSource dataSource, Map<String, String> functionEnv,
        String key) throws IOException {
      Path searchZip = mainZip.resolveSibling("ims-search-lambda.zip");
      Path mediaZip = mainZip.resolveSibling("ims-media-lambda.zip");
      if (!Files.exists(searchZip) || !Files.exists(mediaZip)) {
        System.out.println("(no ims-search-lambda.zip and ims-media-lambda.zip beside the package: the first search"
            + " and media requests are not measured)");
        return null;
      }
      System.out.printf("package %s: %.2f MB; package %s: %.2f MB%n", searchZip, Files.size(searchZip) / 1e6, mediaZip,
          Files.size(mediaZip) / 1e6);
      org.cellbank.ims.testkit.ImsOpenSearch node = org.cellbank.ims.testkit.ImsOpenSearch.builder().docker(false).build();
      org.cellbank.ims.search.OpenSearchCatalogueIndex index = org.cellbank.ims.search.OpenSearchCatalogueIndex.builder()
          .client(org.cellbank.ims.search.OpenSearchClients.http(node.httpUrl()).client()).alias("ims-catalogue")
          .replicas(0).build();
      index.rebuild(org.cellbank.ims.core.db.CatalogueDocuments.allVisible(CellLineRepository.create(dataSource)), n -> { });
      org.cellbank.ims.testkit.ImsS3 s3 = org.cellbank.ims.testkit.ImsS3.builder().docker(false).build();
      software.amazon.awssdk.auth.credentials.StaticCredentialsProvider credentials =
          software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
              software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
      org.cellbank.ims.aws.storage.S3MediaStore store = org.cellbank.ims.aws.storage.S3MediaStore.builder()
          .s3(software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(s3.endpoint())
              .region(software.amazon.awssdk.regions.Region.of(s3.region())).credentialsProvider(credentials)
              .forcePathStyle(true)
              .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
              .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
              .build())
          .presigner(software.amazon.awssdk.services.s3.presigner.S3Presigner.builder().endpointOverride(s3.endpoint())
              .region(software.amazon.awssdk.regions.Region.of(s3.region())).credentialsProvider(credentials)
              .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                  .pathStyleAccessEnabled(true).build())
              .build())
          .bucket(s3.bucket()).build();
      byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
      String mediaKey = store.put(org.cellbank.ims.core.media.MediaKind.INFORMATION_PACK, "clip.pdf",
          new java.io.ByteArrayInputStream(pdf)).key().value();
      Map<String, String> searchEnv = new LinkedHashMap<>(functionEnv);
      searchEnv.put("IMS_OPENSEARCH_URL", node.httpUrl());
      Map<String, String> mediaEnv = new LinkedHashMap<>(functionEnv);
      mediaEnv.put("IMS_MEDIA_BUCKET", s3.bucket());
      mediaEnv.put("AWS_REGION", s3.region());
      mediaEnv.put("IMS_S3_ENDPOINT", s3.endpoint().toString());
      mediaEnv.put("AWS_ACCESS_KEY_ID", s3.accessKey());
      mediaEnv.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
      Path searchRoot = Files.createTempDirectory("ims-lambda-search");
      Path mediaRoot = Files.createTempDirectory("ims-lambda-media");
      unzip(searchZip, searchRoot);
      unzip(mediaZip, mediaRoot);
      return new RouteFunctions(node, s3, searchRoot, mediaRoot, searchEnv, mediaEnv,
          event("/api/v0/search", "q=ataxia", key), event("/media/" + mediaKey, "", key));
    }

    @Override
    public void close() throws IOException {
      delete(searchRoot);
      delete(mediaRoot);
      node.close();
      s3.close();
    }
  }

  /** Wall ms to the first response, its status and answer, and the child's CPU ms until then (NaN if unknown). */
  private record Outcome(double millis, String status, byte[] body, double cpuMillis) {}

  /**
   * Launches each package and the floor anchor in turn, {@code launches} rounds on all CPUs and as
   * many on one, the first round discarded, the order rotating each round; then the warm detail
   * latency of each package in a JVM of its own (three rounds, interleaved).
   */
  private static void compareRun(Map<String, Path> packages, Path runtimeLib, Map<String, String> functionEnv,
      byte[] event, int launches, int iterations) throws Exception {
    String floorName = "floor";
    Map<String, Path> roots = new LinkedHashMap<>();
    List<Path> temporary = new ArrayList<>();
    try {
      for (Map.Entry<String, Path> p : packages.entrySet()) {
        Path root = Files.createTempDirectory("ims-lambda-task-" + p.getKey());
        temporary.add(root);
        unzip(p.getValue(), root);
        roots.put(p.getKey(), root);
        System.out.printf("package %s = %s: %.2f MB (%d bytes), %d files%n", p.getKey(), p.getValue(),
            Files.size(p.getValue()) / 1e6, Files.size(p.getValue()), countFiles(root));
      }
      Path floorRoot = Files.createTempDirectory("ims-lambda-floor");
      temporary.add(floorRoot);
      floorPackage(roots.values().iterator().next(), floorRoot);
      List<String> names = new ArrayList<>(roots.keySet());
      names.add(floorName);
      String mainName = names.get(0);
      String classpath = classpath(runtimeLib);

      List<List<String>> placements = new ArrayList<>();
      placements.add(List.of());
      Optional<Path> taskset = onPath("taskset");
      if (taskset.isPresent()) {
        placements.add(List.of(taskset.get().toString(), "-c", "0"));
      } else {
        System.out.println("(no taskset on the PATH: the launches on one CPU are skipped)");
      }
      List<String> summary = new ArrayList<>();
      for (List<String> pin : placements) {
        String where = pin.isEmpty() ? "all CPUs" : "one CPU (taskset -c 0)";
        System.out.printf("interleaved cold starts on %s, %d rounds (the first discarded) of %s:%n", where, launches,
            String.join(", ", names));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Map<String, byte[]> firstBody = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> statuses = new LinkedHashMap<>();
        for (String name : names) {
          times.put(name, new ArrayList<>());
          cpu.put(name, new ArrayList<>());
          statuses.put(name, new java.util.TreeSet<>());
        }
        for (int round = 0; round < launches; round++) {
          StringBuilder line = new StringBuilder(String.format("round %d%s:", round + 1,
              round == 0 ? " (warm-up, discarded)" : ""));
          for (int k = 0; k < names.size(); k++) {
            String name = names.get((k + round) % names.size());
            boolean floor = name.equals(floorName);
            Outcome o = launch(floor ? floorRoot : roots.get(name), floor ? FLOOR_HANDLER : HANDLER, classpath,
                functionEnv, event, pin);
            line.append(String.format(" %s %.0f ms (%s);", name, o.millis(), o.status()));
            statuses.get(name).add(o.status());
            firstBody.putIfAbsent(name, o.body());
            if (round > 0) {
              times.get(name).add(o.millis());
              cpu.get(name).add(o.cpuMillis());
            }
          }
          System.out.println(line);
        }
        if (launches < 2) {
          continue;
        }
        System.out.printf("summary on %s (ms from launch to first response, %d launches each):%n", where,
            launches - 1);
        double[] main = toArray(times.get(mainName));
        for (String name : names) {
          double[] v = toArray(times.get(name));
          String row = String.format("  %-14s median %6.0f  p25 %6.0f  p75 %6.0f  min %6.0f  max %6.0f  status %s",
              name, percentile(v, 0.5), percentile(v, 0.25), percentile(v, 0.75),
              Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0), statuses.get(name));
          System.out.println(row);
          summary.add(where + ": " + row.trim());
        }
        double[] mainCpu = toArray(cpu.get(mainName));
        for (String name : names) {
          double[] c = toArray(cpu.get(name));
          String row = String.format("  %-14s CPU ms until the answer (all threads): median %6.0f  p25 %6.0f  p75 %6.0f",
              name, percentile(c, 0.5), percentile(c, 0.25), percentile(c, 0.75));
          if (!name.equals(mainName) && !name.equals(floorName)) {
            double[] paired = new double[c.length];
            for (int i = 0; i < c.length; i++) {
              paired[i] = c[i] - mainCpu[i];
            }
            row += String.format("; minus %s paired: median %+.0f, p25 %+.0f, p75 %+.0f", mainName,
                percentile(paired, 0.5), percentile(paired, 0.25), percentile(paired, 0.75));
          }
          System.out.println(row);
          summary.add(where + ": " + row.trim());
        }
        double floorMedian = percentile(toArray(times.get(floorName)), 0.5);
        for (String name : names) {
          if (name.equals(floorName)) {
            continue;
          }
          double[] v = toArray(times.get(name));
          String row = String.format("  %-14s minus floor: %+.0f ms (medians)", name, percentile(v, 0.5) - floorMedian);
          System.out.println(row);
          summary.add(where + ": " + row.trim());
          if (name.equals(mainName)) {
            continue;
          }
          double[] paired = new double[v.length];
          for (int i = 0; i < v.length; i++) {
            paired[i] = v[i] - main[i];
          }
          row = String.format("  %-14s minus %s: %+.0f ms (medians), paired per round: median %+.0f ms, "
              + "p25 %+.0f, p75 %+.0f; answer %s", name, mainName, percentile(v, 0.5) - percentile(main, 0.5),
              percentile(paired, 0.5), percentile(paired, 0.25), percentile(paired, 0.75),
              Arrays.equals(firstBody.get(name), firstBody.get(mainName)) ? "byte-identical to " + mainName
                  : "DIFFERS from " + mainName + "'s (" + firstBody.get(name).length + " vs "
                  + firstBody.get(mainName).length + " bytes)");
          System.out.println(row);
          summary.add(where + ": " + row.trim());
        }
      }

      // Warm latency of each package's own classes, in its own JVM with the Lambda flags.
      Path probeDir = Files.createTempDirectory("ims-warm-probe");
      temporary.add(probeDir);
      String resource = WarmProbe.class.getName().replace('.', '/') + ".class";
      Path target = probeDir.resolve(resource);
      Files.createDirectories(target.getParent());
      try (InputStream in = LambdaColdStartBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
        Files.copy(Objects.requireNonNull(in, resource), target);
      }
      Path eventFile = probeDir.resolve("event.json");
      Files.write(eventFile, event);
      Map<String, List<Double>> p50s = new LinkedHashMap<>();
      Map<String, List<Double>> p99s = new LinkedHashMap<>();
      for (int round = 0; round < 3; round++) {
        for (String name : roots.keySet()) {
          double[] r = probe(probeDir, roots.get(name), functionEnv, eventFile, iterations);
          p50s.computeIfAbsent(name, k -> new ArrayList<>()).add(r[0]);
          p99s.computeIfAbsent(name, k -> new ArrayList<>()).add(r[1]);
        }
      }
      for (String name : roots.keySet()) {
        String row = String.format("warm detail in the package's own JVM (Lambda flags, %d calls, 3 runs): %s p50 %s ms "
            + "(median %.3f), p99 %s ms", iterations, name, p50s.get(name), percentile(toArray(p50s.get(name)), 0.5),
            p99s.get(name));
        System.out.println(row);
        summary.add(row);
      }
      System.out.println("comparison summary:");
      summary.forEach(r -> System.out.println("  " + r));
    } finally {
      for (Path dir : temporary) {
        delete(dir);
      }
    }
  }

  /** Runs {@link WarmProbe} on one unpacked package; returns p50 and p99 in ms. */
  private static double[] probe(Path probeDir, Path taskRoot, Map<String, String> functionEnv, Path eventFile,
      int iterations) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(LAMBDA_JVM_FLAGS.split(" ")));
    command.addAll(List.of("-cp", probeDir + File.pathSeparator + taskRoot, WarmProbe.class.getName(),
        eventFile.toString(), Integer.toString(iterations)));
    ProcessBuilder pb = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    String path = env.getOrDefault("PATH", "/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    env.put("TZ", ":UTC");
    env.putAll(functionEnv);
    Process child = pb.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!child.waitFor(120, TimeUnit.SECONDS)) {
      child.destroyForcibly();
    }
    for (String line : output.split("\n")) {
      if (line.startsWith("p50 ")) {
        String[] f = line.trim().split(" ");
        return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[3])};
      }
    }
    throw new IllegalStateException("the warm probe printed no result:\n" + output);
  }

  /**
   * The CPU time of a live process's threads in ms, from {@code /proc/PID/task/TID/schedstat}
   * (nanoseconds on a CPU; threads that already ended are not counted), or NaN where there is none.
   */
  private static double cpuMillis(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (pid < 0 || !Files.isDirectory(tasks)) {
      return Double.NaN;
    }
    long nanos = 0;
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        try {
          String stat = Files.readString(thread.resolve("schedstat")).trim();
          nanos += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return Double.NaN;
    }
    return nanos / 1e6;
  }

  private static long countFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Launches one runtime and returns the ms from launch to its first response, and that response's status. */
  private static Outcome launch(Path taskRoot, String handler, String classpath, Map<String, String> functionEnv,
      byte[] event, List<String> pin) throws Exception {
    ExecutorService executor = Executors.newCachedThreadPool();
    HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    CompletableFuture<byte[]> response = new CompletableFuture<>();
    long[] answeredAt = new long[1];
    double[] cpuAtAnswer = {Double.NaN};
    java.util.concurrent.atomic.AtomicLong childPid = new java.util.concurrent.atomic.AtomicLong(-1);
    AtomicBoolean delivered = new AtomicBoolean();
    CountDownLatch stop = new CountDownLatch(1);
    api.setExecutor(executor);
    api.createContext(PREFIX, exchange -> {
      try {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(PREFIX + "invocation/next")) {
          if (delivered.compareAndSet(false, true)) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", "req-1");
            exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
            exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:eu-west-1:123456789012:function:ims");
            exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
            reply(exchange, 200, event);
          } else {
            stop.await();
            reply(exchange, 500, new byte[0]);
          }
        } else if (path.equals(PREFIX + "invocation/req-1/response")) {
          answeredAt[0] = System.nanoTime();
          cpuAtAnswer[0] = cpuMillis(childPid.get());
          response.complete(exchange.getRequestBody().readAllBytes());
          reply(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
        } else {
          byte[] body = exchange.getRequestBody().readAllBytes();
          response.completeExceptionally(new IllegalStateException(
              "the runtime called " + path + ": " + new String(body, StandardCharsets.UTF_8)));
          reply(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        exchange.close();
      }
    });
    api.start();

    List<String> command = new ArrayList<>(pin);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(LAMBDA_JVM_FLAGS.split(" ")));
    command.addAll(List.of("-cp", classpath, RIC_MAIN, handler));
    Path log = Files.createTempFile("ims-lambda-child", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(taskRoot.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    String path = env.getOrDefault("PATH", "/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort());
    env.put("_HANDLER", handler);
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
    env.put("AWS_LAMBDA_FUNCTION_NAME", "ims");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/ims");
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/28/[$LATEST]00000000000000000000000000000000");
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_DEFAULT_REGION", "eu-west-1");
    env.putAll(functionEnv);

    long start = System.nanoTime();
    Process child = pb.start();
    childPid.set(child.pid());
    try {
      byte[] body;
      try {
        body = response.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("no response from the runtime (alive: " + child.isAlive()
            + "); its output:\n" + Files.readString(log), e);
      }
      JsonObject answer = JsonReader.create().read(body).asObject();
      String status = answer.findNumber("statusCode").map(n -> Long.toString(n.longValue())).orElse("none");
      return new Outcome((answeredAt[0] - start) / 1e6, status, body, cpuAtAnswer[0]);
    } finally {
      stop.countDown();
      child.destroy();
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor();
      }
      api.stop(0);
      executor.shutdownNow();
      Files.deleteIfExists(log);
    }
  }

  private static void warm(ImsLambdaHandler handler, String label, byte[] event, int iterations) {
    byte[] first = handler.handle(event);
    JsonObject answer = JsonReader.create().read(first).asObject();
    String status = answer.findNumber("statusCode").map(n -> Long.toString(n.longValue())).orElse("none");
    int bodyBytes = answer.findBoolean("isBase64Encoded").orElse(false)
        ? java.util.Base64.getDecoder().decode(answer.findString("body").orElse("")).length
        : answer.findString("body").orElse("").getBytes(StandardCharsets.UTF_8).length;
    for (int i = 0; i < iterations; i++) {
      handler.handle(event);
    }
    double[] millis = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long t = System.nanoTime();
      handler.handle(event);
      millis[i] = (System.nanoTime() - t) / 1e6;
    }
    System.out.printf("warm in-process %s (statusCode %s, body %.2f MB, Lambda answer %.2f MB): "
        + "p50 %.2f ms, p99 %.2f ms over %d calls%n", label, status, bodyBytes / 1e6, first.length / 1e6,
        percentile(millis, 0.5), percentile(millis, 0.99), iterations);
  }

  /** An API Gateway HTTP API (payload 2.0) GET event carrying the partner's key. */
  static byte[] event(String path, String query, String apiKey) {
    return event(path, query, apiKey, false);
  }

  /** The same event, asking for a gzip answer when {@code gzip} is set. */
  static byte[] event(String path, String query, String apiKey, boolean gzip) {
    String json = "{\"version\":\"2.0\",\"routeKey\":\"$default\","
        + "\"rawPath\":\"" + path + "\",\"rawQueryString\":\"" + query + "\","
        + "\"headers\":{\"accept\":\"application/json\",\"authorization\":\"ApiKey " + apiKey + "\","
        + (gzip ? "\"accept-encoding\":\"gzip\"," : "")
        + "\"host\":\"abcdef1234.execute-api.eu-west-1.amazonaws.com\",\"x-forwarded-proto\":\"https\"},"
        + (query.isEmpty() ? "" : "\"queryStringParameters\":{" + queryParameters(query) + "},")
        + "\"requestContext\":{\"accountId\":\"123456789012\",\"apiId\":\"abcdef1234\","
        + "\"domainName\":\"abcdef1234.execute-api.eu-west-1.amazonaws.com\",\"domainPrefix\":\"abcdef1234\","
        + "\"http\":{\"method\":\"GET\",\"path\":\"" + path + "\",\"protocol\":\"HTTP/1.1\","
        + "\"sourceIp\":\"198.51.100.7\",\"userAgent\":\"ims-bench\"},"
        + "\"requestId\":\"bench\",\"routeKey\":\"$default\",\"stage\":\"$default\","
        + "\"time\":\"28/Nov/2026:10:00:00 +0000\",\"timeEpoch\":1795860000000},"
        + "\"isBase64Encoded\":false}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String queryParameters(String query) {
    List<String> pairs = new ArrayList<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      pairs.add("\"" + pair.substring(0, eq) + "\":\"" + pair.substring(eq + 1) + "\"");
    }
    return String.join(",", pairs);
  }

  private static String classpath(Path runtimeLib) throws IOException {
    try (Stream<Path> jars = Files.list(runtimeLib)) {
      List<String> entries = jars.filter(p -> p.toString().endsWith(".jar")).sorted()
          .map(p -> p.toAbsolutePath().toString()).toList();
      if (entries.isEmpty()) {
        throw new IllegalArgumentException("no runtime interface client jars in " + runtimeLib);
      }
      return String.join(File.pathSeparator, entries);
    }
  }

  private static void unzip(Path zip, Path target) throws IOException {
    try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("zip entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(entries, out);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
