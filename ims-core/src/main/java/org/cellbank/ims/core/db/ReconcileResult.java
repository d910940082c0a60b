package org.cellbank.ims.core.db;

import java.util.List;
import java.util.Objects;

/**
 * The drift a {@link Reconciler} found and queued for repair.
 *
 * @param checked how many lines were compared
 * @param missing ids of visible lines the index lacks
 * @param stale ids whose stored document differs from the current one
 * @param extra ids the index holds although the line is invisible or gone
 * @param drained what the drain after queueing did ({@link DrainResult#EMPTY} without a drainer)
 */
public record ReconcileResult(long checked, List<String> missing, List<String> stale, List<String> extra,
    DrainResult drained) {

  /** Validates the components and copies the lists. */
  public ReconcileResult {
    missing = List.copyOf(Objects.requireNonNull(missing, "missing"));
    stale = List.copyOf(Objects.requireNonNull(stale, "stale"));
    extra = List.copyOf(Objects.requireNonNull(extra, "extra"));
    Objects.requireNonNull(drained, "drained");
  }

  /** Whether the index matched the database. */
  public boolean inSync() {
    return missing.isEmpty() && stale.isEmpty() && extra.isEmpty();
  }
}
