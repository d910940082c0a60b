package org.cellbank.ims.core.model;

import org.cellbank.ims.core.ValidationException;

/**
 * A three-valued answer (the registry's "extended boolean").
 *
 * <p>Each constant has a stable {@link #code() code} (stored in the database) and a
 * {@link #displayName() display name} (shown by the v0 API).
 */
public enum YesNoUnknown implements Coded {
  /** Yes. */
  YES("yes", "Yes"),
  /** No. */
  NO("no", "No"),
  /** Unknown. */
  UNKNOWN("unknown", "Unknown");

  private final String code;
  private final String displayName;

  YesNoUnknown(String code, String displayName) {
    this.code = code;
    this.displayName = displayName;
  }

  /** The stable code stored in the database, e.g. {@code "yes"}. */
  @Override
  public String code() {
    return code;
  }

  /** The human-readable name, e.g. {@code "Yes"}. */
  @Override
  public String displayName() {
    return displayName;
  }

  /**
   * Returns the constant with this code.
   *
   * @throws ValidationException when no constant has this code
   */
  public static YesNoUnknown fromCode(String code) {
    return Coded.byCode(values(), code);
  }
}
