package org.cellbank.ims.aws.storage;

import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.StorageException;
import org.cellbank.ims.core.ValidationException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Translates AWS SDK exceptions into IMS exceptions, keeping the cause. Thread-safe (stateless). */
final class S3Errors {

  private S3Errors() {}

  /**
   * Maps an SDK failure of {@code action} on {@code key}.
   *
   * <p>404 on an object → {@link NotFoundException}; 416 → {@link ValidationException}; 412 →
   * {@link ConflictException}; anything else → {@link StorageException}, retryable for 5xx (but 501 Not Implemented), 408,
   * 429, throttling and client-side failures (connection refused or reset, timeouts). Messages
   * carry the S3 status and error code, never request details.
   */
  static ImsException map(String action, Object key, SdkException e) {
    if (e instanceof AwsServiceException service) {
      int status = service.statusCode();
      String code = service.awsErrorDetails() != null ? service.awsErrorDetails().errorCode() : null;
      String what = action + " " + key + " failed: S3 answered " + status + (code != null ? " " + code : "");
      if (status == 404 && !"NoSuchBucket".equals(code) && !"NoSuchUpload".equals(code)) {
        return new NotFoundException("no media object under " + key, e);
      }
      if (status == 416 || "InvalidRange".equals(code)) {
        return new ValidationException(what + " (the range starts past the end of the object)", e);
      }
      if (status == 412) {
        return new ConflictException(what + " (the object changed meanwhile)", e);
      }
      boolean retryable = (status >= 500 && status != 501) || status == 408 || status == 429 || service.isThrottlingException()
          || "RequestTimeout".equals(code);
      return new StorageException(what, e, retryable);
    }
    return new StorageException(
        action + " " + key + " failed before S3 answered (" + e.getClass().getSimpleName() + ")", e, true);
  }
}
