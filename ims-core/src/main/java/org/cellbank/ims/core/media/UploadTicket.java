package org.cellbank.ims.core.media;

import java.util.Objects;

/**
 * Permission for a client to upload one file straight to the store, bypassing the API's payload
 * limit (6 MB on Lambda).
 *
 * <p>The client sends the file with {@code upload.method()} to {@code upload.url()}, with {@code
 * upload.headers()}; then the application calls {@link MediaStore#confirm(UploadConfirmation)} with
 * {@link #pendingKey()}. Nothing may reference the pending object before that.
 *
 * @param pendingKey where the upload lands, under {@code pending/}
 * @param kind what the file is for
 * @param upload the presigned PUT
 */
public record UploadTicket(MediaKey pendingKey, MediaKind kind, PresignedUrl upload) {

  /** Validates the values. */
  public UploadTicket {
    Objects.requireNonNull(pendingKey, "pendingKey");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(upload, "upload");
    if (!pendingKey.isPending()) {
      throw new IllegalArgumentException("pendingKey must be under " + MediaKey.PENDING_PREFIX);
    }
  }
}
