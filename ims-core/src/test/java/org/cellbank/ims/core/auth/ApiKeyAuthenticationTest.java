package org.cellbank.ims.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.http.Headers;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticationTest {

  private static ApiKeys keys;
  private static String partnerKey;
  private static String adminKey;

  @BeforeAll
  static void setUp() {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    keys = ApiKeys.create(dataSource);
    keys.createUser("ecacc", Role.PARTNER);
    keys.createUser("exec@cellbank.org", Role.EXECUTIVE_MANAGER);
    partnerKey = keys.issue("ecacc").key();
    adminKey = keys.issue("exec@cellbank.org").key();
  }

  private static Router router(ApiKeyAuthentication filter) {
    return Router.builder()
        .filter(filter)
        .get("/api/v0/whoami", request -> {
          ApiPrincipal who = ApiKeyAuthentication.principal(request);
          return HttpResponse.text(200, "text/plain", who.username() + " " + who.role().code());
        })
        .build();
  }

  private static HttpRequest.Builder get() {
    return HttpRequest.builder("GET", "/api/v0/whoami");
  }

  private static Headers authorization(String value) {
    return Headers.builder().add("Authorization", value).build();
  }

  @Test
  void headerCredentials_passTheRequestOnWithThePrincipal() {
    HttpResponse response = router(ApiKeyAuthentication.create(keys))
        .handle(get().headers(authorization("ApiKey ecacc:" + partnerKey)).build());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("ecacc partner");
  }

  @Test
  void headerScheme_isCaseInsensitive() {
    HttpResponse response = router(ApiKeyAuthentication.create(keys))
        .handle(get().headers(authorization("apikey exec@cellbank.org:" + adminKey)).build());

    assertThat(response.bodyText()).isEqualTo("exec@cellbank.org executive_manager");
  }

  @Test
  void queryCredentials_passTheRequestOn() {
    HttpResponse response = router(ApiKeyAuthentication.create(keys))
        .handle(get().queryParameter("username", "ecacc").queryParameter("api_key", partnerKey).build());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("ecacc partner");
  }

  @Test
  void invalidKey_answers401WithJsonErrorAndChallenge() {
    HttpResponse response = router(ApiKeyAuthentication.create(keys))
        .handle(get().headers(authorization("ApiKey ecacc:" + adminKey)).build());

    assertUnauthorized(response);
    assertThat(response.bodyText()).doesNotContain(adminKey);
  }

  @Test
  void missingCredentials_answer401() {
    assertUnauthorized(router(ApiKeyAuthentication.create(keys)).handle(get().build()));
    assertUnauthorized(router(ApiKeyAuthentication.create(keys))
        .handle(get().queryParameter("username", "ecacc").build()));
    assertUnauthorized(router(ApiKeyAuthentication.create(keys))
        .handle(get().headers(authorization("ApiKey ecacc")).build()));
    assertUnauthorized(router(ApiKeyAuthentication.create(keys))
        .handle(get().headers(authorization("Bearer " + partnerKey)).build()));
  }

  @Test
  void roleBelowTheRequiredOne_answers403_andAHigherRolePasses() {
    Router executive = router(ApiKeyAuthentication.requiring(keys, Role.EXECUTIVE_VIEWER));

    HttpResponse partner = executive.handle(get().headers(authorization("ApiKey ecacc:" + partnerKey)).build());
    HttpResponse admin = executive.handle(get().headers(authorization("ApiKey exec@cellbank.org:" + adminKey)).build());

    assertThat(partner.status()).isEqualTo(403);
    assertThat(admin.status()).isEqualTo(200);
  }

  @Test
  void principal_cannotBeForgedByTheClient_andIsAbsentWithoutTheFilter() {
    HttpRequest request = get().headers(Headers.builder().add("X-Ims-Principal", "exec@cellbank.org").build()).build();

    assertThat(ApiKeyAuthentication.findPrincipal(request)).isEmpty();
    assertUnauthorized(router(ApiKeyAuthentication.create(keys)).handle(request));
  }

  private static void assertUnauthorized(HttpResponse response) {
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers().first("www-authenticate")).contains("ApiKey");
    assertThat(response.contentType()).contains(HttpResponse.JSON_CONTENT_TYPE);
    JsonValue body = JsonReader.create().read(response.bodyText());
    assertThat(body).isInstanceOf(JsonObject.class);
    JsonObject error = ((JsonObject) body).findObject("error").orElseThrow();
    assertThat(error.findString("message")).contains("Missing or invalid API key");
    assertThat(error.findNumber("status")).hasValueSatisfying(n -> assertThat(n.toString()).contains("401"));
  }
}
