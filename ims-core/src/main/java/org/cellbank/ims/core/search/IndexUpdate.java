package org.cellbank.ims.core.search;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link CatalogueIndex#apply(IndexChanges)}: which changes failed and why.
 *
 * @param applied how many changes the index accepted
 * @param failures the BioSamples ids whose change failed, with the index's reason
 */
public record IndexUpdate(int applied, Map<String, String> failures) {

  /** Validates the components and copies the map. */
  public IndexUpdate {
    failures = Map.copyOf(Objects.requireNonNull(failures, "failures"));
  }

  /** Whether every change was applied. */
  public boolean isComplete() {
    return failures.isEmpty();
  }
}
