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
 * The SQL behind {@link ImportRuns}, in a class of its own so that loading {@code ImportRuns} (which
 * the HTTP function does at init, for its import-run routes) loads no jOOQ class: this one is loaded
 * on the first call that reads or writes a run.
 */
final class ImportRunStore {

  private static final Logger LOG = LoggerFactory.getLogger(ImportRuns.class);
  // The source the hPSCreg import's lease is kept under (import_run's own column defaults to it).
  private static final String SOURCE = "hpscreg";
  private static final Duration LONGEST_LEASE = Duration.ofDays(1);

  // Built on first use, with the project's jOOQ settings, and kept: not one configuration per call.
  private final Lazy<DSLContext> dsl;

  ImportRunStore(DataSource dataSource) {
    this.dsl = new Lazy<>() {
      @Override
      protected DSLContext create() {
        return Sql.context(dataSource, null);
      }
    };
  }

  /**
   * Stores a report with its problems, in one transaction, and returns its id.
   *
   * @throws DatabaseException when the write fails
   */
  long save(ImportReport report) {
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
  Optional<ImportReport> latest() {
    return latestRun().map(ImportRuns.StoredRun::report);
  }

  /** The latest run, by start time, with its id. */
  Optional<ImportRuns.StoredRun> latestRun() {
    try {
      DSLContext dsl = dsl();
      return dsl.selectFrom(IMPORT_RUN).orderBy(IMPORT_RUN.STARTED_AT.desc(), IMPORT_RUN.ID.desc()).limit(1)
          .fetchOptional().map(r -> stored(dsl, r));
    } catch (DataAccessException e) {
      throw new DatabaseException("could not read the import runs", e, true);
    }
  }

  /** The run with this id, with its problems and the names it did not get to. */
  Optional<ImportRuns.StoredRun> find(long id) {
    try {
      DSLContext dsl = dsl();
      return dsl.selectFrom(IMPORT_RUN).where(IMPORT_RUN.ID.eq(id)).fetchOptional().map(r -> stored(dsl, r));
    } catch (DataAccessException e) {
      throw new DatabaseException("could not read import run " + id, e, true);
    }
  }

  /** The reports of the latest {@code limit} runs, newest first; unmodifiable. */
  List<ImportReport> recent(int limit) {
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
  Page<ImportRuns.Summary> page(PageRequest request) {
    Objects.requireNonNull(request, "request");
    Field<Integer> problems = DSL.field(DSL.selectCount().from(IMPORT_RUN_PROBLEM)
        .where(IMPORT_RUN_PROBLEM.IMPORT_RUN_ID.eq(IMPORT_RUN.ID)));
    Field<Integer> notDone = DSL.cardinality(IMPORT_RUN.NOT_DONE);
    try {
      DSLContext dsl = dsl();
      long total = dsl.fetchCount(IMPORT_RUN);
      List<ImportRuns.Summary> items = dsl.select(IMPORT_RUN.ID, IMPORT_RUN.STARTED_AT, IMPORT_RUN.FINISHED_AT, IMPORT_RUN.OUTCOME,
              IMPORT_RUN.TOTAL, IMPORT_RUN.CREATED, IMPORT_RUN.UPDATED, IMPORT_RUN.UNCHANGED, IMPORT_RUN.FAILED,
              IMPORT_RUN.SKIPPED, problems, notDone, IMPORT_RUN.RESUMED_FROM)
          .from(IMPORT_RUN)
          .orderBy(IMPORT_RUN.STARTED_AT.desc(), IMPORT_RUN.ID.desc())
          .limit(request.limit()).offset(request.offset())
          .fetch(r -> new ImportRuns.Summary(r.get(IMPORT_RUN.ID), r.get(IMPORT_RUN.STARTED_AT).toInstant(),
              r.get(IMPORT_RUN.FINISHED_AT).toInstant(), outcome(r.get(IMPORT_RUN.OUTCOME)), r.get(IMPORT_RUN.TOTAL),
              r.get(IMPORT_RUN.CREATED), r.get(IMPORT_RUN.UPDATED), r.get(IMPORT_RUN.UNCHANGED),
              r.get(IMPORT_RUN.FAILED), r.get(IMPORT_RUN.SKIPPED), r.get(problems), r.get(notDone),
              r.get(IMPORT_RUN.RESUMED_FROM)));
      return new Page<>(items, total, request);
    } catch (DataAccessException e) {
      throw new DatabaseException("could not read the import runs", e, true);
    }
  }

  private static ImportRuns.StoredRun stored(DSLContext dsl, ImportRunRecord r) {
    List<LineProblem> problems = dsl.selectFrom(IMPORT_RUN_PROBLEM).where(IMPORT_RUN_PROBLEM.IMPORT_RUN_ID.eq(r.getId()))
        .orderBy(IMPORT_RUN_PROBLEM.ID).fetch(p -> new LineProblem(p.getLineName(),
            LineProblem.Kind.valueOf(p.getKind().toUpperCase(Locale.ROOT)), p.getMessage()));
    return new ImportRuns.StoredRun(r.getId(), ImportReport.builder()
        .startedAt(r.getStartedAt().toInstant())
        .finishedAt(r.getFinishedAt().toInstant())
        .outcome(outcome(r.getOutcome()))
        .total(r.getTotal())
        .created(r.getCreated())
        .updated(r.getUpdated())
        .unchanged(r.getUnchanged())
        .failed(r.getFailed())
        .skipped(r.getSkipped())
        .problems(problems)
        .notDone(List.of(r.getNotDone()))
        .resumedFrom(r.getResumedFrom())
        .build());
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
