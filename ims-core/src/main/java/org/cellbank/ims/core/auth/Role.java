package org.cellbank.ims.core.auth;

import java.util.Objects;
import org.cellbank.ims.core.ValidationException;

/**
 * What an API user may do. Each role includes the ones above it in this list: an administrator may
 * do what an executive manager may, who may do what an executive viewer may, who may read what a
 * partner may.
 *
 * <p>The role once called {@code executive_admin} is {@link #EXECUTIVE_MANAGER}: migration V7
 * renamed the stored users' role, and {@link #ofCode(String)} still accepts the old code, so
 * scripts that pass it keep working.
 */
public enum Role {
  /** A partner system (ECACC, LIMS, EBI, hPSCreg, BioSamples): reads the partner API. */
  PARTNER("partner"),
  /** May also view the executive dashboard, its exports and the audit trail. */
  EXECUTIVE_VIEWER("executive_viewer"),
  /** May also make the executive dashboard's changes (statuses, batches). */
  EXECUTIVE_MANAGER("executive_manager"),
  /** May also correct a line's identifiers and manage users and keys. */
  ADMINISTRATOR("administrator");

  /** The code {@link #EXECUTIVE_MANAGER} had before migration V7; still accepted by {@link #ofCode}. */
  public static final String LEGACY_MANAGER_CODE = "executive_admin";

  private final String code;

  Role(String code) {
    this.code = code;
  }

  /** The code stored in the database and used on the command line, e.g. {@code executive_viewer}. */
  public String code() {
    return code;
  }

  /**
   * The role with this code; the legacy code {@value #LEGACY_MANAGER_CODE} gives
   * {@link #EXECUTIVE_MANAGER}.
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
    if (code.equals(LEGACY_MANAGER_CODE)) {
      return EXECUTIVE_MANAGER;
    }
    throw new ValidationException("unknown role '" + code
        + "': use partner, executive_viewer, executive_manager or administrator");
  }

  /** Whether a user with this role may do what {@code required} allows. */
  public boolean includes(Role required) {
    Objects.requireNonNull(required, "required");
    return ordinal() >= required.ordinal();
  }
}
