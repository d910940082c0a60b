package org.cellbank.ims.core.model;

import org.cellbank.ims.core.ValidationException;

/**
 * The hPSCreg validation state of a cell line.
 *
 * <p>Each constant has a stable {@link #code() code} (stored in the database) and a
 * {@link #displayName() display name} (shown by the v0 API).
 */
public enum ValidationStatus implements Coded {
  /** Validated, visible. */
  VALIDATED_VISIBLE("validated_visible", "Validated, visible"),
  /** Validated, not visible. */
  VALIDATED_NOT_VISIBLE("validated_not_visible", "Validated, not visible"),
  /** Unvalidated. */
  UNVALIDATED("unvalidated", "Unvalidated"),
  /** Name registered, no data. */
  NAME_REGISTERED("name_registered", "Name registered, no data");

  private final String code;
  private final String displayName;

  ValidationStatus(String code, String displayName) {
    this.code = code;
    this.displayName = displayName;
  }

  /** The stable code stored in the database, e.g. {@code "validated_visible"}. */
  @Override
  public String code() {
    return code;
  }

  /** The human-readable name, e.g. {@code "Validated, visible"}. */
  @Override
  public String displayName() {
    return displayName;
  }

  /**
   * Returns the constant with this code.
   *
   * @throws ValidationException when no constant has this code
   */
  public static ValidationStatus fromCode(String code) {
    return Coded.byCode(values(), code);
  }
}
