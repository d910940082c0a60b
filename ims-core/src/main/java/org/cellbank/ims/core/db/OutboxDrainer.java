package org.cellbank.ims.core.db;

import static org.cellbank.ims.core.internal.db.Tables.SEARCH_OUTBOX;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.cellbank.ims.core.DatabaseException;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.core.search.IndexChanges;
import org.cellbank.ims.core.search.IndexUpdate;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link SearchOutbox} to a {@link CatalogueIndex}: claims due rows, reads the current
 * search documents of their lines, upserts the visible ones and deletes the others, and marks the rows
 * done; failed lines are retried later with an exponential backoff.
 *
 * <p>Each batch runs in one database transaction: it claims rows with {@code FOR UPDATE SKIP LOCKED},
 * takes a transaction-scoped advisory lock per line (so two drainers never work on the same line at
 * once, and an older read can never overwrite a newer one in the index), calls the document source
 * and the index, records the outcome and commits. A crash or a lost connection rolls the claim back, so
 * the rows are simply claimed again; applying a row twice is harmless. The document source reads on
 * connections of its own, so a drainer uses two connections at most.
 *
 * <p>The document source maps BioSamples ids to the lines' documents: a present document is upserted,
 * an empty one or a missing key (line invisible or deleted) is deleted. A repository supplies it, e.g.
 * {@code ids -> repository.findAll(ids).stream().collect(toMap(CellLine::biosamplesId,
 * CatalogueDocument::ifVisible))}.
 *
 * <pre>{@code
 * OutboxDrainer drainer = OutboxDrainer.builder()
 *     .dataSource(dataSource).index(index).documents(documentSource).build();
 * DrainResult r = drainer.drain(); // until nothing is due
 * }</pre>
 *
 * <p>Thread-safe; safe to run in several threads and processes at once.
 */
public final class OutboxDrainer {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDrainer.class);
  /** The first key of the per-line advisory locks ("IMSo"), so they never collide with others'. */
  private static final int LOCK_SPACE = 0x494d536f;
  private static final int MAX_ERROR_LENGTH = 2000;

  private final DataSource dataSource;
  private final CatalogueIndex index;
  private final Function<List<String>, Map<String, Optional<CatalogueDocument>>> documents;
  private final int batchSize;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final int maxBatchesPerDrain;
  private final java.util.function.Consumer<List<String>> afterBatch;

  private OutboxDrainer(Builder b) {
    this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
    this.index = Objects.requireNonNull(b.index, "index");
    this.documents = Objects.requireNonNull(b.documents, "documents");
    this.batchSize = b.batchSize;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxBatchesPerDrain = b.maxBatchesPerDrain;
    this.afterBatch = b.afterBatch;
  }

  /** Returns a builder; data source, index and document source are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Drains batch after batch until nothing is due, a batch fails, a batch finds only lines another
   * drainer is working on, or the batch limit is reached (so a Lambda invocation stays bounded), then
   * refreshes the index.
   *
   * @throws DatabaseException when the outbox cannot be read or written (index failures are not
   *     thrown: they leave the rows for a retry and count as failed)
   */
  public DrainResult drain() {
    DrainResult total = DrainResult.EMPTY;
    for (int i = 0; i < maxBatchesPerDrain; i++) {
      DrainResult r = drainBatch();
      total = total.plus(r);
      // Stop when nothing is due, the index fails, or every claimed line is another drainer's (its
      // rows stay pending for that drainer's next batch or the next drain).
      boolean progress = r.upserted() + r.deleted() > 0;
      if (r.claimed() < batchSize || r.failed() > 0 || !progress) {
        break;
      }
    }
    if (total.upserted() + total.deleted() > 0) {
      try {
        index.refresh();
      } catch (ImsException e) {
        LOG.warn("Search index refresh after a drain failed; the changes show after the next refresh", e);
      }
    }
    return total;
  }

  /**
   * Claims and applies one batch of due rows.
   *
   * @throws DatabaseException when the outbox cannot be read or written
   */
  public DrainResult drainBatch() {
    List<String> applied = new ArrayList<>();
    DrainResult r;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        r = drainBatch(DSL.using(c, SQLDialect.POSTGRES), applied);
        c.commit();
      } catch (RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new DatabaseException("search outbox drain failed: " + e.getMessage(), e, true);
    } catch (DataAccessException e) {
      throw new DatabaseException("search outbox drain failed: " + e.getMessage(), e, true);
    }
    if (afterBatch != null && !applied.isEmpty()) {
      try {
        afterBatch.accept(List.copyOf(applied));
      } catch (RuntimeException e) {
        // The index is updated and the rows are done; the hook's own work (the website) is
        // redone by its next full run, so its failure must not fail the drain.
        LOG.warn("The after-batch hook failed for {} lines; the next full regeneration repairs it", applied.size(), e);
      }
    }
    return r;
  }

  private DrainResult drainBatch(DSLContext tx, List<String> applied) {
    List<Record3<Long, String, Integer>> rows = tx
        .select(SEARCH_OUTBOX.ID, SEARCH_OUTBOX.BIOSAMPLES_ID, SEARCH_OUTBOX.ATTEMPTS)
        .from(SEARCH_OUTBOX)
        .where(SEARCH_OUTBOX.DONE_AT.isNull().and(SEARCH_OUTBOX.NEXT_ATTEMPT_AT.le(DSL.currentOffsetDateTime())))
        .orderBy(SEARCH_OUTBOX.NEXT_ATTEMPT_AT, SEARCH_OUTBOX.ID)
        .limit(batchSize)
        .forUpdate().skipLocked()
        .fetch();
    if (rows.isEmpty()) {
      return DrainResult.EMPTY;
    }
    Map<String, List<Long>> rowsById = new LinkedHashMap<>();
    Map<String, Integer> attemptsById = new HashMap<>();
    for (var r : rows) {
      rowsById.computeIfAbsent(r.value2(), k -> new ArrayList<>()).add(r.value1());
      attemptsById.merge(r.value2(), r.value3(), Math::max);
    }
    // One round trip: the ids whose per-line lock this transaction got (held until commit).
    Set<String> locked = new LinkedHashSet<>(tx.fetch(
        "SELECT id FROM unnest({0}::text[]) WITH ORDINALITY AS t(id, n) "
            + "WHERE pg_try_advisory_xact_lock({1}, hashtext(id)) ORDER BY n",
        DSL.val(rowsById.keySet().toArray(new String[0])), DSL.inline(LOCK_SPACE)).getValues(0, String.class));
    int skipped = rowsById.size() - locked.size();
    if (locked.isEmpty()) {
      return new DrainResult(rows.size(), 0, 0, 0, skipped);
    }
    List<String> ids = List.copyOf(locked);
    Map<String, String> failures = new HashMap<>();
    int upserted = 0;
    int deleted = 0;
    try {
      Map<String, Optional<CatalogueDocument>> docs = Objects.requireNonNull(documents.apply(ids),
          "the document source returned null");
      List<CatalogueDocument> upserts = new ArrayList<>();
      List<String> deletes = new ArrayList<>();
      for (String id : ids) {
        Optional<CatalogueDocument> doc = docs.getOrDefault(id, Optional.empty());
        if (doc.isPresent()) {
          if (!doc.get().biosamplesId().equals(id)) {
            throw new IllegalStateException("the document source answered " + doc.get().biosamplesId() + " for " + id);
          }
          upserts.add(doc.get());
        } else {
          deletes.add(id);
        }
      }
      IndexUpdate update = index.apply(new IndexChanges(upserts, deletes));
      failures.putAll(update.failures());
      upserted = (int) upserts.stream().filter(d -> !failures.containsKey(d.biosamplesId())).count();
      deleted = (int) deletes.stream().filter(id -> !failures.containsKey(id)).count();
    } catch (RuntimeException e) {
      if (e instanceof DatabaseException) {
        throw e;
      }
      LOG.warn("Search outbox batch of {} lines failed; retrying later: {}", ids.size(), e.toString());
      String message = e.getClass().getSimpleName() + ": " + e.getMessage();
      ids.forEach(id -> failures.put(id, message));
    }
    List<Long> doneRows = new ArrayList<>();
    for (String id : ids) {
      String error = failures.get(id);
      if (error == null) {
        doneRows.addAll(rowsById.get(id));
        applied.add(id);
        continue;
      }
      int attempts = attemptsById.get(id) + 1;
      tx.update(SEARCH_OUTBOX)
          .set(SEARCH_OUTBOX.ATTEMPTS, SEARCH_OUTBOX.ATTEMPTS.plus(1))
          .set(SEARCH_OUTBOX.NEXT_ATTEMPT_AT, DSL.field("now() + make_interval(secs => {0})",
              SEARCH_OUTBOX.NEXT_ATTEMPT_AT.getDataType(), DSL.val(backoff(attempts).toMillis() / 1000.0)))
          .set(SEARCH_OUTBOX.LAST_ERROR, error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error)
          .where(SEARCH_OUTBOX.ID.in(rowsById.get(id))).execute();
    }
    if (!doneRows.isEmpty()) {
      tx.update(SEARCH_OUTBOX)
          .set(SEARCH_OUTBOX.DONE_AT, DSL.currentOffsetDateTime())
          .set(SEARCH_OUTBOX.ATTEMPTS, SEARCH_OUTBOX.ATTEMPTS.plus(1))
          .setNull(SEARCH_OUTBOX.LAST_ERROR)
          .where(SEARCH_OUTBOX.ID.in(doneRows)).execute();
    }
    int failed = (int) ids.stream().filter(failures::containsKey).count();
    LOG.debug("Search outbox batch: {} rows, {} upserted, {} deleted, {} failed, {} skipped",
        rows.size(), upserted, deleted, failed, skipped);
    return new DrainResult(rows.size(), upserted, deleted, failed, skipped);
  }

  /** The wait before the next try after {@code attempts} failed tries: doubling, capped. */
  Duration backoff(int attempts) {
    long factor = 1L << Math.min(Math.max(attempts - 1, 0), 30);
    Duration d = initialBackoff.multipliedBy(factor);
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  /** Builds an {@link OutboxDrainer}. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private CatalogueIndex index;
    private Function<List<String>, Map<String, Optional<CatalogueDocument>>> documents;
    private int batchSize = 200;
    private Duration initialBackoff = Duration.ofSeconds(5);
    private Duration maxBackoff = Duration.ofMinutes(30);
    private int maxBatchesPerDrain = 1000;
    private java.util.function.Consumer<List<String>> afterBatch;

    private Builder() {}

    /**
     * Runs after each batch commits, with the BioSamples ids the batch applied to the index (in
     * claim order), e.g. {@code SiteGenerator#drainHook()} to regenerate those lines' pages. A
     * failure of the hook is logged at WARN and does not fail the drain: the rows are already done.
     */
    public Builder afterBatch(java.util.function.Consumer<List<String>> afterBatch) {
      this.afterBatch = Objects.requireNonNull(afterBatch, "afterBatch");
      return this;
    }

    /** The database that holds the outbox (the caller owns it). */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** The index to update. */
    public Builder index(CatalogueIndex index) {
      this.index = Objects.requireNonNull(index, "index");
      return this;
    }

    /** Maps BioSamples ids to their current documents; empty or absent means "delete". */
    public Builder documents(Function<List<String>, Map<String, Optional<CatalogueDocument>>> documents) {
      this.documents = Objects.requireNonNull(documents, "documents");
      return this;
    }

    /** Rows per batch (default 200). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 10_000) {
        throw new IllegalArgumentException("batchSize must be 1..10000: " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * The wait after the first failure (default 5 s) and the cap (default 30 min); each further failure
     * doubles it. A zero initial backoff retries at once (tests).
     */
    public Builder backoff(Duration initial, Duration max) {
      Objects.requireNonNull(initial, "initial");
      Objects.requireNonNull(max, "max");
      if (initial.isNegative() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("backoff needs 0 <= initial <= max");
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** The most batches one {@link #drain()} runs (default 1000). */
    public Builder maxBatchesPerDrain(int maxBatches) {
      if (maxBatches < 1) {
        throw new IllegalArgumentException("maxBatches must be positive: " + maxBatches);
      }
      this.maxBatchesPerDrain = maxBatches;
      return this;
    }

    /** Builds the drainer. */
    public OutboxDrainer build() {
      return new OutboxDrainer(this);
    }
  }
}
