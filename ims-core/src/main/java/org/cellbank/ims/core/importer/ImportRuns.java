package org.cellbank.ims.core.importer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.cellbank.ims.core.DatabaseException;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.internal.Lazy;

/**
 * The stored history of import runs (table {@code ims.import_run}): each run's report with its
 * problems, so an operator can see what the last nights did and the next run can resume where a
 * run that ran out of time stopped. It also keeps the import's lease (table
 * {@code ims.import_lease}), which an importer with a run history takes for the length of each run,
 * so that two runs never work at the same time.
 *
 * <pre>{@code
 * ImportRuns runs = ImportRuns.create(dataSource);
 * Page<ImportRuns.Summary> last = runs.page(PageRequest.first(20));       // newest first
 * Optional<ImportRuns.StoredRun> one = runs.find(last.items().get(0).id()); // with its problems
 * }</pre>
 *
 * <p>Thread-safe; the caller owns the {@link DataSource}.
 */
public final class ImportRuns {

  private final Lazy<ImportRunStore> store;

  private ImportRuns(DataSource dataSource) {
    this.store = new Lazy<>() {
      @Override
      protected ImportRunStore create() {
        return new ImportRunStore(dataSource);
      }
    };
  }

  /** The run history in the IMS schema of the database behind {@code dataSource}. */
  public static ImportRuns create(DataSource dataSource) {
    return new ImportRuns(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /**
   * A stored run: its id and its whole report (problems and names not done included).
   *
   * @param id the run's id
   * @param report what the run did
   */
  public record StoredRun(long id, ImportReport report) {

    /** Validates the components. */
    public StoredRun {
      Objects.requireNonNull(report, "report");
    }
  }

  /**
   * A stored run without its lists: what a listing of runs shows.
   *
   * @param id the run's id
   * @param startedAt when the run started
   * @param finishedAt when the run ended
   * @param outcome how the run ended
   * @param total the number of names the run was given
   * @param created lines stored for the first time
   * @param updated stored lines whose registry data changed
   * @param unchanged stored lines the registry did not change
   * @param failed lines that could not be read, parsed or written
   * @param skipped lines the import does not take
   * @param problems how many problems the run reported
   * @param notDone how many names the run left for the next one
   * @param resumedFrom the id of the run this one continued, or null when it read the list
   */
  public record Summary(long id, Instant startedAt, Instant finishedAt, ImportReport.Outcome outcome, int total,
      int created, int updated, int unchanged, int failed, int skipped, int problems, int notDone, Long resumedFrom) {

    /** Validates the components. */
    public Summary {
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(finishedAt, "finishedAt");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * Stores a report with its problems, in one transaction, and returns its id.
   *
   * @throws DatabaseException when the write fails
   */
  public long save(ImportReport report) {
    return store.get().save(Objects.requireNonNull(report, "report"));
  }

  /** The report of the latest run, by start time. */
  public Optional<ImportReport> latest() {
    return store.get().latest();
  }

  /** The latest run, by start time, with its id. */
  public Optional<StoredRun> latestRun() {
    return store.get().latestRun();
  }

  /** The run with this id, with its problems and the names it did not get to. */
  public Optional<StoredRun> find(long id) {
    return store.get().find(id);
  }

  /** The reports of the latest {@code limit} runs, newest first; unmodifiable. */
  public List<ImportReport> recent(int limit) {
    return store.get().recent(limit);
  }

  /** A page of runs, newest first (by start time), without their lists; two statements. */
  public Page<Summary> page(PageRequest request) {
    return store.get().page(request);
  }

  /**
   * Takes the import's lease for {@code duration} (at most a day), or refuses while another run's
   * lease has not run out.
   *
   * @throws org.cellbank.ims.core.ConflictException when another run holds the lease
   */
  ImportRunStore.Lease lease(Duration duration) {
    return store.get().lease(duration);
  }
}
