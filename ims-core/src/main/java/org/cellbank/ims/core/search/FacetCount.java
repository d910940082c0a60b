package org.cellbank.ims.core.search;

import java.util.Objects;

/**
 * How many matching documents have one value of a facet.
 *
 * @param value the facet value, e.g. {@code male}
 * @param count the number of documents
 */
public record FacetCount(String value, long count) {

  /** Validates the components. */
  public FacetCount {
    Objects.requireNonNull(value, "value");
  }
}
