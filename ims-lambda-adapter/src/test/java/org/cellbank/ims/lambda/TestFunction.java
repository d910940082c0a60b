package org.cellbank.ims.lambda;

/** The function class a deployment would configure, here for the runtime-client test. */
public final class TestFunction extends LambdaEntryPoint {
  /** Builds the test application once, as the Lambda runtime does at init. */
  public TestFunction() {
    super(() -> TestApp.handler().build());
  }
}
