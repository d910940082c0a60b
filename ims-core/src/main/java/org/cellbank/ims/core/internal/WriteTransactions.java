package org.cellbank.ims.core.internal;

import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.NewBatch;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.model.Vial;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * The repositories' writes, each one jOOQ transaction around a {@link CellLineWriter}. The
 * repositories create this on their first write only, so that reads never load jOOQ. Failures come
 * out as IMS exceptions ({@link Sql#translate}). Internal; thread-safe.
 */
public final class WriteTransactions {

  private final DSLContext dsl;
  private final AggregateReader reader;
  private final boolean outbox;

  /**
   * Writes to {@code dataSource}.
   *
   * @param onStatement sees every SQL statement run; may be null
   * @param reader reads the stored aggregates inside the transactions
   * @param outbox whether every change a search document could show is recorded in the search outbox
   */
  public WriteTransactions(DataSource dataSource, Consumer<String> onStatement, AggregateReader reader,
      boolean outbox) {
    this.dsl = Sql.context(dataSource, onStatement);
    this.reader = reader;
    this.outbox = outbox;
  }

  /** Stores a new line and returns it as stored. */
  public CellLine insert(CellLine line) {
    try {
      return dsl.transactionResult(cfg -> {
        long id = new CellLineWriter(cfg.dsl(), reader).insert(line);
        recordSearchChange(cfg.dsl(), line.biosamplesId());
        return load(cfg.dsl(), id);
      });
    } catch (RuntimeException e) {
      throw Sql.translate(e, "inserting cell line " + line.biosamplesId());
    }
  }

  /** Brings a stored line's registry data to {@code line}'s and returns it as stored. */
  public CellLine update(CellLine line) {
    try {
      return dsl.transactionResult(cfg -> {
        DSLContext tx = cfg.dsl();
        long id = lockVersion(tx, line.biosamplesId(), line.version());
        CellLine existing = load(tx, id);
        boolean changed = new CellLineWriter(tx, reader).update(id, existing, line);
        if (changed) {
          recordSearchChange(tx, line.biosamplesId());
        }
        return changed ? load(tx, id) : existing;
      });
    } catch (RuntimeException e) {
      throw Sql.translate(e, "updating cell line " + line.biosamplesId());
    }
  }

  /** Appends a status entry; the line's "go live" intent follows the status. */
  public void appendStatus(String biosamplesId, StatusEntry entry) {
    try {
      dsl.transaction(cfg -> {
        DSLContext tx = cfg.dsl();
        Long id = tx.select(CELL_LINE.ID).from(CELL_LINE).where(CELL_LINE.BIOSAMPLES_ID.eq(biosamplesId))
            .forUpdate().fetchOne(CELL_LINE.ID);
        if (id == null) {
          throw new NotFoundException("no cell line with BioSamples id " + biosamplesId);
        }
        new CellLineWriter(tx, reader).appendStatus(id, entry);
        boolean live = entry.status() != CellLineStatus.NOT_AVAILABLE && entry.status() != CellLineStatus.WITHDRAWN;
        tx.update(CELL_LINE).set(CELL_LINE.AVAILABLE_FOR_SALE, live)
            .where(CELL_LINE.ID.eq(id).and(CELL_LINE.AVAILABLE_FOR_SALE.isDistinctFrom(live)))
            .execute();
        recordSearchChange(tx, biosamplesId);
      });
    } catch (RuntimeException e) {
      throw Sql.translate(e, "appending a status to cell line " + biosamplesId);
    }
  }

  /**
   * Deletes a line.
   *
   * @throws NotFoundException when no line has this BioSamples id
   */
  public void delete(String biosamplesId) {
    int deleted;
    try {
      deleted = dsl.transactionResult(cfg -> {
        int n = cfg.dsl().deleteFrom(CELL_LINE).where(CELL_LINE.BIOSAMPLES_ID.eq(biosamplesId)).execute();
        if (n > 0) {
          recordSearchChange(cfg.dsl(), biosamplesId);
        }
        return n;
      });
    } catch (RuntimeException e) {
      throw Sql.translate(e, "deleting cell line " + biosamplesId);
    }
    if (deleted == 0) {
      throw new NotFoundException("no cell line with BioSamples id " + biosamplesId);
    }
  }

  /** Creates a batch with its numbered vials and returns it. */
  public Batch createBatch(NewBatch request) {
    try {
      return dsl.transactionResult(cfg -> {
        DSLContext tx = cfg.dsl();
        var line = tx.select(CELL_LINE.ID, CELL_LINE.NAME).from(CELL_LINE)
            .where(CELL_LINE.BIOSAMPLES_ID.eq(request.cellLineBiosamplesId())).forUpdate().fetchOne();
        if (line == null) {
          throw new NotFoundException("no cell line with BioSamples id " + request.cellLineBiosamplesId());
        }
        String key = line.value2() + "_" + request.batchId();
        List<Vial> vials = new ArrayList<>(request.vialCount());
        for (int n = 1; n <= request.vialCount(); n++) {
          String number = String.format("%04d", n);
          vials.add(new Vial(key + "_" + number, line.value2() + " " + request.batchId() + " vial " + number,
              number, request.derivedFrom()));
        }
        Batch batch = new Batch(key, request.batchId(), request.type(), null, null, null, null, null, List.of(), vials);
        new CellLineWriter(tx, reader).insertBatch(line.value1(), batch);
        return batch;
      });
    } catch (RuntimeException e) {
      throw Sql.translate(e, "creating batch " + request.batchId() + " of cell line " + request.cellLineBiosamplesId());
    }
  }

  private void recordSearchChange(DSLContext tx, String biosamplesId) {
    if (outbox) {
      OutboxWrites.enqueue(tx, biosamplesId);
    }
  }

  // The stored line with this id, read on the transaction's connection (it sees the transaction's writes).
  private CellLine load(DSLContext tx, long id) {
    return tx.connectionResult(c -> reader.lineById(c, id)).orElseThrow();
  }

  private static long lockVersion(DSLContext tx, String biosamplesId, long expected) {
    Record2<Long, Long> row = tx.select(CELL_LINE.ID, CELL_LINE.VERSION).from(CELL_LINE)
        .where(CELL_LINE.BIOSAMPLES_ID.eq(biosamplesId)).forUpdate().fetchOne();
    if (row == null) {
      throw new NotFoundException("no cell line with BioSamples id " + biosamplesId);
    }
    if (row.value2() != expected) {
      throw new ConflictException("cell line " + biosamplesId + " was changed since it was read (stored version "
          + row.value2() + ", given " + expected + "): read it again and reapply the change");
    }
    return row.value1();
  }
}
