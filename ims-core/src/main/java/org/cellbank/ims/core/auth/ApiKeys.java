package org.cellbank.ims.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.internal.Jdbc;
import org.cellbank.ims.core.internal.Lazy;
import org.cellbank.ims.core.internal.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API users and their keys, stored in PostgreSQL.
 *
 * <p>A key is 32 bytes from {@link SecureRandom}, written as 43 characters of unpadded base64url.
 * Only its SHA-256 hash is stored, with its first {@value #PREFIX_LENGTH} characters so listings can
 * tell keys apart; the plaintext is returned once by {@link #issue(String)}. A user may hold several
 * keys (to rotate them without downtime).
 *
 * <p>{@link #authenticate(String, String)} records when a key was last used, but writes at most once
 * per key and minute (see {@link Builder#lastUsedResolution(Duration)}), so a busy partner does not
 * cause one write per request.
 *
 * <pre>{@code
 * ApiKeys keys = ApiKeys.create(dataSource);
 * keys.createUser("ecacc", Role.PARTNER);
 * IssuedKey issued = keys.issue("ecacc");
 * Optional<ApiPrincipal> who = keys.authenticate("ecacc", issued.key());
 * }</pre>
 *
 * <p>Thread-safe; create one per application (or Lambda container). The caller owns the
 * {@link DataSource}, which must reach a database migrated by
 * {@link org.cellbank.ims.core.db.SchemaMigrations}.
 */
public final class ApiKeys {

  /** How many leading characters of a key are stored and shown in listings. */
  public static final int PREFIX_LENGTH = 8;

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
  private static final int MAX_USERNAME_LENGTH = 150;
  private static final int KEY_BYTES = 32;
  // Looked up once, when the class is initialised (at application assembly, not on the first
  // request's path), and cloned for each hash.
  private static final MessageDigest SHA_256 = sha256Prototype();
  // Keys we issue are 43 characters; longer ones are accepted for keys carried over from elsewhere.
  private static final int MAX_KEY_LENGTH = 256;

  private static final String FIND_KEY = "SELECT k.id, k.key_hash, k.revoked_at, k.last_used_at, u.username,"
      + " u.active, u.role FROM ims.api_key k JOIN ims.api_user u ON u.id = k.user_id WHERE k.key_hash = ?";
  private static final String TOUCH_KEY = "UPDATE ims.api_key SET last_used_at = ?"
      + " WHERE id = ? AND last_used_at IS NOT DISTINCT FROM CAST(? AS timestamptz)";

  private final Jdbc jdbc;
  // Built on first use by the key-management methods: authentication does not need it.
  // The key-management SQL, on jOOQ: loaded by the first management call, never by authentication.
  private final Lazy<ApiKeyStore> store;
  private final Clock clock;
  private final Duration lastUsedResolution;

  private ApiKeys(Builder b) {
    DataSource dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
    Consumer<String> onStatement = b.onStatement;
    this.jdbc = new Jdbc(dataSource, onStatement);
    this.store = new Lazy<>() {
      @Override
      protected ApiKeyStore create() {
        return new ApiKeyStore(dataSource, onStatement);
      }
    };
    this.clock = b.clock;
    this.lastUsedResolution = b.lastUsedResolution;
  }

  /** Users and keys in the database behind this data source (the caller owns it and closes it). */
  public static ApiKeys create(DataSource dataSource) {
    return builder().dataSource(dataSource).build();
  }

  /** A builder, for options such as a statement observer or a clock. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates an active user.
   *
   * @param username letters, digits and {@code _ . @ -}, 1 to 150 characters
   * @throws ValidationException when the username breaks that rule
   * @throws ConflictException when a user has this name already
   */
  public void createUser(String username, Role role) {
    requireValidUsername(username);
    Objects.requireNonNull(role, "role");
    try {
      store().insertUser(username, role.code());
    } catch (RuntimeException e) {
      RuntimeException t = Sql.translate(e, "creating API user " + username);
      if (t instanceof ConflictException) {
        throw new ConflictException("an API user named " + username + " exists already", e);
      }
      throw t;
    }
    LOG.debug("Created API user {} with role {}", username, role.code());
  }

  /** Whether a user has this name. */
  public boolean userExists(String username) {
    Objects.requireNonNull(username, "username");
    try {
      return store().userExists(username);
    } catch (RuntimeException e) {
      throw Sql.translate(e, "looking up API user " + username);
    }
  }

  /**
   * Activates or deactivates a user. The keys of an inactive user authenticate nothing, but are
   * kept: activating the user again makes them work again.
   *
   * @throws NotFoundException when no user has this name
   */
  public void setActive(String username, boolean active) {
    Objects.requireNonNull(username, "username");
    int rows;
    try {
      rows = store().setActive(username, active);
    } catch (RuntimeException e) {
      throw Sql.translate(e, "updating API user " + username);
    }
    if (rows == 0) {
      throw noUser(username);
    }
    LOG.debug("API user {} is now {}", username, active ? "active" : "inactive");
  }

  /**
   * Issues a new key for a user and returns it with its plaintext, which cannot be read again.
   * The user's other keys stay valid.
   *
   * @throws NotFoundException when no user has this name
   */
  public IssuedKey issue(String username) {
    Objects.requireNonNull(username, "username");
    byte[] bytes = new byte[KEY_BYTES];
    RandomHolder.RANDOM.nextBytes(bytes);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    try {
      Long userId = store().userId(username);
      if (userId == null) {
        throw noUser(username);
      }
      long id = store().insertKey(userId, key.substring(0, PREFIX_LENGTH), sha256(key));
      LOG.debug("Issued API key {} for user {}", id, username);
      return new IssuedKey(id, username, key);
    } catch (RuntimeException e) {
      throw Sql.translate(e, "issuing an API key for " + username);
    }
  }

  /**
   * The keys of one user, revoked ones included, oldest first.
   *
   * @throws NotFoundException when no user has this name
   */
  public List<ApiKeyInfo> list(String username) {
    Objects.requireNonNull(username, "username");
    List<ApiKeyInfo> keys;
    try {
      keys = store().keysOf(username);
    } catch (RuntimeException e) {
      throw Sql.translate(e, "listing the API keys of " + username);
    }
    if (keys.isEmpty() && !userExists(username)) {
      throw noUser(username);
    }
    return keys;
  }

  /** Every key of every user, revoked ones included, oldest first. */
  public List<ApiKeyInfo> listAll() {
    try {
      return store().allKeys();
    } catch (RuntimeException e) {
      throw Sql.translate(e, "listing API keys");
    }
  }

  /**
   * Revokes a key: it authenticates nothing from now on. Revoking a revoked key changes nothing.
   *
   * @throws NotFoundException when no key has this id
   */
  public void revoke(long keyId) {
    try {
      int rows = store().revoke(keyId, now());
      if (rows == 0 && !store().keyExists(keyId)) {
        throw new NotFoundException("no API key with id " + keyId);
      }
    } catch (RuntimeException e) {
      throw Sql.translate(e, "revoking API key " + keyId);
    }
    LOG.debug("Revoked API key {}", keyId);
  }

  /**
   * The principal for a username and key, or empty when they do not match an active user's valid
   * key: unknown user or key, the key of another user, an inactive user, a revoked key, a malformed
   * key. It never throws for bad credentials, and never puts the key in a message.
   *
   * @throws org.cellbank.ims.core.DatabaseException when the database cannot be read
   */
  public Optional<ApiPrincipal> authenticate(String username, String key) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(key, "key");
    if (!validUsername(username) || !wellFormed(key)) {
      return Optional.empty();
    }
    byte[] hash = sha256(key);
    // Plain JDBC with a fixed statement: this runs on every request, including a Lambda container's
    // first, which must not pay for building a query DSL.
    // An anonymous class, not a lambda: this runs in every cold start (docs/lambda.md).
    Optional<Role> role = jdbc.read("authenticating API user " + username, new Jdbc.ConnectionWork<Optional<Role>>() {
      @Override
      public Optional<Role> run(Connection c) throws SQLException {
        return authenticate(c, username, hash);
      }
    });
    if (role.isEmpty()) {
      LOG.debug("API key authentication failed for user {}", username);
      return Optional.empty();
    }
    return Optional.of(new ApiPrincipal(username, role.get()));
  }

  // The key lookup on one connection (no lambda: this runs in every cold start).
  private Optional<Role> authenticate(Connection c, String username, byte[] hash) throws SQLException {
    long keyId;
    OffsetDateTime lastUsed;
    boolean valid;
    String code;
    try (PreparedStatement s = jdbc.prepare(c, FIND_KEY)) {
      s.setBytes(1, hash);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        keyId = r.getLong(1);
        // The index lookup already matched the hash; comparing again in constant time costs
        // nothing and keeps the decision free of timing differences whatever the database does.
        valid = MessageDigest.isEqual(r.getBytes(2), hash)
            & MessageDigest.isEqual(r.getString(5).getBytes(StandardCharsets.UTF_8), username.getBytes(StandardCharsets.UTF_8))
            & (r.getObject(3) == null)
            & r.getBoolean(6);
        lastUsed = r.getObject(4, OffsetDateTime.class);
        code = r.getString(7);
      }
    }
    if (!valid) {
      return Optional.empty();
    }
    touch(c, keyId, lastUsed);
    return Optional.of(Role.ofCode(code));
  }

  private void touch(Connection c, long keyId, OffsetDateTime lastUsed) {
    OffsetDateTime now = now();
    if (lastUsed != null && lastUsed.plus(lastUsedResolution).isAfter(now)) {
      return;
    }
    // The condition makes concurrent requests of one key write once.
    try (PreparedStatement s = jdbc.prepare(c, TOUCH_KEY)) {
      s.setObject(1, now);
      s.setLong(2, keyId);
      s.setObject(3, lastUsed);
      s.executeUpdate();
    } catch (SQLException e) {
      // The caller is authenticated; a lost usage time must not turn that into an error.
      LOG.warn("Could not record the use of API key {}: {}", keyId, Jdbc.translate(e, "recording the use").getMessage());
    }
  }



  private ApiKeyStore store() {
    return store.get();
  }



  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static boolean wellFormed(String key) {
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  // 1 to 150 of A-Z a-z 0-9 _ . @ - (checked on every request, without a regular expression).
  private static boolean validUsername(String username) {
    if (username.isEmpty() || username.length() > MAX_USERNAME_LENGTH) {
      return false;
    }
    for (int i = 0; i < username.length(); i++) {
      char c = username.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == '@' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static void requireValidUsername(String username) {
    Objects.requireNonNull(username, "username");
    if (!validUsername(username)) {
      throw new ValidationException("invalid API username: use 1 to 150 letters, digits or _ . @ -");
    }
  }

  private static NotFoundException noUser(String username) {
    return new NotFoundException("no API user named " + username);
  }

  private static byte[] sha256(String key) {
    MessageDigest digest;
    try {
      digest = (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the SHA-256 implementation cannot be cloned", e);
    }
    return digest.digest(key.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256Prototype() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  // Seeded on first issue, not when the store is built: authentication needs no randomness.
  private static final class RandomHolder {
    static final SecureRandom RANDOM = new SecureRandom();
  }

  /** Builds {@link ApiKeys}. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private Consumer<String> onStatement;
    private Clock clock = Clock.systemUTC();
    private Duration lastUsedResolution = Duration.ofMinutes(1);

    private Builder() {}

    /** The database (required); the caller owns it. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * Called with the SQL text of every statement run, before it runs (for metrics and tests; it
     * must be fast and thread-safe). No bind values are passed, so no key hash either.
     */
    public Builder onStatement(Consumer<String> onStatement) {
      this.onStatement = Objects.requireNonNull(onStatement, "onStatement");
      return this;
    }

    /** The clock for issue, revocation and last-use times (default: the system clock, UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How stale a key's last-use time may get before an authentication writes it again (default
     * one minute; zero writes on every authentication).
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder lastUsedResolution(Duration resolution) {
      Objects.requireNonNull(resolution, "resolution");
      if (resolution.isNegative()) {
        throw new IllegalArgumentException("the last-use resolution must not be negative");
      }
      this.lastUsedResolution = resolution;
      return this;
    }

    /** Builds the store. */
    public ApiKeys build() {
      return new ApiKeys(this);
    }
  }
}
