package org.cellbank.ims.core.executive;

/**
 * What a {@link Purge} deleted.
 *
 * @param idempotencyKeys stored idempotency answers deleted
 * @param changeLogRows change-log rows deleted
 */
public record PurgeResult(long idempotencyKeys, long changeLogRows) {}
