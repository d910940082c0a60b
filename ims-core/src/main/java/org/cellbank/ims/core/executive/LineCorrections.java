package org.cellbank.ims.core.executive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.internal.IdentifierLocks;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;

/**
 * The administrator's corrections of a line's identifiers, plain JDBC on the caller's connection.
 * Batches, files, statuses and everything else of the line hang off its row id, so a rename or a new
 * BioSamples id keeps them; batch keys, being identifiers themselves, are not renamed.
 */
final class LineCorrections {

  private static final String LOCK = "SELECT l.id, l.name, l.biosamples_id, l.hpscreg_id, l.ecacc_id, d.biosamples_id,"
      + " o.name, l.version, l.donor_id, l.generator_id FROM ims.cell_line l"
      + " JOIN ims.organisation o ON o.id = l.generator_id LEFT JOIN ims.donor d ON d.id = l.donor_id"
      + " WHERE l.name = ? FOR UPDATE OF l";
  // Only whitelisted column names are put into these statements; values are bound.
  private static final String[] TAKEN = {
      "SELECT name FROM ims.cell_line WHERE name = ? AND id <> ?",
      "SELECT name FROM ims.cell_line WHERE biosamples_id = ? AND id <> ?",
      "SELECT name FROM ims.cell_line WHERE hpscreg_id = ? AND id <> ?",
      "SELECT name FROM ims.cell_line WHERE ecacc_id = ? AND id <> ?"};
  // TAKEN's fields are IdentifierLocks' in its order: before each check the correction takes that
  // field's lock on the value, in field order, so a second writer of the value waits and finds it taken.
  private static final String DONOR = "SELECT id FROM ims.donor WHERE biosamples_id = ?";
  private static final String ORGANISATION = "SELECT id FROM ims.organisation WHERE name = ?";
  private static final String UPDATE = "UPDATE ims.cell_line SET name = ?, biosamples_id = ?, hpscreg_id = ?,"
      + " ecacc_id = ?, donor_id = ?, generator_id = ?, version = version + 1 WHERE id = ?";

  private final ExecutiveService service;
  private final Transactions tx;

  LineCorrections(ExecutiveService service, Transactions tx) {
    this.service = service;
    this.tx = tx;
  }

  /**
   * Applies a valid correction and returns the line's name after it, or null when it changed nothing
   * (then nothing is written).
   */
  String correct(Connection c, ApiPrincipal who, LineCorrection correction) throws SQLException {
    long id;
    String[] stored = new String[LineCorrection.FIELDS.size()];
    long version;
    Long donorId;
    long generatorId;
    try (PreparedStatement s = tx.prepare(c, LOCK)) {
      s.setString(1, correction.lineName());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new NotFoundException("no cell line named " + correction.lineName());
        }
        id = r.getLong(1);
        for (int i = 0; i < stored.length; i++) {
          stored[i] = r.getString(i + 2);
        }
        version = r.getLong(8);
        long d = r.getLong(9);
        donorId = r.wasNull() ? null : d;
        generatorId = r.getLong(10);
      }
    }
    ExecutiveService.requireVersion("cell line " + correction.lineName(), version, correction.expectedVersion());
    String[] wanted = stored.clone();
    for (int i = 0; i < wanted.length; i++) {
      String field = LineCorrection.FIELDS.get(i);
      if (correction.fields().containsKey(field)) {
        String v = correction.fields().get(field);
        wanted[i] = v == null ? null : v.strip();
      }
    }
    List<FieldError> conflicts = new ArrayList<>(1);
    for (int i = 0; i < TAKEN.length; i++) {
      if (wanted[i] == null || wanted[i].equals(stored[i])) {
        continue;
      }
      try (PreparedStatement s = tx.prepare(c, IdentifierLocks.SQL)) {
        s.setInt(1, IdentifierLocks.key(i));
        s.setString(2, wanted[i]);
        s.executeQuery().close();
      }
      try (PreparedStatement s = tx.prepare(c, TAKEN[i])) {
        s.setString(1, wanted[i]);
        s.setLong(2, id);
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            conflicts.add(new FieldError("/" + LineCorrection.FIELDS.get(i), "is " + wanted[i]
                + " of cell line " + r.getString(1) + " already: correct that line first or choose another value"));
          }
        }
      }
    }
    if (!conflicts.isEmpty()) {
      throw new FieldConflictException(conflicts);
    }
    List<FieldError> missing = new ArrayList<>(1);
    if (!Objects.equals(wanted[4], stored[4])) {
      donorId = wanted[4] == null ? null : idOf(c, DONOR, wanted[4]);
      if (wanted[4] != null && donorId == null) {
        missing.add(new FieldError("/donor", "no stored donor has the BioSamples id " + wanted[4]));
      }
    }
    if (!Objects.equals(wanted[5], stored[5])) {
      Long org = idOf(c, ORGANISATION, wanted[5]);
      if (org == null) {
        missing.add(new FieldError("/depositor", "no stored organisation is named " + wanted[5]));
      } else {
        generatorId = org;
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidFieldsException(missing);
    }
    JsonObject.Builder changes = JsonObject.builder();
    boolean changed = false;
    for (int i = 0; i < wanted.length; i++) {
      if (!Objects.equals(wanted[i], stored[i])) {
        changed = true;
        changes.put(LineCorrection.FIELDS.get(i), ExecutiveJson.difference(ExecutiveJson.text(stored[i]),
            ExecutiveJson.text(wanted[i])));
      }
    }
    if (!changed) {
      return null;
    }
    try (PreparedStatement s = tx.prepare(c, UPDATE)) {
      for (int i = 0; i < 4; i++) {
        s.setString(i + 1, wanted[i]);
      }
      if (donorId == null) {
        s.setNull(5, Types.BIGINT);
      } else {
        s.setLong(5, donorId);
      }
      s.setLong(6, generatorId);
      s.setLong(7, id);
      s.executeUpdate();
    }
    changes.put("version", ExecutiveJson.difference(JsonNumber.of(version), JsonNumber.of(version + 1)));
    service.audit(c, who, "cell_line", wanted[1], wanted[1], "correction", changes.build());
    // The search document is keyed by the BioSamples id: a new id takes the old document out.
    if (!wanted[1].equals(stored[1])) {
      service.enqueue(c, stored[1]);
    }
    service.enqueue(c, wanted[1]);
    return wanted[0];
  }

  private Long idOf(Connection c, String sql, String value) throws SQLException {
    try (PreparedStatement s = tx.prepare(c, sql)) {
      s.setString(1, value);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : null;
      }
    }
  }
}
