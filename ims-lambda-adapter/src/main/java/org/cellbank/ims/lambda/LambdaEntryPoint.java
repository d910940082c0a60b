package org.cellbank.ims.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The base of a Lambda function class: the runtime creates it once per container with its
 * no-argument constructor, which builds the whole application once.
 *
 * <pre>{@code
 * public final class ImsFunction extends LambdaEntryPoint {
 *   public ImsFunction() {
 *     super(ImsFunction::assemble);
 *   }
 *
 *   private static ImsLambdaHandler assemble() {
 *     Router router = Router.builder().get("/api/v0/cell-lines/{id}", cellLines::one).build();
 *     return ImsLambdaHandler.builder(router).basePath("/ims").build();
 *   }
 * }
 * }</pre>
 *
 * <p>Configure the function's handler as {@code com.example.ImsFunction::handleRequest}. The
 * supplier runs in the constructor, during the Lambda init phase: if it throws, init fails and
 * Lambda reports the error before any request is served (fail fast). Work it starts on other
 * threads to shorten the init phase (such as {@link LambdaDataSource#openInBackground(Runnable)})
 * should be awaited before it returns, so that a failure still fails the init phase.
 *
 * <p>Thread-safe when the handler it builds is; Lambda calls one request at a time per container.
 */
public abstract class LambdaEntryPoint implements RequestStreamHandler {
  private final ImsLambdaHandler handler;

  /**
   * Builds the handler now, once.
   *
   * @param assembly builds the application; called exactly once, here
   */
  protected LambdaEntryPoint(Supplier<ImsLambdaHandler> assembly) {
    this.handler = Objects.requireNonNull(assembly.get(), "the assembly returned no handler");
  }

  /** Handles one invocation by delegating to the assembled {@link ImsLambdaHandler}. */
  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    handler.handleRequest(input, output, context);
  }

  /** The assembled handler, for tests and benchmarks that call it without a runtime. */
  public final ImsLambdaHandler handler() {
    return handler;
  }
}
