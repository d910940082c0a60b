package org.cellbank.ims.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  private static DataSource dataSource;
  private static ApiKeys keys;

  @BeforeAll
  static void migrate() {
    dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    keys = ApiKeys.create(dataSource);
  }

  @Test
  void authenticate_withIssuedKey_returnsThePrincipal() {
    keys.createUser("ecacc", Role.PARTNER);
    IssuedKey issued = keys.issue("ecacc");

    assertThat(keys.authenticate("ecacc", issued.key())).contains(new ApiPrincipal("ecacc", Role.PARTNER));
  }

  @Test
  void issue_returnsAKeyOf256RandomBits_differentEachTime() {
    keys.createUser("lims", Role.PARTNER);
    IssuedKey first = keys.issue("lims");
    IssuedKey second = keys.issue("lims");

    assertThat(first.key()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(second.key());
    assertThat(first.id()).isNotEqualTo(second.id());
    assertThat(keys.authenticate("lims", first.key())).isPresent();
    assertThat(keys.authenticate("lims", second.key())).isPresent();
  }

  @Test
  void authenticate_withWrongKey_isEmpty() {
    keys.createUser("ebi", Role.PARTNER);
    IssuedKey issued = keys.issue("ebi");
    String wrong = (issued.key().charAt(0) == 'A' ? "B" : "A") + issued.key().substring(1);

    assertThat(keys.authenticate("ebi", wrong)).isEmpty();
  }

  @Test
  void authenticate_withUnknownUser_isEmpty() {
    keys.createUser("hpscreg", Role.PARTNER);
    IssuedKey issued = keys.issue("hpscreg");

    assertThat(keys.authenticate("nobody", issued.key())).isEmpty();
  }

  @Test
  void authenticate_withAnotherUsersKey_isEmpty() {
    keys.createUser("alice", Role.EXECUTIVE_MANAGER);
    keys.createUser("bob", Role.PARTNER);
    IssuedKey alices = keys.issue("alice");
    keys.issue("bob");

    assertThat(keys.authenticate("bob", alices.key())).isEmpty();
  }

  @Test
  void authenticate_whenUserIsInactive_isEmpty_andWorksAgainOnceActive() {
    keys.createUser("biosamples", Role.PARTNER);
    IssuedKey issued = keys.issue("biosamples");

    keys.setActive("biosamples", false);
    assertThat(keys.authenticate("biosamples", issued.key())).isEmpty();

    keys.setActive("biosamples", true);
    assertThat(keys.authenticate("biosamples", issued.key())).isPresent();
  }

  @Test
  void authenticate_withRevokedKey_isEmpty_andOtherKeysStillWork() {
    keys.createUser("rotating", Role.PARTNER);
    IssuedKey old = keys.issue("rotating");
    IssuedKey fresh = keys.issue("rotating");

    keys.revoke(old.id());
    keys.revoke(old.id());

    assertThat(keys.authenticate("rotating", old.key())).isEmpty();
    assertThat(keys.authenticate("rotating", fresh.key())).isPresent();
    assertThat(keys.list("rotating")).extracting(ApiKeyInfo::revoked).containsExactly(true, false);
  }

  @Test
  void authenticate_withMalformedOrEmptyCredentials_isEmpty() {
    keys.createUser("malformed", Role.PARTNER);
    keys.issue("malformed");

    assertThat(keys.authenticate("malformed", "")).isEmpty();
    assertThat(keys.authenticate("malformed", "a key with spaces")).isEmpty();
    assertThat(keys.authenticate("malformed", "x".repeat(10_000))).isEmpty();
    assertThat(keys.authenticate("", "abc")).isEmpty();
    assertThat(keys.authenticate("bad:name", "abc")).isEmpty();
  }

  @Test
  void createUser_whenNameIsTaken_throwsConflict() {
    keys.createUser("twice", Role.PARTNER);

    assertThatThrownBy(() -> keys.createUser("twice", Role.EXECUTIVE_VIEWER))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void createUser_withInvalidName_throwsValidation() {
    for (String bad : List.of("no spaces", "", "x".repeat(151), "café", "a/b", "tab\t", "dollar$", "ümlaut")) {
      assertThatThrownBy(() -> keys.createUser(bad, Role.PARTNER)).as(bad).isInstanceOf(ValidationException.class);
      assertThat(keys.authenticate(bad, "k")).as(bad).isEmpty();
    }
    for (String good : List.of("a", "x".repeat(150), "Lab_01.partner@ebisc-eu", "A-Z")) {
      keys.createUser(good, Role.PARTNER);
      assertThat(keys.userExists(good)).as(good).isTrue();
    }
  }

  @Test
  void issue_setActive_list_forUnknownUser_throwNotFound() {
    assertThatThrownBy(() -> keys.issue("ghost")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> keys.setActive("ghost", false)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> keys.list("ghost")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void revoke_unknownKey_throwsNotFound() {
    assertThatThrownBy(() -> keys.revoke(987_654_321L)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void list_showsThePrefixButNeverTheKey() {
    keys.createUser("lister", Role.EXECUTIVE_VIEWER);
    IssuedKey issued = keys.issue("lister");

    List<ApiKeyInfo> listed = keys.list("lister");

    assertThat(listed).hasSize(1);
    ApiKeyInfo info = listed.get(0);
    assertThat(info.id()).isEqualTo(issued.id());
    assertThat(info.username()).isEqualTo("lister");
    assertThat(info.prefix()).isEqualTo(issued.key().substring(0, 8)).isEqualTo(issued.prefix());
    assertThat(info.lastUsedAt()).isNull();
    assertThat(info.revokedAt()).isNull();
    assertThat(info.toString()).doesNotContain(issued.key());
    assertThat(keys.listAll()).extracting(ApiKeyInfo::id).contains(issued.id());
  }

  @Test
  void issuedKey_toString_doesNotRevealTheKey() {
    keys.createUser("printed", Role.PARTNER);
    IssuedKey issued = keys.issue("printed");

    assertThat(issued.toString()).doesNotContain(issued.key()).contains("printed").contains(issued.prefix());
  }

  @Test
  void issue_storesOnlyTheSha256HashOfTheKey() throws Exception {
    keys.createUser("hashed", Role.PARTNER);
    IssuedKey issued = keys.issue("hashed");
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(issued.key().getBytes(StandardCharsets.UTF_8));

    try (Connection c = dataSource.getConnection();
         PreparedStatement s = c.prepareStatement("SELECT * FROM ims.api_key WHERE id = ?")) {
      s.setLong(1, issued.id());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBytes("key_hash")).isEqualTo(expected);
        assertThat(rs.getString("key_prefix")).isEqualTo(issued.prefix());
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          String value = rs.getString(i);
          assertThat(value == null ? "" : value).doesNotContain(issued.key());
        }
      }
    }
  }

  @Test
  void authenticate_recordsLastUseAtMostOncePerResolution() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        return now.get();
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
    ApiKeys timed = ApiKeys.builder().dataSource(dataSource).clock(clock)
        .lastUsedResolution(Duration.ofMinutes(1)).onStatement(statements::add).build();
    timed.createUser("busy", Role.PARTNER);
    IssuedKey issued = timed.issue("busy");

    timed.authenticate("busy", issued.key());
    assertThat(timed.list("busy").get(0).lastUsedAt()).isEqualTo(now.get());

    now.set(now.get().plusSeconds(30));
    statements.clear();
    timed.authenticate("busy", issued.key());
    assertThat(statements).noneMatch(sql -> sql.toLowerCase(java.util.Locale.ROOT).startsWith("update"));
    assertThat(timed.list("busy").get(0).lastUsedAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));

    now.set(now.get().plusSeconds(31));
    timed.authenticate("busy", issued.key());
    assertThat(timed.list("busy").get(0).lastUsedAt()).isEqualTo(Instant.parse("2026-01-01T10:01:01Z"));
  }

  @Test
  void role_includesTheRolesBelowIt() {
    assertThat(Role.EXECUTIVE_MANAGER.includes(Role.PARTNER)).isTrue();
    assertThat(Role.EXECUTIVE_VIEWER.includes(Role.PARTNER)).isTrue();
    assertThat(Role.EXECUTIVE_VIEWER.includes(Role.EXECUTIVE_MANAGER)).isFalse();
    assertThat(Role.PARTNER.includes(Role.EXECUTIVE_VIEWER)).isFalse();
    assertThat(Role.ofCode("executive_viewer")).isEqualTo(Role.EXECUTIVE_VIEWER);
    assertThatThrownBy(() -> Role.ofCode("root")).isInstanceOf(ValidationException.class);
  }

  @Test
  void role_administratorIncludesManager_andTheLegacyAdminCodeIsTheManager() {
    assertThat(Role.ADMINISTRATOR.includes(Role.EXECUTIVE_MANAGER)).isTrue();
    assertThat(Role.EXECUTIVE_MANAGER.includes(Role.ADMINISTRATOR)).isFalse();
    assertThat(Role.ofCode("executive_admin")).isEqualTo(Role.EXECUTIVE_MANAGER);
    assertThat(Role.ofCode("administrator")).isEqualTo(Role.ADMINISTRATOR);
  }

  @Test
  void everyRole_canBeStored() {
    for (Role role : Role.values()) {
      keys.createUser("user_" + role.code(), role);
      IssuedKey issued = keys.issue("user_" + role.code());
      assertThat(keys.authenticate("user_" + role.code(), issued.key())).map(ApiPrincipal::role).contains(role);
    }
  }
}
