package org.cellbank.ims.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A version of a cell-line information pack (CLIP), a PDF.
 *
 * @param version the version, {@code v} followed by digits; unique per line
 * @param file the PDF
 * @param updatedAt when this version was uploaded
 */
public record InformationPack(
    String version,
    MediaFile file,
    Instant updatedAt) {

  /** Validates the components and copies the lists. */
  public InformationPack {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (!version.matches("v[0-9]+")) {
      throw new org.cellbank.ims.core.ValidationException("CLIP version must look like v1, v2, ...: " + version);
    }
  }
}
