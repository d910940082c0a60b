package org.cellbank.ims.core.auth;

import java.util.Objects;
import org.cellbank.ims.core.ValidationException;

/**
 * What an API user may do. Each role includes the ones below it: an executive administrator may
 * do what an executive viewer may, who may read what a partner may.
 */
public enum Role {
  /** A partner system (ECACC, LIMS, EBI, hPSCreg, BioSamples): reads the partner API. */
  PARTNER("partner"),
  /** May also view the executive dashboard and its exports. */
  EXECUTIVE_VIEWER("executive_viewer"),
  /** May also manage the executive dashboard (statuses, batches). */
  EXECUTIVE_ADMIN("executive_admin");

  private final String code;

  Role(String code) {
    this.code = code;
  }

  /** The code stored in the database and used on the command line, e.g. {@code executive_viewer}. */
  public String code() {
    return code;
  }

  /**
   * The role with this code.
   *
   * @throws ValidationException when no role has it
   */
  public static Role ofCode(String code) {
    Objects.requireNonNull(code, "code");
    for (Role role : values()) {
      if (role.code.equals(code)) {
        return role;
      }
    }
    throw new ValidationException("unknown role '" + code
        + "': use partner, executive_viewer or executive_admin");
  }

  /** Whether a user with this role may do what {@code required} allows. */
  public boolean includes(Role required) {
    Objects.requireNonNull(required, "required");
    return ordinal() >= required.ordinal();
  }
}
