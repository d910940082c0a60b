package org.cellbank.ims.examples.lambda;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.api.ImportRunRoutes;
import org.cellbank.ims.core.api.MediaRoutes;
import org.cellbank.ims.core.api.PartnerApi;
import org.cellbank.ims.core.api.PublicSearchRoutes;
import org.cellbank.ims.core.api.SearchRoutes;
import org.cellbank.ims.core.db.BatchRepository;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.executive.ExecutiveApi;
import org.cellbank.ims.core.importer.ImportRuns;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.http.HttpFilter;
import org.cellbank.ims.http.HttpHandler;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.lambda.ScheduledJob;

/**
 * Assembles the IMS HTTP application from its parts; the local server and the Lambda function
 * both use it, so what runs on a laptop is what runs on AWS.
 *
 * <pre>{@code
 * ImsLambdaHandler handler = ImsApplication.builder()
 *     .dataSource(dataSource)
 *     .auth(ApiKeyAuthentication.requiring(apiKeys, Role.PARTNER))
 *     .media(MediaRoutes.builder().store(store).build())   // optional: GET /media/{key}
 *     .catalogueIndex(index)                                // optional: GET /api/v0/search
 *     .build();
 * }</pre>
 *
 * <p>The authentication filter runs before every route, the media and search routes included, but
 * one: with a catalogue index, the website's public search {@code GET /api/public/search}
 * ({@link PublicSearchRoutes}) is served without a key (only a request for exactly that path, with or
 * without a trailing slash, skips the filter), and its classes load on its first request. The
 * executive routes over the import runs ({@code GET /api/v0/import-runs}, {@link ImportRunRoutes})
 * are always served and also require {@link org.cellbank.ims.core.auth.Role#EXECUTIVE_VIEWER}. So are
 * the executive routes under {@code /api/v0/executive/} ({@link ExecutiveApi}; by default over the data
 * source without a search outbox, see {@link Builder#executive(ExecutiveApi)}), whose code loads on
 * their first request.
 */
public final class ImsApplication {

  private ImsApplication() {}

  /**
   * The Lambda handler serving the partner API over {@code dataSource}, behind {@code auth}, without
   * media or search routes.
   *
   * @param dataSource the database (migrated)
   * @param auth the authentication filter run before every route
   */
  public static ImsLambdaHandler handler(DataSource dataSource, HttpFilter auth) {
    return builder().dataSource(dataSource).auth(auth).build();
  }

  /** A builder: the data source and the authentication filter are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds the application's Lambda handler. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private HttpFilter auth;
    private CellLineRepository cellLines;
    private MediaRoutes media;
    private CatalogueIndex index;
    private ScheduledJob job;
    private ExecutiveApi executive;
    private int maxPageSize = PageRequest.MAX_LIMIT;
    private boolean compression;
    private String basePath;

    private Builder() {}

    /** Sets the database (migrated; required). */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** Sets the authentication filter run before every route (required). */
    public Builder auth(HttpFilter auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /**
     * Sets the cell-line repository, e.g. one wired to the search outbox; by default one over the
     * data source.
     */
    public Builder cellLines(CellLineRepository cellLines) {
      this.cellLines = Objects.requireNonNull(cellLines, "cellLines");
      return this;
    }

    /** Serves {@code GET /media/{key}} with these routes; without it the path answers 404. */
    public Builder media(MediaRoutes media) {
      this.media = Objects.requireNonNull(media, "media");
      return this;
    }

    /**
     * Serves {@code GET /api/v0/search} (behind the key) and {@code GET /api/public/search}
     * (without one) from this index; without it both paths answer as unknown ones.
     */
    public Builder catalogueIndex(CatalogueIndex index) {
      this.index = Objects.requireNonNull(index, "index");
      return this;
    }

    /**
     * Serves the executive routes with these (e.g. wired to the search outbox); by default
     * {@link ExecutiveApi#create(DataSource)} over the data source.
     */
    public Builder executive(ExecutiveApi executive) {
      this.executive = Objects.requireNonNull(executive, "executive");
      return this;
    }

    /** Runs this job when an EventBridge schedule invokes the function (the nightly update). */
    public Builder scheduledJob(ScheduledJob job) {
      this.job = Objects.requireNonNull(job, "job");
      return this;
    }

    /**
     * The largest page the list endpoints serve (default {@value PageRequest#MAX_LIMIT}, as the
     * reference); see {@link PartnerApi#create(CellLineRepository, BatchRepository, int)}.
     */
    public Builder maxPageSize(int maxPageSize) {
      if (maxPageSize < 1 || maxPageSize > PageRequest.MAX_LIMIT) {
        throw new IllegalArgumentException("maxPageSize must be between 1 and " + PageRequest.MAX_LIMIT);
      }
      this.maxPageSize = maxPageSize;
      return this;
    }

    /**
     * The base path in front of every route, such as a custom domain's base-path mapping
     * ({@code /ims}); none by default. See {@link ImsLambdaHandler.Builder#basePath(String)}.
     */
    public Builder basePath(String basePath) {
      this.basePath = basePath;
      return this;
    }

    /** Gzip answers for clients that accept it (default false); see {@link ImsLambdaHandler.Builder#compression(boolean)}. */
    public Builder compression(boolean compression) {
      this.compression = compression;
      return this;
    }

    /**
     * Every route behind the authentication filter of the handler this builder builds, as
     * {@link Router#routes()} lists them ({@code "GET /api/v0/cell-lines/{id}"}); the public search
     * ({@code GET /api/public/search}, without a key) is not among them. {@code RouteRolesTest}
     * checks that docs/executive.md's role table covers each.
     *
     * @throws IllegalStateException when the data source or the authentication filter is missing
     */
    public List<String> routes() {
      return authenticatedRoutes().routes();
    }

    private Router authenticatedRoutes() {
      if (dataSource == null || auth == null) {
        throw new IllegalStateException("a data source and an authentication filter are required");
      }
      CellLineRepository lines = cellLines != null ? cellLines : CellLineRepository.create(dataSource);
      Router.Builder router = PartnerApi.create(lines, BatchRepository.create(dataSource), maxPageSize)
          .addTo(Router.builder());
      if (media != null) {
        media.addTo(router);
      }
      ImportRunRoutes.create(ImportRuns.create(dataSource)).addTo(router);
      (executive != null ? executive : ExecutiveApi.create(dataSource)).addTo(router);
      if (index != null) {
        SearchRoutes.create(index).addTo(router);
      }
      return router.filter(auth).build();
    }

    /**
     * The handler.
     *
     * @throws IllegalStateException when the data source or the authentication filter is missing
     */
    public ImsLambdaHandler build() {
      if (dataSource == null || auth == null) {
        throw new IllegalStateException("a data source and an authentication filter are required");
      }
      HttpHandler routes = authenticatedRoutes();
      if (index != null) {
        routes = new PublicSearchFirst(index, routes);
      }
      ImsLambdaHandler.Builder handler = ImsLambdaHandler.builder(routes).compression(compression);
      if (job != null) {
        handler.scheduledJob(job);
      }
      if (basePath != null && !basePath.isEmpty()) {
        handler.basePath(basePath);
      }
      return handler.build();
    }
  }

  /**
   * Sends a request for exactly {@code /api/public/search} (trailing slash optional) to the public
   * search, which runs without the authentication filter, and every other request to the
   * authenticated routes. The public route's classes load on its first request. A named class, no
   * lambda (docs/lambda.md, "Cold-start rules").
   */
  static final class PublicSearchFirst implements HttpHandler {
    private final CatalogueIndex index;
    private final HttpHandler authenticated;
    private volatile HttpHandler publicSearch;

    PublicSearchFirst(CatalogueIndex index, HttpHandler authenticated) {
      this.index = index;
      this.authenticated = authenticated;
    }

    static boolean isPublic(String rawPath) {
      return rawPath.equals(PublicSearchRoutes.PATH) || (rawPath.length() == PublicSearchRoutes.PATH.length() + 1
          && rawPath.startsWith(PublicSearchRoutes.PATH) && rawPath.endsWith("/"));
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      if (!isPublic(request.path())) {
        return authenticated.handle(request);
      }
      HttpHandler search = publicSearch;
      if (search == null) {
        search = PublicSearchRoutes.create(index).addTo(Router.builder()).build();
        publicSearch = search;
      }
      return search.handle(request);
    }
  }
}
