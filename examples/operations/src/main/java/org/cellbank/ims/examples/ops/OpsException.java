package org.cellbank.ims.examples.ops;

/**
 * A command could not do its work (a job failed, the stack lacks an output, no earlier version to
 * roll back to): the tool prints the message and exits with 1.
 */
final class OpsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OpsException(String message) {
    super(message);
  }
}
