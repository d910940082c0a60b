package org.cellbank.ims.core.media;

import java.util.Locale;
import java.util.Objects;

/**
 * A stored media object and the checksums of its bytes, computed while it was streamed in.
 *
 * <p>The IMS API exposes {@code md5} (as the EBiSC IMS did, for change detection by partners);
 * {@code sha256} is kept for integrity checks.
 *
 * @param key where the object is stored
 * @param size its length in bytes
 * @param contentType its MIME type, detected from its bytes
 * @param md5Hex the MD5 of its bytes, 32 lower-case hex digits
 * @param sha256Hex the SHA-256 of its bytes, 64 lower-case hex digits
 */
public record StoredMedia(MediaKey key, long size, String contentType, String md5Hex, String sha256Hex) {

  /** Validates the values. */
  public StoredMedia {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(md5Hex, "md5Hex");
    Objects.requireNonNull(sha256Hex, "sha256Hex");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    md5Hex = md5Hex.toLowerCase(Locale.ROOT);
    sha256Hex = sha256Hex.toLowerCase(Locale.ROOT);
    if (!md5Hex.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("md5Hex must be 32 hex digits");
    }
    if (!sha256Hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256Hex must be 64 hex digits");
    }
  }
}
