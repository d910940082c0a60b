package org.cellbank.ims.core.model;

import org.cellbank.ims.core.ValidationException;

/**
 * The result of one virology or mycoplasma screening.
 *
 * <p>Each constant has a stable {@link #code() code} (stored in the database) and a
 * {@link #displayName() display name} (shown by the v0 API).
 */
public enum ScreeningResult implements Coded {
  /** Positive. */
  POSITIVE("positive", "Positive"),
  /** Negative. */
  NEGATIVE("negative", "Negative"),
  /** Not done. */
  NOT_DONE("not_done", "Not done");

  private final String code;
  private final String displayName;

  ScreeningResult(String code, String displayName) {
    this.code = code;
    this.displayName = displayName;
  }

  /** The stable code stored in the database, e.g. {@code "positive"}. */
  @Override
  public String code() {
    return code;
  }

  /** The human-readable name, e.g. {@code "Positive"}. */
  @Override
  public String displayName() {
    return displayName;
  }

  /**
   * Returns the constant with this code.
   *
   * @throws ValidationException when no constant has this code
   */
  public static ScreeningResult fromCode(String code) {
    return Coded.byCode(values(), code);
  }
}
