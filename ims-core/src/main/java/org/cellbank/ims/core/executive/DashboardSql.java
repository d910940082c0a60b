package org.cellbank.ims.core.executive;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.cellbank.ims.core.PageRequest;

/**
 * The dashboard's one statement: the counters over every line, the number of matching lines and one
 * page of them. The counters and the count come on every row, and on one row of nulls when the page
 * is empty, so the answer is always one statement. Only whitelisted column names are written into the
 * SQL text; every value is a bind parameter.
 */
final class DashboardSql {
  private DashboardSql() {}

  private static final String HEAD = "WITH params AS (SELECT CAST(? AS text) AS q, CAST(? AS text) AS status,"
      + " CAST(? AS text) AS validation, CAST(? AS boolean) AS at_ecacc, CAST(? AS text) AS depositor, CAST(? AS text) AS disease),"
      + " base AS (SELECT l.id, l.name, l.biosamples_id, l.alternative_names, l.ecacc_id, l.hpscreg_id,"
      + " o.name AS depositor, l.validation_status, s.status, l.available_for_sale, l.available_for_sale_at_ecacc,"
      + " l.version, coalesce(bc.n, 0) AS batches, coalesce(dz.names, '{}') AS diseases,"
      + " coalesce(lz.names, '{}') AS line_diseases"
      + " FROM ims.cell_line l JOIN ims.organisation o ON o.id = l.generator_id"
      + " LEFT JOIN ims.cell_line_status s ON s.id = l.current_status_id"
      // The donor's and the line's disease names, the primary one first.
      // (one aggregation per table, joined by hash, as the batch counts: cheaper than a subquery per line).
      + " LEFT JOIN (SELECT x.donor_id, array_agg(coalesce(d.name, x.free_text_name) ORDER BY x.primary_disease DESC,"
      + " coalesce(d.name, x.free_text_name)) AS names FROM ims.donor_disease x LEFT JOIN ims.disease d"
      + " ON d.id = x.disease_id GROUP BY x.donor_id) dz ON dz.donor_id = l.donor_id"
      + " LEFT JOIN (SELECT x.cell_line_id, array_agg(coalesce(d.name, x.free_text_name) ORDER BY x.primary_disease DESC,"
      + " coalesce(d.name, x.free_text_name)) AS names FROM ims.cell_line_disease x LEFT JOIN ims.disease d"
      + " ON d.id = x.disease_id GROUP BY x.cell_line_id) lz ON lz.cell_line_id = l.id"
      + " LEFT JOIN (SELECT cell_line_id, count(*) AS n FROM ims.batch GROUP BY cell_line_id) bc ON bc.cell_line_id = l.id),"
      + " counters AS (SELECT count(*) AS registered,"
      + " count(*) FILTER (WHERE validation_status IN ('validated_visible', 'validated_not_visible')) AS validated,"
      + " count(*) FILTER (WHERE status = 'at_ecacc') AS at_ecacc,"
      + " count(*) FILTER (WHERE status = 'expand_to_order') AS expand_to_order,"
      + " count(*) FILTER (WHERE status = 'restricted_distribution') AS restricted_distribution,"
      + " count(*) FILTER (WHERE status = 'recalled') AS recalled,"
      + " count(*) FILTER (WHERE status = 'withdrawn') AS withdrawn FROM base),"
      + " matching AS (SELECT b.* FROM base b, params p WHERE"
      + " (p.q IS NULL OR b.name ILIKE p.q ESCAPE '\\' OR b.biosamples_id ILIKE p.q ESCAPE '\\'"
      + " OR b.ecacc_id ILIKE p.q ESCAPE '\\' OR b.hpscreg_id ILIKE p.q ESCAPE '\\'"
      + " OR b.depositor ILIKE p.q ESCAPE '\\' OR array_to_string(b.alternative_names, ' ') ILIKE p.q ESCAPE '\\'"
      + " OR EXISTS (SELECT 1 FROM ims.batch x LEFT JOIN ims.vial v ON v.batch_id = x.id WHERE x.cell_line_id = b.id"
      + " AND (x.biosamples_id ILIKE p.q ESCAPE '\\' OR v.biosamples_id ILIKE p.q ESCAPE '\\')))"
      + " AND (p.status IS NULL OR b.status = p.status)"
      + " AND (p.validation IS NULL OR b.validation_status = p.validation)"
      + " AND (p.at_ecacc IS NULL OR b.available_for_sale_at_ecacc = p.at_ecacc)"
      + " AND (p.depositor IS NULL OR b.depositor = p.depositor)"
      + " AND (p.disease IS NULL OR EXISTS (SELECT 1 FROM unnest(b.diseases || b.line_diseases) n"
      + " WHERE lower(n) = lower(p.disease)))),"
      + " total AS (SELECT count(*) AS n FROM matching)"
      + " SELECT c.registered, c.validated, c.at_ecacc, c.expand_to_order, c.restricted_distribution, c.recalled,"
      + " c.withdrawn, t.n, pg.name, pg.biosamples_id, pg.alternative_names, pg.ecacc_id, pg.depositor,"
      + " pg.validation_status, pg.status, pg.available_for_sale, pg.available_for_sale_at_ecacc, pg.batches,"
      + " pg.version, pg.diseases, pg.line_diseases FROM counters c CROSS JOIN total t LEFT JOIN LATERAL (SELECT m.*, row_number() OVER (ORDER BY ";
  private static final String TAIL = ") AS rn FROM matching m ORDER BY rn LIMIT ? OFFSET ?) pg ON true ORDER BY pg.rn";

  // Every statement text, built once: one per column and direction.
  private static final String[] STATEMENTS = statements();

  static String statement(DashboardQuery.Sort sort, boolean descending) {
    return STATEMENTS[sort.ordinal() * 2 + (descending ? 1 : 0)];
  }

  private static String[] statements() {
    DashboardQuery.Sort[] sorts = DashboardQuery.Sort.values();
    String[] out = new String[sorts.length * 2];
    for (DashboardQuery.Sort sort : sorts) {
      for (int d = 0; d < 2; d++) {
        String direction = d == 1 ? " DESC NULLS LAST" : " ASC NULLS LAST";
        String order = sort == DashboardQuery.Sort.NAME ? "m.name" + direction
            : column(sort) + direction + ", m.name ASC";
        out[sort.ordinal() * 2 + d] = HEAD + order + TAIL;
      }
    }
    return out;
  }

  private static String column(DashboardQuery.Sort sort) {
    return switch (sort) {
      case NAME -> "m.name";
      case DEPOSITOR -> "m.depositor";
      case VALIDATION -> "m.validation_status";
      case STATUS -> "m.status";
      case FOR_SALE -> "m.available_for_sale_at_ecacc";
      case BATCHES -> "m.batches";
      case DISEASE -> "m.diseases[1]";
    };
  }

  static void bind(PreparedStatement s, DashboardQuery q) throws SQLException {
    s.setString(1, q.text() == null ? null : "%" + escapeLike(q.text()) + "%");
    s.setString(2, q.status() == null ? null : q.status().code());
    s.setString(3, q.validation() == null ? null : q.validation().code());
    if (q.foundOnEcacc() == null) {
      s.setNull(4, Types.BOOLEAN);
    } else {
      s.setBoolean(4, q.foundOnEcacc());
    }
    s.setString(5, q.depositor());
    s.setString(6, q.disease());
    s.setInt(7, q.page().limit());
    s.setLong(8, q.page().offset());
  }

  static Dashboard read(ResultSet r, PageRequest page) throws SQLException {
    List<Dashboard.Row> rows = new ArrayList<>(page.limit());
    Dashboard.Counters counters = null;
    long total = 0;
    while (r.next()) {
      if (counters == null) {
        counters = new Dashboard.Counters(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
            r.getLong(6), r.getLong(7));
        total = r.getLong(8);
      }
      String name = r.getString(9);
      if (name == null) {
        continue;
      }
      rows.add(new Dashboard.Row(name, r.getString(10), ExecutiveService.strings(r.getArray(11)), r.getString(12),
          r.getString(13), r.getString(14), r.getString(15), (Boolean) r.getObject(16), r.getBoolean(17),
          r.getInt(18), r.getLong(19), ExecutiveService.strings(r.getArray(20)),
          ExecutiveService.strings(r.getArray(21))));
    }
    if (counters == null) {
      throw new IllegalStateException("the dashboard statement returned no row");
    }
    return new Dashboard(rows, total, counters, page);
  }

  /** {@code text} with LIKE's wildcards and escape character escaped by a backslash. */
  static String escapeLike(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == '_' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
