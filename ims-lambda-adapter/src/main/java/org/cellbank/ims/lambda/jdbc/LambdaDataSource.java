package org.cellbank.ims.lambda.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * A {@link DataSource} for one Lambda container: at most one or two physical connections, opened
 * on demand (or in the background during init, see {@link #openInBackground(Runnable)}), kept open across
 * invocations and handed out again when closed by the caller. No pool thread, no reflection.
 *
 * <p>Lambda serves one request at a time per container, so a general-purpose pool only adds start-up
 * time: its classes, its housekeeping thread, its metrics. This one keeps idle connections in a
 * list, checks a connection that stayed idle longer than {@link Builder#validationAfterIdle(Duration)}
 * with {@link Connection#isValid(int)} (a frozen container may find its connection closed by the
 * server or a NAT), and drops a connection that turned out broken.
 *
 * <p>The JDBC driver is found once, on the first connection, among the {@link Driver} services of
 * the thread's context class loader and then of this class's loader (the first that accepts the
 * URL), and called directly: {@link DriverManager} is asked only when none does. This skips
 * {@code DriverManager}'s scan of every library on a cold start, and finds the function's own
 * driver in a host where {@code DriverManager} was initialised by another class loader.
 *
 * <pre>{@code
 * LambdaDataSource db = LambdaDataSource.builder()
 *     .url(jdbcUrl)            // the application's settings, e.g. from its environment
 *     .user(user)
 *     .password(password)
 *     .maxConnections(2)
 *     .build();
 * // Connect, then run a first query, on a second thread while this one assembles the function.
 * db.openInBackground(() -> apiKeys.authenticate("warm-up", "-"));
 * ...
 * db.awaitOpen(Duration.ofSeconds(10));  // fail the init phase when the database is unreachable
 * }</pre>
 *
 * <p>A connection handed out is a wrapper: {@link Connection#close()} rolls back an unfinished
 * transaction, restores auto-commit and read-write mode, and returns the physical connection; any
 * later use of the wrapper fails. Statements the caller leaves open stay open on the physical
 * connection, so close them. Thread-safe; when all connections are in use, {@link #getConnection()}
 * waits up to {@link Builder#checkoutTimeout(Duration)}.
 */
public final class LambdaDataSource implements DataSource, AutoCloseable {

  private final String url;
  private final Properties properties;
  private final Supplier<Credentials> credentials;
  private final int maxConnections;
  private final long validationAfterIdleNanos;
  private final long checkoutTimeoutNanos;
  private volatile Driver driver;

  // Guarded by "this".
  private final Deque<Idle> idle = new ArrayDeque<>();
  private int open;
  private int opening;
  private boolean backgroundRunning;
  private Exception backgroundFailure;
  private boolean closed;

  private LambdaDataSource(Builder b) {
    this.url = b.url;
    this.properties = b.properties;
    this.credentials = b.credentials;
    this.maxConnections = b.maxConnections;
    this.validationAfterIdleNanos = b.validationAfterIdle.toNanos();
    this.checkoutTimeoutNanos = b.checkoutTimeout.toNanos();
  }

  /** A builder; {@link Builder#url(String)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts opening one connection on a background daemon thread and returns at once; the first
   * {@link #getConnection()} waits for it. Same as {@code openInBackground(null)}.
   */
  public void openInBackground() {
    openInBackground(null);
  }

  /**
   * Starts opening one connection on a background daemon thread, then runs {@code warmUp} on that
   * thread, and returns at once. The warm-up may use this data source (it gets the new connection):
   * a Lambda function runs its first queries there, so the driver and the query path load while
   * the main thread assembles the rest. Does nothing when a connection is open or opening, or while
   * an earlier background start runs. Failures are kept for {@link #awaitOpen(Duration)}; a later
   * {@link #getConnection()} tries to connect again.
   *
   * @param warmUp run after the connection opened, or {@code null}
   */
  public void openInBackground(Runnable warmUp) {
    synchronized (this) {
      if (closed || backgroundRunning || open + opening > 0) {
        return;
      }
      opening++;
      backgroundRunning = true;
      backgroundFailure = null;
    }
    Thread thread = new Thread(new BackgroundOpen(this, warmUp), "ims-db-open");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Waits until the background start of {@link #openInBackground(Runnable)} is over: a connection
   * is open and the warm-up ran.
   *
   * @throws SQLException when connecting failed (state {@code 08...}), the warm-up failed (its
   *     exception is the cause), or the timeout passed
   */
  public void awaitOpen(Duration timeout) throws SQLException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (backgroundRunning) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SQLException("no database connection after " + timeout.toMillis() + " ms: " + safeUrl(), "08001");
        }
        waitNanos(left);
      }
      if (backgroundFailure != null) {
        Exception failure = backgroundFailure;
        backgroundFailure = null;
        if (failure instanceof SQLException e) {
          throw e;
        }
        throw new SQLException("the warm-up after connecting failed: " + failure.getMessage(), failure);
      }
    }
  }

  private void openAndWarmUp(Runnable warmUp) {
    Connection physical = null;
    Exception failure = null;
    try {
      physical = connect();
    } catch (SQLException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new SQLException("could not connect to " + safeUrl() + ": " + e, "08001", e);
    }
    synchronized (this) {
      opening--;
      if (physical != null && !closed) {
        open++;
        idle.push(new Idle(physical, System.nanoTime()));
      } else if (physical != null) {
        closeQuietly(physical);
      }
      notifyAll();
    }
    if (failure == null && warmUp != null) {
      try {
        warmUp.run();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    synchronized (this) {
      backgroundFailure = failure;
      backgroundRunning = false;
      notifyAll();
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    long deadline = System.nanoTime() + checkoutTimeoutNanos;
    while (true) {
      Idle candidate;
      synchronized (this) {
        while (true) {
          if (closed) {
            throw new SQLException("the data source is closed", "08003");
          }
          if (!idle.isEmpty()) {
            candidate = idle.pop();
            break;
          }
          if (open + opening < maxConnections) {
            opening++;
            candidate = null;
            break;
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new SQLException("all " + maxConnections + " database connections are in use", "08001");
          }
          waitNanos(left);
        }
      }
      if (candidate == null) {
        return borrowNew();
      }
      if (usable(candidate)) {
        return new ContainerConnection(candidate.connection, this);
      }
      discard(candidate.connection);
    }
  }

  private Connection borrowNew() throws SQLException {
    Connection physical;
    try {
      physical = connect();
    } catch (SQLException | RuntimeException e) {
      synchronized (this) {
        opening--;
        notifyAll();
      }
      throw e;
    }
    synchronized (this) {
      opening--;
      open++;
    }
    return new ContainerConnection(physical, this);
  }

  private boolean usable(Idle candidate) {
    if (System.nanoTime() - candidate.since < validationAfterIdleNanos) {
      return true;
    }
    try {
      return candidate.connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Takes a connection back from a closed wrapper; {@code broken} ones are closed and forgotten. */
  void release(Connection physical, boolean broken) {
    if (!broken) {
      synchronized (this) {
        if (!closed) {
          idle.push(new Idle(physical, System.nanoTime()));
          notifyAll();
          return;
        }
      }
    }
    discard(physical);
  }

  private void discard(Connection physical) {
    closeQuietly(physical);
    synchronized (this) {
      open--;
      notifyAll();
    }
  }

  /**
   * Closes the idle connections and keeps the data source usable: the next
   * {@link #getConnection()} or {@link #openInBackground()} connects again. For a snapshot (Lambda
   * SnapStart, see {@link CheckpointHooks}), which must not hold a connection the restored copies
   * would share.
   *
   * @return how many connections were closed
   */
  public int closeIdle() {
    Deque<Idle> toClose;
    synchronized (this) {
      toClose = new ArrayDeque<>(idle);
      open -= idle.size();
      idle.clear();
      notifyAll();
    }
    for (var i : toClose) {
      closeQuietly(i.connection);
    }
    return toClose.size();
  }

  /** Closes the idle connections; connections in use close when their wrappers are closed. */
  @Override
  public void close() {
    Deque<Idle> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      open -= idle.size();
      idle.clear();
      notifyAll();
    }
    for (var i : toClose) {
      closeQuietly(i.connection);
    }
  }

  /** The background start; a named class, not a lambda: it runs in every cold start (docs/lambda.md). */
  private static final class BackgroundOpen implements Runnable {
    private final LambdaDataSource source;
    private final Runnable warmUp;

    BackgroundOpen(LambdaDataSource source, Runnable warmUp) {
      this.source = source;
      this.warmUp = warmUp;
    }

    @Override
    public void run() {
      source.openAndWarmUp(warmUp);
    }
  }

  private Connection connect() throws SQLException {
    Properties connectWith = properties;
    if (credentials != null) {
      Credentials current;
      try {
        current = Objects.requireNonNull(credentials.get(), "the credentials supplier returned null");
      } catch (RuntimeException e) {
        throw new SQLException("could not get the database credentials: " + e.getMessage(), "08001", e);
      }
      connectWith = new Properties();
      connectWith.putAll(properties);
      connectWith.setProperty("user", current.user());
      connectWith.setProperty("password", current.password());
    }
    Connection c = driver().connect(url, connectWith);
    if (c == null) {
      throw new SQLException("no JDBC driver accepts the URL " + safeUrl(), "08001");
    }
    return c;
  }

  private Driver driver() throws SQLException {
    Driver found = driver;
    if (found == null) {
      found = findDriver();
      driver = found;
    }
    return found;
  }

  private Driver findDriver() throws SQLException {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader own = LambdaDataSource.class.getClassLoader();
    for (ClassLoader loader : context == null || context == own ? new ClassLoader[] {own} : new ClassLoader[] {context, own}) {
      try {
        for (Driver candidate : ServiceLoader.load(Driver.class, loader)) {
          if (candidate.acceptsURL(url)) {
            return candidate;
          }
        }
      } catch (ServiceConfigurationError e) {
        // A broken provider in this loader: try the next one, then DriverManager.
      }
    }
    try {
      return DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new SQLException("no JDBC driver accepts the URL " + safeUrl(), "08001", e);
    }
  }

  // The URL without its query string, which may carry a password.
  private String safeUrl() {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  private void waitNanos(long nanos) {
    try {
      long ms = Math.max(1, nanos / 1_000_000);
      wait(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a database connection", e);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      // Looked up here, not in a static field: logging set-up stays off the connecting thread's path.
      LoggerFactory.getLogger(LambdaDataSource.class).debug("Closing a database connection failed: {}", e.toString());
    }
  }

  /** Connections physically open or being opened, in use or idle (for tests and metrics). */
  public synchronized int openConnections() {
    return open + opening;
  }

  /** Not supported: the user is configured on the builder. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("configure the user on LambdaDataSource.builder()");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // Logging goes through SLF4J.
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    throw new SQLFeatureNotSupportedException("set the driver's connect timeout as a property");
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("logging goes through SLF4J");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  private record Idle(Connection connection, long since) {}

  /**
   * A database user and password. {@link #toString()} leaves the password out.
   *
   * @param user the database user
   * @param password the password
   */
  public record Credentials(String user, String password) {
    /** Checks that neither is null. */
    public Credentials {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Credentials[user=" + user + ", password=***]";
    }
  }

  /** Builds a {@link LambdaDataSource}. Not thread-safe. */
  public static final class Builder {
    private String url;
    private final Properties properties = new Properties();
    private Supplier<Credentials> credentials;
    private int maxConnections = 1;
    private Duration validationAfterIdle = Duration.ofSeconds(1);
    private Duration checkoutTimeout = Duration.ofSeconds(10);

    private Builder() {}

    /** The JDBC URL (required), e.g. {@code jdbc:postgresql://host:5432/ims}. */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url");
      if (!url.startsWith("jdbc:")) {
        throw new IllegalArgumentException("a JDBC URL starts with jdbc:");
      }
      this.url = url;
      return this;
    }

    /** The database user. */
    public Builder user(String user) {
      return property("user", Objects.requireNonNull(user, "user"));
    }

    /** The database password; it is only passed to the driver, never logged. */
    public Builder password(String password) {
      return property("password", Objects.requireNonNull(password, "password"));
    }

    /**
     * Where the user and password come from when they change, e.g. a rotated secret: called before
     * each physical connection is opened (rarely: once per container, and after a lost connection),
     * on the thread opening it. Replaces {@link #user(String)} and {@link #password(String)}.
     */
    public Builder credentials(Supplier<Credentials> credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** A driver property, e.g. {@code connectTimeout} or {@code sslmode} for PostgreSQL. */
    public Builder property(String name, String value) {
      properties.setProperty(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * At most this many physical connections, 1 or 2 (default 1). Two let a request use a second
     * connection while it holds one, e.g. for a scheduled job's progress records.
     *
     * @throws IllegalArgumentException outside 1..2
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1 || maxConnections > 2) {
        throw new IllegalArgumentException("a Lambda container needs 1 or 2 connections: " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /** An idle connection older than this is checked before use (default 1 s; zero checks always). */
    public Builder validationAfterIdle(Duration validationAfterIdle) {
      Objects.requireNonNull(validationAfterIdle, "validationAfterIdle");
      if (validationAfterIdle.isNegative()) {
        throw new IllegalArgumentException("validationAfterIdle must not be negative");
      }
      this.validationAfterIdle = validationAfterIdle;
      return this;
    }

    /** How long {@link #getConnection()} waits when every connection is in use (default 10 s). */
    public Builder checkoutTimeout(Duration checkoutTimeout) {
      Objects.requireNonNull(checkoutTimeout, "checkoutTimeout");
      if (checkoutTimeout.isNegative() || checkoutTimeout.isZero()) {
        throw new IllegalArgumentException("checkoutTimeout must be positive");
      }
      this.checkoutTimeout = checkoutTimeout;
      return this;
    }

    /**
     * Builds the data source; it connects nothing yet.
     *
     * @throws IllegalStateException without a URL
     */
    public LambdaDataSource build() {
      if (url == null) {
        throw new IllegalStateException("a JDBC url is required");
      }
      return new LambdaDataSource(this);
    }
  }
}
