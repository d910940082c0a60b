package org.cellbank.ims.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.Test;

/**
 * The database ends the function's sessions between its detail requests, as a failover, a restart
 * or RDS Proxy closing its connections does: the reads find their connections dead, run again on
 * another connection, and no request fails.
 */
class BackendTerminationTest {

  @Test
  void backendsTerminatedUnderLoad_failNoRequest() throws Exception {
    ImsPostgres pg = ImsPostgres.shared();
    String database = "ims_backend_termination_" + ProcessHandle.current().pid();
    pg.createDatabase(database);
    DataSource admin = pg.dataSource(database);
    SchemaMigrations.create(admin).migrate();
    SampleDataLoader.create(CellLineRepository.create(admin)).loadMissing(SampleData.all());
    ApiKeys keys = ApiKeys.create(admin);
    keys.createUser("ecacc", Role.PARTNER);
    byte[] event = event("ecacc:" + keys.issue("ecacc").key());
    ImsLambdaHandler function = ImsFunction.assemble(Map.of(
        "IMS_JDBC_URL", pg.jdbcUrl(database),
        "IMS_JDBC_USER", pg.user(),
        "IMS_JDBC_PASSWORD", pg.password(),
        "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"));

    // The database ends every session of the function before every fifth request, from this thread:
    // no timing involved, and each round leaves the function holding connections that are dead.
    int terminated = 0;
    Map<Long, Integer> statuses = new TreeMap<>();
    int requests = 600;
    try (Connection c = admin.getConnection();
        PreparedStatement kill = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE datname = ? AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
      kill.setString(1, database);
      for (int i = 0; i < requests; i++) {
        if (i % 5 == 4) {
          try (ResultSet r = kill.executeQuery()) {
            r.next();
            terminated += r.getInt(1);
          }
        }
        byte[] answer = function.handle(event);
        long status = JsonReader.create().read(new String(answer, StandardCharsets.UTF_8)).asObject()
            .findNumber("statusCode").orElseThrow().longValue();
        statuses.merge(status, 1, Integer::sum);
      }
    }

    assertThat(terminated).as("sessions the database ended during the requests").isGreaterThanOrEqualTo(50);
    assertThat(statuses).as("statuses of the detail requests").containsExactly(Map.entry(200L, requests));
  }

  private static byte[] event(String credentials) {
    String path = "/api/v0/cell-lines/SAMEA2590882";
    return ("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\"\","
        + "\"headers\":{\"authorization\":\"ApiKey " + credentials + "\"},\"requestContext\":{\"http\":"
        + "{\"method\":\"GET\",\"path\":\"" + path + "\",\"sourceIp\":\"127.0.0.1\"},\"requestId\":\"t\","
        + "\"stage\":\"$default\"},\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
  }
}
