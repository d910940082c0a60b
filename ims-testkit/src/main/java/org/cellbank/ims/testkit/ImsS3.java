package org.cellbank.ims.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * A real S3-protocol server for tests and local runs, started without Docker.
 *
 * <p>By default the server is <a href="https://github.com/gaul/s3proxy">S3Proxy</a> running as a
 * <em>child process</em> on a free loopback port, storing objects in a directory
 * ({@code filesystem-nio2}), with freshly generated credentials that it checks (SigV2 and SigV4, so
 * a tampered presigned URL is refused) and one bucket. Its classpath never meets the caller's. When
 * a Docker engine is reachable, {@link #start()} uses LocalStack through Testcontainers instead;
 * {@link Builder#docker(boolean)} forces either choice.
 *
 * <p>This class knows nothing of the AWS SDK: configure a client from {@link #endpoint()}, {@link
 * #region()}, {@link #accessKey()} and {@link #secretKey()}, with path-style access:
 *
 * <pre>{@code
 * try (ImsS3 s3 = ImsS3.start()) {
 *   S3Client client = S3Client.builder()
 *       .endpointOverride(s3.endpoint())
 *       .region(Region.of(s3.region()))
 *       .credentialsProvider(StaticCredentialsProvider.create(
 *           AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
 *       .forcePathStyle(true)
 *       .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
 *       .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
 *       .build();
 * }
 * }</pre>
 *
 * <p>Where the S3Proxy jar comes from: the build of this module copies {@code
 * org.gaul:s3proxy:jar-with-dependencies} into {@code ims-testkit/target/s3proxy/} with the
 * maven-dependency-plugin, which also puts it into the local Maven repository. The build records both
 * paths in the resource {@code org/cellbank/ims/testkit/s3proxy.properties}; at run time the copy is
 * used when it exists, else the local-repository file. Any module that depends on this one in the
 * same reactor (its tests, the benchmark in {@code examples/}) therefore finds the jar with no
 * setting. {@link Builder#s3proxyJar(Path)} overrides the lookup.
 *
 * <p>Thread-safe. Close what you start; the {@linkplain #shared() shared} server is closed when the
 * JVM exits normally (a JVM killed with SIGKILL leaves the child process running: it has no way to
 * notice).
 */
public final class ImsS3 implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ImsS3.class);
  private static final String LOCALSTACK_IMAGE = "localstack/localstack:4.4";
  private static final String REGION = "us-east-1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String BUCKET_PATTERN = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";

  private static volatile ImsS3 shared;

  private final LocalStackContainer container;
  private final Path s3proxyJar;
  private final Path workDirectory;
  private final Path dataDirectory;
  private final boolean temporaryData;
  private final int port;
  private final String accessKey;
  private final String secretKey;
  private final String bucket;
  private Process process;

  private ImsS3(Builder b, LocalStackContainer container, Path workDirectory, int port) {
    this.container = container;
    this.s3proxyJar = b.s3proxyJar;
    this.workDirectory = workDirectory;
    this.dataDirectory = b.dataDirectory;
    this.temporaryData = b.temporaryData;
    this.port = port;
    this.accessKey = container != null ? container.getAccessKey() : randomString(20, ALPHANUMERIC);
    this.secretKey = container != null ? container.getSecretKey() : randomString(40, ALPHANUMERIC + "abcdefghijklmnopqrstuvwxyz");
    this.bucket = b.bucket;
  }

  /** Starts a throw-away server with a bucket named {@code ims-media}. */
  public static ImsS3 start() {
    return builder().build();
  }

  /** Returns a builder for a server with another bucket, a persistent directory or a fixed port. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns one server per JVM, started on first use and stopped when the JVM exits.
   *
   * <p>Test classes share it and each {@linkplain #createBucket(String) create a bucket} of their
   * own.
   */
  public static ImsS3 shared() {
    ImsS3 server = shared;
    if (server == null) {
      synchronized (ImsS3.class) {
        server = shared;
        if (server == null) {
          server = start();
          ImsS3 toClose = server;
          Runtime.getRuntime().addShutdownHook(new Thread(toClose::close, "ims-s3-stop"));
          shared = server;
        }
      }
    }
    return server;
  }

  /** Whether this server runs in a Docker container (LocalStack) rather than as S3Proxy. */
  public boolean isContainer() {
    return container != null;
  }

  /** The server's endpoint, e.g. {@code http://127.0.0.1:40213}; use path-style addressing. */
  public URI endpoint() {
    return container != null ? container.getEndpoint() : URI.create("http://127.0.0.1:" + port);
  }

  /** The region to sign requests for. */
  public String region() {
    return container != null ? container.getRegion() : REGION;
  }

  /** The access key id the server accepts. */
  public String accessKey() {
    return accessKey;
  }

  /** The secret access key the server accepts; a test secret, never a real one. */
  public String secretKey() {
    return secretKey;
  }

  /** The bucket created at start. */
  public String bucket() {
    return bucket;
  }

  /**
   * Creates another, empty bucket.
   *
   * @param name a valid S3 bucket name (lower-case letters, digits, dots and hyphens)
   * @throws IllegalArgumentException when the name is not a valid bucket name
   */
  public void createBucket(String name) {
    Objects.requireNonNull(name, "name");
    if (!name.matches(BUCKET_PATTERN)) {
      throw new IllegalArgumentException("not a valid bucket name: " + name);
    }
    if (container != null) {
      try {
        var result = container.execInContainer("awslocal", "s3", "mb", "s3://" + name);
        if (result.getExitCode() != 0) {
          throw new IllegalStateException("could not create bucket " + name + ": " + result.getStderr());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating bucket " + name, e);
      }
      return;
    }
    // The filesystem provider keeps one directory per bucket.
    try {
      Files.createDirectories(dataDirectory.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kills the S3Proxy process at once, as a crash would: open connections are reset. Objects stay
   * in the data directory; {@link #restart()} brings the server back on the same port.
   *
   * @throws UnsupportedOperationException for a container
   */
  public synchronized void stop() {
    requireEmbedded();
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Starts the S3Proxy process again (after {@link #stop()}) on the same port with the same data
   * and credentials.
   *
   * @throws UnsupportedOperationException for a container
   */
  public synchronized void restart() {
    requireEmbedded();
    stop();
    launch();
  }

  /** Stops the server and removes its temporary directories (a persistent data directory stays). */
  @Override
  public synchronized void close() {
    if (container != null) {
      container.stop();
      return;
    }
    stop();
    deleteRecursively(workDirectory);
    if (temporaryData) {
      deleteRecursively(dataDirectory);
    }
  }

  private void requireEmbedded() {
    if (container != null) {
      throw new UnsupportedOperationException("stop and restart work only with the embedded S3Proxy");
    }
  }

  private synchronized void launch() {
    Path properties = workDirectory.resolve("s3proxy.properties");
    Properties p = new Properties();
    p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
    p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    p.setProperty("s3proxy.identity", accessKey);
    p.setProperty("s3proxy.credential", secretKey);
    p.setProperty("jclouds.provider", "filesystem-nio2");
    p.setProperty("jclouds.identity", accessKey);
    p.setProperty("jclouds.credential", secretKey);
    p.setProperty("jclouds.filesystem.basedir", dataDirectory.toString());
    try (var out = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
      p.store(out, "S3Proxy started by ImsS3");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = List.of(java, "-Xmx512m", "-jar", s3proxyJar.toString(), "--properties", properties.toString());
    Path log = workDirectory.resolve("s3proxy.log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not launch S3Proxy (" + java + ")", e);
    }
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!listening()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + "; see " + log + ":\n" + tail(log));
      }
      if (Instant.now().isAfter(deadline)) {
        process.destroyForcibly();
        throw new IllegalStateException("S3Proxy did not listen on port " + port + " within " + START_TIMEOUT + "; see " + log);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IllegalStateException("interrupted while starting S3Proxy", e);
      }
    }
    LOG.info("S3Proxy {} started on {} (pid {})", s3proxyJar.getFileName(), endpoint(), process.pid());
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          LOG.warn("could not delete {}: {}", path, e.toString());
        }
      });
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dir, e.toString());
    }
  }

  private static String randomString(int length, String alphabet) {
    SecureRandom random = new SecureRandom();
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** Builds an {@link ImsS3}. Not thread-safe. */
  public static final class Builder {
    private String bucket = "ims-media";
    private Path dataDirectory;
    private boolean temporaryData;
    private int port;
    private Boolean docker;
    private Path s3proxyJar;

    private Builder() {}

    /** The bucket to create at start; {@code ims-media} by default. */
    public Builder bucket(String bucket) {
      Objects.requireNonNull(bucket, "bucket");
      if (!bucket.matches(BUCKET_PATTERN)) {
        throw new IllegalArgumentException("not a valid bucket name: " + bucket);
      }
      this.bucket = bucket;
      return this;
    }

    /**
     * Keeps the objects in this directory (one sub-directory per bucket) across restarts; never
     * cleaned. Without it, objects live in a temporary directory removed on close.
     */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
      return this;
    }

    /** Listens on this loopback port (S3Proxy only); 0, the default, picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** Forces LocalStack in Docker ({@code true}) or the S3Proxy child process ({@code false}). */
    public Builder docker(boolean docker) {
      this.docker = docker;
      return this;
    }

    /** Runs this S3Proxy {@code jar-with-dependencies} instead of the one the build recorded. */
    public Builder s3proxyJar(Path s3proxyJar) {
      this.s3proxyJar = Objects.requireNonNull(s3proxyJar, "s3proxyJar");
      return this;
    }

    /**
     * Starts the server and creates the bucket.
     *
     * @throws IllegalStateException when the S3Proxy jar cannot be found or the server does not
     *     start
     */
    public ImsS3 build() {
      boolean useDocker = docker != null ? docker : dataDirectory == null && port == 0 && dockerAvailable();
      if (useDocker) {
        LocalStackContainer c = new LocalStackContainer(LOCALSTACK_IMAGE).withServices("s3");
        c.start();
        LOG.info("LocalStack container {} started at {}", LOCALSTACK_IMAGE, c.getEndpoint());
        ImsS3 s3 = new ImsS3(this, c, null, 0);
        s3.createBucket(bucket);
        return s3;
      }
      if (s3proxyJar == null) {
        s3proxyJar = locateJar();
      }
      Path work;
      try {
        work = Files.createTempDirectory("ims-s3proxy-");
        if (dataDirectory == null) {
          dataDirectory = work.resolve("data");
          temporaryData = true;
        }
        Files.createDirectories(dataDirectory.resolve(bucket));
      } catch (IOException e) {
        throw new UncheckedIOException("could not create the S3Proxy directories", e);
      }
      ImsS3 s3 = new ImsS3(this, null, work, port != 0 ? port : freePort());
      try {
        s3.launch();
      } catch (RuntimeException e) {
        s3.close();
        throw e;
      }
      return s3;
    }

    private static Path locateJar() {
      Properties p = new Properties();
      try (InputStream in = ImsS3.class.getResourceAsStream("s3proxy.properties")) {
        if (in == null) {
          throw new IllegalStateException("s3proxy.properties is missing from ims-testkit; set Builder.s3proxyJar");
        }
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (String name : List.of("copiedJar", "repositoryJar")) {
        String value = p.getProperty(name);
        if (value != null && Files.isRegularFile(Path.of(value))) {
          return Path.of(value);
        }
      }
      throw new IllegalStateException(
          "S3Proxy " + p.getProperty("version") + " jar not found at " + p.getProperty("copiedJar") + " or "
              + p.getProperty("repositoryJar") + "; build ims-testkit (./mvnw -pl ims-testkit -am package) or set Builder.s3proxyJar");
    }

    private static int freePort() {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("could not find a free port", e);
      }
    }

    private static boolean dockerAvailable() {
      try {
        return DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    }
  }
}
