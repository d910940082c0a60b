package org.cellbank.ims.core.model;

import org.cellbank.ims.core.ValidationException;

/**
 * The kind of a genetic modification; the declaration order is the order the v0 API lists them in.
 *
 * <p>Each constant has a stable {@link #code() code} (stored in the database) and a
 * {@link #displayName() display name} (shown by the v0 API).
 */
public enum ModificationKind implements Coded {
  /** Variant. */
  VARIANT("variant", "Variant"),
  /** Transgene expression. */
  TRANSGENE_EXPRESSION("transgene_expression", "Transgene expression"),
  /** Isogenic modification. */
  ISOGENIC("isogenic", "Isogenic modification"),
  /** Gene knock-out. */
  GENE_KNOCK_OUT("gene_knock_out", "Gene knock-out"),
  /** Gene knock-in. */
  GENE_KNOCK_IN("gene_knock_in", "Gene knock-in");

  private final String code;
  private final String displayName;

  ModificationKind(String code, String displayName) {
    this.code = code;
    this.displayName = displayName;
  }

  /** The stable code stored in the database, e.g. {@code "variant"}. */
  @Override
  public String code() {
    return code;
  }

  /** The human-readable name, e.g. {@code "Variant"}. */
  @Override
  public String displayName() {
    return displayName;
  }

  /**
   * Returns the constant with this code.
   *
   * @throws ValidationException when no constant has this code
   */
  public static ModificationKind fromCode(String code) {
    return Coded.byCode(values(), code);
  }
}
