package org.cellbank.ims.core.media;

import java.time.Duration;
import java.util.Objects;
import org.cellbank.ims.core.ValidationException;

/**
 * A request for a {@linkplain MediaStore#issueUpload direct-upload ticket}.
 *
 * @param kind what the file is for; checked when the upload is confirmed
 * @param fileName the client's file name; {@linkplain MediaFileNames#sanitize sanitised} when the
 *     ticket is issued
 * @param expiry how long the presigned PUT stays valid (1 second to 7 days)
 */
public record UploadRequest(MediaKind kind, String fileName, Duration expiry) {

  /** The longest expiry S3 accepts for a SigV4 presigned URL. */
  public static final Duration MAX_EXPIRY = Duration.ofDays(7);

  /** Validates the values. */
  public UploadRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(expiry, "expiry");
    if (expiry.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(MAX_EXPIRY) > 0) {
      throw new ValidationException("upload expiry must be between 1 second and 7 days: " + expiry);
    }
  }
}
