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
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;
import org.postgresql.PGStatement;

/**
 * Loads whole cell-line and batch aggregates with plain JDBC, one SQL statement per load whatever
 * the number of aggregates: PostgreSQL builds each aggregate as one JSON document ({@link
 * AggregateSql}), and {@link AggregateMapper} turns the document into the model records. A page and
 * its total count come from the same statement, so they agree.
 *
 * <p>Every SQL text is a constant per kind of selection and every value is a bind parameter. One
 * line, and up to {@value #FEW}, are read with correlated subqueries, which the driver keeps
 * prepared; more with one WITH query, planned for each execution. The methods take the connection
 * to read on: a fresh autocommit one (see {@link Jdbc#read}) or a transaction's. Internal;
 * thread-safe.
 */
public final class AggregateReader {

  /**
   * Selections of up to this many aggregates use correlated subqueries (planned in ~3 ms, ~0.45 ms
   * of PostgreSQL time per whole line); larger ones one WITH query (planned in ~30 ms, ~0.2 ms per
   * line): measured break-even at about 200 lines.
   */
  static final int FEW = 200;

  // One line ("l") or batch ("b") as correlated subqueries; many as one WITH query over "sel".
  private static final String LINE = AggregateSql.correlated(AggregateSql.LineJson.class);
  private static final String BATCH = AggregateSql.correlated(AggregateSql.BatchJson.class);
  private static final AggregateSql.SetQuery LINES =
      new AggregateSql.SetQuery(AggregateSql.LineJson.class, "ims.cell_line l", "l.id IN (SELECT id FROM sel)");
  private static final AggregateSql.SetQuery BATCHES =
      new AggregateSql.SetQuery(AggregateSql.BatchJson.class, "ims.batch b", "b.id IN (SELECT id FROM sel)");

  // Selections of one line.
  private static final String LINE_BY_ID = "SELECT " + LINE + "\nFROM ims.cell_line l WHERE l.id = ?";
  private static final String LINE_BY_BIOSAMPLES_ID = "SELECT " + LINE + "\nFROM ims.cell_line l WHERE l.biosamples_id = ?";
  private static final String LINE_BY_NAME = "SELECT " + LINE + "\nFROM ims.cell_line l WHERE l.name = ?";
  private static final String LINE_BY_DONOR = "SELECT " + LINE + """

      FROM ims.cell_line l
      WHERE l.id = (SELECT x.id FROM ims.cell_line x WHERE x.donor_id = ? ORDER BY x.name LIMIT 1)""";

  // Selections of several lines ("sel": their ids and their rank "n" in name order). The rows come
  // back in any order and are put in rank order here, so PostgreSQL never sorts documents. A page
  // comes with the total count, in a row of its own when the page is empty.
  private static final String SEL_BY_BIOSAMPLES_IDS = """
      SELECT x.id, row_number() OVER (ORDER BY x.name) AS n
      FROM ims.cell_line x WHERE x.biosamples_id = ANY(?)""";
  private static final String SEL_LINE_PAGE = """
      SELECT x.id, row_number() OVER (ORDER BY x.name) AS n
      FROM ims.cell_line x ORDER BY x.name OFFSET ? LIMIT ?""";
  private static final String FEW_LINES_BY_BIOSAMPLES_IDS = few(LINE, SEL_BY_BIOSAMPLES_IDS, "ims.cell_line l", "l", null);
  private static final String MANY_LINES_BY_BIOSAMPLES_IDS =
      many(LINES, SEL_BY_BIOSAMPLES_IDS, "ims.cell_line l", "l", null);
  private static final String FEW_LINE_PAGE = few(LINE, SEL_LINE_PAGE, "ims.cell_line l", "l", "ims.cell_line");
  private static final String MANY_LINE_PAGE = many(LINES, SEL_LINE_PAGE, "ims.cell_line l", "l", "ims.cell_line");
  private static final String LINE_EXISTS = "SELECT EXISTS (SELECT 1 FROM ims.cell_line WHERE biosamples_id = ?)";
  private static final String LINE_COUNT = "SELECT count(*) FROM ims.cell_line";

  // Batches, in creation order.
  private static final String BATCH_BY_BIOSAMPLES_ID = "SELECT " + BATCH + "\nFROM ims.batch b WHERE b.biosamples_id = ?";
  private static final String SEL_BATCH_PAGE = """
      SELECT x.id, row_number() OVER (ORDER BY x.id) AS n
      FROM ims.batch x ORDER BY x.id OFFSET ? LIMIT ?""";
  private static final String FEW_BATCH_PAGE = few(BATCH, SEL_BATCH_PAGE, "ims.batch b", "b", "ims.batch");
  private static final String MANY_BATCH_PAGE = many(BATCHES, SEL_BATCH_PAGE, "ims.batch b", "b", "ims.batch");

  // The rows (n, document) of the selection "sel" ({@code id, n}), or with "countOf" (total, n,
  // document) and one row (total, null, null) when the selection is empty. The selection's
  // parameters are the statement's.
  private static String few(String document, String sel, String from, String alias, String countOf) {
    return select("", "SELECT s.n, " + document + " AS doc\nFROM sel s JOIN " + from + " ON " + alias + ".id = s.id",
        sel, countOf);
  }

  private static String many(AggregateSql.SetQuery query, String sel, String from, String alias, String countOf) {
    return select(query.ctes() + ",\n", "SELECT s.n, " + query.document() + " AS doc\nFROM sel s JOIN " + from
        + " ON " + alias + ".id = s.id\n" + query.joins(), sel, countOf);
  }

  private static String select(String ctes, String docs, String sel, String countOf) {
    String with = "WITH sel AS (\n" + sel + "),\n" + ctes + "docs AS (\n" + docs + ")\n";
    return countOf == null
        ? with + "SELECT n, doc FROM docs"
        : with + "SELECT c.total, docs.n, docs.doc FROM (SELECT count(*) AS total FROM " + countOf
            + ") c LEFT JOIN docs ON true";
  }

  private final Jdbc jdbc;

  /** A reader that prepares its statements through {@code jdbc} (and so tells its observer). */
  public AggregateReader(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** The line with this database id. */
  public Optional<CellLine> lineById(Connection connection, long id) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_BY_ID)) {
      ps.setLong(1, id);
      return line(one(ps));
    }
  }

  /** The line with this BioSamples id. */
  public Optional<CellLine> lineByBiosamplesId(Connection connection, String biosamplesId) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_BY_BIOSAMPLES_ID)) {
      ps.setString(1, biosamplesId);
      return line(one(ps));
    }
  }

  /** The line with this name. */
  public Optional<CellLine> lineByName(Connection connection, String name) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_BY_NAME)) {
      ps.setString(1, name);
      return line(one(ps));
    }
  }

  /** The first line, by name, of the donor with this database id. */
  public Optional<CellLine> firstLineOfDonor(Connection connection, long donorId) throws SQLException {
    try (PreparedStatement ps = jdbc.prepare(connection, LINE_BY_DONOR)) {
      ps.setLong(1, donorId);
      return line(one(ps));
    }
  }

  /** The stored lines among these BioSamples ids, ordered by name. */
  public List<CellLine> linesByBiosamplesIds(Connection connection, Collection<String> biosamplesIds)
      throws SQLException {
    boolean few = biosamplesIds.size() <= FEW;
    try (PreparedStatement ps = jdbc.prepare(connection, few ? FEW_LINES_BY_BIOSAMPLES_IDS : MANY_LINES_BY_BIOSAMPLES_IDS)) {
      if (!few) {
        planEachTime(ps);
      }
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
    boolean few = request.limit() <= FEW;
    try (PreparedStatement ps = jdbc.prepare(connection, few ? FEW_LINE_PAGE : MANY_LINE_PAGE)) {
      if (!few) {
        planEachTime(ps);
      }
      ps.setLong(1, request.offset());
      ps.setInt(2, request.limit());
      return page(ps, request, true);
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
      return batch(one(ps));
    }
  }

  /** A page of batches in creation order, with the total count, in one statement. */
  public Page<Batch> batchPage(Connection connection, PageRequest request) throws SQLException {
    boolean few = request.limit() <= FEW;
    try (PreparedStatement ps = jdbc.prepare(connection, few ? FEW_BATCH_PAGE : MANY_BATCH_PAGE)) {
      if (!few) {
        planEachTime(ps);
      }
      ps.setLong(1, request.offset());
      ps.setInt(2, request.limit());
      return page(ps, request, false);
    }
  }

  // A WITH query's best plan depends on how many rows "sel" has, which a plan cached for any
  // parameters does not know (a generic plan for 1,000 lines runs 1.5 times slower): with the
  // PostgreSQL driver, plan it for each execution instead.
  private static void planEachTime(PreparedStatement ps) throws SQLException {
    if (ps.isWrapperFor(PGStatement.class)) {
      ps.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
  }

  // The document of the only row, or null. No Optional.map and no function arguments here: each
  // lambda or method reference costs a bootstrap in a cold start (docs/lambda.md, "Cold-start rules").
  private static String one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static Optional<CellLine> line(String document) {
    return document == null ? Optional.empty() : Optional.of(AggregateMapper.cellLine(document));
  }

  private static Optional<Batch> batch(String document) {
    return document == null ? Optional.empty() : Optional.of(AggregateMapper.batch(document));
  }

  // Rows of (total, rank, document); one row with a null rank when the page is empty.
  @SuppressWarnings("unchecked")
  private static <T> Page<T> page(PreparedStatement ps, PageRequest request, boolean lines) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      long total = 0;
      Ranked<T> items = new Ranked<>(request.offset());
      while (rs.next()) {
        total = rs.getLong(1);
        long rank = rs.getLong(2);
        if (!rs.wasNull()) {
          String document = rs.getString(3);
          items.put(rank, (T) (lines ? AggregateMapper.cellLine(document) : AggregateMapper.batch(document)));
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
