package org.cellbank.ims.examples.local;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.db.CatalogueDocuments;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.OutboxDrainer;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.importer.EcaccAvailability;
import org.cellbank.ims.core.importer.HpscregClient;
import org.cellbank.ims.core.importer.HpscregImporter;
import org.cellbank.ims.core.importer.ImportReport;
import org.cellbank.ims.core.importer.ImportRuns;
import org.cellbank.ims.core.importer.NightlyUpdate;
import org.cellbank.ims.search.ManagedOpenSearchClient;
import org.cellbank.ims.search.OpenSearchCatalogueIndex;
import org.cellbank.ims.search.OpenSearchClients;

/**
 * Runs the nightly update from the command line: the hPSCreg import (with {@code --ecacc-url}, the
 * ECACC availability check), then (with {@code --opensearch-url}) the search-outbox drain into that
 * index, or with {@code --rebuild} a full rebuild of the index followed by a drain.
 *
 * <pre>
 * IMS_HPSCREG_USER=... IMS_HPSCREG_PASSWORD=... \
 * java -cp "examples/local-server/target/ims-local-server.jar:examples/local-server/target/lib/*" org.cellbank.ims.examples.local.NightlyImportCli \
 *   --registry-url https://registry.example/api/export/ebisc --jdbc-url jdbc:postgresql://localhost:5432/ims \
 *   [--user U --password P] [--ecacc-url URL] [--opensearch-url http://localhost:9200 [--index ALIAS] [--rebuild]]
 *   [--budget-minutes 14]
 * </pre>
 *
 * <p>Each run's report is stored in {@code ims.import_run}; a run that stopped on its time budget is
 * continued by the next one (only the names it left). Registry credentials come from the
 * environment only (never the command line, which other users of the machine can read). Database settings default to {@code IMS_JDBC_URL},
 * {@code IMS_JDBC_USER} and {@code IMS_JDBC_PASSWORD}. Exit code 0 when the run completed, 1 when
 * lines failed or the budget ran out (the report names them), 2 for a usage error, 3 when another
 * import is running (it holds the import's lease; nothing was read or written).
 */
public final class NightlyImportCli {

  private NightlyImportCli() {}

  /** Runs the update and prints its report. */
  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    String registry = null;
    String jdbcUrl = env.get("IMS_JDBC_URL");
    String user = env.getOrDefault("IMS_JDBC_USER", "postgres");
    String password = env.getOrDefault("IMS_JDBC_PASSWORD", "");
    String openSearch = null;
    String alias = null;
    String ecacc = null;
    boolean rebuild = false;
    long budgetMinutes = 14;
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--registry-url" -> registry = required(value, args[i++]);
          case "--jdbc-url" -> jdbcUrl = required(value, args[i++]);
          case "--user" -> user = required(value, args[i++]);
          case "--password" -> password = required(value, args[i++]);
          case "--opensearch-url" -> openSearch = required(value, args[i++]);
          case "--index" -> alias = required(value, args[i++]);
          case "--ecacc-url" -> ecacc = required(value, args[i++]);
          case "--rebuild" -> rebuild = true;
          case "--budget-minutes" -> budgetMinutes = Long.parseLong(required(value, args[i++]));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (registry == null || jdbcUrl == null) {
        throw new IllegalArgumentException("--registry-url and --jdbc-url (or IMS_JDBC_URL) are required");
      }
      if (rebuild && openSearch == null) {
        throw new IllegalArgumentException("--rebuild needs --opensearch-url");
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(2);
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      SearchOutbox outbox = SearchOutbox.create(dataSource);
      CellLineRepository lines = CellLineRepository.builder().dataSource(dataSource).searchOutbox(outbox).build();
      HpscregClient.Builder client = HpscregClient.builder().baseUri(URI.create(registry));
      if (env.get("IMS_HPSCREG_USER") != null) {
        client.credentials(env.get("IMS_HPSCREG_USER"), env.getOrDefault("IMS_HPSCREG_PASSWORD", ""));
      }
      HpscregImporter.Builder importer = HpscregImporter.builder()
          .client(client.build()).repository(lines).dataSource(dataSource).runs(ImportRuns.create(dataSource));
      if (ecacc != null) {
        importer.ecaccAvailability(EcaccAvailability.builder().page(URI.create(ecacc)).build());
      }
      Duration budget = Duration.ofMinutes(budgetMinutes);
      ImportReport report;
      try {
        if (openSearch == null) {
          report = importer.build().run(budget);
        } else {
          try (ManagedOpenSearchClient search = OpenSearchClients.http(openSearch)) {
            OpenSearchCatalogueIndex.Builder indexBuilder = OpenSearchCatalogueIndex.builder().client(search.client());
            if (alias != null) {
              indexBuilder.alias(alias);
            }
            OpenSearchCatalogueIndex index = indexBuilder.build();
            index.createIfMissing();
            OutboxDrainer drainer = OutboxDrainer.builder().dataSource(dataSource).index(index)
                .documents(CatalogueDocuments.source(lines)).build();
            NightlyUpdate.Result result = NightlyUpdate.create(importer.build(), drainer)
                .rebuilding(index, () -> CatalogueDocuments.allVisible(lines)).run(budget, rebuild);
            report = result.importReport();
            if (result.rebuild() != null) {
              System.out.println("search rebuild: " + result.rebuild().documents() + " documents into "
                  + result.rebuild().indexName());
            }
            System.out.println("search drain: " + result.drain());
          }
        }
      } catch (ConflictException e) {
        // Another run holds the import's lease (a scheduled run, or a second command line).
        System.err.println(e.getMessage());
        System.exit(3);
        return;
      }
      System.out.println(report.summary());
      report.problems().forEach(p -> System.out.println("  " + p.kind() + " " + p.name() + ": " + p.message()));
      System.exit(report.outcome() == ImportReport.Outcome.COMPLETED && report.problems().isEmpty() ? 0 : 1);
    }
  }

  private static String required(String value, String option) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
