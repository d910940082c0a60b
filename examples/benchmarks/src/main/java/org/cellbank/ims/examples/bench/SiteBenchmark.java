package org.cellbank.ims.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.cellbank.ims.core.site.FileSystemSiteStore;
import org.cellbank.ims.core.site.SiteGenerator;
import org.cellbank.ims.core.site.SiteReport;
import org.cellbank.ims.testkit.ImsPostgres;

/**
 * Generates the website for generated cell lines and prints how long it takes and how large each
 * page type is.
 *
 * <p>Prints: the time of a full generation of {@code lines} generated lines plus the sample lines
 * (every page, the sitemap and the assets; median of three after one warm-up run), the time to
 * regenerate one changed line (median of 20), and the transfer size of the search page (HTML, CSS
 * and script, before any result), a full cell-line page (HTML and CSS; its images load lazily) and
 * a status page, raw and gzipped. Arguments: {@code [lines (default 1500)]}.
 *
 * <pre>{@code
 * ./mvnw -q -pl examples/benchmarks -am package -DskipTests
 * java -cp "examples/benchmarks/target/ims-benchmarks.jar:examples/benchmarks/target/lib/*" org.cellbank.ims.examples.bench.SiteBenchmark
 * }</pre>
 */
public final class SiteBenchmark {

  private SiteBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws IOException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
    Path siteDir = Files.createTempDirectory("ims-site-bench");
    try (ImsPostgres pg = ImsPostgres.builder().docker(false).build()) {
      pg.createDatabase("ims_site_bench");
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(pg.jdbcUrl("ims_site_bench"));
      config.setUsername(pg.user());
      config.setPassword(pg.password());
      config.setMaximumPoolSize(4);
      try (HikariDataSource dataSource = new HikariDataSource(config)) {
        SchemaMigrations.create(dataSource).migrate();
        CellLineRepository lines = CellLineRepository.create(dataSource);
        SampleDataLoader.create(lines).loadMissing(SampleData.all());
        List<CellLine> generated = SyntheticCellLines.generate(count, 1L);
        SampleDataLoader.create(lines).loadMissing(generated);
        System.out.printf("loaded %d generated lines and %d sample lines%n", count, SampleData.all().size());

        FileSystemSiteStore store = FileSystemSiteStore.create(siteDir);
        SiteGenerator site = SiteGenerator.builder().cellLines(lines).store(store)
            .siteUrl(URI.create("https://catalogue.example.org/")).build();
        SiteReport report = site.generateAll();
        List<Long> full = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          long start = System.nanoTime();
          report = site.generateAll();
          full.add(System.nanoTime() - start);
        }
        System.out.printf("full generation: %d ms (median of 3): %d line pages, %d status pages, %d other files, %.1f MB%n",
            median(full) / 1_000_000, report.linePages(), report.statusPages(), report.otherFiles(),
            report.bytes() / 1e6);

        String changed = generated.get(count / 2).biosamplesId();
        List<Long> one = new ArrayList<>();
        SiteReport oneReport = null;
        for (int i = 0; i < 20; i++) {
          long start = System.nanoTime();
          oneReport = site.regenerate(List.of(changed));
          one.add(System.nanoTime() - start);
        }
        System.out.printf("one changed line: %d ms (median of 20), %d files rewritten (the line, the lines naming it, the sitemap)%n",
            median(one) / 1_000_000, oneReport.files());

        Path css = asset(siteDir, "site.");
        Path js = asset(siteDir, "search.");
        size("search page (HTML + CSS + script, before results)", siteDir.resolve("index.html"), css, js);
        size("cell-line page UKBi008-A (HTML + CSS)", siteDir.resolve("UKBi008-A/index.html"), css);
        size("cell-line page " + generated.get(0).name() + " (generated, fully populated; HTML + CSS)",
            siteDir.resolve(generated.get(0).name() + "/index.html"), css);
        size("status page TESTi010-A (HTML + CSS)", siteDir.resolve("TESTi010-A/index.html"), css);
        size("sitemap.xml", siteDir.resolve("sitemap.xml"));
      }
    }
  }

  private static Path asset(Path site, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(site.resolve("assets"))) {
      return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
    }
  }

  private static void size(String what, Path... files) throws IOException {
    long raw = 0;
    long gzipped = 0;
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      raw += bytes.length;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(bytes);
      }
      gzipped += out.size();
    }
    System.out.printf("%s: %.1f KB (%.1f KB gzipped)%n", what, raw / 1024.0, gzipped / 1024.0);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
