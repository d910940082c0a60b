package org.cellbank.ims.core.executive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Objects;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.model.BatchCultureConditions;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;

/**
 * The batch's executive reads and writes, plain JDBC on the caller's connection.
 *
 * <p>A batch's version ({@code ims.batch.version}) moves on by one with every executive change of the
 * batch; {@link #lock} reads the batch with its row locked and {@link #bumpVersion} moves the version
 * on, so any write of a batch (its counts, culture conditions, certificate of analysis or images)
 * checks {@code If-Match} against the same number and gives the same ETag ({@code "<version>"}).
 */
final class BatchEdits {

  private static final String SELECT = "SELECT b.id, b.biosamples_id, b.batch_no, b.batch_type, l.name, l.biosamples_id,"
      + " b.vials_at_roslin, b.vials_shipped_to_ecacc, b.vials_shipped_to_fraunhoffer, b.coa_file_key IS NOT NULL,"
      + " (SELECT count(*) FROM ims.batch_image i WHERE i.batch_id = b.id),"
      + " (SELECT count(*) FROM ims.vial v WHERE v.batch_id = b.id), b.version, cc.id, cc.culture_medium,"
      + " cc.passage_method, cc.matrix, cc.o2_concentration, cc.co2_concentration, cc.temperature"
      + " FROM ims.batch b JOIN ims.cell_line l ON l.id = b.cell_line_id"
      + " LEFT JOIN ims.batch_culture_conditions cc ON cc.batch_id = b.id WHERE b.biosamples_id = ?";
  private static final String LOCK = SELECT + " FOR UPDATE OF b";
  private static final String SET_COUNTS = "UPDATE ims.batch SET vials_at_roslin = ?, vials_shipped_to_ecacc = ?,"
      + " vials_shipped_to_fraunhoffer = ?, version = version + 1 WHERE id = ?";
  private static final String BUMP = "UPDATE ims.batch SET version = version + 1 WHERE id = ?";
  private static final String UPSERT_CULTURE = "INSERT INTO ims.batch_culture_conditions (batch_id, culture_medium,"
      + " passage_method, matrix, o2_concentration, co2_concentration, temperature) VALUES (?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (batch_id) DO UPDATE SET culture_medium = EXCLUDED.culture_medium,"
      + " passage_method = EXCLUDED.passage_method, matrix = EXCLUDED.matrix,"
      + " o2_concentration = EXCLUDED.o2_concentration, co2_concentration = EXCLUDED.co2_concentration,"
      + " temperature = EXCLUDED.temperature";
  private static final String DELETE_CULTURE = "DELETE FROM ims.batch_culture_conditions WHERE batch_id = ?";

  /** A batch as read, with its row id. */
  record Locked(long id, ExecutiveBatch batch) {}

  private final ExecutiveService service;
  private final Transactions tx;

  BatchEdits(ExecutiveService service, Transactions tx) {
    this.service = service;
    this.tx = tx;
  }

  /** The batch with this key, unlocked. */
  ExecutiveBatch read(Connection c, String batchKey) throws SQLException {
    return select(c, SELECT, batchKey).batch();
  }

  /**
   * The batch with this key, its row locked until the transaction ends: the first step of every
   * write of a batch, before its version is compared with the request's {@code If-Match}.
   *
   * @throws NotFoundException when no batch has this key
   */
  Locked lock(Connection c, String batchKey) throws SQLException {
    return select(c, LOCK, batchKey);
  }

  /** Moves the batch's version on by one (its ETag changes). */
  void bumpVersion(Connection c, long batchId) throws SQLException {
    try (PreparedStatement s = tx.prepare(c, BUMP)) {
      s.setLong(1, batchId);
      s.executeUpdate();
    }
  }

  /**
   * Applies a valid change: the counts and culture conditions given, the version on by one, an audit
   * row with the difference, the search-outbox row of the line. A change that changes nothing writes
   * nothing and returns false.
   */
  boolean update(Connection c, ApiPrincipal who, BatchUpdate u) throws SQLException {
    Locked locked = lock(c, u.batchKey());
    ExecutiveBatch b = locked.batch();
    ExecutiveService.requireVersion("batch " + u.batchKey(), b.version(), u.expectedVersion());
    JsonObject.Builder changes = JsonObject.builder();
    Integer[] counts = {b.vialsAtRoslin(), b.vialsShippedToEcacc(), b.vialsShippedToFraunhofer()};
    Integer[] newCounts = counts.clone();
    for (int i = 0; i < counts.length; i++) {
      String field = BatchUpdate.COUNT_FIELDS.get(i);
      if (u.counts().containsKey(field)) {
        newCounts[i] = u.counts().get(field);
        if (!Objects.equals(counts[i], newCounts[i])) {
          changes.put(field, ExecutiveJson.difference(ExecutiveJson.number(counts[i]),
              ExecutiveJson.number(newCounts[i])));
        }
      }
    }
    String[] culture = cultureValues(b.cultureConditions());
    String[] newCulture = culture.clone();
    for (int i = 0; i < culture.length; i++) {
      String field = BatchUpdate.CULTURE_FIELDS.get(i);
      if (u.cultureConditions().containsKey(field)) {
        String v = u.cultureConditions().get(field);
        newCulture[i] = v == null || v.isBlank() ? null : v.strip();
        if (!Objects.equals(culture[i], newCulture[i])) {
          changes.put("culture_conditions/" + field, ExecutiveJson.difference(ExecutiveJson.text(culture[i]),
              ExecutiveJson.text(newCulture[i])));
        }
      }
    }
    boolean changed = !Arrays.equals(counts, newCounts) || !Arrays.equals(culture, newCulture);
    if (!changed) {
      return false;
    }
    try (PreparedStatement s = tx.prepare(c, SET_COUNTS)) {
      for (int i = 0; i < 3; i++) {
        if (newCounts[i] == null) {
          s.setNull(i + 1, Types.INTEGER);
        } else {
          s.setInt(i + 1, newCounts[i]);
        }
      }
      s.setLong(4, locked.id());
      s.executeUpdate();
    }
    if (!Arrays.equals(culture, newCulture)) {
      boolean empty = true;
      for (String v : newCulture) {
        empty &= v == null;
      }
      if (empty) {
        try (PreparedStatement s = tx.prepare(c, DELETE_CULTURE)) {
          s.setLong(1, locked.id());
          s.executeUpdate();
        }
      } else {
        try (PreparedStatement s = tx.prepare(c, UPSERT_CULTURE)) {
          s.setLong(1, locked.id());
          for (int i = 0; i < newCulture.length; i++) {
            s.setString(i + 2, newCulture[i]);
          }
          s.executeUpdate();
        }
      }
    }
    changes.put("version", ExecutiveJson.difference(JsonNumber.of(b.version()), JsonNumber.of(b.version() + 1)));
    service.audit(c, who, "batch", b.batchKey(), b.lineBiosamplesId(), "batch_update", changes.build());
    service.enqueue(c, b.lineBiosamplesId());
    return true;
  }

  private Locked select(Connection c, String sql, String batchKey) throws SQLException {
    try (PreparedStatement s = tx.prepare(c, sql)) {
      s.setString(1, batchKey);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new NotFoundException("no batch with key " + batchKey);
        }
        BatchCultureConditions cc = r.getObject(14) == null ? null : new BatchCultureConditions(r.getString(15),
            r.getString(16), r.getString(17), r.getString(18), r.getString(19), r.getString(20));
        ExecutiveBatch b = new ExecutiveBatch(r.getString(2), r.getString(3), r.getString(4), r.getString(5),
            r.getString(6), integer(r, 7), integer(r, 8), integer(r, 9), cc, r.getBoolean(10), r.getInt(11),
            r.getInt(12), r.getLong(13));
        return new Locked(r.getLong(1), b);
      }
    }
  }

  private static Integer integer(ResultSet r, int column) throws SQLException {
    int v = r.getInt(column);
    return r.wasNull() ? null : v;
  }

  static String[] cultureValues(BatchCultureConditions cc) {
    if (cc == null) {
      return new String[6];
    }
    return new String[] {cc.cultureMedium(), cc.passageMethod(), cc.matrix(), cc.o2Concentration(),
        cc.co2Concentration(), cc.temperature()};
  }
}
