package org.cellbank.ims.core.importer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one import run did: when it ran, how it ended, how many lines it created, updated, left
 * unchanged, failed and skipped, the problem of each failed or skipped line, and the names it did not
 * get to (pass them to {@link HpscregImporter#resume} to continue).
 *
 * @param startedAt when the run started
 * @param finishedAt when the run ended
 * @param outcome how the run ended
 * @param total the number of names the run was given (0 when the list could not be read)
 * @param created lines stored for the first time
 * @param updated stored lines whose registry data changed
 * @param unchanged stored lines the registry did not change (nothing was written for them)
 * @param failed lines that could not be read, parsed or written (each rolled back whole)
 * @param skipped lines the import does not take, such as those without a BioSamples id
 * @param problems one entry per failed or skipped line, and one for a list that could not be read
 * @param notDone the names left when the time budget ran out, in list order
 * @param resumedFrom the id of the stored run whose {@code notDone} names this run went through, or
 *     null when the run read the registry's list (see {@link ImportRuns})
 */
public record ImportReport(
    Instant startedAt,
    Instant finishedAt,
    Outcome outcome,
    int total,
    int created,
    int updated,
    int unchanged,
    int failed,
    int skipped,
    List<LineProblem> problems,
    List<String> notDone,
    Long resumedFrom) {

  /** Validates the components and copies the lists. */
  public ImportReport {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(outcome, "outcome");
    problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    notDone = List.copyOf(Objects.requireNonNull(notDone, "notDone"));
  }

  /** Whether this run continued an earlier one instead of reading the registry's list. */
  public boolean resumed() {
    return resumedFrom != null;
  }

  /** The lines the run went through: created, updated, unchanged, failed or skipped. */
  public int done() {
    return created + updated + unchanged + failed + skipped;
  }

  /** How long the run took. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /** One line of text for a log. */
  public String summary() {
    return "hPSCreg import " + outcome.name().toLowerCase(java.util.Locale.ROOT) + " in " + duration().toMillis()
        + " ms: " + done() + "/" + total + " lines, " + created + " created, " + updated + " updated, "
        + unchanged + " unchanged, " + failed + " failed, " + skipped + " skipped, " + notDone.size() + " not done"
        + (resumedFrom == null ? "" : " (resumed run " + resumedFrom + ")");
  }

  /** How a run ended. */
  public enum Outcome {
    /** Every name was attempted. */
    COMPLETED,
    /** The time budget ran out; {@link ImportReport#notDone()} holds the rest. */
    BUDGET_EXHAUSTED,
    /** The registry's list could not be read, so no line was attempted. */
    LIST_FAILED
  }

  /**
   * The problem of one line.
   *
   * @param name the hPSCreg name, or {@code (list)} for the list itself
   * @param kind whether the line failed or was skipped
   * @param message what went wrong
   */
  public record LineProblem(String name, Kind kind, String message) {

    /** Validates the components. */
    public LineProblem {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }

    /** Whether a line failed or was skipped. */
    public enum Kind {
      /** It could not be read, parsed or written; nothing of it was stored. */
      FAILED,
      /** The import does not take it (no BioSamples id, or an empty answer). */
      SKIPPED
    }
  }
}
