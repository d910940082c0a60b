package org.cellbank.ims.core.auth;

import java.util.Objects;

/**
 * An authenticated API user: who it is and what it may do.
 *
 * @param username the user's name
 * @param role the user's role
 */
public record ApiPrincipal(String username, Role role) {

  /** Checks that both components are present. */
  public ApiPrincipal {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
  }
}
