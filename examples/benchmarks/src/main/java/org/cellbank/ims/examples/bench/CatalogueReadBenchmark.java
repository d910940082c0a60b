package org.cellbank.ims.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.cellbank.ims.testkit.ImsPostgres;

/**
 * Loads generated cell lines into an embedded PostgreSQL and prints how fast whole records read.
 *
 * <p>Prints: statements per page load (for 10 and for 1,000 lines), ms to load a page of 1,000
 * full records (median of several runs), and ms per single-record load by BioSamples id (median
 * of many). Arguments: {@code [lines (default 2000)] [single-load samples (default 500)] [data directory]};
 * with a data directory the database survives the run and a second run skips the loading.
 *
 * <pre>{@code
 * ./mvnw -q -pl examples/benchmarks -am package -DskipTests
 * java -cp "examples/benchmarks/target/ims-benchmarks.jar:examples/benchmarks/target/lib/*" org.cellbank.ims.examples.bench.CatalogueReadBenchmark
 * }</pre>
 */
public final class CatalogueReadBenchmark {

  private CatalogueReadBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    ImsPostgres.Builder server = ImsPostgres.builder().docker(false);
    if (args.length > 2) {
      server.dataDirectory(java.nio.file.Path.of(args[2]));
    }
    try (ImsPostgres pg = server.build()) {
      pg.createDatabase("ims_bench");
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(pg.jdbcUrl("ims_bench"));
      config.setUsername(pg.user());
      config.setPassword(pg.password());
      config.setMaximumPoolSize(4);
      try (HikariDataSource dataSource = new HikariDataSource(config)) {
        SchemaMigrations.create(dataSource).migrate();
        AtomicInteger statements = new AtomicInteger();
        CellLineRepository lines = CellLineRepository.builder().dataSource(dataSource)
            .onStatement(sql -> statements.incrementAndGet()).build();

        long start = System.nanoTime();
        List<CellLine> generated = SyntheticCellLines.generate(count, 1L);
        SampleDataLoader.create(lines).loadMissing(generated, done -> {
          if (done % 500 == 0) {
            System.out.printf("loaded %d/%d lines%n", done, count);
          }
        });
        System.out.printf("loaded %d generated lines in %.1f s%n", count, (System.nanoTime() - start) / 1e9);

        statements.set(0);
        lines.page(new PageRequest(0, 10));
        int forTen = statements.get();
        statements.set(0);
        lines.page(new PageRequest(0, 1000));
        int forThousand = statements.get();
        System.out.printf("statements per page load: %d (page of 10), %d (page of 1000)%n", forTen, forThousand);

        for (int i = 0; i < 3; i++) {
          lines.page(new PageRequest(0, 1000));
        }
        double[] pageMs = new double[7];
        for (int i = 0; i < pageMs.length; i++) {
          long t = System.nanoTime();
          lines.page(new PageRequest(0, 1000));
          pageMs[i] = (System.nanoTime() - t) / 1e6;
        }
        System.out.printf("page of 1000 full records: median %.1f ms (min %.1f, max %.1f)%n",
            median(pageMs), Arrays.stream(pageMs).min().orElse(0), Arrays.stream(pageMs).max().orElse(0));

        Random random = new Random(3);
        List<String> ids = new ArrayList<>();
        generated.forEach(l -> ids.add(l.biosamplesId()));
        for (int i = 0; i < 200; i++) {
          lines.getByBiosamplesId(ids.get(random.nextInt(ids.size())));
        }
        statements.set(0);
        lines.getByBiosamplesId(ids.get(0));
        int singleStatements = statements.get();
        double[] singleMs = new double[samples];
        for (int i = 0; i < samples; i++) {
          String id = ids.get(random.nextInt(ids.size()));
          long t = System.nanoTime();
          lines.getByBiosamplesId(id);
          singleMs[i] = (System.nanoTime() - t) / 1e6;
        }
        System.out.printf("single-record load: median %.2f ms, p99 %.2f ms over %d loads (%d statements each)%n",
            median(singleMs), percentile(singleMs, 0.99), samples, singleStatements);
      }
    }
  }

  private static double median(double[] values) {
    return percentile(values, 0.5);
  }

  private static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }
}
