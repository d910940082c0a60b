package org.cellbank.ims.core.media;

import java.util.Locale;
import java.util.Objects;
import org.cellbank.ims.core.ValidationException;

/**
 * What the client says it uploaded with an {@link UploadTicket}; {@link MediaStore#confirm} checks
 * every part of it against the stored bytes.
 *
 * @param pendingKey the ticket's pending key
 * @param kind the kind the file must be (its magic bytes are checked)
 * @param expectedSize the length in bytes the client sent
 * @param expectedMd5Hex the MD5 of the bytes the client sent, 32 hex digits
 */
public record UploadConfirmation(MediaKey pendingKey, MediaKind kind, long expectedSize, String expectedMd5Hex) {

  /** Validates the values. */
  public UploadConfirmation {
    Objects.requireNonNull(pendingKey, "pendingKey");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(expectedMd5Hex, "expectedMd5Hex");
    if (!pendingKey.isPending()) {
      throw new ValidationException("only keys under " + MediaKey.PENDING_PREFIX + " can be confirmed");
    }
    if (expectedSize < 0) {
      throw new ValidationException("expected size must not be negative: " + expectedSize);
    }
    expectedMd5Hex = expectedMd5Hex.toLowerCase(Locale.ROOT);
    if (!expectedMd5Hex.matches("[0-9a-f]{32}")) {
      throw new ValidationException("expected MD5 must be 32 hex digits");
    }
  }

  /** A confirmation of the upload made with a ticket. */
  public static UploadConfirmation of(UploadTicket ticket, long expectedSize, String expectedMd5Hex) {
    Objects.requireNonNull(ticket, "ticket");
    return new UploadConfirmation(ticket.pendingKey(), ticket.kind(), expectedSize, expectedMd5Hex);
  }
}
