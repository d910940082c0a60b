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
    if (!isVersion(version)) {
      throw new org.cellbank.ims.core.ValidationException("CLIP version must look like v1, v2, ...: " + version);
    }
  }

  // v1, v2, ...: "v" and one or more ASCII digits (a loop, not a regex compiled per record).
  private static boolean isVersion(String version) {
    if (version.length() < 2 || version.charAt(0) != 'v') {
      return false;
    }
    for (int i = 1; i < version.length(); i++) {
      char c = version.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
