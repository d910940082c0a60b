package org.cellbank.ims.core.search;

import java.util.Objects;

/**
 * A sort order for search results. For a field with several values, an ascending sort uses the
 * smallest value and a descending sort the largest; documents without the field come last.
 *
 * @param field the column
 * @param ascending {@code true} for ascending, {@code false} for descending
 */
public record Sort(SortField field, boolean ascending) {

  /** Validates the components. */
  public Sort {
    Objects.requireNonNull(field, "field");
  }

  /** Ascending by {@code field}. */
  public static Sort asc(SortField field) {
    return new Sort(field, true);
  }

  /** Descending by {@code field}. */
  public static Sort desc(SortField field) {
    return new Sort(field, false);
  }
}
