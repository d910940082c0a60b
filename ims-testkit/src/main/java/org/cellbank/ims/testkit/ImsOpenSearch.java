package org.cellbank.ims.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.node.NodeValidationException;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * A real OpenSearch 2.19 node for tests and local runs, started without Docker.
 *
 * <p>By default the node runs embedded in this JVM (an {@code org.opensearch.node.Node} with the
 * netty4 transport and the analysis-common, painless, reindex and mapper-extras modules), keeps its
 * data in a temporary directory removed on {@link #close()}, and listens for HTTP on a free port of
 * 127.0.0.1. When a Docker engine is reachable, {@link #start()} runs the
 * {@code opensearchproject/opensearch} image through Testcontainers instead (security plugin off);
 * {@link Builder#docker(boolean)} forces either choice.
 *
 * <pre>{@code
 * try (ImsOpenSearch node = ImsOpenSearch.start()) {
 *   String url = node.httpUrl(); // e.g. http://127.0.0.1:40123
 * }
 * }</pre>
 *
 * <p>Keep it out of a JVM that also runs an S3-protocol server in process (their protobuf versions
 * clash). Thread-safe. Close what you start; the {@linkplain #shared() shared} node is closed when the
 * JVM exits.
 */
public final class ImsOpenSearch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ImsOpenSearch.class);
  private static final String IMAGE = "opensearchproject/opensearch:2.19.2";

  private static volatile ImsOpenSearch shared;

  private final Node node;
  private final Path home;
  private final GenericContainer<?> container;
  private final String host;
  private final int port;

  private ImsOpenSearch(Node node, Path home, GenericContainer<?> container, String host, int port) {
    this.node = node;
    this.home = home;
    this.container = container;
    this.host = host;
    this.port = port;
  }

  /** Starts a throw-away node: Testcontainers when Docker is reachable, else embedded. */
  public static ImsOpenSearch start() {
    return builder().build();
  }

  /** Returns a builder that can force the embedded node or the container. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns one node per JVM, started on first use and stopped when the JVM exits.
   *
   * <p>Test classes share it; give each test its own index or alias names.
   */
  public static ImsOpenSearch shared() {
    ImsOpenSearch server = shared;
    if (server == null) {
      synchronized (ImsOpenSearch.class) {
        server = shared;
        if (server == null) {
          server = start();
          ImsOpenSearch toClose = server;
          Runtime.getRuntime().addShutdownHook(new Thread(toClose::close, "ims-opensearch-stop"));
          shared = server;
        }
      }
    }
    return server;
  }

  /** Whether this node runs in a Docker container rather than in this JVM. */
  public boolean isContainer() {
    return container != null;
  }

  /** The host the HTTP endpoint listens on. */
  public String host() {
    return host;
  }

  /** The HTTP port. */
  public int port() {
    return port;
  }

  /** The HTTP base URL, e.g. {@code http://127.0.0.1:40123} (plain HTTP, no authentication). */
  public String httpUrl() {
    return "http://" + host + ":" + port;
  }

  /** Stops the node and removes its temporary data directory. */
  @Override
  public void close() {
    if (container != null) {
      container.stop();
      return;
    }
    try {
      node.close();
      if (!node.awaitClose(30, java.util.concurrent.TimeUnit.SECONDS)) {
        LOG.warn("The embedded OpenSearch node did not stop within 30 s");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deleteRecursively(home);
    }
  }

  private static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.warn("Could not remove the OpenSearch data directory {}", root, e);
    }
  }

  /** Builds an {@link ImsOpenSearch}. Not thread-safe. */
  public static final class Builder {
    private Boolean docker;

    private Builder() {}

    /** Forces a Testcontainers node ({@code true}) or the embedded one ({@code false}). */
    public Builder docker(boolean docker) {
      this.docker = docker;
      return this;
    }

    /** Starts the node and waits until it answers HTTP. */
    public ImsOpenSearch build() {
      boolean useDocker = docker != null ? docker : dockerAvailable();
      return useDocker ? startContainer() : startEmbedded();
    }

    private static ImsOpenSearch startContainer() {
      GenericContainer<?> c = new GenericContainer<>(IMAGE)
          .withExposedPorts(9200)
          .withEnv("discovery.type", "single-node")
          .withEnv("DISABLE_SECURITY_PLUGIN", "true")
          .withEnv("DISABLE_INSTALL_DEMO_CONFIG", "true")
          .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
          .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow").forPort(9200)
              .withStartupTimeout(Duration.ofMinutes(3)));
      c.start();
      LOG.info("OpenSearch container {} started on port {}", IMAGE, c.getMappedPort(9200));
      return new ImsOpenSearch(null, null, c, c.getHost(), c.getMappedPort(9200));
    }

    private static ImsOpenSearch startEmbedded() {
      Path home;
      try {
        home = Files.createTempDirectory("ims-opensearch");
      } catch (IOException e) {
        throw new UncheckedIOException("could not create the OpenSearch home directory", e);
      }
      Settings settings = Settings.builder()
          .put("cluster.name", "ims-test")
          .put("node.name", "ims-test-node")
          .put("path.home", home.toString())
          .put("path.data", home.resolve("data").toString())
          .put("path.logs", home.resolve("logs").toString())
          .put("network.host", "127.0.0.1")
          .put("http.port", "0")
          .put("transport.port", "0")
          .put("http.type", "netty4")
          .put("transport.type", "netty4")
          .put("discovery.type", "single-node")
          // The shared machine's disk fill level must not turn test indices read-only.
          .put("cluster.routing.allocation.disk.threshold_enabled", false)
          .put("action.auto_create_index", false)
          .build();
      Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "ims-test-node");
      EmbeddedNode node = new EmbeddedNode(env, List.of(
          Netty4Plugin.class, CommonAnalysisPlugin.class, PainlessPlugin.class, ReindexPlugin.class,
          MapperExtrasPlugin.class));
      try {
        node.start();
      } catch (NodeValidationException | RuntimeException e) {
        try {
          node.close();
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
        deleteRecursively(home);
        throw new IllegalStateException("could not start the embedded OpenSearch node", e);
      }
      var address = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
      node.client().admin().cluster().prepareHealth().setWaitForYellowStatus().get();
      LOG.info("Embedded OpenSearch node started on {}", address);
      return new ImsOpenSearch(node, home, null, address.getAddress(), address.getPort());
    }

    private static boolean dockerAvailable() {
      try {
        return DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    }
  }

  /** A node with the modules on the test classpath (the protected constructor takes plugin classes). */
  private static final class EmbeddedNode extends Node {
    EmbeddedNode(Environment env, Collection<Class<? extends Plugin>> plugins) {
      super(env, plugins, true);
    }
  }
}
