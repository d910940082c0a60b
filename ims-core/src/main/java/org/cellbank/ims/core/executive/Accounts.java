package org.cellbank.ims.core.executive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.auth.ApiKeyInfo;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.IssuedKey;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.http.internal.json.JsonObject;

/**
 * Users and keys for the administrator, plain JDBC on the caller's connection, so each change and its
 * audit row share one transaction. Keys are made as {@link ApiKeys#issue(String)} makes them (32
 * random bytes as 43 characters of unpadded base64url; the SHA-256 hash and the first
 * {@value ApiKeys#PREFIX_LENGTH} characters stored), so {@link ApiKeys#authenticate} accepts them.
 */
final class Accounts {

  private static final int KEY_BYTES = 32;
  private static final String USERS = "SELECT u.username, u.role, u.active, u.created_at,"
      + " count(k.id) FILTER (WHERE k.revoked_at IS NULL) FROM ims.api_user u"
      + " LEFT JOIN ims.api_key k ON k.user_id = u.id GROUP BY u.id ORDER BY u.username";
  private static final String INSERT_USER = "INSERT INTO ims.api_user (username, role) VALUES (?, ?)"
      + " ON CONFLICT (username) DO NOTHING";
  private static final String LOCK_USER = "SELECT id, role, active FROM ims.api_user WHERE username = ? FOR UPDATE";
  private static final String UPDATE_USER = "UPDATE ims.api_user SET role = ?, active = ? WHERE id = ?";
  private static final String INSERT_KEY = "INSERT INTO ims.api_key (user_id, key_prefix, key_hash) VALUES (?, ?, ?)"
      + " RETURNING id";
  private static final String KEYS = "SELECT k.id, u.username, k.key_prefix, k.created_at, k.last_used_at, k.revoked_at"
      + " FROM ims.api_key k JOIN ims.api_user u ON u.id = k.user_id WHERE u.username = ? ORDER BY k.id";
  private static final String LOCK_KEY = "SELECT k.key_hash, k.revoked_at, k.key_prefix FROM ims.api_key k"
      + " JOIN ims.api_user u ON u.id = k.user_id WHERE k.id = ? AND u.username = ? FOR UPDATE OF k";
  private static final String REVOKE = "UPDATE ims.api_key SET revoked_at = ? WHERE id = ?";

  private final ExecutiveService service;
  private final Transactions tx;

  Accounts(ExecutiveService service, Transactions tx) {
    this.service = service;
    this.tx = tx;
  }

  List<ApiUser> users(Connection c) throws SQLException {
    List<ApiUser> out = new ArrayList<>();
    try (PreparedStatement s = tx.prepare(c, USERS); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new ApiUser(r.getString(1), Role.ofCode(r.getString(2)), r.getBoolean(3),
            r.getObject(4, OffsetDateTime.class).toInstant(), r.getInt(5)));
      }
    }
    return List.copyOf(out);
  }

  void createUser(Connection c, ApiPrincipal who, String username, Role role) throws SQLException {
    try (PreparedStatement s = tx.prepare(c, INSERT_USER)) {
      s.setString(1, username);
      s.setString(2, role.code());
      if (s.executeUpdate() == 0) {
        throw new ConflictException("an API user named " + username + " exists already");
      }
    }
    JsonObject changes = JsonObject.builder()
        .put("username", ExecutiveJson.difference(ExecutiveJson.text(null), ExecutiveJson.text(username)))
        .put("role", ExecutiveJson.difference(ExecutiveJson.text(null), ExecutiveJson.text(role.code())))
        .build();
    service.audit(c, who, "api_user", username, null, "user_create", changes);
  }

  /** Applies a change; false when it changed nothing. */
  boolean updateUser(Connection c, ApiPrincipal who, UserChange change) throws SQLException {
    long id;
    Role role;
    boolean active;
    try (PreparedStatement s = tx.prepare(c, LOCK_USER)) {
      s.setString(1, change.username());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw noUser(change.username());
        }
        id = r.getLong(1);
        role = Role.ofCode(r.getString(2));
        active = r.getBoolean(3);
      }
    }
    Role newRole = change.role() == null ? role : change.role();
    boolean newActive = change.active() == null ? active : change.active();
    if (change.username().equals(who.username())) {
      if (!newRole.includes(Role.ADMINISTRATOR) || !newActive) {
        throw new ConflictException("an administrator cannot remove their own administrator role or deactivate"
            + " themselves: ask another administrator");
      }
    }
    if (newRole == role && newActive == active) {
      return false;
    }
    try (PreparedStatement s = tx.prepare(c, UPDATE_USER)) {
      s.setString(1, newRole.code());
      s.setBoolean(2, newActive);
      s.setLong(3, id);
      s.executeUpdate();
    }
    JsonObject.Builder changes = JsonObject.builder();
    if (newRole != role) {
      changes.put("role", ExecutiveJson.difference(ExecutiveJson.text(role.code()), ExecutiveJson.text(newRole.code())));
    }
    if (newActive != active) {
      changes.put("active", ExecutiveJson.difference(ExecutiveJson.bool(active), ExecutiveJson.bool(newActive)));
    }
    service.audit(c, who, "api_user", change.username(), null, "user_update", changes.build());
    return true;
  }

  IssuedKey issue(Connection c, ApiPrincipal who, String username) throws SQLException {
    long userId;
    try (PreparedStatement s = tx.prepare(c, LOCK_USER)) {
      s.setString(1, username);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw noUser(username);
        }
        userId = r.getLong(1);
      }
    }
    byte[] bytes = new byte[KEY_BYTES];
    RandomHolder.RANDOM.nextBytes(bytes);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String prefix = key.substring(0, ApiKeys.PREFIX_LENGTH);
    long id;
    try (PreparedStatement s = tx.prepare(c, INSERT_KEY)) {
      s.setLong(1, userId);
      s.setString(2, prefix);
      s.setBytes(3, sha256(key));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        id = r.getLong(1);
      }
    }
    // The audit row names the key by id and prefix; the key itself is stored nowhere.
    JsonObject changes = JsonObject.builder()
        .put("user", ExecutiveJson.difference(ExecutiveJson.text(null), ExecutiveJson.text(username)))
        .put("prefix", ExecutiveJson.difference(ExecutiveJson.text(null), ExecutiveJson.text(prefix)))
        .build();
    service.audit(c, who, "api_key", Long.toString(id), null, "key_issue", changes);
    return new IssuedKey(id, username, key);
  }

  List<ApiKeyInfo> keys(Connection c, String username) throws SQLException {
    List<ApiKeyInfo> out = new ArrayList<>();
    try (PreparedStatement s = tx.prepare(c, KEYS)) {
      s.setString(1, username);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new ApiKeyInfo(r.getLong(1), r.getString(2), r.getString(3),
              r.getObject(4, OffsetDateTime.class).toInstant(), instant(r.getObject(5, OffsetDateTime.class)),
              instant(r.getObject(6, OffsetDateTime.class))));
        }
      }
    }
    return List.copyOf(out);
  }

  /** Revokes a key; false when it was revoked already. */
  boolean revoke(Connection c, ApiPrincipal who, KeyRevocation revocation, Instant now) throws SQLException {
    byte[] hash;
    boolean revoked;
    String prefix;
    try (PreparedStatement s = tx.prepare(c, LOCK_KEY)) {
      s.setLong(1, revocation.keyId());
      s.setString(2, revocation.username());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new NotFoundException("user " + revocation.username() + " has no API key with id " + revocation.keyId());
        }
        hash = r.getBytes(1);
        revoked = r.getObject(2) != null;
        prefix = r.getString(3);
      }
    }
    if (revocation.callerKey() != null && MessageDigest.isEqual(hash, sha256(revocation.callerKey()))) {
      throw new ConflictException("API key " + revocation.keyId() + " is the key this request was made with:"
          + " revoke it with another key");
    }
    if (revoked) {
      return false;
    }
    try (PreparedStatement s = tx.prepare(c, REVOKE)) {
      s.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      s.setLong(2, revocation.keyId());
      s.executeUpdate();
    }
    JsonObject changes = JsonObject.builder()
        .put("user", ExecutiveJson.difference(ExecutiveJson.text(revocation.username()),
            ExecutiveJson.text(revocation.username())))
        .put("prefix", ExecutiveJson.difference(ExecutiveJson.text(prefix), ExecutiveJson.text(prefix)))
        .put("revoked", ExecutiveJson.difference(ExecutiveJson.bool(false), ExecutiveJson.bool(true)))
        .build();
    service.audit(c, who, "api_key", Long.toString(revocation.keyId()), null, "key_revoke", changes);
    return true;
  }

  /** Whether the user exists (a key list of a missing user is a 404, not an empty list). */
  boolean userExists(Connection c, String username) throws SQLException {
    try (PreparedStatement s = tx.prepare(c, "SELECT 1 FROM ims.api_user WHERE username = ?")) {
      s.setString(1, username);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  static NotFoundException noUser(String username) {
    return new NotFoundException("no API user named " + username);
  }

  // 1 to 150 of A-Z a-z 0-9 _ . @ -, the rule of ApiKeys and of the api_user table's check.
  static boolean validUsername(String username) {
    if (username == null || username.isEmpty() || username.length() > 150) {
      return false;
    }
    for (int i = 0; i < username.length(); i++) {
      char ch = username.charAt(i);
      boolean ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
          || ch == '_' || ch == '.' || ch == '@' || ch == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private static final class RandomHolder {
    static final SecureRandom RANDOM = new SecureRandom();
  }
}
