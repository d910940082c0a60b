package org.cellbank.ims.examples.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * The deployed functions' names: from the options when given, else from the stack's outputs
 * (read once, with DescribeStacks, only when an option leaves a name open).
 */
final class StackFunctions {
  /** The functions of the stack, with the option that names each and the stack output that holds it. */
  enum Function {
    HTTP("http-function", "ImsHttpFunctionName"),
    FILES("files-function", "ImsFilesFunctionName"),
    SEARCH("search-function", "ImsSearchFunctionName"),
    MEDIA("media-function", "ImsMediaFunctionName"),
    JOB("job-function", "ImsJobFunctionName"),
    MIGRATE("migrate-function", "ImsMigrateFunctionName"),
    FETCH("fetch-function", "ImsFetchFunctionName");

    final String option;
    final String output;

    Function(String option, String output) {
      this.option = option;
      this.output = output;
    }

    /** The function {@code --function WORD} names: http, files, search, media, job, migrate or fetch. */
    static Function named(String word) {
      for (Function f : values()) {
        if (f.option.equals(word + "-function")) {
          return f;
        }
      }
      throw new UsageException("--function must be http, files, search, media, job, migrate or fetch: "
          + TerminalText.escape(word));
    }
  }

  static final String ALIAS_OUTPUT = "ImsHttpAliasName";
  static final String DEFAULT_ALIAS = "live";

  private final CommandLine line;
  private final Clients clients;
  private Map<String, String> outputs;

  StackFunctions(CommandLine line, Clients clients) {
    this.line = line;
    this.clients = clients;
  }

  /** The name of the function, from its option or the stack output. */
  String name(Function function) {
    String given = line.option(function.option);
    if (given != null) {
      return given;
    }
    String name = outputs().get(function.output);
    if (name == null || name.isBlank()) {
      throw new OpsException("stack " + TerminalText.escape(stack()) + " has no output " + function.output
          + "; pass --" + function.option);
    }
    return name;
  }

  /**
   * The alias API Gateway invokes (the same name on the HTTP, files, search and media functions):
   * {@code --alias}, else the stack output, else {@value #DEFAULT_ALIAS}.
   */
  String alias() {
    String given = line.option("alias");
    if (given != null) {
      return given;
    }
    if (line.option("stack") == null) {
      return DEFAULT_ALIAS;
    }
    return outputs().getOrDefault(ALIAS_OUTPUT, DEFAULT_ALIAS);
  }

  private String stack() {
    String stack = line.option("stack");
    if (stack == null) {
      throw new UsageException("--stack NAME is required (or name the function with its option)");
    }
    return stack;
  }

  private Map<String, String> outputs() {
    if (outputs == null) {
      String stack = stack();
      CloudFormationClient cfn = clients.cloudFormation();
      List<Stack> stacks = cfn.describeStacks(r -> r.stackName(stack)).stacks();
      if (stacks.isEmpty()) {
        throw new OpsException("no stack " + TerminalText.escape(stack));
      }
      Map<String, String> values = new HashMap<>();
      for (Output output : stacks.get(0).outputs()) {
        if (output.outputKey() != null && output.outputValue() != null) {
          values.put(output.outputKey(), output.outputValue());
        }
      }
      outputs = Map.copyOf(values);
    }
    return outputs;
  }
}
