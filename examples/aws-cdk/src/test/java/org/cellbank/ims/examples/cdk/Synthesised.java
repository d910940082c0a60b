package org.cellbank.ims.examples.cdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * One synthesis per stage, shared by every test in the JVM (a synthesis costs seconds: the jsii
 * runtime and the CDK's JavaScript). The prod stage is written to {@code target/cdk.out}, where
 * {@code ./mvnw verify} leaves it.
 */
final class Synthesised {

  final ImsStack stack;
  final Template template;
  final List<String> nagFindings;
  final Map<String, Object> resources;

  private Synthesised(String stage, Map<String, Object> extraContext, String outdir) {
    long start = System.nanoTime();
    Map<String, Object> context = new HashMap<>(extraContext);
    context.put("stage", stage);
    context.put("lambdaZips", System.getProperty("ims.cdk.zips", "../lambda-functions/target"));
    App app = ImsCdkApp.app(context, outdir);
    stack = (ImsStack) app.getNode().getChildren().get(0);
    app.synth();
    long synthesised = System.nanoTime();
    template = Template.fromStack(stack);
    nagFindings = new ArrayList<>();
    Annotations annotations = Annotations.fromStack(stack);
    for (SynthesisMessage m : annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
      nagFindings.add("error " + m.getId() + ": " + m.getEntry().getData());
    }
    for (SynthesisMessage m : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
      nagFindings.add("warning " + m.getId() + ": " + m.getEntry().getData());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) template.toJSON().get("Resources");
    resources = r;
    System.out.println("synthesis of " + stack.getStackName() + ": " + (synthesised - start) / 1_000_000
        + " ms (with the first jsii start in this JVM, if it was the first), checks read in "
        + (System.nanoTime() - synthesised) / 1_000_000 + " ms");
  }

  private static final class Prod {
    static final Synthesised INSTANCE = new Synthesised("prod", Map.of(),
        System.getProperty("ims.cdk.outdir", Path.of("target", "cdk.out").toString()));
  }

  private static final class Dev {
    static final Synthesised INSTANCE = new Synthesised("dev", Map.of(),
        Path.of(System.getProperty("ims.cdk.outdir", "target/cdk.out") + "-dev").toString());
  }

  static final String RESTORED_SECRET =
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds!db-0123abcd-4567-89ef-0123-456789abcdef-AbCdEf";

  /** prod with a custom domain and base path and a site origin, pointed at a restored database. */
  private static final class WithDomain {
    static final Synthesised INSTANCE = new Synthesised("prod", Map.of(
        "domainName", "api.catalogue.example.org",
        "hostedZoneId", "Z0123456789EXAMPLE",
        "hostedZoneName", "catalogue.example.org",
        "basePath", "ims",
        "siteOrigin", "https://catalogue.example.org",
        "stackName", "Ims-prod-domain",
        "dbEndpoint", "ims-prod-restored.abcdefghijkl.eu-west-1.rds.amazonaws.com",
        "dbSecretArn", RESTORED_SECRET),
        Path.of(System.getProperty("ims.cdk.outdir", "target/cdk.out") + "-domain").toString());
  }

  static Synthesised prod() {
    return Prod.INSTANCE;
  }

  static Synthesised dev() {
    return Dev.INSTANCE;
  }

  static Synthesised withDomain() {
    return WithDomain.INSTANCE;
  }

  /** The resources of {@code type}, logical id to resource. */
  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> ofType(String type) {
    Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Object> e : resources.entrySet()) {
      Map<String, Object> res = (Map<String, Object>) e.getValue();
      if (type.equals(res.get("Type"))) {
        out.put(e.getKey(), res);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> props(Map<String, Object> resource) {
    Object p = resource.get("Properties");
    return p == null ? Map.of() : (Map<String, Object>) p;
  }
}
