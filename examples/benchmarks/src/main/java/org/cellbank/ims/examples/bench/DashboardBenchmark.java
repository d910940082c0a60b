package org.cellbank.ims.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.executive.Dashboard;
import org.cellbank.ims.core.executive.DashboardQuery;
import org.cellbank.ims.core.executive.ExecutiveService;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.cellbank.ims.testkit.ImsPostgres;

/**
 * Loads generated cell lines into an embedded PostgreSQL and prints, for the executive dashboard
 * list ({@link ExecutiveService#dashboard}), the SQL statements per call and the p50/p99 latency at
 * page sizes 25 and 500, without filters, with a text search, a status filter and a sort by
 * depositor, and with a disease filter and a sort by disease; first, the size per line of the
 * cell-line CSV download.
 *
 * <p>Arguments: {@code [lines (default 1500)] [calls per case (default 200)] [data directory]}; with a
 * data directory the database survives the run and a second run skips the loading.
 *
 * <pre>{@code
 * ./mvnw -q -pl examples/benchmarks -am package -DskipTests
 * java -cp "examples/benchmarks/target/ims-benchmarks.jar:examples/benchmarks/target/lib/*" org.cellbank.ims.examples.bench.DashboardBenchmark
 * }</pre>
 */
public final class DashboardBenchmark {

  private DashboardBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    ImsPostgres.Builder server = ImsPostgres.builder().docker(false);
    if (args.length > 2) {
      server.dataDirectory(java.nio.file.Path.of(args[2]));
    }
    try (ImsPostgres pg = server.build()) {
      pg.createDatabase("ims_dashboard_bench");
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(pg.jdbcUrl("ims_dashboard_bench"));
      config.setUsername(pg.user());
      config.setPassword(pg.password());
      config.setMaximumPoolSize(4);
      try (HikariDataSource dataSource = new HikariDataSource(config)) {
        SchemaMigrations.create(dataSource).migrate();
        CellLineRepository lines = CellLineRepository.create(dataSource);
        long start = System.nanoTime();
        List<CellLine> generated = SyntheticCellLines.generate(count, 1L);
        SampleDataLoader.create(lines).loadMissing(generated, done -> {
          if (done % 500 == 0) {
            System.out.printf("loaded %d/%d lines%n", done, count);
          }
        });
        System.out.printf("%d lines stored (%.1f s)%n", lines.count(), (System.nanoTime() - start) / 1e9);

        AtomicInteger statements = new AtomicInteger();
        ExecutiveService executive = ExecutiveService.builder().dataSource(dataSource)
            .onStatement(sql -> statements.incrementAndGet()).build();
        ApiPrincipal viewer = new ApiPrincipal("bench", Role.EXECUTIVE_VIEWER);
        // The cell-line CSV's size per line, for the download cap (ExecutiveApi.Builder.maxExportBytes).
        StringBuilder csv = new StringBuilder();
        long csvStart = System.nanoTime();
        executive.exportCellLineIds(viewer, csv);
        long csvBytes = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.printf("cell-line CSV: %d bytes for %d lines, %.0f bytes per line (%.1f s)%n", csvBytes,
            lines.count(), (double) csvBytes / lines.count(), (System.nanoTime() - csvStart) / 1e9);
        String text = generated.get(0).name().substring(0, 3);
        String disease = generated.get(0).donor().diseases().get(0).disease().name();
        System.out.printf("%-10s %-60s %6s %10s %6s %9s %9s%n", "page size", "filters", "rows", "matching",
            "stmts", "p50 ms", "p99 ms");
        for (int size : new int[] {25, 500}) {
          for (int filters = 0; filters < 3; filters++) {
            DashboardQuery.Builder q = DashboardQuery.builder().page(PageRequest.first(size));
            String label = "none";
            if (filters == 1) {
              q.text(text).status(CellLineStatus.AT_ECACC).sort(DashboardQuery.Sort.DEPOSITOR, true);
              label = "q=" + text + " status=at_ecacc sort=-depositor";
            } else if (filters == 2) {
              q.disease(disease).sort(DashboardQuery.Sort.DISEASE, false);
              label = "disease=" + disease + " sort=disease";
            }
            DashboardQuery query = q.build();
            for (int i = 0; i < 20; i++) {
              executive.dashboard(viewer, query);
            }
            statements.set(0);
            Dashboard d = executive.dashboard(viewer, query);
            int perCall = statements.get();
            double[] ms = new double[calls];
            for (int i = 0; i < calls; i++) {
              long t = System.nanoTime();
              executive.dashboard(viewer, query);
              ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("%-10d %-60s %6d %10d %6d %9.2f %9.2f%n", size, label, d.rows().size(), d.totalCount(),
                perCall, ms[calls / 2], ms[(int) Math.ceil(calls * 0.99) - 1]);
          }
        }
      }
    }
  }
}
