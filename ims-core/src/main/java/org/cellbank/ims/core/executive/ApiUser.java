package org.cellbank.ims.core.executive;

import java.time.Instant;
import java.util.Objects;
import org.cellbank.ims.core.auth.Role;

/**
 * An API user as the administrator's user list shows it (never a key).
 *
 * @param username the user's name
 * @param role the user's role
 * @param active whether the user's keys authenticate
 * @param createdAt when the user was created
 * @param validKeys how many of the user's keys are not revoked
 */
public record ApiUser(String username, Role role, boolean active, Instant createdAt, int validKeys) {

  /** Checks that the components are present. */
  public ApiUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
