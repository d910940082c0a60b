package org.cellbank.ims.core.api;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.core.search.Facet;
import org.cellbank.ims.core.search.FacetCount;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.core.search.SearchResult;
import org.cellbank.ims.core.search.Sort;
import org.cellbank.ims.core.search.SortField;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonValue;

/**
 * The catalogue search route {@code GET /api/v0/search} over a {@link CatalogueIndex}.
 *
 * <pre>{@code
 * Router router = SearchRoutes.create(index)
 *     .addTo(PartnerApi.create(lines, batches).addTo(Router.builder()))
 *     .filter(ApiKeyAuthentication.requiring(apiKeys, Role.PARTNER))
 *     .build();
 * // GET /api/v0/search?q=ataxia&donor_sex=male&donor_sex=female&sort=-donor_age&limit=20
 * }</pre>
 *
 * <p>Query parameters (a trailing slash on the path is optional):
 *
 * <ul>
 *   <li>{@code q}: free text, at most once; every word must match (see {@link SearchQuery#words()}).
 *   <li>{@code disease}, {@code donor_sex}, {@code donor_age}, {@code derivation}: repeatable facet
 *       values; OR within a facet, AND across facets. Empty values are ignored.
 *   <li>{@code sort}: at most once; a column name, ascending, or the name after {@code -},
 *       descending: {@code name}, {@code donor_disease}, {@code cellline_diseases_genes},
 *       {@code donor_sex}, {@code donor_age}, {@code derivation}. None (or empty): by relevance.
 *   <li>{@code limit} and {@code offset}: as in the other v0 lists (default 50; {@code 0} or above
 *       1000 means 1000); {@code offset + limit} may not pass {@value #MAX_WINDOW}.
 *   <li>{@code username} and {@code api_key} belong to authentication and are ignored here.
 * </ul>
 *
 * <p>Any other parameter, or a bad value, answers 400: a misspelt facet must not silently widen the
 * result. The answer is {@code {"meta": {...}, "objects": [...], "facets": {...}}}: {@code meta} as in
 * the other lists, {@code objects} the hits as {@link CatalogueDocument#fields()} plus
 * {@code resource_uri}, and {@code facets} per facet parameter a list of {@code {"count", "term"}} in
 * ascending term order (disjunctive counts, see {@link SearchResult}).
 *
 * <p>Thread-safe when the index is.
 */
public final class SearchRoutes {

  /** The route path. */
  public static final String PATH = "/api/v0/search";
  /** The largest {@code offset + limit} accepted (the OpenSearch result window of the index). */
  public static final int MAX_WINDOW = 100_000;

  private static final Map<Facet, String> FACET_PARAMETERS = facetParameters();
  private static final Set<String> OTHER_PARAMETERS = Set.of("q", "sort", "limit", "offset", "username", "api_key");

  private final CatalogueIndex index;

  private SearchRoutes(CatalogueIndex index) {
    this.index = index;
  }

  /** The search route over an index. */
  public static SearchRoutes create(CatalogueIndex index) {
    return new SearchRoutes(Objects.requireNonNull(index, "index"));
  }

  /** Adds {@code GET /api/v0/search} to a router builder and returns it. */
  public Router.Builder addTo(Router.Builder router) {
    return router.get(PATH, this::search);
  }

  /**
   * The query parameter that selects values of a facet: {@code disease}, {@code donor_sex},
   * {@code donor_age} or {@code derivation}; also the facet's key in the answer.
   */
  public static String parameterName(Facet facet) {
    return FACET_PARAMETERS.get(Objects.requireNonNull(facet, "facet"));
  }

  /**
   * {@code GET /api/v0/search}: one page of hits with the total and the facet counts.
   *
   * @throws ValidationException (400) for an unknown parameter or a bad value
   */
  public HttpResponse search(HttpRequest request) {
    return search(request, PATH);
  }

  /** The search answer, with the page links of {@code meta} on {@code path}. */
  HttpResponse search(HttpRequest request, String path) {
    SearchRequest parsed = parse(request);
    SearchResult result = index.search(parsed.query);
    List<JsonValue> objects = new ArrayList<>(result.hits().size());
    for (CatalogueDocument hit : result.hits()) {
      objects.add(document(hit));
    }
    JsonObject.Builder facets = JsonObject.builder();
    for (Facet facet : Facet.values()) {
      List<JsonValue> counts = new ArrayList<>();
      for (FacetCount c : result.facet(facet)) {
        counts.add(JsonObject.builder().put("count", c.count()).put("term", c.value()).build());
      }
      facets.put(parameterName(facet), new JsonArray(counts));
    }
    return ApiJson.json(200, JsonObject.builder()
        .put("facets", facets.build())
        .put("meta", PartnerApi.meta(request, path, parsed.page, result.total()))
        .put("objects", new JsonArray(objects))
        .build());
  }

  /** The parsed request: the index query and the page as the answer's meta shows it. */
  private record SearchRequest(SearchQuery query, PageRequest page) {}

  private static SearchRequest parse(HttpRequest request) {
    Set<String> unknown = new TreeSet<>();
    for (String name : request.query().keySet()) {
      if (!OTHER_PARAMETERS.contains(name) && !FACET_PARAMETERS.containsValue(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ValidationException("unknown search parameter " + String.join(", ", unknown)
          + "; known: q, disease, donor_sex, donor_age, derivation, sort, limit, offset");
    }
    PageRequest page = PartnerApi.pageRequest(request);
    if (page.offset() + page.limit() > MAX_WINDOW) {
      throw new ValidationException("offset + limit must be at most " + MAX_WINDOW);
    }
    SearchQuery.Builder query = SearchQuery.builder()
        .text(single(request, "q"))
        .page((int) page.offset(), page.limit());
    for (Facet facet : Facet.values()) {
      List<String> values = new ArrayList<>();
      for (String v : request.queryParameters(parameterName(facet))) {
        if (!v.isEmpty()) {
          values.add(v);
        }
      }
      if (!values.isEmpty()) {
        query.filter(facet, values);
      }
    }
    String sort = single(request, "sort");
    if (!sort.isEmpty()) {
      query.sort(sort(sort));
    }
    return new SearchRequest(query.build(), page);
  }

  private static String single(HttpRequest request, String name) {
    List<String> values = request.queryParameters(name);
    if (values.size() > 1) {
      throw new ValidationException(name + " may be given once");
    }
    return values.isEmpty() ? "" : values.get(0);
  }

  private static Sort sort(String value) {
    boolean descending = value.startsWith("-");
    String name = descending ? value.substring(1) : value;
    for (SortField field : SortField.values()) {
      if (field.field().equals(name)) {
        return descending ? Sort.desc(field) : Sort.asc(field);
      }
    }
    List<String> names = new ArrayList<>();
    for (SortField field : SortField.values()) {
      names.add(field.field());
    }
    throw new ValidationException("sort must be one of " + String.join(", ", names)
        + ", optionally after '-' for descending order");
  }

  private static JsonObject document(CatalogueDocument hit) {
    JsonObject.Builder o = JsonObject.builder();
    for (Map.Entry<String, Object> e : hit.fields().entrySet()) {
      if (e.getValue() instanceof List<?> list) {
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
          strings.add(String.valueOf(item));
        }
        o.putStrings(e.getKey(), strings);
      } else {
        o.put(e.getKey(), String.valueOf(e.getValue()));
      }
    }
    return o.put("resource_uri", V0Json.cellLineUri(hit.biosamplesId())).build();
  }

  private static Map<Facet, String> facetParameters() {
    Map<Facet, String> m = new EnumMap<>(Facet.class);
    for (Facet f : Facet.values()) {
      m.put(f, f == Facet.DISEASE ? "disease" : f.field().toLowerCase(Locale.ROOT));
    }
    return m;
  }
}
