package org.cellbank.ims.lambda;

/**
 * The work run when an EventBridge schedule, or a direct invocation, invokes the function (the
 * nightly job chain, or one job named by the invocation).
 *
 * <p>Return normally when the run succeeded. Throw to make the invocation fail, so that Lambda
 * records an error and EventBridge may retry: jobs must therefore be idempotent.
 */
@FunctionalInterface
public interface ScheduledJob {
  /** Runs the job for one scheduled event. */
  void run(ScheduledEvent event);

  /**
   * Runs the job for one event and returns what the invocation answers: a JSON object, as text.
   * By default runs {@link #run(ScheduledEvent)} and answers {@code {"ok":true}}; a job that reports
   * what it did (counts, a key issued to an operator) overrides this.
   *
   * @throws RuntimeException what the job threw: the invocation fails
   */
  default String result(ScheduledEvent event) {
    run(event);
    return "{\"ok\":true}";
  }
}
