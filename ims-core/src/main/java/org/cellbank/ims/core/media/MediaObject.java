package org.cellbank.ims.core.media;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored object as a {@linkplain MediaStore#list(String) listing} or a {@linkplain MediaStore#find lookup} shows it.
 *
 * @param key the object's key
 * @param size its length in bytes
 * @param lastModified when it was last written, as the store reports it
 */
public record MediaObject(MediaKey key, long size, Instant lastModified) {

  /** Validates the values. */
  public MediaObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }
}
