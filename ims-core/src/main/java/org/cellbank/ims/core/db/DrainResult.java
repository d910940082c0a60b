package org.cellbank.ims.core.db;

/**
 * What a drain did.
 *
 * @param claimed outbox rows claimed
 * @param upserted documents added or replaced in the index
 * @param deleted documents removed from the index (invisible or missing lines)
 * @param failed lines whose change failed; their rows wait for a retry
 * @param skipped lines left for later because another drainer was working on them
 */
public record DrainResult(int claimed, int upserted, int deleted, int failed, int skipped) {

  /** Nothing done. */
  public static final DrainResult EMPTY = new DrainResult(0, 0, 0, 0, 0);

  /** The sum of two results. */
  public DrainResult plus(DrainResult other) {
    return new DrainResult(claimed + other.claimed, upserted + other.upserted, deleted + other.deleted,
        failed + other.failed, skipped + other.skipped);
  }
}
