package org.cellbank.ims.core.executive;

import org.cellbank.ims.core.auth.Role;

/**
 * A change to an API user: the body of {@code PATCH /api/v0/executive/users/{username}},
 * {@code {"role": "executive_viewer", "active": false}}.
 *
 * @param username the user to change
 * @param role the new role; null keeps the role
 * @param active whether the user's keys authenticate from now on; null keeps it
 */
public record UserChange(String username, Role role, Boolean active) {

  /** Checks that the user is named. */
  public UserChange {
    java.util.Objects.requireNonNull(username, "username");
  }
}
