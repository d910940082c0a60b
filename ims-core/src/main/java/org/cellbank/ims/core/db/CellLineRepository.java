package org.cellbank.ims.core.db;

import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE;

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
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.search.SearchOutbox;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * Reads and writes whole {@link CellLine} aggregates in PostgreSQL.
 *
 * <p>Reads take a fixed number of SQL statements whatever the page size: one for the lines and
 * their one-to-one parts, then one per child table for the whole page. Every write is one
 * transaction: it succeeds whole or leaves nothing behind.
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

  private final DSLContext dsl;
  private final SearchOutbox outbox;

  private CellLineRepository(DSLContext dsl, SearchOutbox outbox) {
    this.dsl = dsl;
    this.outbox = outbox;
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
    return findOne(CELL_LINE.BIOSAMPLES_ID.eq(biosamplesId), "reading cell line " + biosamplesId);
  }

  /**
   * Returns the line with this BioSamples id.
   *
   * @throws NotFoundException when there is none
   */
  public CellLine getByBiosamplesId(String biosamplesId) {
    return findByBiosamplesId(biosamplesId)
        .orElseThrow(() -> new NotFoundException("no cell line with BioSamples id " + biosamplesId));
  }

  /**
   * Returns the stored lines among these BioSamples ids, ordered by name, with the same fixed
   * number of statements as a page; unknown ids are left out. At most
   * {@value PageRequest#MAX_LIMIT} ids per call.
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
    try {
      return dsl.transactionResult(cfg -> new CellLineReader(cfg.dsl())
          .load(CELL_LINE.BIOSAMPLES_ID.in(biosamplesIds), 0, biosamplesIds.size()));
    } catch (RuntimeException e) {
      throw Sql.translate(e, "reading " + biosamplesIds.size() + " cell lines");
    }
  }

  /** Finds a line by its hPSCreg name, e.g. {@code UKBi008-A}. */
  public Optional<CellLine> findByName(String name) {
    Objects.requireNonNull(name, "name");
    return findOne(CELL_LINE.NAME.eq(name), "reading cell line " + name);
  }

  /**
   * Returns the line with this name.
   *
   * @throws NotFoundException when there is none
   */
  public CellLine getByName(String name) {
    return findByName(name).orElseThrow(() -> new NotFoundException("no cell line named " + name));
  }

  /** Returns a page of lines ordered by name, with the total count. */
  public Page<CellLine> page(PageRequest request) {
    Objects.requireNonNull(request, "request");
    try {
      return dsl.transactionResult(cfg -> {
        CellLineReader reader = new CellLineReader(cfg.dsl());
        long total = reader.count(DSL.noCondition());
        List<CellLine> items = request.offset() >= total
            ? List.of()
            : reader.load(DSL.noCondition(), request.offset(), request.limit());
        return new Page<>(items, total, request);
      });
    } catch (RuntimeException e) {
      throw Sql.translate(e, "reading a page of cell lines");
    }
  }

  /** Whether a line with this BioSamples id is stored (one cheap query). */
  public boolean exists(String biosamplesId) {
    Objects.requireNonNull(biosamplesId, "biosamplesId");
    try {
      return dsl.fetchExists(CELL_LINE, CELL_LINE.BIOSAMPLES_ID.eq(biosamplesId));
    } catch (RuntimeException e) {
      throw Sql.translate(e, "looking up cell line " + biosamplesId);
    }
  }

  /** How many lines are stored. */
  public long count() {
    try {
      return dsl.fetchCount(CELL_LINE);
    } catch (RuntimeException e) {
      throw Sql.translate(e, "counting cell lines");
    }
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
    try {
      return dsl.transactionResult(cfg -> {
        long id = new CellLineWriter(cfg.dsl()).insert(line);
        recordSearchChange(cfg.dsl(), line.biosamplesId());
        return new CellLineReader(cfg.dsl()).load(CELL_LINE.ID.eq(id), 0, 1).get(0);
      });
    } catch (RuntimeException e) {
      throw Sql.translate(e, "inserting cell line " + line.biosamplesId());
    }
  }

  /**
   * Brings a stored line's registry data to {@code line}'s and returns it as stored.
   *
   * <p>The line is matched by BioSamples id (so a changed name is a rename). Scalars, the donor and
   * each part (diseases with their modifications, non-disease modifications, derivation,
   * reprogramming, vector-free factors, culture conditions, characterisation, PluriTest, karyotype,
   * genome analyses, publications) that differs from the stored one is replaced; the status log,
   * information packs and batches are left as they are (they have their own operations). When
   * nothing differs, nothing is written and the version stays.
   *
   * @throws NotFoundException when no line has this BioSamples id
   * @throws ConflictException when {@code line.version()} is not the stored version (someone else
   *     changed the line since it was read: read it again), or a natural key is taken
   */
  public CellLine update(CellLine line) {
    Objects.requireNonNull(line, "line");
    try {
      return dsl.transactionResult(cfg -> {
        DSLContext tx = cfg.dsl();
        long id = lockVersion(tx, line.biosamplesId(), line.version());
        CellLineReader reader = new CellLineReader(tx);
        CellLine existing = reader.load(CELL_LINE.ID.eq(id), 0, 1).get(0);
        boolean changed = new CellLineWriter(tx).update(id, existing, line);
        if (changed) {
          recordSearchChange(tx, line.biosamplesId());
        }
        return changed ? reader.load(CELL_LINE.ID.eq(id), 0, 1).get(0) : existing;
      });
    } catch (RuntimeException e) {
      throw Sql.translate(e, "updating cell line " + line.biosamplesId());
    }
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
    try {
      dsl.transaction(cfg -> {
        DSLContext tx = cfg.dsl();
        Long id = tx.select(CELL_LINE.ID).from(CELL_LINE).where(CELL_LINE.BIOSAMPLES_ID.eq(biosamplesId))
            .forUpdate().fetchOne(CELL_LINE.ID);
        if (id == null) {
          throw new NotFoundException("no cell line with BioSamples id " + biosamplesId);
        }
        new CellLineWriter(tx).appendStatus(id, entry);
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
   * Deletes a line with its status log, information packs, batches and vials. Its donor stays
   * (other lines may share it); subclones keep existing without a parent.
   *
   * @throws NotFoundException when no line has this BioSamples id
   */
  public void delete(String biosamplesId) {
    Objects.requireNonNull(biosamplesId, "biosamplesId");
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

  private void recordSearchChange(DSLContext tx, String biosamplesId) {
    if (outbox != null) {
      outbox.enqueue(tx, biosamplesId);
    }
  }

  private Optional<CellLine> findOne(Condition condition, String action) {
    try {
      return dsl.transactionResult(cfg -> new CellLineReader(cfg.dsl()).load(condition, 0, 1))
          .stream().findFirst();
    } catch (RuntimeException e) {
      throw Sql.translate(e, action);
    }
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
      return new CellLineRepository(Sql.context(Objects.requireNonNull(dataSource, "dataSource"), onStatement), outbox);
    }
  }
}
