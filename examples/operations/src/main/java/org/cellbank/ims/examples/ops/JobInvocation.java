package org.cellbank.ims.examples.ops;

import java.io.PrintStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * One job run inside a deployed function: a synchronous Lambda Invoke (RequestResponse) whose
 * answer is printed as the function gave it. A FunctionError, or an answer with {@code "ok":false},
 * fails the command with the function's error message.
 */
final class JobInvocation {
  private JobInvocation() {}

  /**
   * Invokes {@code function} with {@code payload} and prints its answer on {@code out}.
   *
   * @throws OpsException when the function reports an error
   */
  static void run(LambdaClient lambda, String function, JsonText payload, PrintStream out) {
    InvokeResponse response = lambda.invoke(r -> r.functionName(function)
        .invocationType(InvocationType.REQUEST_RESPONSE)
        .payload(SdkBytes.fromUtf8String(payload.toString())));
    String answer = response.payload() == null ? "" : response.payload().asUtf8String();
    if (response.functionError() != null) {
      throw new OpsException("function " + TerminalText.escape(function) + " failed ("
          + TerminalText.escape(response.functionError()) + "): " + errorMessage(answer));
    }
    // The answer goes to standard output only: an API key in it is shown once and logged nowhere.
    out.println(TerminalText.escape(answer));
    JsonNode node = parse(answer);
    if (node != null && node.isObject()) {
      JsonNode ok = node.asObject().get("ok");
      if (ok != null && ok.isBoolean() && !ok.asBoolean()) {
        JsonNode error = node.asObject().get("error");
        throw new OpsException("function " + TerminalText.escape(function) + " refused the job: "
            + (error != null && error.isString() ? TerminalText.escape(error.asString()) : "(no error given)"));
      }
    }
  }

  /** The error of a failed invocation's answer ({@code errorType: errorMessage}), escaped. */
  static String errorMessage(String answer) {
    JsonNode node = parse(answer);
    if (node == null || !node.isObject()) {
      return answer.isEmpty() ? "(no answer)" : TerminalText.escape(answer);
    }
    JsonNode message = node.asObject().get("errorMessage");
    JsonNode type = node.asObject().get("errorType");
    String text = message != null && message.isString() ? message.asString() : answer;
    return TerminalText.escape(type != null && type.isString() ? type.asString() + ": " + text : text);
  }

  private static JsonNode parse(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return JsonNode.parser().parse(text);
    } catch (RuntimeException e) {
      // Not JSON: the raw answer is shown instead.
      return null;
    }
  }
}
