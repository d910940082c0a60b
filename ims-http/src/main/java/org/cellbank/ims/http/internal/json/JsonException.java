package org.cellbank.ims.http.internal.json;

/**
 * Thrown when JSON text is malformed or a value does not have the expected type.
 *
 * <p>It is not a client error by itself: where the JSON came from decides. Code that reads a
 * client's input (a request body, an event) turns it into a
 * {@link org.cellbank.ims.http.BadRequestException}; anywhere else (our own aggregate documents, a
 * registry's answer) it is a fault of ours or of the other system, never a 400. For parse
 * errors {@link #position()} gives the offset of the first offending character (or byte, for
 * invalid UTF-8); for type errors it is {@code -1}. Messages never quote the input beyond the
 * offending character.
 */
public final class JsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long position;

  /** Creates an exception for an error at a position of the input ({@code -1} when none). */
  public JsonException(String message, long position) {
    super(position < 0 ? message : message + " at position " + position);
    this.position = position;
  }

  /** The offset in the input where parsing failed, or {@code -1} for errors that are not parse errors. */
  public long position() {
    return position;
  }

  static JsonException wrongType(String expected, JsonValue actual) {
    return new JsonException("expected " + expected + " but found " + actual.typeName(), -1);
  }
}
