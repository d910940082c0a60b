package org.cellbank.ims.core.auth;

import static org.cellbank.ims.core.internal.db.Tables.API_KEY;
import static org.cellbank.ims.core.internal.db.Tables.API_USER;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.internal.Sql;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The key-management SQL behind {@link ApiKeys}, on jOOQ, in a class of its own: loading
 * {@code ApiKeys} for authentication (at a Lambda init) then loads no jOOQ class; this one is loaded
 * by the first management call. Failures are jOOQ's; {@code ApiKeys} translates them.
 */
final class ApiKeyStore {
  private final DSLContext dsl;

  ApiKeyStore(DataSource dataSource, Consumer<String> onStatement) {
    this.dsl = Sql.context(dataSource, onStatement);
  }

  void insertUser(String username, String roleCode) {
    dsl.insertInto(API_USER).set(API_USER.USERNAME, username).set(API_USER.ROLE, roleCode).execute();
  }

  boolean userExists(String username) {
    return dsl.fetchExists(API_USER, API_USER.USERNAME.eq(username));
  }

  int setActive(String username, boolean active) {
    return dsl.update(API_USER).set(API_USER.ACTIVE, active).where(API_USER.USERNAME.eq(username)).execute();
  }

  /** The user's id, or null when there is no such user. */
  Long userId(String username) {
    return dsl.select(API_USER.ID).from(API_USER).where(API_USER.USERNAME.eq(username)).fetchOne(API_USER.ID);
  }

  long insertKey(long userId, String prefix, byte[] hash) {
    return dsl.insertInto(API_KEY)
        .set(API_KEY.USER_ID, userId)
        .set(API_KEY.KEY_PREFIX, prefix)
        .set(API_KEY.KEY_HASH, hash)
        .returning(API_KEY.ID)
        .fetchOne(API_KEY.ID);
  }

  List<ApiKeyInfo> keysOf(String username) {
    return select(API_USER.USERNAME.eq(username));
  }

  List<ApiKeyInfo> allKeys() {
    return select(DSL.noCondition());
  }

  /** Revokes a key not yet revoked; the number of rows changed. */
  int revoke(long keyId, OffsetDateTime at) {
    return dsl.update(API_KEY).set(API_KEY.REVOKED_AT, at)
        .where(API_KEY.ID.eq(keyId).and(API_KEY.REVOKED_AT.isNull()))
        .execute();
  }

  boolean keyExists(long keyId) {
    return dsl.fetchExists(API_KEY, API_KEY.ID.eq(keyId));
  }

  private List<ApiKeyInfo> select(Condition condition) {
    return dsl.select(API_KEY.ID, API_USER.USERNAME, API_KEY.KEY_PREFIX, API_KEY.CREATED_AT,
            API_KEY.LAST_USED_AT, API_KEY.REVOKED_AT)
        .from(API_KEY).join(API_USER).on(API_USER.ID.eq(API_KEY.USER_ID))
        .where(condition)
        .orderBy(API_KEY.ID)
        .fetch(ApiKeyStore::info);
  }

  private static ApiKeyInfo info(Record r) {
    return new ApiKeyInfo(r.get(API_KEY.ID), r.get(API_USER.USERNAME), r.get(API_KEY.KEY_PREFIX),
        r.get(API_KEY.CREATED_AT).toInstant(), instant(r.get(API_KEY.LAST_USED_AT)),
        instant(r.get(API_KEY.REVOKED_AT)));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
