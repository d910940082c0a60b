package org.cellbank.ims.examples.local;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.cellbank.ims.core.api.MediaRoutes;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.IssuedKey;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CatalogueDocuments;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.DrainResult;
import org.cellbank.ims.core.db.OutboxDrainer;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.executive.ExecutiveApi;
import org.cellbank.ims.core.media.FileSystemMediaStore;
import org.cellbank.ims.core.media.MediaStore;
import org.cellbank.ims.core.site.FileSystemSiteStore;
import org.cellbank.ims.core.site.SiteGenerator;
import org.cellbank.ims.core.site.SiteReport;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.examples.lambda.ImsApplication;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.search.ManagedOpenSearchClient;
import org.cellbank.ims.search.OpenSearchCatalogueIndex;
import org.cellbank.ims.search.OpenSearchClients;
import org.cellbank.ims.testkit.ImsOpenSearch;
import org.cellbank.ims.testkit.ImsPostgres;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The whole IMS on one machine with embedded defaults: an embedded PostgreSQL whose data survive
 * restarts, the schema migrated, the sample data loaded into an empty database, one API key per role
 * (users {@code partner}, {@code viewer}, {@code manager}, {@code admin}; new keys at every start),
 * and HTTP on {@code 127.0.0.1} (Jetty) served through the very Lambda handler deployed on AWS (each
 * request is turned into a Lambda Function URL event, its path as the client sent it; see
 * {@link #serve(ImsLambdaHandler, int, Site)} for how strictly requests are parsed).
 *
 * <p>Media live on the file system under {@code <data-dir>/media} ({@code FileSystemMediaStore}) and
 * {@code GET /media/...} streams them; the executive file routes (CLIP, CoA and image uploads, as
 * multipart forms of at most 6 MB) store theirs there too; a small sample PDF or JPEG is put under every media key of the
 * sample data that has no file yet ({@link SampleMediaFiles}). Search runs on an embedded OpenSearch
 * node (its index lives in a temporary directory, so it is rebuilt from the visible lines at every
 * start); cell-line writes record their changes in the search outbox, which is drained at start and
 * after every executive write. The public website is generated into {@code <data-dir>/site} at every
 * start and served at {@code /} (the search page) and {@code /<name>/} (a line's page), with the
 * staff console at {@code /staff/}; each outbox drain regenerates the pages of the lines it applied.
 *
 * <p>Options: {@code --port N} (default 8080), {@code --data-dir DIR} (default {@code ims-data}
 * in the working directory), {@code --no-search} (no OpenSearch node: {@code /api/v0/search}
 * answers 404 and the outbox is not used).
 */
public final class LocalServer {

  /** The partner user whose key the server prints at start. */
  public static final String PARTNER_USER = "partner";
  /** The users, one per role, whose keys the server prints at start: partner, viewer, manager, admin. */
  public static final Map<String, Role> USERS = users();

  /** The most bytes the request line and headers may take together, as on API Gateway. */
  public static final int MAX_HEADER_BYTES = 10_240;

  private LocalServer() {}

  /** Starts the server and serves until the process is stopped. */
  public static void main(String[] args) throws Exception {
    int port = 8080;
    Path dataDir = Path.of("ims-data");
    boolean search = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
        case "--no-search" -> search = false;
        case "--help", "-h" -> {
          System.out.println("usage: LocalServer [--port 8080] [--data-dir ims-data] [--no-search]");
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
      }
    }
    ImsPostgres postgres = ImsPostgres.builder().docker(false).dataDirectory(dataDir.resolve("postgres").toAbsolutePath()).build();
    postgres.createDatabase("ims");
    HikariDataSource dataSource = pool(postgres.jdbcUrl("ims"), postgres.user(), postgres.password());

    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository.Builder linesBuilder = CellLineRepository.builder().dataSource(dataSource);
    if (search) {
      linesBuilder.searchOutbox(SearchOutbox.create(dataSource));
    }
    CellLineRepository lines = linesBuilder.build();
    if (lines.count() == 0) {
      int loaded = SampleDataLoader.create(lines).loadMissing(SampleData.all());
      System.out.printf("Loaded %d sample cell lines into the empty database.%n", loaded);
    }

    Path mediaDir = dataDir.resolve("media").toAbsolutePath();
    int files = SampleMediaFiles.ensure(mediaDir, SampleData.all());
    byte[] signingKey = new byte[32];
    new SecureRandom().nextBytes(signingKey);
    // The server serves the store's presigned URLs as S3 does on AWS: GET /media/<key> with an API
    // key redirects to one, and direct uploads PUT to one.
    FileSystemMediaStore mediaStore = FileSystemMediaStore.builder().root(mediaDir)
        .baseUri(URI.create("http://127.0.0.1:" + port + "/media/")).signingKey(signingKey).build();

    FileSystemSiteStore siteStore = FileSystemSiteStore.create(dataDir.toAbsolutePath().resolve("site"));
    SiteGenerator website = website(lines, siteStore, mediaStore, port);

    ImsOpenSearch openSearch = null;
    ManagedOpenSearchClient openSearchClient = null;
    CatalogueIndex index = null;
    OutboxDrainer drainer = null;
    String searchStatus = "off (--no-search)";
    if (search) {
      System.out.println("Starting the embedded OpenSearch node (20-30 s)...");
      openSearch = ImsOpenSearch.builder().docker(false).build();
      openSearchClient = OpenSearchClients.http(openSearch.httpUrl());
      OpenSearchCatalogueIndex openSearchIndex = OpenSearchCatalogueIndex.builder()
          .client(openSearchClient.client()).replicas(0).build();
      openSearchIndex.createIfMissing();
      index = openSearchIndex;
      long indexed = index.search(SearchQuery.builder().page(0, 0).build()).total();
      if (indexed == 0) {
        indexed = index.rebuild(CatalogueDocuments.allVisible(lines), n -> { }).documents();
      }
      drainer = OutboxDrainer.builder().dataSource(dataSource).index(index)
          .documents(CatalogueDocuments.source(lines)).afterBatch(website.drainHook()).build();
      DrainResult drained = drainer.drain();
      searchStatus = String.format("on, embedded OpenSearch at %s, %d lines indexed, outbox drained (%d changes)",
          openSearch.httpUrl(), indexed, drained.upserted() + drained.deleted());
    }

    ApiKeys apiKeys = ApiKeys.create(dataSource);
    Map<String, IssuedKey> keys = issueKeys(apiKeys);
    IssuedKey key = keys.get(PARTNER_USER);

    ImsApplication.Builder app = ImsApplication.builder()
        .dataSource(dataSource)
        .auth(ApiKeyAuthentication.requiring(apiKeys, Role.PARTNER))
        .cellLines(lines)
        .media(MediaRoutes.builder().store(mediaStore).redirect(true).build());
    if (index != null) {
      app.catalogueIndex(index);
    }
    app.executive(executiveApi(dataSource, drainer, mediaStore));
    ImsLambdaHandler handler = app.build();
    SiteReport siteReport = website.generateAll();
    int abandoned = mediaStore.cleanupPending(Duration.ofDays(1));
    LocalHttpServer server = serve(handler, port, new Site(siteStore, website.contentSecurityPolicy()), mediaStore);
    int actual = server.port();

    ImsOpenSearch openSearchToStop = openSearch;
    ManagedOpenSearchClient clientToClose = openSearchClient;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      if (clientToClose != null) {
        clientToClose.close();
      }
      if (openSearchToStop != null) {
        openSearchToStop.close();
      }
      dataSource.close();
      postgres.close();
      stopped.countDown();
    }, "ims-local-stop"));

    System.out.printf("%nIMS is running on http://127.0.0.1:%d (data in %s)%n", actual, dataDir.toAbsolutePath());
    System.out.printf("Media: %s (%d sample files added, %d abandoned direct uploads removed); GET /media/<key>"
        + " redirects to a presigned URL, as on AWS%n", mediaDir, files, abandoned);
    System.out.printf("Search: %s%n", searchStatus);
    System.out.printf("Website: http://127.0.0.1:%d/ (%d line pages, %d status pages, generated into %s)%n", actual,
        siteReport.linePages(), siteReport.statusPages(), siteStore.root());
    System.out.printf("Staff console: http://127.0.0.1:%d/staff/ (sign in with the viewer, manager or admin key below,"
        + " as user:key)%n", actual);
    System.out.printf("Send one of these headers with every request (one user per role):%n");
    for (Map.Entry<String, Role> user : USERS.entrySet()) {
      System.out.printf("  Authorization: ApiKey %s:%s   (%s)%n", user.getKey(), keys.get(user.getKey()).key(),
          user.getValue().code());
    }
    System.out.printf("Try:%n  curl -H 'Authorization: ApiKey %s:%s' http://127.0.0.1:%d/api/v0/cell-lines/SAMEA2590882%n",
        PARTNER_USER, key.key(), actual);
    if (index != null) {
      System.out.printf("  curl -H 'Authorization: ApiKey %s:%s' 'http://127.0.0.1:%d/api/v0/search?q=ataxia&donor_sex=male'%n",
          PARTNER_USER, key.key(), actual);
    }
    System.out.printf("  curl -H 'Authorization: ApiKey %s:%s' http://127.0.0.1:%d/api/v0/executive/cell-lines%n",
        "viewer", keys.get("viewer").key(), actual);
    System.out.println("Stop with Ctrl+C.");
    stopped.await();
  }

  /**
   * The local server's connection pool: HikariCP with 8 connections. A connection the database
   * ended (a restart, {@code pg_terminate_backend}) is dropped by the pool when a statement fails
   * on it, and the read that failed runs again on another (see the core's reads).
   */
  static HikariDataSource pool(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(8);
    config.setPoolName("ims-local");
    return new HikariDataSource(config);
  }

  /**
   * Creates the users of {@link #USERS} that are missing and issues a new key for each; returns the
   * keys by username.
   */
  static Map<String, IssuedKey> issueKeys(ApiKeys apiKeys) {
    Map<String, IssuedKey> keys = new LinkedHashMap<>();
    for (Map.Entry<String, Role> user : USERS.entrySet()) {
      if (!apiKeys.userExists(user.getKey())) {
        apiKeys.createUser(user.getKey(), user.getValue());
      }
      keys.put(user.getKey(), apiKeys.issue(user.getKey()));
    }
    return keys;
  }

  /**
   * The executive routes, their files (CLIPs, CoAs, batch images) in {@code media}: with a drainer,
   * every write goes to the search outbox and the outbox is drained as soon as the write commits, so
   * search follows at once.
   */
  static ExecutiveApi executiveApi(DataSource dataSource, OutboxDrainer drainer, MediaStore media) {
    ExecutiveApi.Builder executive = ExecutiveApi.builder().dataSource(dataSource).mediaStore(media);
    if (drainer != null) {
      executive.searchOutbox(SearchOutbox.create(dataSource)).afterWrite(drainer::drain);
    }
    return executive.build();
  }

  private static Map<String, Role> users() {
    Map<String, Role> users = new LinkedHashMap<>();
    users.put(PARTNER_USER, Role.PARTNER);
    users.put("viewer", Role.EXECUTIVE_VIEWER);
    users.put("manager", Role.EXECUTIVE_MANAGER);
    users.put("admin", Role.ADMINISTRATOR);
    return Collections.unmodifiableMap(users);
  }

  /** Serves {@code handler} over HTTP on 127.0.0.1:{@code port} (0 picks a free port). */
  public static LocalHttpServer serve(ImsLambdaHandler handler, int port) throws IOException {
    return serve(handler, port, null);
  }

  /**
   * Serves the generated website of {@code site} at {@code /} and {@code /<name>/}, and
   * {@code handler} under {@code /api} and {@code /media}, over HTTP on 127.0.0.1:{@code port}
   * (0 picks a free port); without a site, {@code handler} answers every path.
   *
   * <p>The server (Jetty) parses strictly, as API Gateway does: a malformed request line or header
   * is a 400, a request line over {@value #MAX_HEADER_BYTES} bytes a 414, a request line and
   * headers over that together a 431, a body over 6 MiB a 413, each with the IMS's standard JSON
   * error body. Methods are case-sensitive ({@code get} reaches the IMS as {@code get}), and the
   * path and query reach the handler as the client sent them, percent-encoded, so the handler's
   * strict decoding judges them as on Lambda. Connections are kept alive, with TCP no-delay.
   *
   * @throws IOException when the server cannot start, typically because the port is taken
   */
  public static LocalHttpServer serve(ImsLambdaHandler handler, int port, Site site) throws IOException {
    return serve(handler, port, site, null);
  }

  /**
   * As {@link #serve(ImsLambdaHandler, int, Site)}, and the URLs {@code media} presigns are served
   * as S3 serves them on AWS: a {@code GET} answers the file, streamed whatever its size (give the
   * handler's media route {@code redirect(true)}, as on AWS), and a {@code PUT} to a direct-upload URL
   * stores the body (up to the store's size cap, not the API's 6 MiB) for the executive API to
   * attach.
   *
   * @param media the media store whose presigned URLs are served; may be null (none are)
   * @throws IOException when the server cannot start, typically because the port is taken
   */
  public static LocalHttpServer serve(ImsLambdaHandler handler, int port, Site site, FileSystemMediaStore media)
      throws IOException {
    QueuedThreadPool threads = new QueuedThreadPool(16, 4);
    threads.setName("ims-local-http");
    Server server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    // API Gateway's limit on the request line and headers together (HTTP APIs: 10,240 bytes).
    config.setRequestHeaderSize(MAX_HEADER_BYTES);
    config.setHttpCompliance(HttpCompliance.RFC9110);
    // Jetty's own checks would refuse an encoded '/' or invalid UTF-8 before the IMS sees them;
    // the IMS decodes the raw path itself, strictly, as on Lambda.
    config.setUriCompliance(UriCompliance.UNSAFE);
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(port);
    connector.setAcceptQueueSize(64);
    // Without it every answer on a kept-alive connection may wait for Nagle's algorithm (~40 ms).
    connector.setAcceptedTcpNoDelay(true);
    server.addConnector(connector);
    GatewayBridge bridge = new GatewayBridge(handler);
    Handler served = site == null ? bridge : new SiteFiles(site.store(), site.contentSecurityPolicy(), bridge);
    server.setHandler(media == null ? served : new SignedMedia(media, served));
    server.setErrorHandler(new JsonErrors(MAX_HEADER_BYTES));
    // No graceful phase: it would wait for the idle kept-alive connections of clients.
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception stopping) {
        e.addSuppressed(stopping);
      }
      throw new IOException("the HTTP server did not start on 127.0.0.1:" + port + " (is the port taken?)", e);
    }
    return new LocalHttpServer(server, connector);
  }

  /**
   * The generated website the server serves: its folder and the Content-Security-Policy of its pages.
   *
   * @param store the folder the site generator writes to
   * @param contentSecurityPolicy the header value, {@code SiteGenerator#contentSecurityPolicy()}
   */
  public record Site(FileSystemSiteStore store, String contentSecurityPolicy) {}

  // The website: generated into <data-dir>/site at every start, regenerated for the lines each
  // drain of the search outbox applied (the drain's afterBatch hook).
  private static SiteGenerator website(CellLineRepository lines, FileSystemSiteStore store, MediaStore media, int port) {
    return SiteGenerator.builder().cellLines(lines).store(store).media(media)
        .siteUrl(URI.create("http://127.0.0.1:" + port + "/")).build();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
