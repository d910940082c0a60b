package org.cellbank.ims.core.model;

import org.cellbank.ims.core.ValidationException;

/**
 * The availability status of a cell line, as logged by executives; the newest log entry is current.
 *
 * <p>Each constant has a stable {@link #code() code} (stored in the database) and a
 * {@link #displayName() display name} (shown by the v0 API).
 */
public enum CellLineStatus implements Coded {
  /** Not available. */
  NOT_AVAILABLE("not_available", "Not available"),
  /** Stocked by ECACC. */
  AT_ECACC("at_ecacc", "Stocked by ECACC"),
  /** Expand to order. */
  EXPAND_TO_ORDER("expand_to_order", "Expand to order"),
  /** Restricted distribution. */
  RESTRICTED_DISTRIBUTION("restricted_distribution", "Restricted distribution"),
  /** Recalled. */
  RECALLED("recalled", "Recalled"),
  /** Withdrawn. */
  WITHDRAWN("withdrawn", "Withdrawn");

  private final String code;
  private final String displayName;

  CellLineStatus(String code, String displayName) {
    this.code = code;
    this.displayName = displayName;
  }

  /** The stable code stored in the database, e.g. {@code "not_available"}. */
  @Override
  public String code() {
    return code;
  }

  /** The human-readable name, e.g. {@code "Not available"}. */
  @Override
  public String displayName() {
    return displayName;
  }

  /**
   * Returns the constant with this code.
   *
   * @throws ValidationException when no constant has this code
   */
  public static CellLineStatus fromCode(String code) {
    return Coded.byCode(values(), code);
  }
}
