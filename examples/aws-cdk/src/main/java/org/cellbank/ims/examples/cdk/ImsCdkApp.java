package org.cellbank.ims.examples.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;

/**
 * The CDK app: one {@code ImsStack} for the stage named by the context value {@code stage}
 * ({@code dev} by default, or {@code prod}), checked by cdk-nag's AWS Solutions rules.
 *
 * <p>Run by {@code cdk synth} / {@code cdk deploy} through {@code cdk.json}, or directly:
 * {@code ../../mvnw -q compile exec:java -Dexec.args=prod} synthesises into {@code target/cdk.out}.
 * Synthesis is offline: no Docker, no AWS account, no lookup.
 */
public final class ImsCdkApp {

  /** Feature flags the stack relies on, the same for {@code cdk synth} and the tests. */
  static final Map<String, Object> FEATURE_FLAGS = Map.of(
      // Server access logs are allowed by a bucket policy, not an ACL (the buckets disable ACLs).
      "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);

  private ImsCdkApp() {}

  /**
   * Synthesises the app.
   *
   * @param args optionally the stage ({@code dev} or {@code prod}), overriding the context value
   */
  public static void main(String[] args) {
    // The CDK CLI names the output folder (CDK_OUTDIR); run on its own, the app writes where
    // ./mvnw verify does.
    String outdir = System.getenv("CDK_OUTDIR") == null ? "target/cdk.out" : null;
    App app = app(args.length > 0 ? Map.of("stage", args[0]) : Map.of(), outdir);
    app.synth();
  }

  /** The app with {@code context} over the flags, writing to {@code outdir} (null: the CLI's). */
  static App app(Map<String, Object> context, String outdir) {
    java.util.Map<String, Object> all = new java.util.HashMap<>(FEATURE_FLAGS);
    all.putAll(context);
    AppProps.Builder props = AppProps.builder().context(all);
    if (outdir != null) {
      props.outdir(outdir);
    }
    App app = new App(props.build());
    new ImsStack(app, StageSettings.fromContext(app.getNode()));
    Aspects.of(app).add(new AwsSolutionsChecks());
    return app;
  }
}
