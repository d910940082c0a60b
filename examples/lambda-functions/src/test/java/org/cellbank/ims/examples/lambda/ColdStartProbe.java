package org.cellbank.ims.examples.lambda;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cellbank.ims.lambda.ImsLambdaHandler;

/**
 * A cold start in a JVM of its own, for {@link LambdaPackageIT}: builds the function from the
 * environment as Lambda's init does, answers the event file once, and prints the answer. Run with
 * the unpacked package as its class path and {@code -Xlog:class+load}, it shows what a cold start loads.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  /** {@code args[0]}: the event file. */
  public static void main(String[] args) throws Exception {
    byte[] event = Files.readAllBytes(Path.of(args[0]));
    ImsLambdaHandler handler = ImsFunction.assemble(System.getenv());
    System.out.println(new String(handler.handle(event), StandardCharsets.UTF_8));
    System.exit(0);
  }
}
