package org.cellbank.ims.core.api;

import java.util.Objects;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.http.HttpHandler;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;

/**
 * The website's search route {@code GET /api/public/search}: the partner search
 * ({@link SearchRoutes}) without a key, for the catalogue's search page.
 *
 * <p>It takes the same parameters with the same bounds and answers the same JSON, its page links
 * on its own path. The index holds only the lines that are in the catalogue (the outbox and the
 * rebuild index nothing else), so nothing else can be found. It must be mounted outside the
 * authentication filter; the deployment rate-limits it (an API Gateway throttle or a WAF rule).
 * Answers may be cached for a minute ({@code Cache-Control: public, max-age=60}).
 *
 * <p>Thread-safe when the index is.
 */
public final class PublicSearchRoutes {

  /** The route path. */
  public static final String PATH = "/api/public/search";

  private final SearchRoutes search;

  private PublicSearchRoutes(SearchRoutes search) {
    this.search = search;
  }

  /** The public search route over an index of the catalogue's lines. */
  public static PublicSearchRoutes create(CatalogueIndex index) {
    return new PublicSearchRoutes(SearchRoutes.create(Objects.requireNonNull(index, "index")));
  }

  /** Adds {@code GET /api/public/search} to a router builder and returns it. */
  public Router.Builder addTo(Router.Builder router) {
    return router.get(PATH, new Route(this));
  }

  /**
   * {@code GET /api/public/search}: one page of hits with the total and the facet counts.
   *
   * @throws org.cellbank.ims.core.ValidationException (400) for an unknown parameter or a bad value
   */
  public HttpResponse search(HttpRequest request) {
    return search.search(request, PATH).toBuilder().header("cache-control", "public, max-age=60").build();
  }

  /** The route; a named class, not a method reference (docs/lambda.md, "Cold-start rules"). */
  private static final class Route implements HttpHandler {
    private final PublicSearchRoutes routes;

    Route(PublicSearchRoutes routes) {
      this.routes = routes;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      return routes.search(request);
    }
  }
}
