package org.cellbank.ims.lambda.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SecretsExtension} against a local server that answers like the AWS Parameters and Secrets
 * Lambda Extension ({@code GET /secretsmanager/get?secretId=...} with the session token header,
 * answering the GetSecretValue JSON), and the credentials it reads used on a real PostgreSQL.
 */
class SecretsExtensionTest {
  private static final String TOKEN = "session-token-1";
  private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
  private static final List<String> REQUESTED = new CopyOnWriteArrayList<>();
  private static HttpServer extension;
  private static URI endpoint;

  @BeforeAll
  static void start() throws IOException {
    extension = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    extension.createContext("/secretsmanager/get", exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      String id = query != null && query.startsWith("secretId=") ? query.substring("secretId=".length()) : null;
      REQUESTED.add(String.valueOf(id));
      int status;
      String body;
      if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token"))) {
        status = 401;
        body = "not authorized";
      } else if (id == null || !SECRETS.containsKey(java.net.URLDecoder.decode(id, StandardCharsets.UTF_8))) {
        status = 400;
        body = "{\"message\":\"Secrets Manager can't find the specified secret.\"}";
      } else {
        status = 200;
        body = "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:000000000000:secret:" + id + "\",\"Name\":\"" + id
            + "\",\"SecretString\":" + jsonString(SECRETS.get(java.net.URLDecoder.decode(id, StandardCharsets.UTF_8))) + ",\"VersionId\":\"v1\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    extension.start();
    endpoint = URI.create("http://127.0.0.1:" + extension.getAddress().getPort());
  }

  @AfterAll
  static void stop() {
    extension.stop(0);
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  void databaseCredentials_fromAnRdsStyleSecret_openARealConnectionAsThatUser() throws SQLException {
    ImsPostgres postgres = ImsPostgres.shared();
    String database = "secrets_" + ProcessHandle.current().pid();
    postgres.createDatabase(database);
    try (LambdaDataSource admin = LambdaDataSource.builder().url(postgres.jdbcUrl(database))
            .user(postgres.user()).password(postgres.password()).build();
        Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ims_app') THEN "
          + "CREATE ROLE ims_app LOGIN PASSWORD 'app-password'; END IF; END $$");
    }
    SECRETS.put("ims/db", "{\"username\":\"ims_app\",\"password\":\"app-password\",\"engine\":\"postgres\","
        + "\"host\":\"db.example\",\"port\":5432,\"dbname\":\"ims\"}");
    SecretsExtension secrets = SecretsExtension.create(endpoint, TOKEN);
    REQUESTED.clear();
    try (LambdaDataSource db = LambdaDataSource.builder().url(postgres.jdbcUrl(database))
        .credentials(() -> secrets.databaseCredentials("ims/db")).build()) {
      db.openInBackground();
      db.awaitOpen(java.time.Duration.ofSeconds(20));
      try (Connection c = db.getConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT current_user")) {
        r.next();
        assertThat(r.getString(1)).isEqualTo("ims_app");
      }
    }
    assertThat(REQUESTED).containsExactly("ims%2Fdb");
  }

  @Test
  void secretString_readsTheSecret_andEncodesItsId() {
    SECRETS.put("arn:aws:secretsmanager:eu-west-1:1:secret:x", "plain value");
    assertThat(SecretsExtension.create(endpoint, TOKEN).secretString("arn:aws:secretsmanager:eu-west-1:1:secret:x"))
        .isEqualTo("plain value");
  }

  @Test
  void failures_areClear_retryableWhenTheyMayPass_andNeverQuoteTheSecret() {
    SecretsExtension wrongToken = SecretsExtension.create(endpoint, "other");
    assertThatThrownBy(() -> wrongToken.secretString("ims/db"))
        .isInstanceOf(SecretsException.class).hasMessageContaining("401")
        .satisfies(e -> assertThat(((SecretsException) e).retryable()).isTrue());

    SecretsExtension secrets = SecretsExtension.create(endpoint, TOKEN);
    assertThatThrownBy(() -> secrets.secretString("missing")).hasMessageContaining("400").hasMessageContaining("missing");

    SECRETS.put("no-password", "{\"username\":\"ims_app\",\"pass\":\"hunter2-secret\"}");
    assertThatThrownBy(() -> secrets.databaseCredentials("no-password"))
        .hasMessageContaining("not a JSON object with a username and a password").hasMessageNotContaining("hunter2");
    SECRETS.put("not-json", "hunter2-secret");
    assertThatThrownBy(() -> secrets.databaseCredentials("not-json"))
        .hasMessageContaining("not a JSON object with a username and a password").hasMessageNotContaining("hunter2");
    SECRETS.put("numbers", "{\"username\":7,\"password\":\"hunter2-secret\"}");
    assertThatThrownBy(() -> secrets.databaseCredentials("numbers"))
        .isInstanceOf(SecretsException.class).hasMessageNotContaining("hunter2");

    SecretsExtension nobody = SecretsExtension.create(URI.create("http://127.0.0.1:1"), TOKEN);
    assertThatThrownBy(() -> nobody.secretString("ims/db"))
        .isInstanceOf(SecretsException.class).hasMessageContaining("cannot reach");

    assertThatThrownBy(() -> SecretsExtension.fromEnvironment(Map.of())).isInstanceOf(IllegalStateException.class);
    assertThat(new LambdaDataSource.Credentials("u", "hunter2").toString()).doesNotContain("hunter2");
  }

  @Test
  void aFailingCredentialsSupplier_failsTheConnection_withoutLeakingIt() {
    SecretsExtension secrets = SecretsExtension.create(endpoint, "wrong-token");
    try (LambdaDataSource db = LambdaDataSource.builder().url(ImsPostgres.shared().jdbcUrl("postgres"))
        .credentials(() -> secrets.databaseCredentials("ims/db")).build()) {
      assertThatThrownBy(db::getConnection).isInstanceOf(SQLException.class)
          .hasMessageContaining("could not get the database credentials")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
      assertThat(db.openConnections()).isZero();
    }
  }
}
