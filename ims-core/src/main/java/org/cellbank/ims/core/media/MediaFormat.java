package org.cellbank.ims.core.media;

import java.util.Objects;
import java.util.Optional;

/**
 * A file format recognised by its leading magic bytes.
 *
 * <p>Formats are detected from content, never from a file name or a client-declared content type:
 * a CoA named {@code x.pdf} that starts with a PNG header is a PNG.
 */
public enum MediaFormat {
  /** Portable Document Format: starts with {@code %PDF-}. */
  PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}),
  /** JPEG/JFIF/EXIF: starts with {@code FF D8 FF}. */
  JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
  /** Portable Network Graphics: the 8-byte PNG signature. */
  PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
  /** TIFF, little-endian ({@code II*\0}). */
  TIFF_LITTLE_ENDIAN("image/tiff", new byte[] {'I', 'I', '*', 0}),
  /** TIFF, big-endian ({@code MM\0*}). */
  TIFF_BIG_ENDIAN("image/tiff", new byte[] {'M', 'M', 0, '*'});

  /** How many leading bytes {@link #detect(byte[], int)} needs at most. */
  public static final int MAGIC_LENGTH = 8;

  /** The content type of objects that match no known format. */
  public static final String OCTET_STREAM = "application/octet-stream";

  private final String contentType;
  private final byte[] magic;

  MediaFormat(String contentType, byte[] magic) {
    this.contentType = contentType;
    this.magic = magic;
  }

  /** The MIME content type stored with objects of this format. */
  public String contentType() {
    return contentType;
  }

  /**
   * Detects the format of content from its first bytes.
   *
   * @param head the first bytes of the content (at least {@link #MAGIC_LENGTH} when available)
   * @param length how many bytes of {@code head} are valid
   * @return the format, or empty when the bytes match none
   */
  public static Optional<MediaFormat> detect(byte[] head, int length) {
    Objects.requireNonNull(head, "head");
    if (length < 0 || length > head.length) {
      throw new IllegalArgumentException("length must be 0.." + head.length + ": " + length);
    }
    for (MediaFormat format : values()) {
      if (format.matches(head, length)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  private boolean matches(byte[] head, int length) {
    if (length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
