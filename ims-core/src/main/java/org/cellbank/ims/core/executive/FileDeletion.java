package org.cellbank.ims.core.executive;

import java.util.Objects;

/**
 * The removal of one file from a record: a CLIP version of a line, a batch's CoA, or a batch's image.
 *
 * @param recordKey the line's name (for a CLIP) or the batch's key
 * @param item the CLIP version ({@code v2}) or the image's number ({@code 1} to {@code 4}); empty for
 *     a CoA
 * @param expectedVersion the record's version the client read (its ETag): the line's for a CLIP, the
 *     batch's otherwise
 */
public record FileDeletion(String recordKey, String item, long expectedVersion) {

  /** Checks that the key and the item are present. */
  public FileDeletion {
    Objects.requireNonNull(recordKey, "recordKey");
    Objects.requireNonNull(item, "item");
  }
}
