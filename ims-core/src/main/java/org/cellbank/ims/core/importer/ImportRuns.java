package org.cellbank.ims.core.importer;

import static org.cellbank.ims.core.internal.db.Tables.IMPORT_RUN;
import static org.cellbank.ims.core.internal.db.Tables.IMPORT_RUN_PROBLEM;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.DatabaseException;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.importer.ImportReport.LineProblem;
import org.cellbank.ims.core.internal.Lazy;
import org.cellbank.ims.core.internal.Sql;
import org.cellbank.ims.core.internal.db.tables.records.ImportRunRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger LOG = LoggerFactory.getLogger(ImportRuns.class);
  // The source the hPSCreg import's lease is kept under (import_run's own column defaults to it).
  private static final String SOURCE = "hpscreg";
  private static final Duration LONGEST_LEASE = Duration.ofDays(1);

  // Built on first use, with the project's jOOQ settings, and kept: not one configuration per call.
  private final Lazy<DSLContext> dsl;

  private ImportRuns(DataSource dataSource) {
    this.dsl = new Lazy<>(() -> Sql.context(dataSource, null));
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
    Objects.requireNonNull(report, "report");
    try {
      return dsl().transactionResult(cfg -> {
        DSLContext tx = cfg.dsl();
        ImportRunRecord run = tx.newRecord(IMPORT_RUN);
        run.setStartedAt(OffsetDateTime.ofInstant(report.startedAt(), ZoneOffset.UTC));
        run.setFinishedAt(OffsetDateTime.ofInstant(report.finishedAt(), ZoneOffset.UTC));
        run.setOutcome(report.outcome().name().toLowerCase(Locale.ROOT));
        run.setTotal(report.total());
        run.setCreated(report.created());
        run.setUpdated(report.updated());
        run.setUnchanged(report.unchanged());
        run.setFailed(report.failed());
        run.setSkipped(report.skipped());
        run.setNotDone(report.notDone().toArray(String[]::new));
        run.setResumedFrom(report.resumedFrom());
        run.insert();
        var insert = tx.insertInto(IMPORT_RUN_PROBLEM, IMPORT_RUN_PROBLEM.IMPORT_RUN_ID, IMPORT_RUN_PROBLEM.LINE_NAME,
            IMPORT_RUN_PROBLEM.KIND, IMPORT_RUN_PROBLEM.MESSAGE);
        for (LineProblem p : report.problems()) {
          insert = insert.values(run.getId(), truncate(p.name(), 200), p.kind().name().toLowerCase(Locale.ROOT), p.message());
        }
        if (!report.problems().isEmpty()) {
          insert.execute();
        }
        return run.getId();
      });
    } catch (DataAccessException e) {
      throw new DatabaseException("could not store the import run that started at " + report.startedAt(), e, true);
    }
  }

  /** The report of the latest run, by start time. */
  public Optional<ImportReport> latest() {
    return latestRun().map(StoredRun::report);
  }

  /** The latest run, by start time, with its id. */
  public Optional<StoredRun> latestRun() {
    try {
      DSLContext dsl = dsl();
      return dsl.selectFrom(IMPORT_RUN).orderBy(IMPORT_RUN.STARTED_AT.desc(), IMPORT_RUN.ID.desc()).limit(1)
          .fetchOptional().map(r -> stored(dsl, r));
    } catch (DataAccessException e) {
      throw new DatabaseException("could not read the import runs", e, true);
    }
  }

  /** The run with this id, with its problems and the names it did not get to. */
  public Optional<StoredRun> find(long id) {
    try {
      DSLContext dsl = dsl();
      return dsl.selectFrom(IMPORT_RUN).where(IMPORT_RUN.ID.eq(id)).fetchOptional().map(r -> stored(dsl, r));
    } catch (DataAccessException e) {
      throw new DatabaseException("could not read import run " + id, e, true);
    }
  }

  /** The reports of the latest {@code limit} runs, newest first; unmodifiable. */
  public List<ImportReport> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    try {
      DSLContext dsl = dsl();
      return dsl.selectFrom(IMPORT_RUN).orderBy(IMPORT_RUN.STARTED_AT.desc(), IMPORT_RUN.ID.desc()).limit(limit)
          .fetch().stream().map(r -> stored(dsl, r).report()).toList();
    } catch (DataAccessException e) {
      throw new DatabaseException("could not read the import runs", e, true);
    }
  }

  /** A page of runs, newest first (by start time), without their lists; two statements. */
  public Page<Summary> page(PageRequest request) {
    Objects.requireNonNull(request, "request");
    Field<Integer> problems = DSL.field(DSL.selectCount().from(IMPORT_RUN_PROBLEM)
        .where(IMPORT_RUN_PROBLEM.IMPORT_RUN_ID.eq(IMPORT_RUN.ID)));
    Field<Integer> notDone = DSL.cardinality(IMPORT_RUN.NOT_DONE);
    try {
      DSLContext dsl = dsl();
      long total = dsl.fetchCount(IMPORT_RUN);
      List<Summary> items = dsl.select(IMPORT_RUN.ID, IMPORT_RUN.STARTED_AT, IMPORT_RUN.FINISHED_AT, IMPORT_RUN.OUTCOME,
              IMPORT_RUN.TOTAL, IMPORT_RUN.CREATED, IMPORT_RUN.UPDATED, IMPORT_RUN.UNCHANGED, IMPORT_RUN.FAILED,
              IMPORT_RUN.SKIPPED, problems, notDone, IMPORT_RUN.RESUMED_FROM)
          .from(IMPORT_RUN)
          .orderBy(IMPORT_RUN.STARTED_AT.desc(), IMPORT_RUN.ID.desc())
          .limit(request.limit()).offset(request.offset())
          .fetch(r -> new Summary(r.get(IMPORT_RUN.ID), r.get(IMPORT_RUN.STARTED_AT).toInstant(),
              r.get(IMPORT_RUN.FINISHED_AT).toInstant(), outcome(r.get(IMPORT_RUN.OUTCOME)), r.get(IMPORT_RUN.TOTAL),
              r.get(IMPORT_RUN.CREATED), r.get(IMPORT_RUN.UPDATED), r.get(IMPORT_RUN.UNCHANGED),
              r.get(IMPORT_RUN.FAILED), r.get(IMPORT_RUN.SKIPPED), r.get(problems), r.get(notDone),
              r.get(IMPORT_RUN.RESUMED_FROM)));
      return new Page<>(items, total, request);
    } catch (DataAccessException e) {
      throw new DatabaseException("could not read the import runs", e, true);
    }
  }

  private static StoredRun stored(DSLContext dsl, ImportRunRecord r) {
    List<LineProblem> problems = dsl.selectFrom(IMPORT_RUN_PROBLEM).where(IMPORT_RUN_PROBLEM.IMPORT_RUN_ID.eq(r.getId()))
        .orderBy(IMPORT_RUN_PROBLEM.ID).fetch(p -> new LineProblem(p.getLineName(),
            LineProblem.Kind.valueOf(p.getKind().toUpperCase(Locale.ROOT)), p.getMessage()));
    return new StoredRun(r.getId(), new ImportReport(r.getStartedAt().toInstant(), r.getFinishedAt().toInstant(),
        outcome(r.getOutcome()), r.getTotal(), r.getCreated(), r.getUpdated(), r.getUnchanged(), r.getFailed(),
        r.getSkipped(), problems, List.of(r.getNotDone()), r.getResumedFrom()));
  }

  private static ImportReport.Outcome outcome(String stored) {
    return ImportReport.Outcome.valueOf(stored.toUpperCase(Locale.ROOT));
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /**
   * Takes the import's lease for {@code duration} (at most a day), or refuses while another run's
   * lease has not run out. One SQL statement decides, so two runs starting together cannot both
   * get it.
   *
   * @throws ConflictException when another run holds the lease
   */
  Lease lease(Duration duration) {
    long seconds = Math.max(1, Math.min(duration.toSeconds(), LONGEST_LEASE.toSeconds()));
    String holder = UUID.randomUUID().toString();
    try {
      boolean taken = dsl().fetchOptional(
          "INSERT INTO ims.import_lease AS l (source, holder, acquired_at, expires_at)"
              + " VALUES (?, ?, now(), now() + make_interval(secs => ?))"
              + " ON CONFLICT (source) DO UPDATE SET holder = EXCLUDED.holder,"
              + " acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at"
              + " WHERE l.expires_at <= now() RETURNING l.holder",
          SOURCE, holder, (double) seconds).isPresent();
      if (!taken) {
        String since = dsl().fetchOptional(
                "SELECT acquired_at::text || ', until ' || expires_at::text FROM ims.import_lease WHERE source = ?", SOURCE)
            .map(r -> r.get(0, String.class)).orElse("a moment ago");
        throw new ConflictException("another hPSCreg import is running (since " + since + "); try again later");
      }
      return new Lease(holder);
    } catch (DataAccessException e) {
      throw new DatabaseException("could not take the hPSCreg import's lease", e, true);
    }
  }

  /** A run's hold on the import; closing it lets the next run start at once. */
  final class Lease implements AutoCloseable {
    private final String holder;

    private Lease(String holder) {
      this.holder = holder;
    }

    /** Gives the lease back; a failure is only logged, as the lease runs out by itself. */
    @Override
    public void close() {
      try {
        dsl().execute("DELETE FROM ims.import_lease WHERE source = ? AND holder = ?", SOURCE, holder);
      } catch (DataAccessException e) {
        LOG.warn("hPSCreg import: could not give the lease back (it runs out by itself): {}", e.getMessage());
      }
    }
  }

  private DSLContext dsl() {
    return dsl.get();
  }
}
