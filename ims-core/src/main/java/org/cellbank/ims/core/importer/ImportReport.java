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
 * <p>Build one with {@link #builder()} rather than the long canonical constructor:
 *
 * <pre>{@code
 * ImportReport report = ImportReport.builder()
 *     .startedAt(start).finishedAt(end).outcome(ImportReport.Outcome.COMPLETED)
 *     .total(3).created(2).unchanged(1)
 *     .build();
 * }</pre>
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

  /** A builder: counts start at 0, lists empty, {@code resumedFrom} null; the times and outcome are required. */
  public static Builder builder() {
    return new Builder();
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

  /** Builds an {@link ImportReport}. Not thread-safe. */
  public static final class Builder {
    private Instant startedAt;
    private Instant finishedAt;
    private Outcome outcome;
    private int total;
    private int created;
    private int updated;
    private int unchanged;
    private int failed;
    private int skipped;
    private List<LineProblem> problems = List.of();
    private List<String> notDone = List.of();
    private Long resumedFrom;

    private Builder() {}

    /** When the run started (required). */
    public Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    /** When the run ended (required). */
    public Builder finishedAt(Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    /** How the run ended (required). */
    public Builder outcome(Outcome outcome) {
      this.outcome = outcome;
      return this;
    }

    /** The number of names the run was given. */
    public Builder total(int total) {
      this.total = total;
      return this;
    }

    /** Lines stored for the first time. */
    public Builder created(int created) {
      this.created = created;
      return this;
    }

    /** Stored lines whose registry data changed. */
    public Builder updated(int updated) {
      this.updated = updated;
      return this;
    }

    /** Stored lines the registry did not change. */
    public Builder unchanged(int unchanged) {
      this.unchanged = unchanged;
      return this;
    }

    /** Lines that could not be read, parsed or written. */
    public Builder failed(int failed) {
      this.failed = failed;
      return this;
    }

    /** Lines the import does not take. */
    public Builder skipped(int skipped) {
      this.skipped = skipped;
      return this;
    }

    /** One entry per failed or skipped line (copied). */
    public Builder problems(List<LineProblem> problems) {
      this.problems = List.copyOf(problems);
      return this;
    }

    /** The names left when the time budget ran out (copied). */
    public Builder notDone(List<String> notDone) {
      this.notDone = List.copyOf(notDone);
      return this;
    }

    /** The id of the stored run this one continued; null (the default) when it read the list. */
    public Builder resumedFrom(Long resumedFrom) {
      this.resumedFrom = resumedFrom;
      return this;
    }

    /**
     * The report.
     *
     * @throws NullPointerException when a time or the outcome is missing
     */
    public ImportReport build() {
      return new ImportReport(startedAt, finishedAt, outcome, total, created, updated, unchanged, failed, skipped,
          problems, notDone, resumedFrom);
    }
  }
}
