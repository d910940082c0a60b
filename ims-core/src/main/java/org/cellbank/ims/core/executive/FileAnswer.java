package org.cellbank.ims.core.executive;

import java.util.Objects;

/**
 * The answer to an executive file upload.
 *
 * @param representation the JSON answer, as it was first given (a replay gives it unchanged)
 * @param version the record's version after the write: the line's for a CLIP, the batch's for a CoA
 *     or an image
 * @param replayed whether this answers a retried request whose file was attached before (nothing was
 *     written this time)
 */
public record FileAnswer(String representation, long version, boolean replayed) {

  /** Checks that the representation is present. */
  public FileAnswer {
    Objects.requireNonNull(representation, "representation");
  }

  /** The record's strong entity tag after the write, e.g. {@code "8"}. */
  public String etag() {
    return ExecutiveLine.etagOf(version);
  }
}
