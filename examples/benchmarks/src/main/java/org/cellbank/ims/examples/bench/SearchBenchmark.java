package org.cellbank.ims.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.Facet;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.search.ManagedOpenSearchClient;
import org.cellbank.ims.search.OpenSearchCatalogueIndex;
import org.cellbank.ims.search.OpenSearchClients;
import org.cellbank.ims.testkit.ImsOpenSearch;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * Measures the catalogue index on an embedded OpenSearch node and prints the numbers.
 *
 * <p>It generates 10,000 documents, then alternates full rebuilds through
 * {@link OpenSearchCatalogueIndex#rebuild} with a raw baseline (the same documents serialised
 * beforehand, sent as 5 MiB {@code _bulk} requests into an index with the same mapping), and prints
 * documents per second for both and their ratio. Then it runs a two-word query with two facet filters
 * and prints the latency percentiles.
 *
 * <pre>{@code
 * ./mvnw -q -B -pl examples/benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "examples/benchmarks/target/classes:$(cat examples/benchmarks/target/classpath.txt)" org.cellbank.ims.examples.bench.SearchBenchmark
 * }</pre>
 */
public final class SearchBenchmark {

  private static final int DOCUMENTS = 10_000;
  private static final int ROUNDS = 3;
  private static final int QUERIES = 500;
  private static final int BULK_BYTES = 5 * 1024 * 1024;

  private SearchBenchmark() {}

  /** Runs the benchmark; no arguments. */
  public static void main(String[] args) throws Exception {
    List<CatalogueDocument> docs = generate(DOCUMENTS, new Random(42));
    try (ImsOpenSearch node = ImsOpenSearch.builder().docker(false).build();
        ManagedOpenSearchClient os = OpenSearchClients.http(node.httpUrl())) {
      OpenSearchCatalogueIndex index = OpenSearchCatalogueIndex.builder().client(os.client())
          .alias("bench-catalogue").replicas(0).build();
      OpenSearchGenericClient http = os.client().generic();
      List<byte[]> raw = serialise(docs, "bench-raw");

      // Warm-up: JIT, node caches.
      index.rebuild(docs.subList(0, 2000).iterator(), n -> { });
      rawLoad(http, raw, "bench-raw");

      double[] rebuildRates = new double[ROUNDS];
      double[] rawRates = new double[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        long t0 = System.nanoTime();
        index.rebuild(docs.iterator(), n -> { });
        rebuildRates[round] = DOCUMENTS / seconds(t0);
        t0 = System.nanoTime();
        rawLoad(http, raw, "bench-raw");
        rawRates[round] = DOCUMENTS / seconds(t0);
        System.out.printf(Locale.ROOT, "round %d: rebuild %.0f docs/s, raw bulk %.0f docs/s%n",
            round + 1, rebuildRates[round], rawRates[round]);
      }
      double rebuild = median(rebuildRates);
      double rawRate = median(rawRates);
      System.out.printf(Locale.ROOT, "rebuild (create, bulk, refresh, count, alias swap, delete old): %.0f docs/s (median of %d)%n",
          rebuild, ROUNDS);
      System.out.printf(Locale.ROOT, "raw bulk of pre-serialised documents (create, bulk, refresh): %.0f docs/s%n", rawRate);
      System.out.printf(Locale.ROOT, "ratio rebuild / raw: %.2f (target >= 0.80)%n", rebuild / rawRate);

      SearchQuery query = SearchQuery.builder().text("generated parkinson")
          .filter(Facet.DONOR_SEX, "male").filter(Facet.DERIVATION, "Episomal", "Sendai virus")
          .page(0, 50).build();
      long hits = index.search(query).total();
      for (int i = 0; i < 100; i++) {
        index.search(query);
      }
      long[] micros = new long[QUERIES];
      for (int i = 0; i < QUERIES; i++) {
        long t0 = System.nanoTime();
        index.search(query);
        micros[i] = (System.nanoTime() - t0) / 1000;
      }
      Arrays.sort(micros);
      System.out.printf(Locale.ROOT, "query \"generated parkinson\" + donor_sex + derivation filters, %d hits, %d runs: "
          + "p50 %.1f ms, p99 %.1f ms%n", hits, QUERIES, micros[QUERIES / 2] / 1000.0, micros[QUERIES * 99 / 100] / 1000.0);
    }
  }

  private static List<CatalogueDocument> generate(int n, Random random) {
    String[] diseases = {"Parkinson's disease", "Alzheimers disease", "Machado-Joseph disease", "normal",
        "amyotrophic lateral sclerosis", "Huntington disease", "retinitis pigmentosa", "diabetes mellitus"};
    String[] sexes = {"male", "female", CatalogueDocument.SEX_NOT_KNOWN};
    String[] ages = {"0-4", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74"};
    String[] derivations = {"Sendai virus", "Episomal", "Retrovirus", "Lentivirus", "mRNA", "Sleeping beauty"};
    String[] genes = {"KLF4", "MYC", "POU5F1", "SOX2", "L-Myc", "LIN28", "sh-p53", "ApoE", "SNCA", "LRRK2"};
    String[] depositors = {"Generated Institute", "Universitatsklinikum Bonn", "Bioneer A/S", "Wellcome Trust Sanger Institute"};
    List<CatalogueDocument> docs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String disease = diseases[random.nextInt(diseases.length)];
      String gene = genes[random.nextInt(genes.length)];
      docs.add(CatalogueDocument.builder()
          .biosamplesId(String.format(Locale.ROOT, "SAMEA8%06d", i))
          .name(String.format(Locale.ROOT, "GEN%si%03d-%c", (char) ('A' + i % 26), i % 1000, (char) ('A' + i / 1000 % 26)))
          .primaryDisease(disease)
          .donorDisease(List.of(disease))
          .allDiseases(List.of(disease))
          .celllineDiseasesGenes(List.of(disease + " (" + gene + ")"))
          .primaryDiseaseSynonyms(List.of(disease.toLowerCase(Locale.ROOT)))
          .depositor(depositors[random.nextInt(depositors.length)])
          .primaryCellType("fibroblast of dermis")
          .alternativeNames("LB-" + i + ", iLB-" + i + "-r1")
          .donorSex(sexes[random.nextInt(sexes.length)])
          .donorAge(ages[random.nextInt(ages.length)])
          .donorEthnicity("Caucasian")
          .derivation(List.of(derivations[random.nextInt(derivations.length)]))
          .allGenetics(List.of(gene, "19q13.32", "NM_001302691: rs429358 (C/C)", "Heterozygous"))
          .allDerivation(List.of("Virus", "KLF4", "MYC", "POU5F1", "SOX2"))
          .build());
    }
    return docs;
  }

  /** The documents as NDJSON bulk bodies of about 5 MiB, exactly as the index would store them. */
  private static List<byte[]> serialise(List<CatalogueDocument> docs, String index) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<byte[]> bodies = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (CatalogueDocument d : docs) {
      ObjectNode action = json.createObjectNode();
      action.putObject("index").put("_index", index).put("_id", d.biosamplesId());
      Map<String, Object> source = new LinkedHashMap<>(d.fields());
      source.put(CatalogueDocument.HASH_FIELD, d.hash());
      out.write(json.writeValueAsBytes(action));
      out.write('\n');
      out.write(json.writeValueAsBytes(source));
      out.write('\n');
      if (out.size() >= BULK_BYTES) {
        bodies.add(out.toByteArray());
        out.reset();
      }
    }
    if (out.size() > 0) {
      bodies.add(out.toByteArray());
    }
    return bodies;
  }

  private static void rawLoad(OpenSearchGenericClient http, List<byte[]> bodies, String index) throws IOException {
    send(http, "DELETE", "/" + index, null);
    ObjectMapper json = new ObjectMapper();
    ObjectNode mapping;
    try (InputStream in = OpenSearchCatalogueIndex.class.getResourceAsStream("catalogue-index.json")) {
      mapping = (ObjectNode) json.readTree(in);
    }
    ((ObjectNode) mapping.path("settings").path("index")).put("number_of_replicas", 0).put("refresh_interval", "-1");
    send(http, "PUT", "/" + index, json.writeValueAsBytes(mapping));
    for (byte[] body : bodies) {
      send(http, "POST", "/_bulk", body);
    }
    send(http, "PUT", "/" + index + "/_settings", "{\"index\":{\"refresh_interval\":null}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    send(http, "POST", "/" + index + "/_refresh", null);
  }

  private static void send(OpenSearchGenericClient http, String method, String path, byte[] body) throws IOException {
    var b = Requests.builder().method(method).endpoint(path);
    if (body != null) {
      b.body(Body.from(body, "application/json"));
    }
    try (Response r = http.execute(b.build())) {
      if (r.getStatus() >= 300 && !(method.equals("DELETE") && r.getStatus() == 404)) {
        throw new IllegalStateException(method + " " + path + " answered " + r.getStatus());
      }
      r.getBody().ifPresent(Body::bodyAsBytes);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
