package org.cellbank.ims.examples.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.logs.LogGroup;

/** The cdk-nag findings this stack accepts, each with its reason. */
final class Nag {
  private Nag() {}

  static void suppress(Stack stack, StageSettings settings, LogGroup triggerLogs) {
  }

  static NagPackSuppression because(String id, String reason) {
    return NagPackSuppression.builder().id(id).reason(reason).build();
  }

  static List<NagPackSuppression> list(NagPackSuppression... s) {
    return List.of(s);
  }
}
