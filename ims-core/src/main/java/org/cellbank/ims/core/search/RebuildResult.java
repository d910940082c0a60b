package org.cellbank.ims.core.search;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a full rebuild.
 *
 * @param indexName the name of the new physical index now behind the alias
 * @param documents how many documents it holds
 * @param took how long the rebuild took
 */
public record RebuildResult(String indexName, long documents, Duration took) {

  /** Validates the components. */
  public RebuildResult {
    Objects.requireNonNull(indexName, "indexName");
    Objects.requireNonNull(took, "took");
  }
}
