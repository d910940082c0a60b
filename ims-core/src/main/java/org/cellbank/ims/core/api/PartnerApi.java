package org.cellbank.ims.core.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.db.BatchRepository;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.http.HttpHandler;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.UrlEncoding;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonValue;

/**
 * The read-only partner API {@code /api/v0}: cell lines and batches, as the reference served them.
 *
 * <pre>{@code
 * Router router = PartnerApi.create(lines, batches)
 *     .addTo(Router.builder())
 *     .filter(ApiKeyAuthentication.requiring(apiKeys, Role.PARTNER))
 *     .build();
 * }</pre>
 *
 * <p>Routes (a trailing slash is optional): {@code GET /api/v0/}, {@code /api/v0/cell-lines},
 * {@code /api/v0/cell-lines/{biosamples_id}}, {@code /api/v0/batches},
 * {@code /api/v0/batches/{batch key}}. Lists take {@code limit} (default {@value #DEFAULT_LIMIT};
 * {@code 0} or anything above {@value PageRequest#MAX_LIMIT} means {@value PageRequest#MAX_LIMIT})
 * and {@code offset} (default 0); a value that is not a whole number, or is negative, answers 400.
 *
 * <p>Thread-safe.
 */
public final class PartnerApi {

  /** The page size when a request names none. */
  public static final int DEFAULT_LIMIT = 50;
  private static final String CELL_LINES = "/api/v0/cell-lines";
  private static final String BATCHES = "/api/v0/batches";

  private final CellLineRepository lines;
  private final BatchRepository batches;
  private final int maxLimit;

  private PartnerApi(CellLineRepository lines, BatchRepository batches, int maxLimit) {
    this.lines = Objects.requireNonNull(lines, "lines");
    this.batches = Objects.requireNonNull(batches, "batches");
    this.maxLimit = maxLimit;
  }

  /** The API over these repositories, with pages of up to {@value PageRequest#MAX_LIMIT} records. */
  public static PartnerApi create(CellLineRepository lines, BatchRepository batches) {
    return new PartnerApi(lines, batches, PageRequest.MAX_LIMIT);
  }

  /**
   * The API over these repositories with pages of at most {@code maxLimit} records: a {@code limit}
   * of 0 or above it gets {@code maxLimit} records, as the reference does with 1,000. A Lambda
   * deployment lowers it so that a page of whole cell lines (about 12 KB each) stays well inside
   * Lambda's 6 MB answer limit.
   *
   * @throws IllegalArgumentException when {@code maxLimit} is not between 1 and {@value PageRequest#MAX_LIMIT}
   */
  public static PartnerApi create(CellLineRepository lines, BatchRepository batches, int maxLimit) {
    if (maxLimit < 1 || maxLimit > PageRequest.MAX_LIMIT) {
      throw new IllegalArgumentException("maxLimit must be between 1 and " + PageRequest.MAX_LIMIT + ": " + maxLimit);
    }
    return new PartnerApi(lines, batches, maxLimit);
  }

  /** Adds the v0 routes to a router builder and returns it. */
  public Router.Builder addTo(Router.Builder router) {
    return router
        .get("/api/v0", new Route(this, Route.ROOT))
        .get(CELL_LINES, new Route(this, Route.CELL_LINES))
        .get(CELL_LINES + "/{id}", new Route(this, Route.CELL_LINE))
        .get(BATCHES, new Route(this, Route.BATCHES))
        .get(BATCHES + "/{id}", new Route(this, Route.BATCH));
  }

  /** {@code GET /api/v0/}: the list endpoints. */
  public HttpResponse root(HttpRequest request) {
    return ApiJson.json(200, JsonObject.builder()
        .put("batches", endpoint(BATCHES))
        .put("cell-lines", endpoint(CELL_LINES))
        .build());
  }

  /** {@code GET /api/v0/cell-lines}: a page of every cell line, ordered by name. */
  public HttpResponse cellLines(HttpRequest request) {
    PageRequest page = pageRequest(request, maxLimit);
    Page<CellLine> found = lines.page(page);
    List<JsonValue> objects = new ArrayList<>(found.items().size());
    for (CellLine line : found.items()) {
      objects.add(V0Json.cellLineObject(line));
    }
    return list(request, CELL_LINES, found, objects);
  }

  /** {@code GET /api/v0/cell-lines/{id}}: one cell line by BioSamples id; 404 when unknown. */
  public HttpResponse cellLine(HttpRequest request) {
    return HttpResponse.json(200, V0Json.cellLine(lines.getByBiosamplesId(request.pathParameter("id"))));
  }

  /** {@code GET /api/v0/batches}: a page of every batch, in creation order. */
  public HttpResponse batches(HttpRequest request) {
    PageRequest page = pageRequest(request, maxLimit);
    Page<Batch> found = batches.page(page);
    List<JsonValue> objects = new ArrayList<>(found.items().size());
    for (Batch batch : found.items()) {
      objects.add(V0Json.batchObject(batch));
    }
    return list(request, BATCHES, found, objects);
  }

  /** {@code GET /api/v0/batches/{id}}: one batch by its key; 404 when unknown. */
  public HttpResponse batch(HttpRequest request) {
    return HttpResponse.json(200, V0Json.batch(batches.getByBiosamplesId(request.pathParameter("id"))));
  }

  private static JsonObject endpoint(String path) {
    return JsonObject.builder().put("list_endpoint", path).put("schema", JsonNull.INSTANCE).build();
  }

  private static HttpResponse list(HttpRequest request, String path, Page<?> page, List<JsonValue> objects) {
    JsonObject meta = meta(request, path, page.request(), page.totalCount());
    return ApiJson.json(200, JsonObject.builder().put("meta", meta).put("objects", new JsonArray(objects)).build());
  }

  /** The {@code meta} object of a list answer: limit, offset, total and links to the pages around. */
  static JsonObject meta(HttpRequest request, String path, PageRequest r, long total) {
    boolean hasNext = r.offset() + r.limit() < total;
    boolean hasPrevious = r.offset() > 0;
    return JsonObject.builder()
        .put("limit", r.limit())
        .put("next", hasNext ? link(request, path, r.offset() + r.limit(), r.limit()) : JsonNull.INSTANCE)
        .put("offset", r.offset())
        .put("previous", hasPrevious ? link(request, path, Math.max(0, r.offset() - r.limit()), r.limit())
            : JsonNull.INSTANCE)
        .put("total_count", total)
        .build();
  }

  // Repeats the request's other query parameters, never its credentials.
  private static JsonValue link(HttpRequest request, String path, long offset, int limit) {
    StringJoiner query = new StringJoiner("&", path + "?", "");
    for (Map.Entry<String, List<String>> e : request.query().entrySet()) {
      String name = e.getKey();
      if (name.equals("limit") || name.equals("offset") || name.equalsIgnoreCase("api_key")
          || name.equalsIgnoreCase("username")) {
        continue;
      }
      for (String value : e.getValue()) {
        query.add(UrlEncoding.encodeQueryComponent(name) + "=" + UrlEncoding.encodeQueryComponent(value));
      }
    }
    query.add("limit=" + limit).add("offset=" + offset);
    return new org.cellbank.ims.http.internal.json.JsonString(query.toString());
  }

  static PageRequest pageRequest(HttpRequest request) {
    return pageRequest(request, PageRequest.MAX_LIMIT);
  }

  static PageRequest pageRequest(HttpRequest request, int maxLimit) {
    long limit = number(request, "limit", DEFAULT_LIMIT);
    long offset = number(request, "offset", 0);
    int effective = limit == 0 || limit > maxLimit ? maxLimit : (int) limit;
    return new PageRequest(offset, effective);
  }

  private static long number(HttpRequest request, String name, long fallback) {
    var value = request.queryParameter(name);
    if (value.isEmpty() || value.get().isEmpty()) {
      return fallback;
    }
    String text = value.get();
    if (!digits(text, 12)) {
      throw new ValidationException(name + " must be a whole number of 0 or more");
    }
    return Long.parseLong(text);
  }

  /** Whether {@code text} is 1 to {@code max} ASCII digits (a loop: no regular expression on the request path). */
  static boolean digits(String text, int max) {
    if (text.isEmpty() || text.length() > max) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** One of the routes; a named class, not a method reference (docs/lambda.md, "Cold-start rules"). */
  private static final class Route implements HttpHandler {
    static final int ROOT = 0;
    static final int CELL_LINES = 1;
    static final int CELL_LINE = 2;
    static final int BATCHES = 3;
    static final int BATCH = 4;
    private final PartnerApi api;
    private final int route;

    Route(PartnerApi api, int route) {
      this.api = api;
      this.route = route;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      return switch (route) {
        case ROOT -> api.root(request);
        case CELL_LINES -> api.cellLines(request);
        case CELL_LINE -> api.cellLine(request);
        case BATCHES -> api.batches(request);
        default -> api.batch(request);
      };
    }
  }
}
