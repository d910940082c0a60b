package org.cellbank.ims.core.db;

import static org.cellbank.ims.core.internal.db.Tables.BATCH;
import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.internal.CellLineReader;
import org.cellbank.ims.core.internal.CellLineWriter;
import org.cellbank.ims.core.internal.Sql;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.Vial;
import org.jooq.DSLContext;

/**
 * Reads batches with their vials, and creates new batches.
 *
 * <p>A page of batches takes three SQL statements whatever its size, plus one to count.
 *
 * <p>Thread-safe; the caller owns the {@link DataSource}.
 */
public final class BatchRepository {

  private final DSLContext dsl;

  private BatchRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** A repository over the data source (the caller owns it). */
  public static BatchRepository create(DataSource dataSource) {
    return builder().dataSource(dataSource).build();
  }

  /** A builder, for options such as a statement observer. */
  public static Builder builder() {
    return new Builder();
  }

  /** Finds a batch by its key ({@code UKBi008-A_P002}, or a legacy {@code SAMEG...} id). */
  public Optional<Batch> findByBiosamplesId(String biosamplesId) {
    Objects.requireNonNull(biosamplesId, "biosamplesId");
    try {
      return dsl.transactionResult(cfg -> new CellLineReader(cfg.dsl())
          .loadBatches(BATCH.BIOSAMPLES_ID.eq(biosamplesId), 0, 1)).stream().findFirst();
    } catch (RuntimeException e) {
      throw Sql.translate(e, "reading batch " + biosamplesId);
    }
  }

  /**
   * Returns the batch with this key.
   *
   * @throws NotFoundException when there is none
   */
  public Batch getByBiosamplesId(String biosamplesId) {
    return findByBiosamplesId(biosamplesId)
        .orElseThrow(() -> new NotFoundException("no batch with id " + biosamplesId));
  }

  /** Returns a page of batches in creation order, with the total count. */
  public Page<Batch> page(PageRequest request) {
    Objects.requireNonNull(request, "request");
    try {
      return dsl.transactionResult(cfg -> {
        long total = cfg.dsl().fetchCount(BATCH);
        List<Batch> items = request.offset() >= total ? List.of()
            : new CellLineReader(cfg.dsl()).loadBatches(org.jooq.impl.DSL.noCondition(), request.offset(), request.limit());
        return new Page<>(items, total, request);
      });
    } catch (RuntimeException e) {
      throw Sql.translate(e, "reading a page of batches");
    }
  }

  /**
   * Creates a batch with its vials and returns it.
   *
   * @throws NotFoundException when the cell line does not exist
   * @throws ConflictException when the line has a batch with this id already
   */
  public Batch create(NewBatch request) {
    Objects.requireNonNull(request, "request");
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
        new CellLineWriter(tx).insertBatch(line.value1(), batch);
        return batch;
      });
    } catch (RuntimeException e) {
      throw Sql.translate(e, "creating batch " + request.batchId() + " of cell line " + request.cellLineBiosamplesId());
    }
  }

  /** Builds a {@link BatchRepository}. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private Consumer<String> onStatement;

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

    /** Builds the repository. */
    public BatchRepository build() {
      return new BatchRepository(Sql.context(Objects.requireNonNull(dataSource, "dataSource"), onStatement));
    }
  }
}
