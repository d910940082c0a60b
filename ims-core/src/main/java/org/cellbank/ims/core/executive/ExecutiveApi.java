package org.cellbank.ims.core.executive;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.internal.Lazy;
import org.cellbank.ims.core.media.MediaStore;
import org.cellbank.ims.http.HttpHandler;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;

/**
 * The executive HTTP routes under {@value #PREFIX}, JSON in and out, over an {@link ExecutiveService}
 * that is built on the first executive request: assembling a router with these routes loads only
 * this class and its small route handler, so a Lambda container whose requests are partner reads
 * never loads the executive code (docs/lambda.md, "Cold-start rules").
 *
 * <pre>{@code
 * Router router = ExecutiveApi.builder().dataSource(dataSource).build()
 *     .addTo(PartnerApi.create(lines, batches).addTo(Router.builder()))
 *     .filter(ApiKeyAuthentication.requiring(apiKeys, Role.PARTNER))
 *     .build();
 * }</pre>
 *
 * <p>Routes (docs/executive.md has the bodies, answers and a {@code curl} example of each):
 * <ul>
 *   <li>{@code GET me} (any key): the key's username and role, and whether it may write
 *       ({@code writes}) and administer ({@code administers});
 *   <li>{@code GET cell-lines}: the dashboard list with its counters; {@code q}, {@code status},
 *       {@code validation}, {@code found_on_ecacc}, {@code depositor}, {@code disease}, {@code sort} ({@code -} in front
 *       for descending), {@code limit}, {@code offset};
 *   <li>{@code GET cell-lines/{name}}: one line with its checklist and an {@code ETag};
 *   <li>{@code POST cell-lines/{name}/status}: {@code {"status", "comment"}} with {@code If-Match}
 *       (missing: 428; stale: 412);
 *   <li>{@code POST cell-lines/{name}/batches}: {@code {"batch_id", "batch_type", "vials",
 *       "derived_from"}}, 201, with an optional {@code Idempotency-Key};
 *   <li>{@code GET audit}: the audit trail, {@code entity} ({@code cell_line}, {@code batch}) and
 *       {@code id} optional;
 *   <li>{@code GET exports/cell-line-ids.csv}, {@code GET exports/batch-ids.csv},
 *       {@code GET batches/{batch key}/vials.csv}: the reference's CSV downloads;
 *   <li>{@code GET batches/{batch key}}: a batch with its counts, culture conditions and an
 *       {@code ETag}; {@code PATCH batches/{batch key}} with {@code If-Match}: the counts and culture
 *       conditions given;
 *   <li>{@code PATCH cell-lines/{name}} with {@code If-Match} (administrator): corrects the name,
 *       BioSamples id, hPSCreg id, ECACC number, donor or depositor (a taken value: 409 naming it);
 *   <li>{@code GET}/{@code POST users}, {@code PATCH users/{username}}, {@code GET}/{@code POST
 *       users/{username}/keys}, {@code DELETE users/{username}/keys/{id}} (administrator): users and
 *       keys, the new key's secret shown once;
 *   <li>with a media store ({@link Builder#mediaStore(MediaStore)}), the files:
 *       {@code POST cell-lines/{name}/clips} (multipart {@code version}, {@code file}; or JSON naming a
 *       direct upload), {@code DELETE cell-lines/{name}/clips/{version}},
 *       {@code PUT}/{@code DELETE batches/{batch key}/certificate-of-analysis},
 *       {@code POST batches/{batch key}/images} (multipart {@code file}, {@code magnification},
 *       {@code time_point}), {@code DELETE batches/{batch key}/images/{n}}, and
 *       {@code POST .../clips/uploads}, {@code .../certificate-of-analysis/uploads},
 *       {@code .../images/uploads}: tickets for direct uploads above the API's payload limit (see
 *       {@link ExecutiveFiles});
 *   <li>and, for partners, {@code GET /api/v0/changes?since=<cursor>}: the lines and batches changed
 *       since a cursor, each with its v0 URI, and the next cursor.
 * </ul>
 *
 * <p>The routes must sit behind {@link org.cellbank.ims.core.auth.ApiKeyAuthentication} (a request
 * without a principal answers 401); the service checks each operation's role (403). A faulty body
 * answers 400 with the standard error body plus {@code "fields": [{"pointer", "message"}]}.
 *
 * <p>Thread-safe.
 */
public final class ExecutiveApi {

  /** The prefix of every executive route. */
  public static final String PREFIX = "/api/v0/executive";
  static final String CELL_LINES = PREFIX + "/cell-lines";
  static final String AUDIT_PATH = PREFIX + "/audit";

  static final int DASHBOARD = 0;
  static final int LINE = 1;
  static final int STATUS = 2;
  static final int BATCHES = 3;
  static final int AUDIT = 4;
  static final int EXPORT_LINES = 5;
  static final int EXPORT_BATCHES = 6;
  static final int EXPORT_VIALS = 7;
  static final int CHANGES = 8;
  static final int ME = 9;
  static final int BATCH = 30;
  static final int BATCH_UPDATE = 31;
  static final int LINE_CORRECTION = 32;
  static final int USERS = 33;
  static final int USER_CREATE = 34;
  static final int USER_UPDATE = 35;
  static final int KEYS = 36;
  static final int KEY_ISSUE = 37;
  static final int KEY_REVOKE = 38;
  static final String BATCHES_PATH = PREFIX + "/batches";
  static final String USERS_PATH = PREFIX + "/users";
  /** The default of {@link Builder#maxExportBytes(int)}: 32 MiB. */
  public static final int DEFAULT_MAX_EXPORT_BYTES = 32 * 1024 * 1024;
  static final String CLIPS = CELL_LINES + "/{name}/clips";
  static final String COA = PREFIX + "/batches/{key}/certificate-of-analysis";
  static final String IMAGES = PREFIX + "/batches/{key}/images";
  static final int CLIP_UPLOAD = 20;
  static final int CLIP_DELETE = 21;
  static final int CLIP_TICKET = 22;
  static final int COA_PUT = 23;
  static final int COA_DELETE = 24;
  static final int COA_TICKET = 25;
  static final int IMAGE_UPLOAD = 26;
  static final int IMAGE_DELETE = 27;
  static final int IMAGE_TICKET = 28;
  /** The change feed's path (for partners, outside {@value #PREFIX}). */
  public static final String CHANGES_PATH = "/api/v0/changes";

  private final Lazy<ExecutiveRoutes> routes;
  private final Lazy<ExecutiveFileRoutes> fileRoutes;

  private ExecutiveApi(Builder b) {
    DataSource dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
    SearchOutbox outbox = b.outbox;
    Runnable afterWrite = b.afterWrite;
    Consumer<String> onStatement = b.onStatement;
    int maxExportBytes = b.maxExportBytes;
    this.routes = new Lazy<>() {
      @Override
      protected ExecutiveRoutes create() {
        ExecutiveService.Builder service = ExecutiveService.builder().dataSource(dataSource);
        if (outbox != null) {
          service.searchOutbox(outbox);
        }
        if (afterWrite != null) {
          service.afterWrite(afterWrite);
        }
        if (onStatement != null) {
          service.onStatement(onStatement);
        }
        return new ExecutiveRoutes(service.build(), maxExportBytes);
      }
    };
    Supplier<MediaStore> media = b.media;
    long maxFileSize = b.maxFileSize;
    this.fileRoutes = media == null ? null : new Lazy<>() {
      @Override
      protected ExecutiveFileRoutes create() {
        ExecutiveFiles.Builder files = ExecutiveFiles.builder().dataSource(dataSource)
            .mediaStore(Objects.requireNonNull(media.get(), "the media store supplier returned null"))
            .maxFileSize(maxFileSize);
        if (outbox != null) {
          files.searchOutbox(outbox);
        }
        if (afterWrite != null) {
          files.afterWrite(afterWrite);
        }
        if (onStatement != null) {
          files.onStatement(onStatement);
        }
        return new ExecutiveFileRoutes(files.build());
      }
    };
  }

  /** The routes over the database behind {@code dataSource}, without a search outbox. */
  public static ExecutiveApi create(DataSource dataSource) {
    return builder().dataSource(dataSource).build();
  }

  /** A builder; the data source is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Adds every executive route to a router builder and returns it. */
  public Router.Builder addTo(Router.Builder router) {
    router
        .get(PREFIX + "/me", new Route(this, ME))
        .get(CELL_LINES, new Route(this, DASHBOARD))
        .get(CELL_LINES + "/{name}", new Route(this, LINE))
        .post(CELL_LINES + "/{name}/status", new Route(this, STATUS))
        .post(CELL_LINES + "/{name}/batches", new Route(this, BATCHES))
        .get(AUDIT_PATH, new Route(this, AUDIT))
        .get(PREFIX + "/exports/cell-line-ids.csv", new Route(this, EXPORT_LINES))
        .get(PREFIX + "/exports/batch-ids.csv", new Route(this, EXPORT_BATCHES))
        .get(PREFIX + "/batches/{key}/vials.csv", new Route(this, EXPORT_VIALS))
        .get(CHANGES_PATH, new Route(this, CHANGES))
        .get(BATCHES_PATH + "/{key}", new Route(this, BATCH))
        .patch(BATCHES_PATH + "/{key}", new Route(this, BATCH_UPDATE))
        .patch(CELL_LINES + "/{name}", new Route(this, LINE_CORRECTION))
        .get(USERS_PATH, new Route(this, USERS))
        .post(USERS_PATH, new Route(this, USER_CREATE))
        .patch(USERS_PATH + "/{username}", new Route(this, USER_UPDATE))
        .get(USERS_PATH + "/{username}/keys", new Route(this, KEYS))
        .post(USERS_PATH + "/{username}/keys", new Route(this, KEY_ISSUE))
        .delete(USERS_PATH + "/{username}/keys/{id}", new Route(this, KEY_REVOKE));
    if (fileRoutes != null) {
      // Constant expressions only: no string concatenation at run time (cold-start rules).
      router
          .post(CLIPS, new Route(this, CLIP_UPLOAD))
          .delete(CLIPS + "/{version}", new Route(this, CLIP_DELETE))
          .post(CLIPS + "/uploads", new Route(this, CLIP_TICKET))
          .put(COA, new Route(this, COA_PUT))
          .delete(COA, new Route(this, COA_DELETE))
          .post(COA + "/uploads", new Route(this, COA_TICKET))
          .post(IMAGES, new Route(this, IMAGE_UPLOAD))
          .delete(IMAGES + "/{n}", new Route(this, IMAGE_DELETE))
          .post(IMAGES + "/uploads", new Route(this, IMAGE_TICKET));
    }
    return router;
  }

  /** One route; a named class, not a lambda (docs/lambda.md, "Cold-start rules"). */
  private static final class Route implements HttpHandler {
    private final ExecutiveApi api;
    private final int route;

    Route(ExecutiveApi api, int route) {
      this.api = api;
      this.route = route;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      // Routes 20 to 29 are the file routes, served with the media store.
      if (route >= CLIP_UPLOAD && route <= 29) {
        return api.fileRoutes.get().handle(route, request);
      }
      return api.routes.get().handle(route, request);
    }
  }

  /** A store given as it is; a named class, not a lambda (docs/lambda.md, "Cold-start rules"). */
  private static final class Fixed implements Supplier<MediaStore> {
    private final MediaStore store;

    Fixed(MediaStore store) {
      this.store = store;
    }

    @Override
    public MediaStore get() {
      return store;
    }
  }

  /** Builds an {@link ExecutiveApi}. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private SearchOutbox outbox;
    private Runnable afterWrite;
    private Consumer<String> onStatement;
    private int maxExportBytes = DEFAULT_MAX_EXPORT_BYTES;
    private Supplier<MediaStore> media;
    private long maxFileSize = ExecutiveFiles.DEFAULT_MAX_FILE_SIZE;

    private Builder() {}

    /**
     * Serves the file routes (CLIPs, certificates of analysis, batch images) over this store; without a
     * store (or {@link #mediaStoreOnFirstUse(Supplier)}) they are not served.
     */
    public Builder mediaStore(MediaStore store) {
      Objects.requireNonNull(store, "store");
      this.media = new Fixed(store);
      return this;
    }

    /**
     * Serves the file routes over the store {@code store} gives when the first file request arrives,
     * so that an application whose requests are reads never builds it (an S3 client, for instance).
     */
    public Builder mediaStoreOnFirstUse(Supplier<MediaStore> store) {
      this.media = Objects.requireNonNull(store, "store");
      return this;
    }

    /** See {@link ExecutiveFiles.Builder#maxFileSize(long)}. */
    public Builder maxFileSize(long maxFileSize) {
      if (maxFileSize < 1) {
        throw new IllegalArgumentException("maxFileSize must be positive: " + maxFileSize);
      }
      this.maxFileSize = maxFileSize;
      return this;
    }

    /** The database (required); the caller owns it. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** See {@link ExecutiveService.Builder#searchOutbox(SearchOutbox)}. */
    public Builder searchOutbox(SearchOutbox outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      return this;
    }

    /** See {@link ExecutiveService.Builder#afterWrite(Runnable)}. */
    public Builder afterWrite(Runnable hook) {
      this.afterWrite = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /** See {@link ExecutiveService.Builder#onStatement(Consumer)}. */
    public Builder onStatement(Consumer<String> onStatement) {
      this.onStatement = Objects.requireNonNull(onStatement, "onStatement");
      return this;
    }

    /**
     * The largest CSV download answered, in bytes (default {@value #DEFAULT_MAX_EXPORT_BYTES}, 32 MiB). A
     * download is held in memory before it is answered (see docs/executive.md, "CSV downloads"); past
     * this size it stops reading rows and answers 507. On Lambda the answer must also fit in 6 MB after
     * gzip (the adapter answers 500 otherwise).
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxExportBytes(int maxExportBytes) {
      if (maxExportBytes < 1) {
        throw new IllegalArgumentException("maxExportBytes must be positive: " + maxExportBytes);
      }
      this.maxExportBytes = maxExportBytes;
      return this;
    }

    /** Builds the routes (the service behind them is built on the first request). */
    public ExecutiveApi build() {
      return new ExecutiveApi(this);
    }
  }
}
