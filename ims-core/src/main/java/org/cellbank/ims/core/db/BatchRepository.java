package org.cellbank.ims.core.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.internal.AggregateReader;
import org.cellbank.ims.core.internal.Jdbc;
import org.cellbank.ims.core.internal.Lazy;
import org.cellbank.ims.core.internal.WriteTransactions;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.NewBatch;

/**
 * Reads batches with their vials, and creates new batches.
 *
 * <p>Every read is one SQL statement, whatever the page size (a page comes with its total count),
 * on plain JDBC; the jOOQ machinery that creating a batch uses is only set up by the first create.
 *
 * <p>Thread-safe; the caller owns the {@link DataSource}.
 */
public final class BatchRepository {

  private final Jdbc jdbc;
  private final AggregateReader reader;
  private final Lazy<WriteTransactions> writes;

  private BatchRepository(DataSource dataSource, Consumer<String> onStatement) {
    this.jdbc = new Jdbc(dataSource, onStatement);
    this.reader = new AggregateReader(jdbc);
    this.writes = new Lazy<>() {
      @Override
      protected WriteTransactions create() {
        return new WriteTransactions(dataSource, onStatement, reader, false);
      }
    };
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
    // Reads pass anonymous classes, not lambdas: they run in cold starts (docs/lambda.md,
    // "Cold-start rules"); Jdbc.read runs them again when the connection died.
    return jdbc.read("reading batch " + biosamplesId, new Jdbc.ConnectionWork<Optional<Batch>>() {
      @Override
      public Optional<Batch> run(Connection c) throws SQLException {
        return reader.batchByBiosamplesId(c, biosamplesId);
      }
    });
  }

  /**
   * Returns the batch with this key.
   *
   * @throws NotFoundException when there is none
   */
  public Batch getByBiosamplesId(String biosamplesId) {
    Optional<Batch> batch = findByBiosamplesId(biosamplesId);
    if (batch.isEmpty()) {
      throw new NotFoundException("no batch with id " + biosamplesId);
    }
    return batch.get();
  }

  /** Returns a page of batches in creation order, with the total count (one statement). */
  public Page<Batch> page(PageRequest request) {
    Objects.requireNonNull(request, "request");
    return jdbc.read("reading a page of batches", new Jdbc.ConnectionWork<Page<Batch>>() {
      @Override
      public Page<Batch> run(Connection c) throws SQLException {
        return reader.batchPage(c, request);
      }
    });
  }

  /**
   * Creates a batch with its vials and returns it.
   *
   * @throws NotFoundException when the cell line does not exist
   * @throws ConflictException when the line has a batch with this id already
   */
  public Batch create(NewBatch request) {
    Objects.requireNonNull(request, "request");
    return writes.get().createBatch(request);
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
      return new BatchRepository(Objects.requireNonNull(dataSource, "dataSource"), onStatement);
    }
  }
}
