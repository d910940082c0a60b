package org.cellbank.ims.examples.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parsed arguments: options with a value, flags, and the words of the command in order. */
final class CommandLine {
  static final Set<String> VALUED = Set.of("stack", "region", "profile", "http-function", "alias", "job-function",
      "migrate-function", "fetch-function", "files-function", "search-function", "media-function", "since", "function",
      "to");
  static final Set<String> FLAGS = Set.of("follow", "help");

  private final Map<String, String> options;
  private final Set<String> flags;
  private final List<String> words;

  private CommandLine(Map<String, String> options, Set<String> flags, List<String> words) {
    this.options = options;
    this.flags = flags;
    this.words = words;
  }

  /**
   * Parses {@code --name value}, {@code --name=value} and {@code --flag} anywhere among the words;
   * {@code --} ends the options.
   *
   * @throws UsageException for an unknown option, a missing value or an option given twice
   */
  static CommandLine parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    Set<String> flags = new HashSet<>();
    List<String> words = new ArrayList<>();
    boolean optionsEnded = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (optionsEnded || !arg.startsWith("--")) {
        words.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (FLAGS.contains(name)) {
        if (value != null) {
          throw new UsageException("--" + name + " takes no value");
        }
        flags.add(name);
      } else if (VALUED.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new UsageException("--" + name + " needs a value");
          }
          value = args[++i];
        }
        if (value.isBlank()) {
          throw new UsageException("--" + name + " needs a value");
        }
        if (options.putIfAbsent(name, value) != null) {
          throw new UsageException("--" + name + " given twice");
        }
      } else {
        throw new UsageException("unknown option --" + TerminalText.escape(name));
      }
    }
    return new CommandLine(Map.copyOf(options), Set.copyOf(flags), List.copyOf(words));
  }

  /** The value of {@code --name}, or null. */
  String option(String name) {
    return options.get(name);
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  List<String> words() {
    return words;
  }

  /** Fails unless only the given options (besides the global ones) were used. */
  void allowOnly(String command, String... allowed) {
    Set<String> ok = new HashSet<>(Set.of("stack", "region", "profile", "http-function", "alias", "job-function",
        "migrate-function", "fetch-function", "files-function", "search-function", "media-function", "help"));
    ok.addAll(List.of(allowed));
    for (String name : options.keySet()) {
      if (!ok.contains(name)) {
        throw new UsageException("--" + name + " does not apply to " + command);
      }
    }
    for (String name : flags) {
      if (!ok.contains(name)) {
        throw new UsageException("--" + name + " does not apply to " + command);
      }
    }
  }
}
