package org.cellbank.ims.core;

/**
 * Which page to read: skip {@code offset} items, then take at most {@code limit}.
 *
 * @param offset how many items to skip; 0 or more
 * @param limit how many items to take at most; 1 to {@value #MAX_LIMIT}
 */
public record PageRequest(long offset, int limit) {

  /** The largest page size a request may ask for. */
  public static final int MAX_LIMIT = 1000;

  /**
   * Validates the bounds.
   *
   * @throws ValidationException when offset is negative or limit is outside 1..{@value #MAX_LIMIT}
   */
  public PageRequest {
    if (offset < 0) {
      throw new ValidationException("offset must be 0 or more: " + offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
  }

  /** A request for the first {@code limit} items. */
  public static PageRequest first(int limit) {
    return new PageRequest(0, limit);
  }
}
