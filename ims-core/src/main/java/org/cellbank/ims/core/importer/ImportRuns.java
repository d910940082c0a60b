package org.cellbank.ims.core.importer;

import static org.cellbank.ims.core.internal.db.Tables.IMPORT_RUN;
import static org.cellbank.ims.core.internal.db.Tables.IMPORT_RUN_PROBLEM;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.cellbank.ims.core.DatabaseException;
import org.cellbank.ims.core.importer.ImportReport.LineProblem;
import org.cellbank.ims.core.internal.db.tables.records.ImportRunRecord;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The stored history of import runs (table {@code ims.import_run}): each run's report with its
 * problems, so an operator can see what the last nights did and the next run can resume where a
 * run that ran out of time stopped.
 *
 * <pre>{@code
 * ImportRuns runs = ImportRuns.create(dataSource);
 * List<String> left = runs.latest().map(ImportReport::notDone).orElse(List.of());
 * }</pre>
 *
 * <p>Thread-safe; the caller owns the {@link DataSource}.
 */
public final class ImportRuns {

  private final DataSource dataSource;

  private ImportRuns(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The run history in the IMS schema of the database behind {@code dataSource}. */
  public static ImportRuns create(DataSource dataSource) {
    return new ImportRuns(Objects.requireNonNull(dataSource, "dataSource"));
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
    return recent(1).stream().findFirst();
  }

  /** The reports of the latest {@code limit} runs, newest first; unmodifiable. */
  public List<ImportReport> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    try {
      DSLContext dsl = dsl();
      return dsl.selectFrom(IMPORT_RUN).orderBy(IMPORT_RUN.STARTED_AT.desc(), IMPORT_RUN.ID.desc()).limit(limit)
          .fetch().stream()
          .map(r -> new ImportReport(r.getStartedAt().toInstant(), r.getFinishedAt().toInstant(),
              ImportReport.Outcome.valueOf(r.getOutcome().toUpperCase(Locale.ROOT)), r.getTotal(), r.getCreated(),
              r.getUpdated(), r.getUnchanged(), r.getFailed(), r.getSkipped(),
              dsl.selectFrom(IMPORT_RUN_PROBLEM).where(IMPORT_RUN_PROBLEM.IMPORT_RUN_ID.eq(r.getId()))
                  .orderBy(IMPORT_RUN_PROBLEM.ID).fetch(p -> new LineProblem(p.getLineName(),
                      LineProblem.Kind.valueOf(p.getKind().toUpperCase(Locale.ROOT)), p.getMessage())),
              List.of(r.getNotDone())))
          .toList();
    } catch (DataAccessException e) {
      throw new DatabaseException("could not read the import runs", e, true);
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private DSLContext dsl() {
    return DSL.using(dataSource, SQLDialect.POSTGRES);
  }
}
