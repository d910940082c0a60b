package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellbank.ims.core.executive.ExecutiveCalls.json;
import static org.cellbank.ims.core.executive.ExecutiveCalls.pointers;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.IssuedKey;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Users and keys over HTTP for the administrator, on a real database. */
class ExecutiveAccountsApiTest {

  private static final String USERS = "/api/v0/executive/users";
  private static ApiKeys keys;
  private static ExecutiveCalls calls;
  private static String viewer;
  private static String manager;
  private static String admin;
  private static IssuedKey adminKey;

  @BeforeAll
  static void setUp() {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    keys = ApiKeys.create(dataSource);
    keys.createUser("viewer", Role.EXECUTIVE_VIEWER);
    keys.createUser("manager", Role.EXECUTIVE_MANAGER);
    keys.createUser("admin", Role.ADMINISTRATOR);
    viewer = "ApiKey viewer:" + keys.issue("viewer").key();
    manager = "ApiKey manager:" + keys.issue("manager").key();
    adminKey = keys.issue("admin");
    admin = "ApiKey admin:" + adminKey.key();
    calls = new ExecutiveCalls(ExecutiveApi.create(dataSource).addTo(Router.builder())
        .filter(ApiKeyAuthentication.requiring(keys, Role.PARTNER)).build());
  }

  @Test
  void createUser_issueKey_listKeys_revokeKey_asTheAdministrator() {
    assertThat(calls.get(USERS, manager).status()).isEqualTo(403);
    assertThat(calls.call("POST", USERS, manager, "{\"username\": \"x\", \"role\": \"partner\"}", Map.of()).status())
        .isEqualTo(403);
    HttpResponse created = calls.call("POST", USERS, admin, "{\"username\": \"lims\", \"role\": \"partner\"}", Map.of());
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.headers().first("location")).hasValue(USERS + "/lims");
    assertThat(json(created).findString("role")).hasValue("partner");
    assertThat(calls.call("POST", USERS, admin, "{\"username\": \"lims\", \"role\": \"partner\"}", Map.of()).status())
        .isEqualTo(409);
    assertThat(names(json(calls.get(USERS, admin)))).contains("admin", "lims", "manager", "viewer");

    assertThat(calls.call("POST", USERS + "/lims/keys", manager, null, Map.of()).status()).isEqualTo(403);
    HttpResponse issued = calls.call("POST", USERS + "/lims/keys", admin, null, Map.of());
    assertThat(issued.status()).isEqualTo(201);
    assertThat(issued.headers().first("cache-control")).hasValue("no-store");
    String key = json(issued).findString("key").orElseThrow();
    long id = json(issued).findNumber("id").orElseThrow().longValue();
    assertThat(keys.authenticate("lims", key)).contains(new ApiPrincipal("lims", Role.PARTNER));
    assertThat(key).hasSize(43).startsWith(json(issued).findString("prefix").orElseThrow());

    HttpResponse listed = calls.get(USERS + "/lims/keys", admin);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.bodyText()).doesNotContain(key);
    JsonObject only = (JsonObject) json(listed).findArray("objects").orElseThrow().get(0);
    assertThat(only.find("key")).isEmpty();
    assertThat(only.findBoolean("revoked")).hasValue(false);
    assertThat(calls.get(USERS + "/nobody/keys", admin).status()).isEqualTo(404);

    assertThat(calls.call("DELETE", USERS + "/lims/keys/" + id, manager, null, Map.of()).status()).isEqualTo(403);
    assertThat(calls.call("DELETE", USERS + "/viewer/keys/" + id, admin, null, Map.of()).status()).isEqualTo(404);
    HttpResponse revoked = calls.call("DELETE", USERS + "/lims/keys/" + id, admin, null, Map.of());
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(json(revoked).findBoolean("revoked")).hasValue(true);
    assertThat(keys.authenticate("lims", key)).isEmpty();
    assertThat(calls.call("DELETE", USERS + "/lims/keys/" + id, admin, null, Map.of()).status()).isEqualTo(200);
    assertThat(calls.call("DELETE", USERS + "/lims/keys/x1", admin, null, Map.of()).status()).isEqualTo(404);

    HttpResponse trail = calls.get("/api/v0/executive/audit?entity=api_key&id=" + id, admin);
    assertThat(trail.bodyText()).doesNotContain(key);
    assertThat(json(trail).findArray("objects").orElseThrow().elements())
        .extracting(e -> ((JsonObject) e).findString("action").orElseThrow())
        .containsExactly("key_revoke", "key_issue");
    assertThat(json(calls.get("/api/v0/executive/audit?entity=api_user&id=lims", admin)).findArray("objects")
        .orElseThrow().size()).isEqualTo(1);
    assertThat(calls.get("/api/v0/executive/audit?entity=api_user", viewer).status()).isEqualTo(403);
    assertThat(json(calls.get("/api/v0/executive/audit", viewer)).findArray("objects").orElseThrow().elements())
        .noneMatch(e -> ((JsonObject) e).findString("entity").orElseThrow().startsWith("api_"));
  }

  @Test
  void anAdministrator_cannotLockThemselvesOut_butMayChangeOthers() {
    assertThat(calls.call("DELETE", USERS + "/admin/keys/" + adminKey.id(), admin, null, Map.of()).status())
        .isEqualTo(409);
    assertThat(keys.authenticate("admin", adminKey.key())).isPresent();
    assertThat(calls.call("PATCH", USERS + "/admin", admin, "{\"role\": \"executive_manager\"}", Map.of()).status())
        .isEqualTo(409);
    assertThat(calls.call("PATCH", USERS + "/admin", admin, "{\"active\": false}", Map.of()).status()).isEqualTo(409);
    assertThat(keys.authenticate("admin", adminKey.key())).contains(new ApiPrincipal("admin", Role.ADMINISTRATOR));

    HttpResponse promoted = calls.call("PATCH", USERS + "/viewer", admin, "{\"role\": \"executive_manager\"}", Map.of());
    assertThat(promoted.status()).isEqualTo(200);
    assertThat(json(promoted).findString("role")).hasValue("executive_manager");
    HttpResponse back = calls.call("PATCH", USERS + "/viewer", admin, "{\"role\": \"executive_viewer\"}", Map.of());
    assertThat(json(back).findString("role")).hasValue("executive_viewer");
    assertThat(calls.call("PATCH", USERS + "/nobody", admin, "{\"active\": false}", Map.of()).status()).isEqualTo(404);
  }

  @Test
  void badUserBodies_nameEveryField() {
    HttpResponse bad = calls.call("POST", USERS, admin, "{\"username\": \"has space\", \"role\": \"boss\", \"colour\": 1}",
        Map.of());
    HttpResponse missing = calls.call("POST", USERS, admin, "{}", Map.of());
    HttpResponse patch = calls.call("PATCH", USERS + "/viewer", admin, "{\"active\": \"no\", \"role\": 3}", Map.of());

    assertThat(bad.status()).isEqualTo(400);
    assertThat(pointers(bad)).containsExactlyInAnyOrder("/colour", "/username", "/role");
    assertThat(pointers(missing)).containsExactlyInAnyOrder("/username", "/role");
    assertThat(pointers(patch)).containsExactlyInAnyOrder("/active", "/role");
  }

  private static List<String> names(JsonObject page) {
    return page.findArray("objects").orElseThrow().elements().stream()
        .map(JsonValue::asObject).map(o -> o.findString("username").orElseThrow()).toList();
  }
}
