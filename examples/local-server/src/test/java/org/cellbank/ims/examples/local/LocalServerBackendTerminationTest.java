package org.cellbank.ims.examples.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.examples.lambda.ImsApplication;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.Test;

/**
 * The database ends the local server's sessions while 8 clients read cell lines over HTTP, as a
 * restart or a failover does: the pool (HikariCP, {@link LocalServer#pool}) drops each dead
 * connection, the reads that found one run again on another, and no request fails.
 */
class LocalServerBackendTerminationTest {

  private static final int CLIENTS = 8;
  private static final int REQUESTS_PER_CLIENT = 250;

  @Test
  void backendsTerminatedDuringEightParallelClients_failNoRequest() throws Exception {
    ImsPostgres pg = ImsPostgres.shared();
    String database = "ims_local_termination_" + ProcessHandle.current().pid();
    pg.createDatabase(database);
    DataSource admin = pg.dataSource(database);
    SchemaMigrations.create(admin).migrate();
    SampleDataLoader.create(CellLineRepository.create(admin)).loadMissing(SampleData.all());
    ApiKeys adminKeys = ApiKeys.create(admin);
    adminKeys.createUser("partner", Role.PARTNER);
    String auth = "ApiKey partner:" + adminKeys.issue("partner").key();

    try (HikariDataSource pool = LocalServer.pool(pg.jdbcUrl(database), pg.user(), pg.password());
        LocalHttpServer server = LocalServer.serve(ImsApplication.builder().dataSource(pool)
            .auth(ApiKeyAuthentication.requiring(ApiKeys.create(pool), Role.PARTNER))
            .cellLines(CellLineRepository.create(pool)).build(), 0)) {
      URI detail = URI.create("http://127.0.0.1:" + server.port() + "/api/v0/cell-lines/SAMEA2590882");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request = HttpRequest.newBuilder(detail).header("Authorization", auth).build();
      // Warm the pool up to all of its connections, so that every one of them is ended below.
      assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

      Map<String, Integer> outcomes = new ConcurrentHashMap<>();
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger terminated = new AtomicInteger();
      AtomicInteger rounds = new AtomicInteger();
      ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
      try {
        // The database ends every session of the server's pool four times a second while the clients
        // run: each round is a restart or a failover as the pool sees it, all its connections dead at once.
        Future<?> killer = threads.submit(() -> {
          try (Connection c = admin.getConnection();
              PreparedStatement kill = c.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                  + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()"
                  + " AND backend_type = 'client backend'")) {
            kill.setString(1, database);
            while (!done.get()) {
              try (ResultSet r = kill.executeQuery()) {
                r.next();
                terminated.addAndGet(r.getInt(1));
              }
              rounds.incrementAndGet();
              Thread.sleep(250);
            }
          }
          return null;
        });
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
          clients.add(threads.submit(() -> {
            for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
              String outcome;
              try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                outcome = answer.statusCode() == 200 && answer.body().contains("\"UKBi008-A\"")
                    ? "200" : answer.statusCode() + " " + answer.body();
              } catch (Exception e) {
                outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
              }
              outcomes.merge(outcome, 1, Integer::sum);
            }
            return null;
          }));
        }
        for (Future<?> client : clients) {
          client.get();
        }
        done.set(true);
        killer.get();
      } finally {
        done.set(true);
        threads.shutdownNow();
      }

      System.out.printf("%d rounds ended %d server sessions during %d requests: %s%n", rounds.get(),
          terminated.get(), CLIENTS * REQUESTS_PER_CLIENT, new TreeMap<>(outcomes));
      assertThat(terminated.get()).as("server sessions the database ended").isGreaterThanOrEqualTo(3 * CLIENTS);
      assertThat(outcomes).as("every request's outcome").containsExactly(Map.entry("200", CLIENTS * REQUESTS_PER_CLIENT));
    }
  }
}
