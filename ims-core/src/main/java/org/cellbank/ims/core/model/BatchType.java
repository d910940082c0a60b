package org.cellbank.ims.core.model;

import org.cellbank.ims.core.ValidationException;

/**
 * Who expanded a batch.
 *
 * <p>Each constant has a stable {@link #code() code} (stored in the database) and a
 * {@link #displayName() display name} (shown by the v0 API).
 */
public enum BatchType implements Coded {
  /** Depositor Expansion. */
  DEPOSITOR("depositor", "Depositor Expansion"),
  /** ECACC. */
  ECACC("ecacc", "ECACC"),
  /** Fraunhofer IBMT. */
  IBMT("ibmt", "Fraunhofer IBMT"),
  /** Central Facility Expansion (EBiSC1). */
  CENTRAL_FACILITY("central_facility", "Central Facility Expansion (EBiSC1)"),
  /** Unknown. */
  UNKNOWN("unknown", "Unknown");

  private final String code;
  private final String displayName;

  BatchType(String code, String displayName) {
    this.code = code;
    this.displayName = displayName;
  }

  /** The stable code stored in the database, e.g. {@code "depositor"}. */
  @Override
  public String code() {
    return code;
  }

  /** The human-readable name, e.g. {@code "Depositor Expansion"}. */
  @Override
  public String displayName() {
    return displayName;
  }

  /**
   * Returns the constant with this code.
   *
   * @throws ValidationException when no constant has this code
   */
  public static BatchType fromCode(String code) {
    return Coded.byCode(values(), code);
  }
}
