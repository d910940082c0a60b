package org.cellbank.ims.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.cellbank.ims.examples.lambda.ImsFunction;
import org.cellbank.ims.lambda.ImsLambdaHandler;

/**
 * Warm latency of one deployment package, in a JVM of its own: {@link LambdaColdStartBenchmark}
 * copies this class next to an unpacked package and runs it with the package as the class path
 * and the function's environment, so that each package is measured with its own classes.
 *
 * <p>Arguments: the event file and the number of timed calls. Prints one line:
 * {@code p50 MS p99 MS answer BYTES}.
 */
public final class WarmProbe {
  private WarmProbe() {}

  /** Runs the probe; see the class comment. */
  public static void main(String[] args) throws Exception {
    byte[] event = Files.readAllBytes(Path.of(args[0]));
    int iterations = Integer.parseInt(args[1]);
    ImsLambdaHandler handler = ImsFunction.assemble(System.getenv());
    byte[] first = handler.handle(event);
    for (int i = 0; i < iterations; i++) {
      handler.handle(event);
    }
    double[] millis = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long t = System.nanoTime();
      handler.handle(event);
      millis[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf("p50 %.3f p99 %.3f answer %d%n", millis[(int) Math.floor(0.5 * iterations)],
        millis[Math.min(iterations - 1, (int) Math.floor(0.99 * iterations))], first.length);
    System.exit(0);
  }
}
