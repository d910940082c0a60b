package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * A stored file: its key in the media store and the MD5 of its bytes (lower-case hex).
 *
 * @param key the media-store key, e.g. {@code celllines/2016/02/04/<uuid>/UKBi008-A.P001.CoA.v3.pdf}
 * @param md5 the hex MD5 of the file's bytes, which partners use to detect changes
 */
public record MediaFile(
    String key,
    String md5) {

  /** Validates the components and copies the lists. */
  public MediaFile {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(md5, "md5");
    if (!isMd5(md5)) {
      throw new org.cellbank.ims.core.ValidationException("md5 must be 32 lower-case hex digits");
    }
    if (key.isBlank()) {
      throw new org.cellbank.ims.core.ValidationException("media key must not be blank");
    }
  }

  // 32 lower-case hex digits (a loop, not a regex compiled per record).
  private static boolean isMd5(String md5) {
    if (md5.length() != 32) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = md5.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }
}
