package org.cellbank.ims.core.executive;

import java.util.Objects;

/**
 * A request to revoke one of a user's API keys.
 *
 * @param username the user the key belongs to
 * @param keyId the key's id, as the key list shows it
 * @param callerKey the plaintext key the request was authenticated with, so that an administrator
 *     cannot revoke the key they are calling with; null when the caller used none (a job, a test)
 */
public record KeyRevocation(String username, long keyId, String callerKey) {

  /** Checks that the user is named. */
  public KeyRevocation {
    Objects.requireNonNull(username, "username");
  }

  /** The id, the username and whether a caller key is present; never the key. */
  @Override
  public String toString() {
    return "KeyRevocation[username=" + username + ", keyId=" + keyId + ", callerKey=" + (callerKey == null ? "none"
        : "present") + "]";
  }
}
