package org.cellbank.ims.examples.ops;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.BiFunction;
import org.cellbank.ims.examples.ops.StackFunctions.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code ims-ops}: the operator's command line for a deployed IMS stack. The admin jobs run inside
 * the deployed functions (a synchronous Lambda Invoke), so the operator needs no access to the VPC
 * or the database; the function names come from the stack's CloudFormation outputs.
 *
 * <pre>{@code
 * ims-ops --stack ims-prod migrate
 * ims-ops --stack ims-prod import UKBi008-A
 * ims-ops --stack ims-prod api-keys create-user lims partner
 * ims-ops --stack ims-prod api-keys issue lims
 * ims-ops --stack ims-prod rollback
 * ims-ops --stack ims-prod tail --since 30m --function job --follow
 * }</pre>
 *
 * <p>Exit status: 0 when the command did its work, 1 when it failed (a function error, an AWS
 * error, nothing to roll back to), 2 for a wrong command line. The commands and the permissions
 * they need are in {@code docs/operations.md}.
 */
public final class ImsOps {
  static final String USAGE = String.join("\n",
      "usage: ims-ops --stack NAME [--region R] [--profile P] COMMAND",
      "",
      "jobs (a Lambda Invoke; the answer is printed):",
      "  fetch                            stage hPSCreg and ECACC for the import (the fetch function)",
      "  import [LINE]                    import the staged copy, all lines or one (the job function)",
      "  nightly | drain | rebuild | reconcile   (the job function)",
      "  invoke JOB [key=value ...]       any job; [--function job|migrate|fetch] (default job)",
      "the migrate function:",
      "  migrate                          the schema migration",
      "  api-keys create-user USER ROLE   ROLE as the IMS names it, e.g. partner, executive_viewer",
      "  api-keys issue USER              prints the new key once",
      "  api-keys list [USER]",
      "  api-keys revoke ID",
      "the API functions:",
      "  rollback [--function http|files|search|media] [--to VERSION]",
      "                                   moves its alias to the previous published version",
      "logs:",
      "  tail [--since 10m] [--function http|files|search|media|job|migrate|fetch] [--follow]",
      "",
      "names instead of the stack's outputs: --http-function F --search-function F --media-function F",
      "  --alias A --job-function F --migrate-function F --fetch-function F --files-function F");

  private final BiFunction<String, String, Clients> clientFactory;
  private final Clock clock;
  private final LogTail.Pause followPause;

  ImsOps(BiFunction<String, String, Clients> clientFactory, Clock clock, LogTail.Pause followPause) {
    this.clientFactory = clientFactory;
    this.clock = clock;
    this.followPause = followPause;
  }

  /** Runs one command and exits with its status. */
  public static void main(String[] args) {
    int status = new ImsOps(Clients::forAccount, Clock.systemUTC(), LogTail.TWO_SECONDS)
        .run(args, System.out, System.err);
    System.exit(status);
  }

  /** Runs one command; returns the exit status. */
  int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine line;
    try {
      line = CommandLine.parse(args);
      if (line.flag("help")) {
        out.println(USAGE);
        return 0;
      }
      if (line.words().isEmpty()) {
        throw new UsageException("no command");
      }
    } catch (UsageException e) {
      return usage(err, e);
    }
    try (Clients clients = clientFactory.apply(line.option("region"), line.option("profile"))) {
      execute(line, clients, out, err);
      return 0;
    } catch (UsageException e) {
      return usage(err, e);
    } catch (OpsException e) {
      err.println("ims-ops: " + e.getMessage());
      return 1;
    } catch (SdkException e) {
      err.println("ims-ops: " + TerminalText.escape(String.valueOf(e.getMessage())));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static int usage(PrintStream err, UsageException e) {
    err.println("ims-ops: " + e.getMessage());
    err.println(USAGE);
    return 2;
  }

  private void execute(CommandLine line, Clients clients, PrintStream out, PrintStream err)
      throws InterruptedException {
    List<String> words = line.words();
    String command = words.get(0);
    List<String> rest = words.subList(1, words.size());
    StackFunctions functions = new StackFunctions(line, clients);
    switch (command) {
      case "migrate", "nightly", "drain", "rebuild", "reconcile" -> {
        line.allowOnly(command);
        arguments(command, rest, 0, 0);
        // The job package has no Flyway: the migrations run in the migrate package's function.
        Function target = command.equals("migrate") ? Function.MIGRATE : Function.JOB;
        invoke(clients, functions.name(target), JsonText.object().put("job", command), out);
      }
      case "fetch" -> {
        line.allowOnly(command);
        arguments(command, rest, 0, 0);
        invoke(clients, functions.name(Function.FETCH), JsonText.object().put("job", "fetch"), out);
      }
      case "import" -> {
        line.allowOnly(command);
        arguments(command, rest, 0, 1);
        JsonText payload = JsonText.object().put("job", "import");
        if (!rest.isEmpty()) {
          payload.put("line", rest.get(0));
        }
        invoke(clients, functions.name(Function.JOB), payload, out);
      }
      case "invoke" -> {
        line.allowOnly(command, "function");
        if (rest.isEmpty()) {
          throw new UsageException("invoke needs a job name");
        }
        JsonText payload = JsonText.object().put("job", rest.get(0));
        for (String pair : rest.subList(1, rest.size())) {
          member(payload, pair);
        }
        String which = line.option("function");
        Function target = which == null ? Function.JOB : Function.named(which);
        if (target != Function.JOB && target != Function.MIGRATE && target != Function.FETCH) {
          throw new UsageException("invoke runs jobs: --function must be job, migrate or fetch");
        }
        invoke(clients, functions.name(target), payload, out);
      }
      case "api-keys" -> {
        line.allowOnly(command);
        JsonText payload = apiKeys(rest);
        // The API keys live with the migrations: the job function does not run these jobs.
        String function = functions.name(Function.MIGRATE);
        if (rest.get(0).equals("issue")) {
          err.println("ims-ops: the new key is printed once, below; store it now (it is kept only as a hash)");
        }
        invoke(clients, function, payload, out);
      }
      case "rollback" -> {
        line.allowOnly(command, "to", "function");
        arguments(command, rest, 0, 0);
        String to = line.option("to");
        if (to != null) {
          wholeNumber(to, "--to");
        }
        String which = line.option("function");
        Function target = which == null ? Function.HTTP : Function.named(which);
        if (target != Function.HTTP && target != Function.FILES && target != Function.SEARCH && target != Function.MEDIA) {
          throw new UsageException("rollback moves an API function's alias: --function must be http, files, search or media");
        }
        AliasRollback.run(clients.lambda(), functions.name(target), functions.alias(), to, out);
      }
      case "tail" -> {
        line.allowOnly(command, "since", "function", "follow");
        arguments(command, rest, 0, 0);
        String which = line.option("function");
        Function target = which == null ? Function.HTTP : Function.named(which);
        long start = since(line.option("since") == null ? "10m" : line.option("since"));
        new LogTail(clients.logs(), functions.name(target), out).run(start, line.flag("follow") ? followPause : null);
      }
      default -> throw new UsageException("unknown command " + TerminalText.escape(command));
    }
  }

  private static void invoke(Clients clients, String function, JsonText payload, PrintStream out) {
    JobInvocation.run(clients.lambda(), function, payload, out);
  }

  private static JsonText apiKeys(List<String> rest) {
    if (rest.isEmpty()) {
      throw new UsageException("api-keys needs create-user, issue, list or revoke");
    }
    String action = rest.get(0);
    List<String> args = rest.subList(1, rest.size());
    JsonText payload = JsonText.object().put("job", "api-keys." + action);
    switch (action) {
      case "create-user" -> {
        arguments("api-keys create-user", args, 2, 2);
        payload.put("user", args.get(0)).put("role", args.get(1));
      }
      case "issue" -> {
        arguments("api-keys issue", args, 1, 1);
        payload.put("user", args.get(0));
      }
      case "list" -> {
        arguments("api-keys list", args, 0, 1);
        if (!args.isEmpty()) {
          payload.put("user", args.get(0));
        }
      }
      case "revoke" -> {
        arguments("api-keys revoke", args, 1, 1);
        payload.put("id", wholeNumber(args.get(0), "ID"));
      }
      default -> throw new UsageException("unknown api-keys action " + TerminalText.escape(action)
          + "; known: create-user, issue, list, revoke");
    }
    return payload;
  }

  private static void arguments(String command, List<String> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw new UsageException(command + (max == 0 ? " takes no argument"
          : min == max ? " takes " + min + " argument" + (min == 1 ? "" : "s")
          : " takes " + min + " to " + max + " arguments"));
    }
  }

  // key=value: a whole number or true/false as JSON numbers and booleans, anything else as text.
  private static void member(JsonText payload, String pair) {
    int equals = pair.indexOf('=');
    if (equals <= 0) {
      throw new UsageException("not key=value: " + TerminalText.escape(pair));
    }
    String key = pair.substring(0, equals);
    String value = pair.substring(equals + 1);
    if (payload.has(key)) {
      throw new UsageException(TerminalText.escape(key) + " given twice");
    }
    if (value.equals("true") || value.equals("false")) {
      payload.put(key, Boolean.parseBoolean(value));
    } else if (isWholeNumber(value)) {
      payload.put(key, Long.parseLong(value));
    } else {
      payload.put(key, value);
    }
  }

  private static boolean isWholeNumber(String value) {
    int start = value.startsWith("-") ? 1 : 0;
    if (value.length() <= start || value.length() - start > 18) {
      return false;
    }
    for (int i = start; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return value.length() - start == 1 || value.charAt(start) != '0';
  }

  private static long wholeNumber(String value, String what) {
    if (!isWholeNumber(value) || value.startsWith("-")) {
      throw new UsageException(what + " must be a positive whole number: " + TerminalText.escape(value));
    }
    return Long.parseLong(value);
  }

  /** {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d} before now, or an instant ({@code 2026-12-02T18:00:00Z}). */
  long since(String value) {
    char unit = value.charAt(value.length() - 1);
    String amount = value.substring(0, value.length() - 1);
    Duration per = switch (unit) {
      case 's' -> Duration.ofSeconds(1);
      case 'm' -> Duration.ofMinutes(1);
      case 'h' -> Duration.ofHours(1);
      case 'd' -> Duration.ofDays(1);
      default -> null;
    };
    if (per != null && isWholeNumber(amount) && !amount.startsWith("-")) {
      return clock.instant().minus(per.multipliedBy(Long.parseLong(amount))).toEpochMilli();
    }
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new UsageException("--since must be like 90s, 10m, 2h, 1d or 2026-12-02T18:00:00Z: "
          + TerminalText.escape(value));
    }
  }
}
