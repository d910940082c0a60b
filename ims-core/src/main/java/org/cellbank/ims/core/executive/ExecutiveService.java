package org.cellbank.ims.core.executive;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.AccessDeniedException;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.auth.ApiKeyInfo;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.IssuedKey;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.internal.Jdbc;
import org.cellbank.ims.core.model.BatchType;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.Vial;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executive operations over the catalogue: the dashboard, a line's executive view, status
 * changes, batch creation and update, the administrator's corrections, users and keys, and the audit
 * trail.
 *
 * <p>Every operation takes the acting {@link ApiPrincipal} and checks its {@link Role} itself, so a
 * caller that forgets a route guard still cannot write: reads need {@link Role#EXECUTIVE_VIEWER},
 * writes {@link Role#EXECUTIVE_MANAGER}, corrections of a line's identifiers and users and keys
 * {@link Role#ADMINISTRATOR}; a lower role gets an {@link AccessDeniedException}. Every
 * write is one transaction that also appends its {@link AuditEntry} (who, when, what, the before/after
 * difference) and, when a {@link Builder#searchOutbox(SearchOutbox) search outbox} is set, the
 * outbox row that makes search follow; after it commits, the {@link Builder#afterWrite(Runnable)}
 * hook runs (a local deployment drains the outbox there).
 *
 * <pre>{@code
 * ExecutiveService executive = ExecutiveService.builder().dataSource(dataSource)
 *     .searchOutbox(SearchOutbox.create(dataSource)).build();
 * ExecutiveLine line = executive.line(manager, "UKBi008-A");
 * executive.changeStatus(manager, new StatusChange("UKBi008-A", "withdrawn", "consent withdrawn",
 *     line.line().version()));
 * }</pre>
 *
 * <p>Plain JDBC throughout: nothing here loads jOOQ. Thread-safe; create one per application. The
 * caller owns the {@link DataSource}, which must reach a database migrated by
 * {@link org.cellbank.ims.core.db.SchemaMigrations}.
 */
public final class ExecutiveService {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutiveService.class);

  private static final String LOCK_LINE = "SELECT l.id, l.biosamples_id, l.version, l.available_for_sale, s.status,"
      + " s.comment FROM ims.cell_line l LEFT JOIN ims.cell_line_status s ON s.id = l.current_status_id"
      + " WHERE l.name = ? FOR UPDATE OF l";
  private static final String INSERT_STATUS = "INSERT INTO ims.cell_line_status (cell_line_id, status, comment, author,"
      + " changed_at) VALUES (?, ?, ?, ?, ?) RETURNING id";
  private static final String SET_STATUS = "UPDATE ims.cell_line SET current_status_id = ?, available_for_sale = ?,"
      + " version = version + 1 WHERE id = ?";
  private static final String BUMP_VERSION = "UPDATE ims.cell_line SET version = version + 1 WHERE id = ?";
  private static final String BATCH_EXISTS = "SELECT 1 FROM ims.batch WHERE cell_line_id = ? AND batch_no = ?";
  private static final String INSERT_BATCH = "INSERT INTO ims.batch (cell_line_id, batch_no, biosamples_id, batch_type,"
      + " version) VALUES (?, ?, ?, ?, 0) RETURNING id";
  private static final String INSERT_VIAL = "INSERT INTO ims.vial (batch_id, biosamples_id, name, number, derived_from)"
      + " VALUES (?, ?, ?, ?, ?)";
  private static final String INSERT_OUTBOX = "INSERT INTO ims.search_outbox (biosamples_id) VALUES (?)";
  private static final String INSERT_AUDIT = "INSERT INTO ims.audit_event (actor, actor_role, entity, entity_id,"
      + " cell_line, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String CLAIM_KEY = "INSERT INTO ims.idempotency_key (username, idempotency_key, operation,"
      + " request_hash, response_status, response_body) VALUES (?, ?, ?, ?, 0, '')"
      + " ON CONFLICT (username, idempotency_key) DO NOTHING";
  private static final String READ_KEY = "SELECT operation, request_hash, response_status, response_body"
      + " FROM ims.idempotency_key WHERE username = ? AND idempotency_key = ?";
  private static final String STORE_ANSWER = "UPDATE ims.idempotency_key SET response_status = ?, response_body = ?"
      + " WHERE username = ? AND idempotency_key = ?";

  private final Jdbc jdbc;
  private final Transactions tx;
  private final CellLineRepository lines;
  private final boolean outbox;
  private final Runnable afterWrite;
  private final Clock clock;
  private final BatchEdits batches;
  private final LineCorrections corrections;
  private final Accounts accounts;

  private ExecutiveService(Builder b) {
    DataSource dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
    this.jdbc = new Jdbc(dataSource, b.onStatement);
    this.tx = new Transactions(dataSource, jdbc);
    CellLineRepository.Builder lb = CellLineRepository.builder().dataSource(dataSource);
    if (b.onStatement != null) {
      lb.onStatement(b.onStatement);
    }
    this.lines = lb.build();
    this.outbox = b.outbox != null;
    this.afterWrite = b.afterWrite;
    this.clock = b.clock;
    this.batches = new BatchEdits(this, tx);
    this.corrections = new LineCorrections(this, tx);
    this.accounts = new Accounts(this, tx);
  }

  /**
   * The batch reads and writes on a transaction's connection, for every operation of this package that
   * writes a batch: {@link BatchEdits#lock} then {@link #requireVersion} then {@link BatchEdits#bumpVersion},
   * so all of them check and move the same version (the batch's ETag).
   */
  BatchEdits batchEdits() {
    return batches;
  }

  /** The clock this service reads times from. */
  Clock clock() {
    return clock;
  }

  /** The operations over the database behind {@code dataSource}, without a search outbox. */
  public static ExecutiveService create(DataSource dataSource) {
    return builder().dataSource(dataSource).build();
  }

  /** A builder, for the search outbox, the after-write hook, a statement observer or a clock. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A line with its status log, batches and checklist, by name. Needs {@link Role#EXECUTIVE_VIEWER}.
   *
   * @throws AccessDeniedException when the principal's role is lower
   * @throws NotFoundException when no line has this name
   */
  public ExecutiveLine line(ApiPrincipal who, String name) {
    require(who, Role.EXECUTIVE_VIEWER, "view the executive dashboard");
    Objects.requireNonNull(name, "name");
    return ExecutiveLine.of(lines.getByName(name));
  }

  /**
   * Sets a line's availability status and returns the line as stored after the change. Needs
   * {@link Role#EXECUTIVE_MANAGER}.
   *
   * <p>A new status-log entry records the status, the comment, the principal's name and the time,
   * and becomes current; the line's {@code available_for_sale} becomes false for
   * {@code not_available} and {@code withdrawn} and true for the other four statuses (any status
   * may follow any other, as in the reference). The line's version moves on by one.
   *
   * @throws AccessDeniedException when the principal's role is lower
   * @throws InvalidFieldsException when the status is unknown, or a comment is missing for
   *     {@code recalled} or {@code withdrawn} (every faulty field is named)
   * @throws NotFoundException when no line has this name
   * @throws StaleVersionException when the line's version is no longer {@code change.expectedVersion()}
   */
  public ExecutiveLine changeStatus(ApiPrincipal who, StatusChange change) {
    require(who, Role.EXECUTIVE_MANAGER, "change a line's status");
    Objects.requireNonNull(change, "change");
    List<FieldError> problems = change.problems();
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    CellLineStatus status = change.parsedStatus();
    String comment = change.comment() == null || change.comment().isBlank() ? null : change.comment().strip();
    boolean live = status != CellLineStatus.NOT_AVAILABLE && status != CellLineStatus.WITHDRAWN;
    Instant now = clock.instant();
    tx.write("changing the status of cell line " + change.lineName(), new Transactions.Work<Void>() {
      @Override
      public Void run(Connection c) throws SQLException {
        long id;
        String biosamplesId;
        long version;
        Boolean wasLive;
        String oldStatus;
        String oldComment;
        try (PreparedStatement s = tx.prepare(c, LOCK_LINE)) {
          s.setString(1, change.lineName());
          try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
              throw new NotFoundException("no cell line named " + change.lineName());
            }
            id = r.getLong(1);
            biosamplesId = r.getString(2);
            version = r.getLong(3);
            wasLive = (Boolean) r.getObject(4);
            oldStatus = r.getString(5);
            oldComment = r.getString(6);
          }
        }
        requireVersion("cell line " + change.lineName(), version, change.expectedVersion());
        long statusId;
        try (PreparedStatement s = tx.prepare(c, INSERT_STATUS)) {
          s.setLong(1, id);
          s.setString(2, status.code());
          s.setString(3, comment);
          s.setString(4, who.username());
          s.setObject(5, OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
          try (ResultSet r = s.executeQuery()) {
            r.next();
            statusId = r.getLong(1);
          }
        }
        try (PreparedStatement s = tx.prepare(c, SET_STATUS)) {
          s.setLong(1, statusId);
          s.setBoolean(2, live);
          s.setLong(3, id);
          s.executeUpdate();
        }
        enqueue(c, biosamplesId);
        JsonObject changes = JsonObject.builder()
            .put("status", ExecutiveJson.difference(ExecutiveJson.text(oldStatus), ExecutiveJson.text(status.code())))
            .put("comment", ExecutiveJson.difference(ExecutiveJson.text(oldComment), ExecutiveJson.text(comment)))
            .put("available_for_sale", ExecutiveJson.difference(ExecutiveJson.bool(wasLive), ExecutiveJson.bool(live)))
            .put("version", ExecutiveJson.difference(JsonNumber.of(version), JsonNumber.of(version + 1)))
            .build();
        audit(c, who, "cell_line", biosamplesId, biosamplesId, "status_change", changes);
        return null;
      }
    });
    LOG.debug("{} set the status of cell line {} to {}", who.username(), change.lineName(), status.code());
    written();
    return ExecutiveLine.of(lines.getByName(change.lineName()));
  }

  /**
   * Creates a batch of a line with its vials. Needs {@link Role#EXECUTIVE_MANAGER}. See
   * {@link #createBatch(ApiPrincipal, NewBatchRequest, Idempotency)}; this form has no idempotency key.
   */
  public CreatedBatch createBatch(ApiPrincipal who, NewBatchRequest request) {
    return create(who, request, null);
  }

  /**
   * Creates a batch of a line with its vials, once per idempotency key. Needs
   * {@link Role#EXECUTIVE_MANAGER}.
   *
   * <p>The batch gets the key {@code <line>_<batch id>} and the vials {@code <line>_<batch id>_0001}
   * to {@code _<NNNN>}. The line's version moves on by one (its batches changed). When a request with
   * the same key, from the same user, for the same operation and body was answered before, that
   * first answer is returned with {@link CreatedBatch#replayed()} set and nothing is written; a
   * concurrent retry waits for the first request's transaction and then gets its answer.
   *
   * @throws AccessDeniedException when the principal's role is lower
   * @throws InvalidFieldsException when a field is invalid (every faulty field is named)
   * @throws NotFoundException when no line has this name
   * @throws ConflictException when the line has a batch with this id already
   * @throws IdempotencyKeyReusedException when the key was used for another request
   */
  public CreatedBatch createBatch(ApiPrincipal who, NewBatchRequest request, Idempotency idempotency) {
    return create(who, request, Objects.requireNonNull(idempotency, "idempotency"));
  }

  private CreatedBatch create(ApiPrincipal who, NewBatchRequest request, Idempotency idempotency) {
    require(who, Role.EXECUTIVE_MANAGER, "create a batch");
    Objects.requireNonNull(request, "request");
    List<FieldError> problems = request.problems();
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    BatchType type = request.parsedType();
    String operation = "create batch of " + request.lineName();
    CreatedBatch created = tx.write("creating batch " + request.batchId() + " of cell line " + request.lineName(),
        new Transactions.Work<CreatedBatch>() {
          @Override
          public CreatedBatch run(Connection c) throws SQLException {
            if (idempotency != null) {
              Optional<CreatedBatch> earlier = claim(c, who, idempotency, operation);
              if (earlier.isPresent()) {
                return earlier.get();
              }
            }
            long lineId;
            String biosamplesId;
            long version;
            try (PreparedStatement s = tx.prepare(c, LOCK_LINE)) {
              s.setString(1, request.lineName());
              try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                  throw new NotFoundException("no cell line named " + request.lineName());
                }
                lineId = r.getLong(1);
                biosamplesId = r.getString(2);
                version = r.getLong(3);
              }
            }
            try (PreparedStatement s = tx.prepare(c, BATCH_EXISTS)) {
              s.setLong(1, lineId);
              s.setString(2, request.batchId());
              try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                  throw new ConflictException("cell line " + request.lineName() + " has a batch " + request.batchId()
                      + " already: choose another batch id");
                }
              }
            }
            String key = request.lineName() + "_" + request.batchId();
            long batchId;
            try (PreparedStatement s = tx.prepare(c, INSERT_BATCH)) {
              s.setLong(1, lineId);
              s.setString(2, request.batchId());
              s.setString(3, key);
              s.setString(4, type.code());
              try (ResultSet r = s.executeQuery()) {
                r.next();
                batchId = r.getLong(1);
              }
            }
            List<Vial> vials = new ArrayList<>(request.vials());
            try (PreparedStatement s = tx.prepare(c, INSERT_VIAL)) {
              for (int n = 1; n <= request.vials(); n++) {
                String number = fourDigits(n);
                Vial v = new Vial(key + "_" + number, request.lineName() + " " + request.batchId() + " vial " + number,
                    number, request.derivedFrom());
                vials.add(v);
                s.setLong(1, batchId);
                s.setString(2, v.biosamplesId());
                s.setString(3, v.name());
                s.setString(4, v.number());
                s.setString(5, v.derivedFrom());
                s.addBatch();
              }
              s.executeBatch();
            }
            try (PreparedStatement s = tx.prepare(c, BUMP_VERSION)) {
              s.setLong(1, lineId);
              s.executeUpdate();
            }
            enqueue(c, biosamplesId);
            JsonObject changes = JsonObject.builder()
                .put("batch_id", ExecutiveJson.difference(ExecutiveJson.text(null), ExecutiveJson.text(request.batchId())))
                .put("batch_type", ExecutiveJson.difference(ExecutiveJson.text(null), ExecutiveJson.text(type.code())))
                .put("vials", ExecutiveJson.difference(ExecutiveJson.number(null), ExecutiveJson.number(request.vials())))
                .put("derived_from", ExecutiveJson.difference(ExecutiveJson.text(null),
                    ExecutiveJson.text(request.derivedFrom())))
                .build();
            audit(c, who, "batch", key, biosamplesId, "batch_create", changes);
            JsonObject lineChange = JsonObject.builder()
                .put("batches", ExecutiveJson.difference(ExecutiveJson.text(null), ExecutiveJson.text(key)))
                .put("version", ExecutiveJson.difference(JsonNumber.of(version), JsonNumber.of(version + 1)))
                .build();
            audit(c, who, "cell_line", biosamplesId, biosamplesId, "batch_add", lineChange);
            String body = ExecutiveJson.pretty(ExecutiveJson.createdBatch(request.lineName(), biosamplesId, key,
                request.batchId(), type.code(), vials));
            if (idempotency != null) {
              try (PreparedStatement s = tx.prepare(c, STORE_ANSWER)) {
                s.setInt(1, 201);
                s.setString(2, body);
                s.setString(3, who.username());
                s.setString(4, idempotency.key());
                s.executeUpdate();
              }
            }
            return new CreatedBatch(key, body, false);
          }
        });
    if (!created.replayed()) {
      LOG.debug("{} created batch {} with {} vials", who.username(), created.batchKey(), request.vials());
      written();
    }
    return created;
  }

  // Claims the key for this transaction, or returns the answer stored under it. A concurrent
  // request with the same key waits on the unique index until the first one's transaction ends.
  private Optional<CreatedBatch> claim(Connection c, ApiPrincipal who, Idempotency idempotency, String operation)
      throws SQLException {
    try (PreparedStatement s = tx.prepare(c, CLAIM_KEY)) {
      s.setString(1, who.username());
      s.setString(2, idempotency.key());
      s.setString(3, operation);
      s.setBytes(4, idempotency.requestHash());
      if (s.executeUpdate() == 1) {
        return Optional.empty();
      }
    }
    try (PreparedStatement s = tx.prepare(c, READ_KEY)) {
      s.setString(1, who.username());
      s.setString(2, idempotency.key());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new ConflictException("the Idempotency-Key " + idempotency.key() + " is in use: retry the request");
        }
        boolean same = r.getString(1).equals(operation) && Arrays.equals(r.getBytes(2), idempotency.requestHash());
        if (!same) {
          throw new IdempotencyKeyReusedException("the Idempotency-Key " + idempotency.key()
              + " was used for another request: use a new key for a new request");
        }
        String body = r.getString(4);
        return Optional.of(new CreatedBatch(batchKeyOf(body), body, true));
      }
    }
  }

  // The batch key of a stored answer: its "biosamples_id" member.
  private static String batchKeyOf(String body) {
    JsonValue v = org.cellbank.ims.http.internal.json.JsonReader.create().read(body);
    return ((JsonObject) v).findString("biosamples_id").orElseThrow();
  }

  /**
   * A batch with its inventory counts, culture conditions and version, by key. Needs
   * {@link Role#EXECUTIVE_VIEWER}.
   *
   * @throws AccessDeniedException when the principal's role is lower
   * @throws NotFoundException when no batch has this key
   */
  public ExecutiveBatch batch(ApiPrincipal who, String batchKey) {
    require(who, Role.EXECUTIVE_VIEWER, "view the executive dashboard");
    Objects.requireNonNull(batchKey, "batchKey");
    return jdbc.read("reading batch " + batchKey, new Jdbc.ConnectionWork<ExecutiveBatch>() {
      @Override
      public ExecutiveBatch run(Connection c) throws SQLException {
        return batches.read(c, batchKey);
      }
    });
  }

  /**
   * Changes a batch's inventory counts and culture conditions and returns the batch as stored after
   * the change. Needs {@link Role#EXECUTIVE_MANAGER}.
   *
   * <p>Only the fields the update names change. When one of them differs from the stored value, the
   * batch's version moves on by one and the change, its audit row (action {@code batch_update}, the
   * difference of each changed field) and the line's search-outbox row commit together; an update
   * that changes nothing writes nothing and keeps the version.
   *
   * @throws AccessDeniedException when the principal's role is lower
   * @throws InvalidFieldsException when a field is unknown or a value invalid (every one is named)
   * @throws NotFoundException when no batch has this key
   * @throws StaleVersionException when the batch's version is no longer {@code update.expectedVersion()}
   */
  public ExecutiveBatch updateBatch(ApiPrincipal who, BatchUpdate update) {
    require(who, Role.EXECUTIVE_MANAGER, "change a batch");
    Objects.requireNonNull(update, "update");
    List<FieldError> problems = update.problems();
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    boolean changed = tx.write("changing batch " + update.batchKey(), new Transactions.Work<Boolean>() {
      @Override
      public Boolean run(Connection c) throws SQLException {
        return batches.update(c, who, update);
      }
    });
    if (changed) {
      LOG.debug("{} changed batch {}", who.username(), update.batchKey());
      written();
    }
    return batch(who, update.batchKey());
  }

  /**
   * Corrects a line's identifiers (name, BioSamples id, hPSCreg id, ECACC number, donor, depositor)
   * and returns the line as stored after the correction. Needs {@link Role#ADMINISTRATOR}.
   *
   * <p>Each new name and id is checked against the other lines; a taken one is named in a
   * {@link FieldConflictException}. The line keeps its batches, files and history (they hang off its
   * row). The correction, its audit row (action {@code correction}) and the search-outbox rows (for a
   * new BioSamples id the old id's too, so the old document leaves the index) commit together and the
   * line's version moves on by one; a correction that changes nothing writes nothing.
   *
   * @throws AccessDeniedException when the principal's role is lower
   * @throws InvalidFieldsException when a field is unknown or invalid, or names no stored donor or
   *     organisation (every one is named)
   * @throws FieldConflictException when a new name or id belongs to another line
   * @throws NotFoundException when no line has this name
   * @throws StaleVersionException when the line's version is no longer {@code correction.expectedVersion()}
   */
  public ExecutiveLine correctLine(ApiPrincipal who, LineCorrection correction) {
    require(who, Role.ADMINISTRATOR, "correct a line's identifiers");
    Objects.requireNonNull(correction, "correction");
    List<FieldError> problems = correction.problems();
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    String name = tx.write("correcting cell line " + correction.lineName(), new Transactions.Work<String>() {
      @Override
      public String run(Connection c) throws SQLException {
        return corrections.correct(c, who, correction);
      }
    });
    if (name == null) {
      return ExecutiveLine.of(lines.getByName(correction.lineName()));
    }
    LOG.debug("{} corrected cell line {}", who.username(), correction.lineName());
    written();
    return ExecutiveLine.of(lines.getByName(name));
  }

  /**
   * Every API user, by name, with how many valid keys each holds. Needs {@link Role#ADMINISTRATOR}.
   *
   * @throws AccessDeniedException when the principal's role is lower
   */
  public List<ApiUser> users(ApiPrincipal who) {
    require(who, Role.ADMINISTRATOR, "list API users");
    return jdbc.read("listing API users", new Jdbc.ConnectionWork<List<ApiUser>>() {
      @Override
      public List<ApiUser> run(Connection c) throws SQLException {
        return accounts.users(c);
      }
    });
  }

  /**
   * Creates an active API user with a role, audited (entity {@code api_user}, action
   * {@code user_create}). Needs {@link Role#ADMINISTRATOR}.
   *
   * @throws AccessDeniedException when the principal's role is lower
   * @throws InvalidFieldsException when the username breaks the rule of {@link org.cellbank.ims.core.auth.ApiKeys#createUser}
   * @throws ConflictException when a user has this name already
   */
  public ApiUser createUser(ApiPrincipal who, String username, Role role) {
    require(who, Role.ADMINISTRATOR, "create API users");
    Objects.requireNonNull(role, "role");
    if (!Accounts.validUsername(username)) {
      throw new InvalidFieldsException(List.of(new FieldError("/username", "must be 1 to 150 letters, digits or _ . @ -")));
    }
    tx.write("creating API user " + username, new Transactions.Work<Void>() {
      @Override
      public Void run(Connection c) throws SQLException {
        accounts.createUser(c, who, username, role);
        return null;
      }
    });
    LOG.debug("{} created API user {} with role {}", who.username(), username, role.code());
    return user(who, username);
  }

  /**
   * Changes a user's role or whether the user is active, audited (action {@code user_update}).
   * Needs {@link Role#ADMINISTRATOR}. An administrator cannot take their own administrator role
   * away or deactivate themselves (another administrator can).
   *
   * @throws AccessDeniedException when the principal's role is lower
   * @throws NotFoundException when no user has this name
   * @throws ConflictException when the change would lock the acting administrator out
   */
  public ApiUser updateUser(ApiPrincipal who, UserChange change) {
    require(who, Role.ADMINISTRATOR, "change API users");
    Objects.requireNonNull(change, "change");
    tx.write("changing API user " + change.username(), new Transactions.Work<Boolean>() {
      @Override
      public Boolean run(Connection c) throws SQLException {
        return accounts.updateUser(c, who, change);
      }
    });
    return user(who, change.username());
  }

  /**
   * Issues a new key for a user and returns it with its plaintext, shown this once, audited (entity
   * {@code api_key}, action {@code key_issue}, the key's id and prefix; never the key). Needs
   * {@link Role#ADMINISTRATOR}.
   *
   * @throws AccessDeniedException when the principal's role is lower
   * @throws NotFoundException when no user has this name
   */
  public IssuedKey issueKey(ApiPrincipal who, String username) {
    require(who, Role.ADMINISTRATOR, "issue API keys");
    Objects.requireNonNull(username, "username");
    IssuedKey key = tx.write("issuing an API key for " + username, new Transactions.Work<IssuedKey>() {
      @Override
      public IssuedKey run(Connection c) throws SQLException {
        return accounts.issue(c, who, username);
      }
    });
    LOG.debug("{} issued API key {} for user {}", who.username(), key.id(), username);
    return key;
  }

  /**
   * A user's keys, revoked ones included, oldest first; never a key's secret (only its prefix is
   * known). Needs {@link Role#ADMINISTRATOR}.
   *
   * @throws AccessDeniedException when the principal's role is lower
   * @throws NotFoundException when no user has this name
   */
  public List<ApiKeyInfo> keys(ApiPrincipal who, String username) {
    require(who, Role.ADMINISTRATOR, "list API keys");
    Objects.requireNonNull(username, "username");
    return jdbc.read("listing the API keys of " + username, new Jdbc.ConnectionWork<List<ApiKeyInfo>>() {
      @Override
      public List<ApiKeyInfo> run(Connection c) throws SQLException {
        if (!accounts.userExists(c, username)) {
          throw Accounts.noUser(username);
        }
        return accounts.keys(c, username);
      }
    });
  }

  /**
   * Revokes one of a user's keys, audited (action {@code key_revoke}); revoking a revoked key changes
   * nothing. Needs {@link Role#ADMINISTRATOR}. The key the request was made with cannot be revoked.
   *
   * @throws AccessDeniedException when the principal's role is lower
   * @throws NotFoundException when the user has no key with this id
   * @throws ConflictException when the key is {@link KeyRevocation#callerKey()}
   */
  public ApiKeyInfo revokeKey(ApiPrincipal who, KeyRevocation revocation) {
    require(who, Role.ADMINISTRATOR, "revoke API keys");
    Objects.requireNonNull(revocation, "revocation");
    Instant now = clock.instant();
    tx.write("revoking API key " + revocation.keyId(), new Transactions.Work<Boolean>() {
      @Override
      public Boolean run(Connection c) throws SQLException {
        return accounts.revoke(c, who, revocation, now);
      }
    });
    LOG.debug("{} revoked API key {}", who.username(), revocation.keyId());
    for (ApiKeyInfo k : keys(who, revocation.username())) {
      if (k.id() == revocation.keyId()) {
        return k;
      }
    }
    throw new NotFoundException("user " + revocation.username() + " has no API key with id " + revocation.keyId());
  }

  private ApiUser user(ApiPrincipal who, String username) {
    for (ApiUser u : users(who)) {
      if (u.username().equals(username)) {
        return u;
      }
    }
    throw Accounts.noUser(username);
  }

  /**
   * A page of the dashboard with its counters, in one SQL statement whatever the page size. Needs
   * {@link Role#EXECUTIVE_VIEWER}.
   *
   * @throws AccessDeniedException when the principal's role is lower
   */
  public Dashboard dashboard(ApiPrincipal who, DashboardQuery query) {
    require(who, Role.EXECUTIVE_VIEWER, "view the executive dashboard");
    Objects.requireNonNull(query, "query");
    String sql = DashboardSql.statement(query.sort(), query.descending());
    return jdbc.read("reading the executive dashboard", new Jdbc.ConnectionWork<Dashboard>() {
      @Override
      public Dashboard run(Connection c) throws SQLException {
        try (PreparedStatement s = jdbc.prepare(c, sql)) {
          DashboardSql.bind(s, query);
          try (ResultSet r = s.executeQuery()) {
            return DashboardSql.read(r, query.page());
          }
        }
      }
    });
  }

  /**
   * A page of the audit trail, newest first, in one SQL statement. Needs {@link Role#EXECUTIVE_VIEWER};
   * the rows of users and keys need {@link Role#ADMINISTRATOR} (the others' unfiltered trail leaves them out).
   *
   * @throws AccessDeniedException when the principal's role is lower
   */
  public Page<AuditEntry> audit(ApiPrincipal who, AuditQuery query) {
    require(who, Role.EXECUTIVE_VIEWER, "read the audit trail");
    Objects.requireNonNull(query, "query");
    boolean accounts = "api_user".equals(query.entity()) || "api_key".equals(query.entity());
    if (accounts) {
      require(who, Role.ADMINISTRATOR, "read the audit trail of users and keys");
    }
    boolean administrator = who.role().includes(Role.ADMINISTRATOR);
    return jdbc.read("reading the audit trail", new Jdbc.ConnectionWork<Page<AuditEntry>>() {
      @Override
      public Page<AuditEntry> run(Connection c) throws SQLException {
        return AuditSql.page(jdbc, c, query, administrator);
      }
    });
  }

  /**
   * Writes every line as the reference's cell-line id CSV (20 columns, header row first; see
   * docs/executive.md), a page of lines at a time. Needs {@link Role#EXECUTIVE_VIEWER}.
   *
   * @throws AccessDeniedException when the principal's role is lower
   */
  public void exportCellLineIds(ApiPrincipal who, Appendable out) {
    require(who, Role.EXECUTIVE_VIEWER, "download the cell-line ids");
    CsvExports.cellLines(lines, Objects.requireNonNull(out, "out"));
  }

  /**
   * Writes every batch as the reference's batch id CSV (9 columns), ordered by line name and batch
   * id, in one statement. Needs {@link Role#EXECUTIVE_VIEWER}.
   *
   * @throws AccessDeniedException when the principal's role is lower
   */
  public void exportBatchIds(ApiPrincipal who, Appendable out) {
    require(who, Role.EXECUTIVE_VIEWER, "download the batch ids");
    CsvExports.batches(jdbc, Objects.requireNonNull(out, "out"));
  }

  /**
   * Writes one batch's vials as the reference's label-printing CSV (7 columns), in one statement.
   * Needs {@link Role#EXECUTIVE_VIEWER}.
   *
   * @throws AccessDeniedException when the principal's role is lower
   * @throws NotFoundException when no batch has this key (nothing is written then)
   */
  public void exportVials(ApiPrincipal who, String batchKey, Appendable out) {
    require(who, Role.EXECUTIVE_VIEWER, "download a batch's vials");
    CsvExports.vials(jdbc, Objects.requireNonNull(batchKey, "batchKey"), Objects.requireNonNull(out, "out"));
  }

  /**
   * The lines and batches changed since {@code cursor} (from the beginning when it is null), at most
   * {@code limit} change records, in one statement; every writer's changes are included (the
   * executive operations, the nightly import, deletions). Needs {@link Role#PARTNER}.
   *
   * @param cursor a {@link ChangeFeed#nextCursor()} of an earlier call; may be null
   * @param limit 1 to {@value PageRequest#MAX_LIMIT}
   * @throws org.cellbank.ims.core.ValidationException when the cursor is malformed
   */
  public ChangeFeed changes(ApiPrincipal who, String cursor, int limit) {
    require(who, Role.PARTNER, "read the change feed");
    if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + PageRequest.MAX_LIMIT + ": " + limit);
    }
    ChangeFeedSql.parse(cursor);
    return jdbc.read("reading the change feed", new Jdbc.ConnectionWork<ChangeFeed>() {
      @Override
      public ChangeFeed run(Connection c) throws SQLException {
        return ChangeFeedSql.read(jdbc, c, cursor, limit);
      }
    });
  }

  void enqueue(Connection c, String biosamplesId) throws SQLException {
    if (!outbox) {
      return;
    }
    try (PreparedStatement s = tx.prepare(c, INSERT_OUTBOX)) {
      s.setString(1, biosamplesId);
      s.executeUpdate();
    }
  }

  void audit(Connection c, ApiPrincipal who, String entity, String entityId, String cellLine, String action,
      JsonObject changes) throws SQLException {
    try (PreparedStatement s = tx.prepare(c, INSERT_AUDIT)) {
      s.setString(1, who.username());
      s.setString(2, who.role().code());
      s.setString(3, entity);
      s.setString(4, entityId);
      s.setString(5, cellLine);
      s.setString(6, action);
      s.setString(7, ExecutiveJson.compact(changes));
      s.executeUpdate();
    }
  }

  void written() {
    if (afterWrite == null) {
      return;
    }
    try {
      afterWrite.run();
    } catch (RuntimeException e) {
      // The write is committed; a hook that fails (search down) must not turn it into an error.
      LOG.warn("The after-write hook failed: {}", e.toString());
    }
  }

  static void require(ApiPrincipal who, Role role, String what) {
    Objects.requireNonNull(who, "who");
    if (!who.role().includes(role)) {
      throw new AccessDeniedException("only an " + role.code() + " or higher may " + what);
    }
  }

  static void requireVersion(String what, long stored, long expected) {
    if (stored != expected) {
      throw new StaleVersionException(what + " was changed since it was read (version " + stored + ", not "
          + expected + "): read it again and reapply the change");
    }
  }

  private static String fourDigits(int n) {
    String s = Integer.toString(n);
    return "0000".substring(s.length()) + s;
  }


  static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    Object[] values = (Object[]) array.getArray();
    List<String> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add((String) v);
    }
    return out;
  }

  /** Builds an {@link ExecutiveService}. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private Consumer<String> onStatement;
    private SearchOutbox outbox;
    private Runnable afterWrite;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The database (required); the caller owns it. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** Called with the SQL text of every statement run (no bind values); fast and thread-safe. */
    public Builder onStatement(Consumer<String> onStatement) {
      this.onStatement = Objects.requireNonNull(onStatement, "onStatement");
      return this;
    }

    /**
     * Records every change a search document could show in this outbox, in the change's transaction
     * (without one, search does not follow the executive writes).
     */
    public Builder searchOutbox(SearchOutbox outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      return this;
    }

    /**
     * Runs {@code hook} after every committed write, on the writing thread (a local deployment drains
     * the search outbox there, so search follows at once; a deployed one leaves the outbox to its
     * drainer). A hook that throws is logged at WARN and does not fail the write.
     */
    public Builder afterWrite(Runnable hook) {
      this.afterWrite = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /** The clock for status times (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the service. */
    public ExecutiveService build() {
      return new ExecutiveService(this);
    }
  }
}
