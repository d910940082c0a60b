package org.cellbank.ims.core.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cellbank.ims.core.ValidationException;

/**
 * A catalogue search: free text, facet filters, a sort order and a page.
 *
 * <p>Free text is split into {@linkplain #words() words}; a document matches when every word matches
 * one of the searchable fields (by prefix, ignoring case and punctuation). Filters select facet values:
 * a document matches a facet's filter when it has any of the selected values (OR within a facet), and
 * it must match every facet's filter (AND across facets). Without a sort, results come by relevance.
 *
 * <pre>{@code
 * SearchQuery q = SearchQuery.builder().text("machado ukbi008")
 *     .filter(Facet.DONOR_SEX, Set.of("male")).sort(Sort.asc(SortField.NAME)).page(0, 50).build();
 * }</pre>
 *
 * @param text the free text as typed; may be empty
 * @param filters the selected values of each facet; facets without a selection are absent
 * @param sort the sort order; the one sanctioned null: null means by relevance
 * @param from the index of the first hit to return (0-based)
 * @param size how many hits to return at most (0 for counts only)
 */
public record SearchQuery(String text, Map<Facet, Set<String>> filters, Sort sort, int from, int size) {

  /** The page size when none is given. */
  public static final int DEFAULT_SIZE = 50;
  /** The largest page size accepted; page with {@code from} beyond it. */
  public static final int MAX_SIZE = 10_000;
  /**
   * The most words a free text may have: each word becomes a handful of clauses, and a search engine
   * refuses a query past its clause limit (OpenSearch's is 1,024), so more words are a 400, never a
   * query the index must refuse.
   */
  public static final int MAX_WORDS = 32;
  /** The longest free text, in characters. */
  public static final int MAX_TEXT_LENGTH = 500;

  /** Validates the components and copies the filters. */
  public SearchQuery {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(filters, "filters");
    Map<Facet, Set<String>> copy = new EnumMap<>(Facet.class);
    filters.forEach((facet, values) -> {
      if (!values.isEmpty()) {
        copy.put(facet, Set.copyOf(values));
      }
    });
    filters = copy.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(copy);
    if (from < 0) {
      throw new ValidationException("from must not be negative: " + from);
    }
    if (size < 0 || size > MAX_SIZE) {
      throw new ValidationException("size must be 0.." + MAX_SIZE + ": " + size);
    }
  }

  /** Everything, by relevance, first page. */
  public static SearchQuery all() {
    return builder().build();
  }

  /** Returns a builder: no text, no filters, by relevance, {@code from} 0, {@value #DEFAULT_SIZE} hits. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The words of the free text: lower-cased, every character that is not a letter, a digit or white
   * space removed, split on white space. {@code "UKBi008-A, Machado"} gives {@code [ukbi008a, machado]}.
   */
  public List<String> words() {
    return words(text);
  }

  /** The words of {@code text}, as {@link #words()} describes. */
  public static List<String> words(String text) {
    Objects.requireNonNull(text, "text");
    String lower = text.toLowerCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(lower.length());
    lower.codePoints().forEach(cp -> {
      if (Character.isLetterOrDigit(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        kept.appendCodePoint(Character.isLetterOrDigit(cp) ? cp : ' ');
      }
    });
    List<String> out = new ArrayList<>();
    for (String w : kept.toString().trim().split("\\s+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return List.copyOf(out);
  }

  /** Builds a {@link SearchQuery}. Not thread-safe. */
  public static final class Builder {
    private String text = "";
    private final Map<Facet, Set<String>> filters = new EnumMap<>(Facet.class);
    private Sort sort;
    private int from;
    private int size = DEFAULT_SIZE;

    private Builder() {}

    /**
     * Sets the free text.
     *
     * @throws ValidationException when it is longer than {@value #MAX_TEXT_LENGTH} characters or has
     *     more than {@value #MAX_WORDS} words
     */
    public Builder text(String text) {
      Objects.requireNonNull(text, "text");
      if (text.length() > MAX_TEXT_LENGTH) {
        throw new ValidationException("the search text has " + text.length() + " characters; at most "
            + MAX_TEXT_LENGTH + " are allowed");
      }
      int words = words(text).size();
      if (words > MAX_WORDS) {
        throw new ValidationException("the search text has " + words + " words; at most " + MAX_WORDS
            + " are allowed");
      }
      this.text = text;
      return this;
    }

    /** Selects values of a facet (replacing an earlier selection of that facet). */
    public Builder filter(Facet facet, Collection<String> values) {
      Objects.requireNonNull(facet, "facet");
      filters.put(facet, new LinkedHashSet<>(Objects.requireNonNull(values, "values")));
      return this;
    }

    /** Selects values of a facet. */
    public Builder filter(Facet facet, String... values) {
      return filter(facet, Arrays.asList(values));
    }

    /** Sorts by a column. */
    public Builder sort(Sort sort) {
      this.sort = Objects.requireNonNull(sort, "sort");
      return this;
    }

    /** Sets the page: the first hit's index and the number of hits. */
    public Builder page(int from, int size) {
      this.from = from;
      this.size = size;
      return this;
    }

    /** Builds the query. */
    public SearchQuery build() {
      return new SearchQuery(text, filters, sort, from, size);
    }
  }
}
