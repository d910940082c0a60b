package org.cellbank.ims.core.executive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.internal.Jdbc;

/**
 * The audit trail's reads: one statement per page, with the total count on every row (and on one
 * row of nulls when the page is empty).
 */
final class AuditSql {
  private AuditSql() {}

  private static final String HEAD = "WITH m AS (SELECT id, occurred_at, actor, actor_role, entity, entity_id, cell_line,"
      + " action, changes FROM ims.audit_event";
  private static final String TAIL = ") SELECT t.n, p.id, p.occurred_at, p.actor, p.actor_role, p.entity, p.entity_id,"
      + " p.cell_line, p.action, p.changes FROM (SELECT count(*) AS n FROM m) t LEFT JOIN LATERAL"
      + " (SELECT * FROM m ORDER BY id DESC LIMIT ? OFFSET ?) p ON true ORDER BY p.id DESC";
  private static final String ALL = HEAD + TAIL;
  // Users and keys are the administrator's: the others' unfiltered trail leaves them out.
  private static final String CATALOGUE = HEAD + " WHERE entity IN ('cell_line', 'batch')" + TAIL;
  private static final String OF_ENTITY = HEAD + " WHERE entity = ?" + TAIL;
  // A line's history: its own rows and its batches', found by the line's name or BioSamples id.
  private static final String OF_LINE = HEAD + " WHERE cell_line = ? OR cell_line IN"
      + " (SELECT biosamples_id FROM ims.cell_line WHERE name = ?)" + TAIL;
  private static final String OF_RECORD = HEAD + " WHERE entity = ? AND entity_id = ?" + TAIL;

  static Page<AuditEntry> page(Jdbc jdbc, Connection c, AuditQuery q, boolean administrator) throws SQLException {
    String sql;
    if (q.entity() == null) {
      sql = administrator ? ALL : CATALOGUE;
    } else if (q.entityId() == null) {
      sql = OF_ENTITY;
    } else {
      sql = q.entity().equals("cell_line") ? OF_LINE : OF_RECORD;
    }
    try (PreparedStatement s = jdbc.prepare(c, sql)) {
      int i = 1;
      if (q.entity() != null && q.entityId() == null) {
        s.setString(i++, q.entity());
      } else if (q.entityId() != null) {
        if (sql == OF_RECORD) {
          s.setString(i++, q.entity());
        }
        s.setString(i++, q.entityId());
        if (sql == OF_LINE) {
          s.setString(i++, q.entityId());
        }
      }
      s.setInt(i++, q.page().limit());
      s.setLong(i, q.page().offset());
      List<AuditEntry> items = new ArrayList<>();
      long total = 0;
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          total = r.getLong(1);
          if (r.getObject(2) == null) {
            continue;
          }
          items.add(new AuditEntry(r.getLong(2), r.getObject(3, OffsetDateTime.class).toInstant(), r.getString(4),
              r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10)));
        }
      }
      return new Page<>(items, total, q.page());
    }
  }
}
