package org.cellbank.ims.core.model;

import org.cellbank.ims.core.ValidationException;

/**
 * A constant of the IMS vocabularies: a stable {@link #code() code}, stored in the database, and a
 * {@link #displayName() display name}, shown by the v0 API.
 *
 * <p>Implemented by the coded enums of this package ({@link CellLineStatus}, {@link BatchType},
 * {@link ValidationStatus}, ...); each one's {@code fromCode} is {@link #byCode}.
 */
public interface Coded {
  /** The stable code stored in the database, e.g. {@code "at_ecacc"}. */
  String code();

  /** The human-readable name, e.g. {@code "Stocked by ECACC"}. */
  String displayName();

  /**
   * The constant of {@code values} with this code.
   *
   * <pre>{@code
   * public static BatchType fromCode(String code) {
   *   return Coded.byCode(values(), code);
   * }
   * }</pre>
   *
   * @param values every constant of one enum (its {@code values()}), not empty
   * @throws ValidationException naming the enum when no constant has this code
   */
  static <E extends Enum<E> & Coded> E byCode(E[] values, String code) {
    for (E value : values) {
      if (value.code().equals(code)) {
        return value;
      }
    }
    throw new ValidationException("unknown " + values[0].getDeclaringClass().getSimpleName() + " code: " + code);
  }
}
