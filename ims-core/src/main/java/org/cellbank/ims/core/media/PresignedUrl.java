package org.cellbank.ims.core.media;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A URL that grants one kind of request on one object until it expires, without credentials.
 *
 * <p>Treat it as a secret until it expires: never log it.
 *
 * @param url the URL to call
 * @param method the HTTP method it is signed for ({@code GET} or {@code PUT})
 * @param headers headers the client must send unchanged with the request (they are part of the
 *     signature); often empty
 * @param expiresAt when the signature stops being accepted
 */
public record PresignedUrl(URI url, String method, Map<String, String> headers, Instant expiresAt) {

  /** Validates the values and copies the headers. */
  public PresignedUrl {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(expiresAt, "expiresAt");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
  }

  /** Keeps the signed URL out of logs and exception messages. */
  @Override
  public String toString() {
    return "PresignedUrl[" + method + ", expiresAt=" + expiresAt + "]";
  }
}
