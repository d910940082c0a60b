package org.cellbank.ims.lambda;

/**
 * The work run when an EventBridge schedule invokes the function (the nightly job chain).
 *
 * <p>Return normally when the run succeeded. Throw to make the invocation fail, so that Lambda
 * records an error and EventBridge may retry: jobs must therefore be idempotent.
 */
@FunctionalInterface
public interface ScheduledJob {
  /** Runs the job for one scheduled event. */
  void run(ScheduledEvent event);
}
