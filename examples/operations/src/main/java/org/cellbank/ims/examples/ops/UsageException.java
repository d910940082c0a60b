package org.cellbank.ims.examples.ops;

/** The command line is wrong: the tool prints the message and the usage, and exits with 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
