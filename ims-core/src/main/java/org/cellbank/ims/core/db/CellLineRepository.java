package org.cellbank.ims.core.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.internal.AggregateReader;
import org.cellbank.ims.core.internal.Jdbc;
import org.cellbank.ims.core.internal.Lazy;
import org.cellbank.ims.core.internal.WriteTransactions;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.StatusEntry;

/**
 * Reads and writes whole {@link CellLine} aggregates in PostgreSQL.
 *
 * <p>Every read is one SQL statement, whatever the page size: PostgreSQL builds each whole line as
 * one JSON document, and a page comes with its total count. Reads run on plain JDBC (no transaction,
 * a statement is a consistent snapshot); the jOOQ machinery the writes use is only set up by the
 * first write. Every write is one transaction: it succeeds whole or leaves nothing behind.
 *
 * <pre>{@code
 * CellLineRepository lines = CellLineRepository.create(dataSource);
 * CellLine line = lines.getByBiosamplesId("SAMEA2590882");
 * Page<CellLine> first = lines.page(PageRequest.first(50));
 * }</pre>
 *
 * <p>Thread-safe; create one per application (or Lambda container). The caller owns the
 * {@link DataSource}, which must reach a database migrated by {@link SchemaMigrations}.
 */
public final class CellLineRepository {

  private final Jdbc jdbc;
  private final AggregateReader reader;
  private final Lazy<WriteTransactions> writes;

  private CellLineRepository(DataSource dataSource, Consumer<String> onStatement, SearchOutbox outbox) {
    this.jdbc = new Jdbc(dataSource, onStatement);
    this.reader = new AggregateReader(jdbc);
    this.writes = new Lazy<>() {
      @Override
      protected WriteTransactions create() {
        return new WriteTransactions(dataSource, onStatement, reader, outbox != null);
      }
    };
  }

  /** A repository over the data source (the caller owns it and closes it). */
  public static CellLineRepository create(DataSource dataSource) {
    return builder().dataSource(dataSource).build();
  }

  /** A builder, for options such as a statement observer. */
  public static Builder builder() {
    return new Builder();
  }

  /** Finds a line by its BioSamples id, the natural key. */
  public Optional<CellLine> findByBiosamplesId(String biosamplesId) {
    Objects.requireNonNull(biosamplesId, "biosamplesId");
    // Reads pass anonymous classes, not lambdas: they run in cold starts (docs/lambda.md,
    // "Cold-start rules"); Jdbc.read runs them again when the connection died.
    return jdbc.read("reading cell line " + biosamplesId, new Jdbc.ConnectionWork<Optional<CellLine>>() {
      @Override
      public Optional<CellLine> run(Connection c) throws SQLException {
        return reader.lineByBiosamplesId(c, biosamplesId);
      }
    });
  }

  /**
   * Returns the line with this BioSamples id.
   *
   * @throws NotFoundException when there is none
   */
  public CellLine getByBiosamplesId(String biosamplesId) {
    Optional<CellLine> line = findByBiosamplesId(biosamplesId);
    if (line.isEmpty()) {
      throw new NotFoundException("no cell line with BioSamples id " + biosamplesId);
    }
    return line.get();
  }

  /**
   * Returns the stored lines among these BioSamples ids, ordered by name, in one statement; unknown
   * ids are left out. At most {@value PageRequest#MAX_LIMIT} ids per call.
   *
   * @throws org.cellbank.ims.core.ValidationException when more ids are given
   */
  public List<CellLine> findAllByBiosamplesIds(java.util.Collection<String> biosamplesIds) {
    Objects.requireNonNull(biosamplesIds, "biosamplesIds");
    if (biosamplesIds.size() > PageRequest.MAX_LIMIT) {
      throw new org.cellbank.ims.core.ValidationException(
          "at most " + PageRequest.MAX_LIMIT + " ids per call: " + biosamplesIds.size());
    }
    if (biosamplesIds.isEmpty()) {
      return List.of();
    }
    return jdbc.read("reading " + biosamplesIds.size() + " cell lines", new Jdbc.ConnectionWork<List<CellLine>>() {
      @Override
      public List<CellLine> run(Connection c) throws SQLException {
        return reader.linesByBiosamplesIds(c, biosamplesIds);
      }
    });
  }

  /** Finds a line by its hPSCreg name, e.g. {@code UKBi008-A}. */
  public Optional<CellLine> findByName(String name) {
    Objects.requireNonNull(name, "name");
    return jdbc.read("reading cell line " + name, new Jdbc.ConnectionWork<Optional<CellLine>>() {
      @Override
      public Optional<CellLine> run(Connection c) throws SQLException {
        return reader.lineByName(c, name);
      }
    });
  }

  /**
   * Returns the line with this name.
   *
   * @throws NotFoundException when there is none
   */
  public CellLine getByName(String name) {
    Optional<CellLine> line = findByName(name);
    if (line.isEmpty()) {
      throw new NotFoundException("no cell line named " + name);
    }
    return line.get();
  }

  /** Returns a page of lines ordered by name, with the total count (one statement). */
  public Page<CellLine> page(PageRequest request) {
    Objects.requireNonNull(request, "request");
    return jdbc.read("reading a page of cell lines", new Jdbc.ConnectionWork<Page<CellLine>>() {
      @Override
      public Page<CellLine> run(Connection c) throws SQLException {
        return reader.linePage(c, request);
      }
    });
  }

  /** Whether a line with this BioSamples id is stored (one cheap query). */
  public boolean exists(String biosamplesId) {
    Objects.requireNonNull(biosamplesId, "biosamplesId");
    return jdbc.read("looking up cell line " + biosamplesId, new Jdbc.ConnectionWork<Boolean>() {
      @Override
      public Boolean run(Connection c) throws SQLException {
        return reader.lineExists(c, biosamplesId);
      }
    });
  }

  /** How many lines are stored. */
  public long count() {
    return jdbc.read("counting cell lines", new Jdbc.ConnectionWork<Long>() {
      @Override
      public Long run(Connection c) throws SQLException {
        return reader.lineCount(c);
      }
    });
  }

  /**
   * Stores a new line with everything it holds (donor, registry data, status log, information
   * packs, batches) and returns it as stored. Its donor is matched by BioSamples id and created or
   * updated. Its {@code derivedFrom} parent must be stored already.
   *
   * @throws ConflictException when the name, BioSamples id or another natural key is taken
   * @throws org.cellbank.ims.core.ValidationException when a value breaks a rule of the schema
   *     (an unknown donor age range, a missing parent line, a value too long)
   */
  public CellLine insert(CellLine line) {
    Objects.requireNonNull(line, "line");
    return writes.get().insert(line);
  }

  /**
   * Brings a stored line's registry data to {@code line}'s and returns it as stored.
   *
   * <p>The line is matched by BioSamples id (so a changed name is a rename). Scalars, the donor and
   * each part (diseases with their modifications, non-disease modifications, derivation,
   * reprogramming, vector-free factors, culture conditions, characterisation, PluriTest, karyotype,
   * disease-genotype flags, genome analyses, publications) that differs from the stored one is replaced; the status log,
   * information packs and batches are left as they are (they have their own operations). When
   * nothing differs, nothing is written and the version stays.
   *
   * @throws NotFoundException when no line has this BioSamples id
   * @throws ConflictException when {@code line.version()} is not the stored version (someone else
   *     changed the line since it was read: read it again), or a natural key is taken
   */
  public CellLine update(CellLine line) {
    Objects.requireNonNull(line, "line");
    return writes.get().update(line);
  }

  /**
   * Appends an entry to a line's status log; it becomes the current status.
   *
   * <p>As in the reference workflow, the line's "go live" intent ({@link CellLine#availableForSale()})
   * follows: false for {@code not_available} and {@code withdrawn}, true for every other status.
   *
   * @throws NotFoundException when no line has this BioSamples id
   */
  public void appendStatus(String biosamplesId, StatusEntry entry) {
    Objects.requireNonNull(biosamplesId, "biosamplesId");
    Objects.requireNonNull(entry, "entry");
    writes.get().appendStatus(biosamplesId, entry);
  }

  /**
   * Deletes a line with its status log, information packs, batches and vials. Its donor stays
   * (other lines may share it); subclones keep existing without a parent.
   *
   * @throws NotFoundException when no line has this BioSamples id
   */
  public void delete(String biosamplesId) {
    Objects.requireNonNull(biosamplesId, "biosamplesId");
    writes.get().delete(biosamplesId);
  }

  /** Builds a {@link CellLineRepository}. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private Consumer<String> onStatement;
    private SearchOutbox outbox;

    private Builder() {}

    /** The database (required); the caller owns it. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * Called with the SQL text of every statement the repository runs, before it runs (for
     * metrics and tests; it must be fast and thread-safe). No bind values are passed.
     */
    public Builder onStatement(Consumer<String> onStatement) {
      this.onStatement = Objects.requireNonNull(onStatement, "onStatement");
      return this;
    }

    /**
     * Records every change of what a line's search document could show (insert, a real update, a
     * status, a delete) in this outbox, in the same transaction as the change, so the search index
     * catches up even after it was down. Without it, writes leave search alone.
     */
    public Builder searchOutbox(SearchOutbox outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      return this;
    }

    /** Builds the repository. */
    public CellLineRepository build() {
      return new CellLineRepository(Objects.requireNonNull(dataSource, "dataSource"), onStatement, outbox);
    }
  }
}
