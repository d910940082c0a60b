package org.cellbank.ims.core.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.cellbank.ims.core.ValidationException;

/**
 * A {@link CatalogueIndex} held in memory, for tests and single-process local runs.
 *
 * <p>It follows the same query semantics as the OpenSearch index (every word must match a searchable
 * field by prefix, ignoring case and punctuation; OR within a facet, AND across facets; disjunctive
 * facet counts), without relevance scoring: unsorted results come in BioSamples-id order.
 *
 * <p>Thread-safe: every operation holds the index's lock.
 */
public final class InMemoryCatalogueIndex implements CatalogueIndex {

  private static final List<String> NAME_FIELDS =
      List.of("name", "alternative_names", "derivation", "all_genetics", "all_derivation");
  private static final List<String> TEXT_FIELDS = List.of("biosamples_id", "depositor", "primary_cell_type",
      "donor_disease", "genetic_modification_disease", "disease_associated_phenotypes",
      "non_disease_associated_phenotypes", "donor_sex", "donor_age", "donor_ethnicity", "primary_disease_synonyms");

  private final Map<String, CatalogueDocument> documents = new TreeMap<>();
  private int rebuilds;

  private InMemoryCatalogueIndex() {}

  /** Creates an empty index. */
  public static InMemoryCatalogueIndex create() {
    return new InMemoryCatalogueIndex();
  }

  @Override
  public synchronized RebuildResult rebuild(Iterator<CatalogueDocument> source, LongConsumer progress) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(progress, "progress");
    long started = System.nanoTime();
    Map<String, CatalogueDocument> fresh = new TreeMap<>();
    while (source.hasNext()) {
      CatalogueDocument d = source.next();
      if (fresh.put(d.biosamplesId(), d) != null) {
        throw new ValidationException("rebuild got " + d.biosamplesId() + " twice");
      }
      progress.accept(fresh.size());
    }
    documents.clear();
    documents.putAll(fresh);
    rebuilds++;
    return new RebuildResult("in-memory-" + rebuilds, fresh.size(), Duration.ofNanos(System.nanoTime() - started));
  }

  @Override
  public synchronized IndexUpdate apply(IndexChanges changes) {
    Objects.requireNonNull(changes, "changes");
    changes.upserts().forEach(d -> documents.put(d.biosamplesId(), d));
    changes.deletes().forEach(documents::remove);
    return new IndexUpdate(changes.size(), Map.of());
  }

  @Override
  public synchronized void upsert(CatalogueDocument document) {
    documents.put(Objects.requireNonNull(document, "document").biosamplesId(), document);
  }

  @Override
  public synchronized void delete(String biosamplesId) {
    documents.remove(Objects.requireNonNull(biosamplesId, "biosamplesId"));
  }

  @Override
  public synchronized SearchResult search(SearchQuery query) {
    Objects.requireNonNull(query, "query");
    List<String> words = query.words();
    Predicate<CatalogueDocument> text = d -> words.stream().allMatch(w -> matchesWord(d, w));
    List<CatalogueDocument> hits = documents.values().stream()
        .filter(text).filter(d -> matchesFilters(d, query.filters(), null)).toList();
    if (query.sort() != null) {
      hits = new ArrayList<>(hits);
      hits.sort(comparator(query.sort()));
    }
    List<CatalogueDocument> page = hits.stream().skip(query.from()).limit(query.size()).toList();
    Map<Facet, List<FacetCount>> facets = new EnumMap<>(Facet.class);
    for (Facet facet : Facet.values()) {
      Map<String, Long> counts = new TreeMap<>();
      documents.values().stream().filter(text).filter(d -> matchesFilters(d, query.filters(), facet))
          .forEach(d -> values(d, facet.field()).stream().distinct().forEach(v -> counts.merge(v, 1L, Long::sum)));
      facets.put(facet, counts.entrySet().stream().map(e -> new FacetCount(e.getKey(), e.getValue())).toList());
    }
    return new SearchResult(hits.size(), page, facets);
  }

  @Override
  public synchronized Map<String, String> storedHashes() {
    Map<String, String> out = new LinkedHashMap<>();
    documents.forEach((id, d) -> out.put(id, d.hash()));
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public void refresh() {
    // Writes are visible at once.
  }

  private static boolean matchesFilters(CatalogueDocument d, Map<Facet, Set<String>> filters, Facet ignored) {
    for (Map.Entry<Facet, Set<String>> f : filters.entrySet()) {
      if (f.getKey() != ignored && values(d, f.getKey().field()).stream().noneMatch(f.getValue()::contains)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesWord(CatalogueDocument d, String word) {
    Map<String, Object> fields = d.fields();
    for (String field : NAME_FIELDS) {
      for (String v : values(fields, field)) {
        String squeezed = v.replaceAll("[^A-Za-z0-9\\s]", "").toLowerCase(Locale.ROOT);
        if (tokensStartWith(squeezed, word)) {
          return true;
        }
      }
    }
    for (String field : TEXT_FIELDS) {
      for (String v : values(fields, field)) {
        if (tokensStartWith(v.toLowerCase(Locale.ROOT), word)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean tokensStartWith(String text, String word) {
    for (String token : text.split("[^\\p{L}\\p{N}]+")) {
      if (token.startsWith(word)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> values(CatalogueDocument d, String field) {
    return values(d.fields(), field);
  }

  private static List<String> values(Map<String, Object> fields, String field) {
    Object v = fields.get(field);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }

  private static Comparator<CatalogueDocument> comparator(Sort sort) {
    Map<CatalogueDocument, String> keys = new HashMap<>();
    java.util.function.Function<CatalogueDocument, String> key = d -> keys.computeIfAbsent(d, x -> {
      List<String> vs = values(x, sort.field().field());
      return vs.stream().sorted(sort.ascending() ? Comparator.naturalOrder() : Comparator.reverseOrder())
          .findFirst().orElse(null);
    });
    Comparator<String> order = sort.ascending() ? Comparator.naturalOrder() : Comparator.reverseOrder();
    return Comparator.comparing(key, Comparator.nullsLast(order));
  }
}
