package org.cellbank.ims.core.media;

import java.util.Objects;
import java.util.Set;
import org.cellbank.ims.core.ValidationException;

/**
 * What a media file is for, and so which formats its content may have.
 *
 * <p>{@link #requireFormat(byte[], int)} checks the content's magic bytes against the kind; a
 * mismatch is a {@link ValidationException}, so a PNG uploaded as a certificate of analysis is
 * refused before anything is stored.
 */
public enum MediaKind {
  /** A batch certificate of analysis: PDF only. */
  CERTIFICATE_OF_ANALYSIS(Set.of(MediaFormat.PDF)),
  /** A cell-line information pack (CLIP): PDF only. */
  INFORMATION_PACK(Set.of(MediaFormat.PDF)),
  /** A batch or morphology image: JPEG, PNG or TIFF. */
  CELL_IMAGE(
      Set.of(
          MediaFormat.JPEG,
          MediaFormat.PNG,
          MediaFormat.TIFF_LITTLE_ENDIAN,
          MediaFormat.TIFF_BIG_ENDIAN)),
  /**
   * A depositor file from the registry (karyotype, VCF, reports, protocols): any content, including
   * an empty file. Stored as {@code application/octet-stream} unless its bytes match a known format.
   */
  DEPOSITOR_FILE(Set.of());

  private final Set<MediaFormat> formats;

  MediaKind(Set<MediaFormat> formats) {
    this.formats = formats;
  }

  /** The formats this kind accepts; empty means any content is accepted. */
  public Set<MediaFormat> formats() {
    return formats;
  }

  /**
   * Checks the first bytes of a file against this kind and returns the content type to store.
   *
   * @param head the first bytes of the content, at least {@link MediaFormat#MAGIC_LENGTH} of them
   *     when the content is that long
   * @param length how many bytes of {@code head} are valid
   * @return the MIME content type of the detected format, or {@code application/octet-stream} for a
   *     {@link #DEPOSITOR_FILE} of unknown format
   * @throws ValidationException when the content is not one of this kind's formats
   */
  public String requireFormat(byte[] head, int length) {
    Objects.requireNonNull(head, "head");
    var detected = MediaFormat.detect(head, length);
    if (formats.isEmpty()) {
      return detected.map(MediaFormat::contentType).orElse(MediaFormat.OCTET_STREAM);
    }
    if (detected.isPresent() && formats.contains(detected.get())) {
      return detected.get().contentType();
    }
    throw new ValidationException(
        "content of a "
            + name()
            + " file must be one of "
            + formats
            + " but its first bytes are "
            + detected.map(Enum::name).orElse("of no known format"));
  }
}
