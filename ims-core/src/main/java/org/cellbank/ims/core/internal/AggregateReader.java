package org.cellbank.ims.core.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;

/**
 * Loads whole cell-line and batch aggregates with plain JDBC, one SQL statement per load whatever
 * the number of aggregates: PostgreSQL builds each aggregate as one JSON document ({@link
 * AggregateSql}), and {@link AggregateMapper} turns the document into the model records. A page and
 * its total count come from the same statement, so they agree.
 *
 * <p>Every SQL text is a constant per kind of selection (the driver keeps it prepared) and every
 * value is a bind parameter. The methods take the connection to read on: a fresh autocommit one
 * (see {@link Jdbc#read}) or a transaction's. Internal; thread-safe.
 */
public final class AggregateReader {

  private static final String LINE = AggregateSql.array(AggregateSql.LineJson.values());
  private static final String BATCH = AggregateSql.array(AggregateSql.BatchJson.values());

  // Selections of lines. A selection of several returns each line's rank in name order ("n"); the
  // rows come back in any order and the reader puts them in rank order, so PostgreSQL never sorts
  // documents. A page comes with the total count, in a row of its own when the page is empty.
  private static final String LINE_BY_ID = "SELECT " + LINE + "\nFROM ims.cell_line l WHERE l.id = ?";
  private static final String LINE_BY_BIOSAMPLES_ID = "SELECT " + LINE + "\nFROM ims.cell_line l WHERE l.biosamples_id = ?";
  private static final String LINE_BY_NAME = "SELECT " + LINE + "\nFROM ims.cell_line l WHERE l.name = ?";
  private static final String LINE_BY_DONOR = "SELECT " + LINE + """

      FROM ims.cell_line l
      WHERE l.id = (SELECT x.id FROM ims.cell_line x WHERE x.donor_id = ? ORDER BY x.name LIMIT 1)""";
  private static final String LINES_BY_BIOSAMPLES_IDS = "SELECT s.n, " + LINE + """

      FROM (SELECT x.id, row_number() OVER (ORDER BY x.name) AS n
            FROM ims.cell_line x WHERE x.biosamples_id = ANY(?)) s
      JOIN ims.cell_line l ON l.id = s.id""";
  private static final String LINE_PAGE = "SELECT c.total, s.n, " + LINE + """

      FROM (SELECT count(*) AS total FROM ims.cell_line) c
      LEFT JOIN (SELECT x.id, row_number() OVER (ORDER BY x.name) AS n
                 FROM ims.cell_line x ORDER BY x.name OFFSET ? LIMIT ?) s ON true
      LEFT JOIN ims.cell_line l ON l.id = s.id""";
  private static final String LINE_EXISTS = "SELECT EXISTS (SELECT 1 FROM ims.cell_line WHERE biosamples_id = ?)";
  private static final String LINE_COUNT = "SELECT count(*) FROM ims.cell_line";

  // Selections of batches, in creation order.
  private static final String BATCH_BY_BIOSAMPLES_ID = "SELECT " + BATCH + "\nFROM ims.batch b WHERE b.biosamples_id = ?";
  private static final String BATCH_PAGE = "SELECT c.total, s.n, " + BATCH + """

      FROM (SELECT count(*) AS total FROM ims.batch) c
      LEFT JOIN (SELECT x.id, row_number() OVER (ORDER BY x.id) AS n
                 FROM ims.batch x ORDER BY x.id OFFSET ? LIMIT ?) s ON true
      LEFT JOIN ims.batch b ON b.id = s.id""";

  private final Jdbc jdbc;

  /** A reader that prepares its statements through {@code jdbc} (and so tells its observer). */
  public AggregateReader(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** The line with this database id. */
  public Optional<CellLine> lineById(Connection connection, long id) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_BY_ID)) {
      ps.setLong(1, id);
      return one(ps).map(AggregateMapper::cellLine);
    }
  }

  /** The line with this BioSamples id. */
  public Optional<CellLine> lineByBiosamplesId(Connection connection, String biosamplesId) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_BY_BIOSAMPLES_ID)) {
      ps.setString(1, biosamplesId);
      return one(ps).map(AggregateMapper::cellLine);
    }
  }

  /** The line with this name. */
  public Optional<CellLine> lineByName(Connection connection, String name) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_BY_NAME)) {
      ps.setString(1, name);
      return one(ps).map(AggregateMapper::cellLine);
    }
  }

  /** The first line, by name, of the donor with this database id. */
  public Optional<CellLine> firstLineOfDonor(Connection connection, long donorId) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_BY_DONOR)) {
      ps.setLong(1, donorId);
      return one(ps).map(AggregateMapper::cellLine);
    }
  }

  /** The stored lines among these BioSamples ids, ordered by name. */
  public List<CellLine> linesByBiosamplesIds(Connection connection, Collection<String> biosamplesIds)
      throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINES_BY_BIOSAMPLES_IDS)) {
      Array ids = connection.createArrayOf("text", biosamplesIds.toArray());
      try {
        ps.setArray(1, ids);
        try (ResultSet rs = ps.executeQuery()) {
          Ranked<CellLine> lines = new Ranked<>(0);
          while (rs.next()) {
            lines.put(rs.getLong(1), AggregateMapper.cellLine(rs.getString(2)));
          }
          return lines.inOrder();
        }
      } finally {
        ids.free();
      }
    }
  }

  /** A page of lines ordered by name, with the total count, in one statement. */
  public Page<CellLine> linePage(Connection connection, PageRequest request) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_PAGE)) {
      ps.setLong(1, request.offset());
      ps.setInt(2, request.limit());
      return page(ps, request, AggregateMapper::cellLine);
    }
  }

  /** Whether a line with this BioSamples id is stored. */
  public boolean lineExists(Connection connection, String biosamplesId) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_EXISTS)) {
      ps.setString(1, biosamplesId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** How many lines are stored. */
  public long lineCount(Connection connection) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_COUNT); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The batch with this key. */
  public Optional<Batch> batchByBiosamplesId(Connection connection, String biosamplesId) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, BATCH_BY_BIOSAMPLES_ID)) {
      ps.setString(1, biosamplesId);
      return one(ps).map(AggregateMapper::batch);
    }
  }

  /** A page of batches in creation order, with the total count, in one statement. */
  public Page<Batch> batchPage(Connection connection, PageRequest request) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, BATCH_PAGE)) {
      ps.setLong(1, request.offset());
      ps.setInt(2, request.limit());
      return page(ps, request, AggregateMapper::batch);
    }
  }

  // The document of the only row, if any.
  private static Optional<String> one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    }
  }

  // Rows of (total, rank, document); one row with a null rank when the page is empty.
  private static <T> Page<T> page(PreparedStatement ps, PageRequest request,
      Function<String, T> mapper) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      long total = 0;
      Ranked<T> items = new Ranked<>(request.offset());
      while (rs.next()) {
        total = rs.getLong(1);
        long rank = rs.getLong(2);
        if (!rs.wasNull()) {
          items.put(rank, mapper.apply(rs.getString(3)));
        }
      }
      return new Page<>(items.inOrder(), total, request);
    }
  }

  /** Items put by their 1-based rank (counted from after {@code offset}), read back in rank order. */
  private static final class Ranked<T> {
    private final long offset;
    private final List<T> items = new ArrayList<>();

    Ranked(long offset) {
      this.offset = offset;
    }

    void put(long rank, T item) {
      int index = Math.toIntExact(rank - offset - 1);
      while (items.size() <= index) {
        items.add(null);
      }
      items.set(index, item);
    }

    List<T> inOrder() {
      return items;
    }
  }
}
