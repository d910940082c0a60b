package org.cellbank.ims.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
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
import javax.sql.DataSource;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.lambda.ScheduledEvent;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.Test;

/** The {@code purge} job, alone and at the end of {@code nightly}, on a real database. */
class NightlyPurgeJobTest {

  @Test
  void purgeJob_deletesOldRows_keepsRecentOnes_andNightlyEndsWithIt() throws Exception {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    execute(dataSource, "INSERT INTO ims.idempotency_key (username, idempotency_key, operation, request_hash,"
        + " response_status, response_body, created_at) VALUES"
        + " ('m', 'old', 'op', decode(repeat('00', 32), 'hex'), 201, '{}', now() - interval '8 days'),"
        + " ('m', 'new', 'op', decode(repeat('00', 32), 'hex'), 201, '{}', now() - interval '6 days')");
    execute(dataSource, "INSERT INTO ims.change_log (entity, entity_id, deleted, changed_at) VALUES"
        + " ('cell_line', 'SAMEA1', false, now() - interval '91 days'), ('batch', 'SAMEG1', false, now())");

    NightlyScheduledJob bare = NightlyScheduledJob.fromEnvironment(Map.of(), dataSource, null);
    JsonObject answer = JsonReader.create().read(bare.result(event("{\"job\": \"purge\"}"))).asObject();

    assertThat(answer.findNumber("purgedIdempotencyKeys").orElseThrow().longValue()).isEqualTo(1);
    assertThat(answer.findNumber("purgedChanges").orElseThrow().longValue()).isEqualTo(1);
    assertThat(count(dataSource, "SELECT count(*) FROM ims.idempotency_key WHERE idempotency_key = 'new'")).isEqualTo(1);
    assertThat(count(dataSource, "SELECT count(*) FROM ims.change_log WHERE entity_id = 'SAMEG1'")).isEqualTo(1);

    // A shorter retention by environment, run at the end of the nightly import.
    HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext("/api/export/ebisc", exchange -> {
      byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    registry.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + registry.getAddress().getPort() + "/api/export/ebisc");
      NightlyScheduledJob nightly = NightlyScheduledJob.fromEnvironment(Map.of("IMS_PURGE_IDEMPOTENCY_DAYS", "5"),
          dataSource, uri);
      JsonObject night = JsonReader.create().read(nightly.result(event("{}"))).asObject();
      assertThat(night.findString("job")).hasValue("nightly");
      assertThat(night.findString("outcome")).hasValue("completed");
      assertThat(night.findNumber("purgedIdempotencyKeys").orElseThrow().longValue()).isEqualTo(1);
      assertThat(count(dataSource, "SELECT count(*) FROM ims.idempotency_key")).isZero();
    } finally {
      registry.stop(0);
    }
    assertThatThrownBy(() -> NightlyScheduledJob.fromEnvironment(Map.of("IMS_PURGE_CHANGE_LOG_DAYS", "0"), dataSource,
        null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("IMS_PURGE_CHANGE_LOG_DAYS");
  }

  private static ScheduledEvent event(String detail) {
    return new ScheduledEvent("e-1", "2026-12-02T03:00:00Z", List.of(), detail);
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
