package org.cellbank.ims.core.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What may be shown about a stored key: never the key itself, which is not stored.
 *
 * @param id the key's id, for {@link ApiKeys#revoke(long)}
 * @param username the user the key belongs to
 * @param prefix the key's first characters, to tell keys apart
 * @param createdAt when the key was issued
 * @param lastUsedAt when the key last authenticated a request, to the minute; {@code null} when
 *     never used
 * @param revokedAt when the key was revoked; {@code null} while it is valid
 */
public record ApiKeyInfo(long id, String username, String prefix, Instant createdAt,
    Instant lastUsedAt, Instant revokedAt) {

  /** Checks the required components; {@code lastUsedAt} and {@code revokedAt} may be null. */
  public ApiKeyInfo {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether the key has been revoked. */
  public boolean revoked() {
    return revokedAt != null;
  }
}
