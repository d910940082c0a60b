package org.cellbank.ims.core.db;

import static org.cellbank.ims.core.internal.db.Tables.SEARCH_OUTBOX;

import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.cellbank.ims.core.DatabaseException;
import org.cellbank.ims.core.internal.OutboxWrites;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The search outbox: the table {@code ims.search_outbox} of cell lines whose search document has to be
 * brought up to date.
 *
 * <p>A write that changes what a line's search document could show enqueues the line's BioSamples id
 * <em>in the same transaction</em> as the domain rows, so the index follows every committed change and
 * nothing is lost while the index is down:
 *
 * <pre>{@code
 * try (Connection c = dataSource.getConnection()) {
 *   c.setAutoCommit(false);
 *   ... write the cell line's rows on c ...
 *   outbox.enqueue(c, "SAMEA2590882");
 *   c.commit();                          // a rollback drops the outbox row too
 * }
 * }</pre>
 *
 * <p>An {@link OutboxDrainer} then applies the rows to the index. Enqueueing the same id several times
 * is harmless: the drainer reads the line once per batch.
 *
 * <p>Thread-safe; the caller owns the {@link DataSource}.
 */
public final class SearchOutbox {

  private final DataSource dataSource;

  private SearchOutbox(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** An outbox in the IMS schema of the database behind {@code dataSource}. */
  public static SearchOutbox create(DataSource dataSource) {
    return new SearchOutbox(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /**
   * Enqueues a line inside the caller's transaction on {@code connection}; the row commits or rolls
   * back with it. The connection is neither committed nor closed.
   *
   * @throws DatabaseException when the insert fails
   */
  public void enqueue(Connection connection, String biosamplesId) {
    Objects.requireNonNull(connection, "connection");
    OutboxWrites.enqueue(DSL.using(connection, SQLDialect.POSTGRES), biosamplesId);
  }

  /**
   * Enqueues lines in a transaction of its own (for jobs outside a domain write, such as a reconciler
   * or an operator asking for a re-index).
   *
   * @throws DatabaseException when the insert fails
   */
  public void enqueueAll(Collection<String> biosamplesIds) {
    Objects.requireNonNull(biosamplesIds, "biosamplesIds");
    if (biosamplesIds.isEmpty()) {
      return;
    }
    biosamplesIds.forEach(OutboxWrites::requireId);
    try {
      DSL.using(dataSource, SQLDialect.POSTGRES).transaction(tx -> {
        var insert = tx.dsl().insertInto(SEARCH_OUTBOX, SEARCH_OUTBOX.BIOSAMPLES_ID);
        for (String id : biosamplesIds) {
          insert = insert.values(id);
        }
        insert.execute();
      });
    } catch (DataAccessException e) {
      throw new DatabaseException("could not enqueue " + biosamplesIds.size() + " lines in the search outbox", e, true);
    }
  }

  /** The number of rows not done yet (due or waiting for a retry). */
  public long pendingCount() {
    try {
      return dsl().fetchCount(SEARCH_OUTBOX, SEARCH_OUTBOX.DONE_AT.isNull());
    } catch (DataAccessException e) {
      throw new DatabaseException("could not count the search outbox", e, true);
    }
  }

  /** The distinct BioSamples ids with rows not done yet, in id order; unmodifiable. */
  public List<String> pendingIds() {
    try {
      return List.copyOf(dsl().selectDistinct(SEARCH_OUTBOX.BIOSAMPLES_ID).from(SEARCH_OUTBOX)
          .where(SEARCH_OUTBOX.DONE_AT.isNull()).orderBy(SEARCH_OUTBOX.BIOSAMPLES_ID)
          .fetch(SEARCH_OUTBOX.BIOSAMPLES_ID));
    } catch (DataAccessException e) {
      throw new DatabaseException("could not read the search outbox", e, true);
    }
  }

  /** Deletes done rows older than {@code age} and returns how many; pending rows are kept. */
  public int purgeDone(Duration age) {
    Objects.requireNonNull(age, "age");
    try {
      return dsl().deleteFrom(SEARCH_OUTBOX)
          .where(SEARCH_OUTBOX.DONE_AT.lt(OffsetDateTime.now().minus(age))).execute();
    } catch (DataAccessException e) {
      throw new DatabaseException("could not purge the search outbox", e, true);
    }
  }

  DataSource dataSource() {
    return dataSource;
  }

  private DSLContext dsl() {
    return DSL.using(dataSource, SQLDialect.POSTGRES);
  }
}
