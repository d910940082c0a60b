package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * An image of a batch's cells.
 *
 * @param file the image file
 * @param magnification e.g. {@code 10x}; may be null
 * @param timePoint e.g. {@code 48 hours post-passage}; may be null
 */
public record BatchImage(
    MediaFile file,
    String magnification,
    String timePoint) {

  /** Validates the components and copies the lists. */
  public BatchImage {
    Objects.requireNonNull(file, "file");
  }
}
