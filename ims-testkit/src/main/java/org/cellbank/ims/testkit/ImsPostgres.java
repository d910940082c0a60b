package org.cellbank.ims.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL 17 server for tests and local runs, started without Docker.
 *
 * <p>By default the server is an embedded PostgreSQL (the zonky binaries, Linux only) that starts in
 * a second or two. When a Docker engine is reachable, {@link #start()} uses a Testcontainers
 * PostgreSQL instead; {@link Builder#docker(boolean)} forces either choice.
 *
 * <pre>{@code
 * DataSource db = ImsPostgres.shared().createDatabase(); // a fresh, empty database
 * }</pre>
 *
 * <p>Thread-safe. Close what you start; the {@linkplain #shared() shared} server is closed when the
 * JVM exits.
 */
public final class ImsPostgres implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ImsPostgres.class);
  private static final String IMAGE = "postgres:17-alpine";

  private static volatile ImsPostgres shared;

  private final EmbeddedPostgres embedded;
  private final PostgreSQLContainer container;
  private final AtomicInteger databases = new AtomicInteger();

  private ImsPostgres(EmbeddedPostgres embedded, PostgreSQLContainer container) {
    this.embedded = embedded;
    this.container = container;
  }

  /** Starts a throw-away server: Testcontainers when Docker is reachable, else embedded. */
  public static ImsPostgres start() {
    return builder().build();
  }

  /** Returns a builder for a server with a persistent data directory or a fixed port. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns one server per JVM, started on first use and stopped when the JVM exits.
   *
   * <p>Test classes share it and each {@linkplain #createDatabase() create a database} of their own.
   */
  public static ImsPostgres shared() {
    ImsPostgres server = shared;
    if (server == null) {
      synchronized (ImsPostgres.class) {
        server = shared;
        if (server == null) {
          server = start();
          ImsPostgres toClose = server;
          Runtime.getRuntime().addShutdownHook(new Thread(toClose::close, "ims-postgres-stop"));
          shared = server;
        }
      }
    }
    return server;
  }

  /** Whether this server runs in a Docker container rather than embedded. */
  public boolean isContainer() {
    return container != null;
  }

  /** The TCP port the server listens on, on the loopback interface. */
  public int port() {
    return container != null ? container.getMappedPort(5432) : embedded.getPort();
  }

  /** The host the server listens on. */
  public String host() {
    return container != null ? container.getHost() : "localhost";
  }

  /** The superuser name. */
  public String user() {
    return container != null ? container.getUsername() : "postgres";
  }

  /** The superuser password (the embedded server trusts local connections and has none). */
  public String password() {
    return container != null ? container.getPassword() : "postgres";
  }

  /** The JDBC URL of a database on this server. */
  public String jdbcUrl(String database) {
    Objects.requireNonNull(database, "database");
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
  }

  /** A data source for a database on this server (no pooling), as the superuser. */
  public DataSource dataSource(String database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(jdbcUrl(database));
    ds.setUser(user());
    ds.setPassword(password());
    return ds;
  }

  /**
   * Creates a new, empty database with a unique name and returns a data source for it.
   *
   * <p>Give each test class its own database, so test classes never see each other's rows.
   */
  public DataSource createDatabase() {
    String name = "ims_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    createDatabase(name);
    return dataSource(name);
  }

  /** Creates a database with the given name if it does not exist yet. */
  public void createDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("database name must be a lower-case SQL identifier: " + name);
    }
    try (Connection c = dataSource("postgres").getConnection();
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
  }

  /** Stops the server; an embedded server with a persistent data directory keeps its data. */
  @Override
  public void close() {
    try {
      if (container != null) {
        container.stop();
      } else {
        embedded.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds an {@link ImsPostgres}. Not thread-safe. */
  public static final class Builder {
    private Path dataDirectory;
    private int port;
    private Boolean docker;

    private Builder() {}

    /**
     * Keeps the embedded server's data in this directory across restarts (never cleaned).
     * Without it, data lives in a temporary directory removed on close.
     */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
      return this;
    }

    /** Listens on this port (embedded server only); 0, the default, picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** Forces a Testcontainers server ({@code true}) or the embedded one ({@code false}). */
    public Builder docker(boolean docker) {
      this.docker = docker;
      return this;
    }

    /** Starts the server. */
    public ImsPostgres build() {
      boolean useDocker = docker != null ? docker : dataDirectory == null && port == 0 && dockerAvailable();
      if (useDocker) {
        PostgreSQLContainer c = new PostgreSQLContainer(IMAGE);
        c.start();
        LOG.info("PostgreSQL container {} started on port {}", IMAGE, c.getMappedPort(5432));
        return new ImsPostgres(null, c);
      }
      try {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "200")
            .setServerConfig("fsync", dataDirectory == null ? "off" : "on");
        if (port != 0) {
          b.setPort(port);
        }
        if (dataDirectory != null) {
          Files.createDirectories(dataDirectory);
          b.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        EmbeddedPostgres pg = b.start();
        LOG.info("Embedded PostgreSQL started on port {}", pg.getPort());
        return new ImsPostgres(pg, null);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
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
