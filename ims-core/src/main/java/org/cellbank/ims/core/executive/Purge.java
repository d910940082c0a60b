package org.cellbank.ims.core.executive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.internal.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping of the executive tables: deletes stored idempotency answers older than a retention
 * (default 7 days) and change-log rows older than another (default 90 days), a bounded batch per
 * statement, each batch its own short transaction, so a large backlog never holds locks or a long
 * transaction. The audit trail is never touched (it is append-only by trigger).
 *
 * <p>A retried request whose idempotency key was purged is treated as new. The purge records the
 * newest change-log position it deleted ({@code ims.change_log_purged}); the change feed answers a
 * cursor before it with 410, since the reader may have missed purged changes, so the reader reads
 * everything again instead of silently missing a deletion.
 *
 * <pre>{@code
 * PurgeResult purged = Purge.builder().dataSource(dataSource).build().run();
 * }</pre>
 *
 * <p>Thread-safe; two concurrent runs delete disjoint or already-deleted rows. The caller owns the
 * {@link DataSource}.
 */
public final class Purge {

  /** The default retention of stored idempotency answers. */
  public static final Duration DEFAULT_IDEMPOTENCY_RETENTION = Duration.ofDays(7);
  /** The default retention of change-log rows. */
  public static final Duration DEFAULT_CHANGE_LOG_RETENTION = Duration.ofDays(90);
  /** The default number of rows one statement deletes. */
  public static final int DEFAULT_BATCH_SIZE = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(Purge.class);
  // Each statement deletes one batch and answers how many rows it deleted.
  private static final String KEYS = "WITH gone AS (DELETE FROM ims.idempotency_key WHERE id IN (SELECT id"
      + " FROM ims.idempotency_key WHERE created_at < ? ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)"
      + " RETURNING id) SELECT count(*) FROM gone";
  // One statement deletes a batch and moves the purge mark to the newest position it deleted, so a
  // change-feed cursor from before a purged change is refused (see ChangeFeedSql).
  private static final String CHANGES = "WITH gone AS (DELETE FROM ims.change_log WHERE id IN (SELECT id"
      + " FROM ims.change_log WHERE changed_at < ? ORDER BY changed_at LIMIT ? FOR UPDATE SKIP LOCKED)"
      + " RETURNING txid, id), newest AS (SELECT txid, id FROM gone ORDER BY txid DESC, id DESC LIMIT 1),"
      + " mark AS (INSERT INTO ims.change_log_purged AS p (txid, id) SELECT txid, id FROM newest"
      + " ON CONFLICT (only_row) DO UPDATE SET txid = EXCLUDED.txid, id = EXCLUDED.id"
      + " WHERE (EXCLUDED.txid, EXCLUDED.id) > (p.txid, p.id))"
      + " SELECT count(*) FROM gone";

  private final Jdbc jdbc;
  private final Duration idempotencyRetention;
  private final Duration changeLogRetention;
  private final int batchSize;
  private final Clock clock;

  private Purge(Builder b) {
    this.jdbc = new Jdbc(Objects.requireNonNull(b.dataSource, "dataSource"), b.onStatement);
    this.idempotencyRetention = b.idempotencyRetention;
    this.changeLogRetention = b.changeLogRetention;
    this.batchSize = b.batchSize;
    this.clock = b.clock;
  }

  /** A builder; the data source is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Deletes the rows older than their retention, batch after batch until none is left.
   *
   * @throws org.cellbank.ims.core.DatabaseException when the database fails (batches deleted before
   *     stay deleted; a new run continues)
   */
  public PurgeResult run() {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    long keys = drain(KEYS, now.minus(idempotencyRetention), "purging old idempotency keys");
    long changes = drain(CHANGES, now.minus(changeLogRetention), "purging old change-log rows");
    LOG.debug("Purged {} idempotency keys and {} change-log rows", keys, changes);
    return new PurgeResult(keys, changes);
  }

  private long drain(String sql, OffsetDateTime before, String action) {
    long total = 0;
    while (true) {
      // Autocommit, one batch per statement; repeating a batch after a lost connection deletes other
      // old rows or none, so Jdbc.read's retry is safe here.
      int deleted = jdbc.read(action, new Jdbc.ConnectionWork<Integer>() {
        @Override
        public Integer run(Connection c) throws SQLException {
          try (PreparedStatement s = jdbc.prepare(c, sql)) {
            s.setObject(1, before);
            s.setInt(2, batchSize);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return r.getInt(1);
            }
          }
        }
      });
      total += deleted;
      if (deleted < batchSize) {
        return total;
      }
    }
  }

  /** Builds a {@link Purge}. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private Consumer<String> onStatement;
    private Duration idempotencyRetention = DEFAULT_IDEMPOTENCY_RETENTION;
    private Duration changeLogRetention = DEFAULT_CHANGE_LOG_RETENTION;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The database (required); the caller owns it. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** Called with the SQL text of every statement run (no bind values); fast and thread-safe. */
    public Builder onStatement(Consumer<String> onStatement) {
      this.onStatement = Objects.requireNonNull(onStatement, "onStatement");
      return this;
    }

    /**
     * How long stored idempotency answers are kept (default 7 days).
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder idempotencyRetention(Duration retention) {
      this.idempotencyRetention = positive(retention);
      return this;
    }

    /**
     * How long change-log rows are kept (default 90 days).
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder changeLogRetention(Duration retention) {
      this.changeLogRetention = positive(retention);
      return this;
    }

    /**
     * How many rows one statement deletes (default {@value Purge#DEFAULT_BATCH_SIZE}).
     *
     * @throws IllegalArgumentException when below 1 or above 100,000
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 100_000) {
        throw new IllegalArgumentException("batchSize must be 1 to 100000: " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** The clock the retentions count back from (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the purge. */
    public Purge build() {
      return new Purge(this);
    }

    private static Duration positive(Duration d) {
      Objects.requireNonNull(d, "retention");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("a retention must be positive: " + d);
      }
      return d;
    }
  }
}
