package org.cellbank.ims.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cellbank.ims.core.search.Facet;
import org.cellbank.ims.core.search.SearchQuery;

/** Builds the OpenSearch search body of a {@link SearchQuery}. */
final class SearchRequests {

  private SearchRequests() {}

  /**
   * The request body: every word a {@code multi_match} (best_fields over the 16 text fields) under
   * {@code bool.must} ({@code match_all} without words), one {@code terms} filter per facet under
   * {@code bool.filter}, exact totals, and disjunctive facet counts: a {@code global} aggregation
   * {@code facets} with one {@code filter} aggregation per facet (the words and the other facets'
   * filters) around a {@code terms} aggregation named {@code facet}.
   */
  static ObjectNode body(ObjectMapper json, SearchQuery query, int facetBuckets) {
    List<String> words = query.words();
    ObjectNode body = json.createObjectNode();
    body.put("from", query.from());
    body.put("size", query.size());
    body.put("track_total_hits", true);
    body.set("query", bool(json, words, query.filters(), null));
    if (query.sort() != null) {
      ObjectNode order = body.putArray("sort").addObject().putObject(query.sort().field().field());
      order.put("order", query.sort().ascending() ? "asc" : "desc");
      order.put("missing", "_last");
      // Ties (and equal sort keys) in a stable order, so paging never repeats or skips a hit.
      body.withArray("sort").addObject().put("biosamples_id", "asc");
    }
    ObjectNode facets = body.putObject("aggs").putObject("facets");
    facets.putObject("global");
    ObjectNode perFacet = facets.putObject("aggs");
    for (Facet f : Facet.values()) {
      ObjectNode agg = perFacet.putObject(f.field());
      agg.set("filter", bool(json, words, query.filters(), f));
      ObjectNode terms = agg.putObject("aggs").putObject("facet").putObject("terms");
      terms.put("field", f.field());
      terms.put("size", facetBuckets);
      terms.put("min_doc_count", 1);
      terms.putObject("order").put("_key", "asc");
    }
    return body;
  }

  private static ObjectNode bool(ObjectMapper json, List<String> words, Map<Facet, Set<String>> filters, Facet except) {
    ObjectNode root = json.createObjectNode();
    ObjectNode bool = root.putObject("bool");
    ArrayNode must = bool.putArray("must");
    if (words.isEmpty()) {
      must.addObject().putObject("match_all");
    }
    for (String word : words) {
      ObjectNode mm = must.addObject().putObject("multi_match");
      mm.put("query", word);
      mm.put("type", "best_fields");
      ArrayNode fields = mm.putArray("fields");
      OpenSearchCatalogueIndex.TEXT_FIELDS.forEach(fields::add);
    }
    ArrayNode filter = bool.putArray("filter");
    filters.forEach((facet, values) -> {
      if (facet != except) {
        ArrayNode terms = filter.addObject().putObject("terms").putArray(facet.field());
        new TreeSet<>(values).forEach(terms::add);
      }
    });
    return root;
  }
}
