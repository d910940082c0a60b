package org.cellbank.ims.core.executive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.internal.Jdbc;

/**
 * The change feed's read (one statement). A cursor is {@code <txid>.<id>}: the feed returns change-log
 * rows after it in (txid, id) order, only of transactions older than every transaction still running,
 * so a transaction that commits late can never fall behind a cursor already handed out. A cursor from
 * before the purge's mark ({@code ims.change_log_purged}) is refused with {@link ExpiredCursorException}.
 */
final class ChangeFeedSql {
  private ChangeFeedSql() {}

  // The last column tells whether the purge has deleted changes after the cursor (its mark is past it).
  private static final String READ = "WITH horizon AS (SELECT txid_snapshot_xmin(txid_current_snapshot()) AS xmin)"
      + " SELECT h.xmin, c.txid, c.id, c.entity, c.entity_id, c.deleted, c.changed_at,"
      + " coalesce((?, ?) < (p.txid, p.id), false) FROM horizon h LEFT JOIN ims.change_log_purged p ON true"
      + " LEFT JOIN LATERAL (SELECT * FROM ims.change_log c WHERE (c.txid, c.id) > (?, ?) AND c.txid < h.xmin"
      + " ORDER BY c.txid, c.id LIMIT ?) c ON true ORDER BY c.txid, c.id";

  static ChangeFeed read(Jdbc jdbc, Connection c, String cursor, int limit) throws SQLException {
    long[] from = parse(cursor);
    try (PreparedStatement s = jdbc.prepare(c, READ)) {
      s.setLong(1, from[0]);
      s.setLong(2, from[1]);
      s.setLong(3, from[0]);
      s.setLong(4, from[1]);
      s.setInt(5, limit);
      Map<String, ChangeFeed.Change> latest = new LinkedHashMap<>();
      long horizon = 0;
      long lastTx = from[0];
      long lastId = from[1];
      int rows = 0;
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (cursor != null && r.getBoolean(8)) {
            throw new ExpiredCursorException();
          }
          horizon = r.getLong(1);
          if (r.getObject(2) == null) {
            continue;
          }
          rows++;
          lastTx = r.getLong(2);
          lastId = r.getLong(3);
          ChangeFeed.Change change = new ChangeFeed.Change(r.getString(4), r.getString(5), r.getBoolean(6),
              r.getObject(7, OffsetDateTime.class).toInstant());
          String key = change.entity() + "/" + change.id();
          latest.remove(key);
          latest.put(key, change);
        }
      }
      boolean more = rows == limit;
      String next;
      if (more) {
        next = lastTx + "." + lastId;
      } else {
        // Everything before the horizon has been read: the next call starts there.
        next = horizon > from[0] ? horizon + ".0" : lastTx + "." + lastId;
      }
      return new ChangeFeed(new ArrayList<>(latest.values()), next, more);
    }
  }

  // "<txid>.<id>", or null for the beginning.
  static long[] parse(String cursor) {
    if (cursor == null) {
      return new long[] {0, 0};
    }
    int dot = cursor.indexOf('.');
    if (dot <= 0 || dot == cursor.length() - 1 || !digits(cursor, 0, dot) || !digits(cursor, dot + 1, cursor.length())) {
      throw new ValidationException("since must be a cursor from an earlier answer's next_cursor");
    }
    return new long[] {Long.parseLong(cursor.substring(0, dot)), Long.parseLong(cursor.substring(dot + 1))};
  }

  private static boolean digits(String s, int from, int to) {
    if (to - from > 18) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

}
