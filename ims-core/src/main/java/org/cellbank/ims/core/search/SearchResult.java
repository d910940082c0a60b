package org.cellbank.ims.core.search;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One page of search results with the total and the facet counts.
 *
 * <p>Facet counts are disjunctive: the counts of a facet apply the text and every other facet's filter
 * but not the facet's own, so the values a user could add to a selection keep their counts. Values are
 * in ascending order; a value with no document is absent. Every {@link Facet} has an entry.
 *
 * @param total the number of documents that match (exact)
 * @param hits the documents of the requested page, in result order
 * @param facets the counts per facet
 */
public record SearchResult(long total, List<CatalogueDocument> hits, Map<Facet, List<FacetCount>> facets) {

  /** Validates the components and copies the collections. */
  public SearchResult {
    hits = List.copyOf(Objects.requireNonNull(hits, "hits"));
    Map<Facet, List<FacetCount>> copy = new EnumMap<>(Facet.class);
    for (Facet f : Facet.values()) {
      copy.put(f, List.copyOf(Objects.requireNonNull(facets, "facets").getOrDefault(f, List.of())));
    }
    facets = java.util.Collections.unmodifiableMap(copy);
  }

  /** The counts of one facet. */
  public List<FacetCount> facet(Facet facet) {
    return facets.get(Objects.requireNonNull(facet, "facet"));
  }

  /** The BioSamples ids of the hits, in result order. */
  public List<String> ids() {
    return hits.stream().map(CatalogueDocument::biosamplesId).toList();
  }
}
