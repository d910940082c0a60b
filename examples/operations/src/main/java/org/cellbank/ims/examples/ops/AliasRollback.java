package org.cellbank.ims.examples.ops;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.UpdateAliasRequest;

/**
 * Moves an API function's alias (HTTP, files, search or media) to an earlier published version: the one just before the alias's
 * version, or the one named. A weighted alias (a gradual deployment under way) loses its extra
 * weights, so that all traffic goes to the version rolled back to.
 */
final class AliasRollback {
  private AliasRollback() {}

  /**
   * Rolls {@code alias} of {@code function} back and prints what changed.
   *
   * @param to the version to move to, or null for the newest published version older than the alias's
   * @throws OpsException when there is no such version
   */
  static void run(LambdaClient lambda, String function, String alias, String to, PrintStream out) {
    GetAliasResponse current = lambda.getAlias(r -> r.functionName(function).name(alias));
    long from = version(current.functionVersion(), "alias " + alias);
    List<Long> published = publishedVersions(lambda, function);
    long target;
    if (to != null) {
      target = version(to, "--to");
      if (!published.contains(target)) {
        throw new OpsException("function " + TerminalText.escape(function) + " has no published version " + target
            + "; published: " + published);
      }
      if (target == from) {
        throw new OpsException("alias " + TerminalText.escape(alias) + " already points to version " + target);
      }
    } else {
      target = -1;
      for (long v : published) {
        if (v < from && v > target) {
          target = v;
        }
      }
      if (target < 0) {
        throw new OpsException("no version of " + TerminalText.escape(function) + " older than " + from
            + " to roll alias " + TerminalText.escape(alias) + " back to (published: " + published + ")");
      }
    }
    String targetVersion = Long.toString(target);
    UpdateAliasRequest.Builder update = UpdateAliasRequest.builder().functionName(function).name(alias)
        .functionVersion(targetVersion);
    AliasRoutingConfiguration routing = current.routingConfig();
    if (routing != null && routing.hasAdditionalVersionWeights() && !routing.additionalVersionWeights().isEmpty()) {
      update.routingConfig(AliasRoutingConfiguration.builder().additionalVersionWeights(Map.of()).build());
    }
    String now = lambda.updateAlias(update.build()).functionVersion();
    out.println("alias " + TerminalText.escape(alias) + " of " + TerminalText.escape(function) + ": version " + from
        + " -> " + TerminalText.escape(now == null ? targetVersion : now));
  }

  /** Every published version (not {@code $LATEST}), through all pages. */
  static List<Long> publishedVersions(LambdaClient lambda, String function) {
    List<Long> versions = new ArrayList<>();
    String marker = null;
    do {
      String page = marker;
      ListVersionsByFunctionResponse response = lambda.listVersionsByFunction(r -> r.functionName(function)
          .marker(page).maxItems(50));
      for (FunctionConfiguration configuration : response.versions()) {
        String v = configuration.version();
        if (v != null && !v.equals("$LATEST")) {
          versions.add(version(v, "listed version"));
        }
      }
      marker = response.nextMarker();
    } while (marker != null && !marker.isEmpty());
    versions.sort(null);
    return List.copyOf(versions);
  }

  private static long version(String text, String what) {
    try {
      long v = Long.parseLong(text);
      if (v < 1) {
        throw new NumberFormatException(text);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new OpsException(what + " is not a published version number: " + TerminalText.escape(String.valueOf(text)));
    }
  }
}
