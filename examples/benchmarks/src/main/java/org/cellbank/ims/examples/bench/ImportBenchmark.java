package org.cellbank.ims.examples.bench;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.importer.HpscregClient;
import org.cellbank.ims.core.importer.HpscregImporter;
import org.cellbank.ims.core.importer.ImportReport;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.cellbank.ims.testkit.ImsPostgres;

/**
 * Imports generated hPSCreg documents from a local HTTP server into an embedded PostgreSQL and prints
 * how fast the import runs: lines per second for the first run (every line created) and for a second
 * run over the same documents (every line unchanged, nothing written). The local server answers
 * without Nagle delays ({@code sun.net.httpserver.nodelay}), so the numbers are the import's own.
 *
 * <p>Arguments: {@code [lines (default 2000)]}.
 *
 * <pre>{@code
 * ./mvnw -q -pl examples/benchmarks -am package -DskipTests
 * java -cp "examples/benchmarks/target/ims-benchmarks.jar:examples/benchmarks/target/lib/*" org.cellbank.ims.examples.bench.ImportBenchmark
 * }</pre>
 */
public final class ImportBenchmark {

  private ImportBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws IOException {
    // The JDK's HTTP server writes headers and body separately without TCP_NODELAY, so every answer
    // waits ~40 ms for a delayed ACK: that would measure the stand-in registry, not the import.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Map<String, byte[]> documents = new HashMap<>();
    List<String> names = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      JsonObject doc = document(i);
      String name = doc.findString("name").orElseThrow();
      names.add(name);
      documents.put(name, JsonWriter.compact().writeUtf8(doc));
    }
    byte[] list = JsonWriter.compact().writeUtf8(JsonArray.ofStrings(names));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/api/export/ebisc", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = path.equals("/api/export/ebisc") ? list
          : documents.get(path.substring("/api/export/ebisc/".length()));
      int status = body == null ? 404 : 200;
      byte[] out = body == null ? "\"not found\"".getBytes(StandardCharsets.UTF_8) : body;
      exchange.sendResponseHeaders(status, out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    });
    server.start();
    URI base = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
        + "/api/export/ebisc");
    try (ImsPostgres pg = ImsPostgres.builder().docker(false).build()) {
      pg.createDatabase("ims_import_bench");
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(pg.jdbcUrl("ims_import_bench"));
      config.setUsername(pg.user());
      config.setPassword(pg.password());
      config.setMaximumPoolSize(4);
      try (HikariDataSource dataSource = new HikariDataSource(config)) {
        SchemaMigrations.create(dataSource).migrate();
        CellLineRepository repository = CellLineRepository.builder().dataSource(dataSource)
            .searchOutbox(SearchOutbox.create(dataSource)).build();
        HpscregImporter importer = HpscregImporter.builder()
            .client(HpscregClient.builder().baseUri(base).credentials("bench", "bench").build())
            .repository(repository).dataSource(dataSource).progressEvery(500).build();
        print("first run (all created)", importer.run(Duration.ofHours(1)));
        print("second run (all unchanged)", importer.run(Duration.ofHours(1)));
      }
    } finally {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdown();
    }
  }

  private static void print(String label, ImportReport report) {
    double seconds = report.duration().toNanos() / 1e9;
    System.out.printf(Locale.ROOT, "%s: %d lines in %.1f s = %.0f lines/s (%d created, %d updated, %d unchanged, %d failed)%n",
        label, report.done(), seconds, report.done() / seconds, report.created(), report.updated(), report.unchanged(),
        report.failed());
  }

  /** A registry document of typical size: donor with a disease and a variant, vector, culture, karyotype. */
  private static JsonObject document(int i) {
    String name = String.format(Locale.ROOT, "BENi%04d-A", i);
    JsonObject variant = JsonObject.builder().put("id", 100_000L + i).put("type", "Variant")
        .put("gene", JsonObject.builder().put("name", "ATXN3").put("database_name", "entrez_id").put("database_id", "4287").build())
        .put("chromosome_location", "14q32.12").put("zygosity_status", "Heterozygous").put("free_text", "generated").build();
    JsonObject disease = JsonObject.builder().put("purl", "http://purl.obolibrary.org/obo/DOID_" + (1400 + i % 20))
        .put("purl_name", "disease " + (i % 20)).putStrings("synonyms", List.of("syn a", "syn b"))
        .put("primary", "1").put("affected", "True").put("variants", JsonArray.of(variant)).build();
    JsonObject donor = JsonObject.builder().put("biosamples_id", "SAMEA8" + String.format(Locale.ROOT, "%06d", i))
        .put("gender", i % 2 == 0 ? "male" : "female").putStrings("internal_ids", List.of("D" + i))
        .put("diseases", JsonArray.of(disease)).build();
    return JsonObject.builder()
        .put("id", (long) i)
        .put("name", name)
        .put("biosamples_id", "SAMEA9" + String.format(Locale.ROOT, "%06d", i))
        .putStrings("alternate_name", List.of("alt-" + i))
        .put("status", JsonObject.builder().put("submitted", true).put("validated", true).put("released", i % 3 != 0).build())
        .put("providers", JsonArray.of(
            JsonObject.builder().put("name", "Institute " + (i % 40)).put("role", "Generator").build(),
            JsonObject.builder().put("name", "Institute " + (i % 40)).put("role", "Owner").build()))
        .put("derivation_country", "Germany")
        .put("donor_age", "35-39")
        .put("disease_flag", "1")
        .put("donor", donor)
        .put("primary_celltype_name", "fibroblast of dermis")
        .put("collection_date", "2015")
        .put("derivation_xeno_graft_free_flag", "0")
        .put("vector_type", "Non-integrating")
        .put("non_integrating_vector", "Episomal")
        .putStrings("non_integrating_vector_gene_list", List.of("9314###KLF4###entrez_id###id_type_gene",
            "5460###POU5F1###entrez_id###id_type_gene", "6657###SOX2###entrez_id###id_type_gene"))
        .put("reprogramming_vector_non_integrating_detectable_flag", "0")
        .put("surface_coating", "Matrigel")
        .put("passage_method", "enzyme_free")
        .put("passage_method_enzyme_free", "EDTA")
        .put("o2_concentration", "21")
        .put("co2_concentration", "5")
        .put("culture_conditions_medium_culture_medium", "Essential 8")
        .putStrings("culture_conditions_medium_culture_medium_supplements", List.of("bFGF###10###nanogram_millilitre"))
        .put("karyotyping_flag", "1")
        .put("karyotyping_karyotype", "46XX")
        .put("karyotyping_method", "G-banding")
        .put("certificate_of_analysis_flag", "1")
        .put("virology_screening_flag", "1")
        .put("virology_screening_hiv_1_result", "negative")
        .build();
  }
}
