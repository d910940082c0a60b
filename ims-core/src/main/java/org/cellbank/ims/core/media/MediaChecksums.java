package org.cellbank.ims.core.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * MD5 and SHA-256 of a byte stream, updated together in one pass, plus the byte count.
 *
 * <p>Not thread-safe: one instance per upload.
 */
public final class MediaChecksums {

  private final MessageDigest md5;
  private final MessageDigest sha256;
  private long size;

  private MediaChecksums(MessageDigest md5, MessageDigest sha256) {
    this.md5 = md5;
    this.sha256 = sha256;
  }

  /** Starts empty checksums. */
  public static MediaChecksums create() {
    return new MediaChecksums(digest("MD5"), digest("SHA-256"));
  }

  /** Creates a new MessageDigest for an algorithm every Java platform must provide. */
  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required on every Java platform", e);
    }
  }

  /** Adds {@code length} bytes of {@code bytes} from {@code offset}. */
  public void update(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(bytes, "bytes").length);
    md5.update(bytes, offset, length);
    sha256.update(bytes, offset, length);
    size += length;
  }

  /** The number of bytes added so far. */
  public long size() {
    return size;
  }

  /**
   * Finishes and returns the stored-media record for these bytes; the checksums restart empty.
   *
   * @param key where the bytes were stored
   * @param contentType their detected content type
   */
  public StoredMedia finish(MediaKey key, String contentType) {
    HexFormat hex = HexFormat.of();
    StoredMedia media = new StoredMedia(key, size, contentType, hex.formatHex(md5.digest()), hex.formatHex(sha256.digest()));
    size = 0;
    return media;
  }
}
