package org.cellbank.ims.core.internal;

/**
 * The transaction-scoped advisory locks that writers of a line's unique identifiers take before
 * they set a new value: an administrator's correction (before it checks that the value is free) and
 * the registry import (before it renames a line). A second writer of the same value waits for the
 * first to commit and then sees the value taken, instead of a bare unique violation. One lock per
 * field and value ({@code pg_advisory_xact_lock(key, hashtext(value))}); a hash collision only makes
 * a writer wait. Internal.
 */
public final class IdentifierLocks {
  /** The statement: bind {@link #key(int)} and the value. */
  public static final String SQL = "SELECT pg_advisory_xact_lock(?, hashtext(?))";
  /** The field of {@link #key(int)}: the line's name. */
  public static final int NAME = 0;
  /** The field of {@link #key(int)}: the line's BioSamples id. */
  public static final int BIOSAMPLES_ID = 1;
  /** The field of {@link #key(int)}: the line's hPSCreg id. */
  public static final int HPSCREG_ID = 2;
  /** The field of {@link #key(int)}: the line's ECACC catalogue number. */
  public static final int ECACC_ID = 3;
  // Keeps these locks apart from any other advisory lock.
  private static final int NAMESPACE = 0x1C0_0000;

  private IdentifierLocks() {}

  /** The lock's first key for one of the fields above. */
  public static int key(int field) {
    if (field < NAME || field > ECACC_ID) {
      throw new IllegalArgumentException("no such identifier field: " + field);
    }
    return NAMESPACE + field;
  }
}
