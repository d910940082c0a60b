package org.cellbank.ims.core.executive;

import java.util.Arrays;
import java.util.Objects;
import org.cellbank.ims.core.ValidationException;

/**
 * The {@code Idempotency-Key} of a creating request, with what identifies the request, so that a
 * retry returns the first answer and a reuse of the key for another request is refused.
 *
 * @param key the client's key: 1 to {@value #MAX_LENGTH} printable ASCII characters
 * @param requestHash the SHA-256 of the request (operation and body), 32 bytes; copied
 */
public record Idempotency(String key, byte[] requestHash) {

  /** The longest key accepted. */
  public static final int MAX_LENGTH = 255;

  /**
   * Validates the key and copies the hash.
   *
   * @throws ValidationException when the key is empty, too long or holds other than printable ASCII
   */
  public Idempotency {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(requestHash, "requestHash");
    if (key.isEmpty() || key.length() > MAX_LENGTH) {
      throw new ValidationException("an Idempotency-Key must be 1 to " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) < '!' || key.charAt(i) > '~') {
        throw new ValidationException("an Idempotency-Key must be printable ASCII without spaces");
      }
    }
    if (requestHash.length != 32) {
      throw new IllegalArgumentException("the request hash must be a SHA-256 (32 bytes)");
    }
    requestHash = requestHash.clone();
  }

  /** A copy of the request hash. */
  @Override
  public byte[] requestHash() {
    return requestHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Idempotency other && key.equals(other.key) && Arrays.equals(requestHash, other.requestHash);
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Arrays.hashCode(requestHash);
  }

  @Override
  public String toString() {
    return "Idempotency[key=" + key + "]";
  }
}
