package org.cellbank.ims.search;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cellbank.ims.core.SearchException;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.core.search.Facet;
import org.cellbank.ims.core.search.FacetCount;
import org.cellbank.ims.core.search.IndexChanges;
import org.cellbank.ims.core.search.IndexUpdate;
import org.cellbank.ims.core.search.RebuildResult;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.core.search.SearchResult;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue index on OpenSearch (or Amazon OpenSearch Service), behind an alias.
 *
 * <p>Searches and single-line writes go to the alias. A {@linkplain #rebuild rebuild} creates a new
 * physical index {@code <alias>-<UTC timestamp>} with the settings and mapping of
 * {@code catalogue-index.json} (keyword fields with {@code .analyzed} edge-n-gram sub-fields), bulk-loads
 * it in requests of at most {@link Builder#maxBulkBytes(int) maxBulkBytes} with a bounded number in
 * flight (retrying throttled items with a backoff), refreshes it, checks its document count, then moves the alias with one atomic
 * {@code _aliases} request and deletes the old index; searches meanwhile see the old complete index.
 *
 * <pre>{@code
 * OpenSearchCatalogueIndex index = OpenSearchCatalogueIndex.builder().client(client).alias("ims-catalogue").build();
 * index.rebuild(documents.iterator(), n -> log.info("{} loaded", n));
 * SearchResult r = index.search(SearchQuery.builder().text("ukbi008").build());
 * }</pre>
 *
 * <p>Failures become {@link SearchException}s, retryable for throttling (429), a closed or blocked
 * index, server errors (5xx) that the request did not cause, and I/O errors, after this class's own
 * retries. The caller owns the {@link OpenSearchClient}; this class
 * never closes it. A rebuild uses a short-lived pool of {@link Builder#bulkConcurrency(int)} sender
 * threads, stopped before it returns; nothing else starts threads. Thread-safe; create one per Lambda
 * container.
 */
public final class OpenSearchCatalogueIndex implements CatalogueIndex {

  private static final Logger LOG = LoggerFactory.getLogger(OpenSearchCatalogueIndex.class);
  private static final String MAPPING_RESOURCE = "catalogue-index.json";
  private static final DateTimeFormatter INDEX_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd'-'HHmmssSSS");
  /** The 16 fields of the free-text search (analysed sub-fields, plus the analysed-only synonyms). */
  static final List<String> TEXT_FIELDS = List.of(
      "biosamples_id.analyzed", "name.analyzed", "alternative_names.analyzed", "depositor.analyzed",
      "primary_cell_type.analyzed", "donor_disease.analyzed", "genetic_modification_disease.analyzed",
      "disease_associated_phenotypes.analyzed", "non_disease_associated_phenotypes.analyzed",
      "donor_sex.analyzed", "donor_age.analyzed", "donor_ethnicity.analyzed", "derivation.analyzed",
      "all_genetics.analyzed", "all_derivation.analyzed", "primary_disease_synonyms");
  private static final int FACET_BUCKETS = 10_000;
  private static final int HASH_PAGE = 1_000;

  private final OpenSearchGenericClient http;
  private final String alias;
  private final int maxBulkBytes;
  private final int maxRetries;
  private final Duration initialRetryDelay;
  private final Duration retryBudget;
  private final int replicas;
  private final int bulkConcurrency;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger indexCounter = new AtomicInteger();

  private OpenSearchCatalogueIndex(Builder b) {
    this.http = Objects.requireNonNull(b.client, "client").generic();
    this.alias = b.alias;
    this.maxBulkBytes = b.maxBulkBytes;
    this.maxRetries = b.maxRetries;
    this.initialRetryDelay = b.initialRetryDelay;
    this.retryBudget = b.retryBudget;
    this.replicas = b.replicas;
    this.bulkConcurrency = b.bulkConcurrency;
  }

  /** Returns a builder; the client is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The alias that searches and writes go to. */
  public String alias() {
    return alias;
  }

  /**
   * Creates an empty index behind the alias unless the alias exists, so single-line writes work before
   * the first rebuild. Safe to call on every start.
   *
   * @throws SearchException when OpenSearch cannot be reached or refuses
   */
  public void createIfMissing() {
    if (!currentIndices().isEmpty()) {
      return;
    }
    String name = newIndexName();
    createIndex(name, false);
    // A concurrent caller may have won; then drop ours.
    if (!currentIndices().isEmpty()) {
      deleteQuietly(name);
      return;
    }
    ObjectNode body = json.createObjectNode();
    body.putArray("actions").addObject().putObject("add").put("index", name).put("alias", alias);
    call("POST", "/_aliases", body, Set.of(200));
  }

  /** The physical indices behind the alias now (normally one; none before the first rebuild). */
  public List<String> currentIndices() {
    Reply r = call("GET", "/_alias/" + alias, null, Set.of(200, 404));
    if (r.status() == 404) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    r.body().fieldNames().forEachRemaining(names::add);
    Collections.sort(names);
    return List.copyOf(names);
  }

  @Override
  public RebuildResult rebuild(Iterator<CatalogueDocument> documents, LongConsumer progress) {
    Objects.requireNonNull(documents, "documents");
    Objects.requireNonNull(progress, "progress");
    long started = System.nanoTime();
    String name = newIndexName();
    createIndex(name, true);
    long loaded;
    boolean swapped = false;
    try {
      loaded = bulkLoad(name, documents, progress);
      ObjectNode settings = json.createObjectNode();
      settings.putObject("index").put("refresh_interval", (String) null).put("number_of_replicas", replicas);
      call("PUT", "/" + name + "/_settings", settings, Set.of(200));
      call("POST", "/" + name + "/_refresh", null, Set.of(200));
      long count = call("GET", "/" + name + "/_count", null, Set.of(200)).body().path("count").asLong();
      if (count != loaded) {
        throw new SearchException("rebuild of " + alias + " loaded " + loaded + " documents but " + name
            + " holds " + count + " (an id given twice?); the old index stays in place", false);
      }
      List<String> old = currentIndices();
      ObjectNode body = json.createObjectNode();
      ArrayNode actions = body.putArray("actions");
      for (String o : old) {
        actions.addObject().putObject("remove").put("index", o).put("alias", alias);
      }
      actions.addObject().putObject("add").put("index", name).put("alias", alias);
      call("POST", "/_aliases", body, Set.of(200));
      swapped = true;
      for (String o : old) {
        deleteQuietly(o);
      }
    } finally {
      if (!swapped) {
        deleteQuietly(name);
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    LOG.debug("Rebuilt {} as {}: {} documents in {}", alias, name, loaded, took);
    return new RebuildResult(name, loaded, took);
  }

  @Override
  public IndexUpdate apply(IndexChanges changes) {
    Objects.requireNonNull(changes, "changes");
    if (changes.isEmpty()) {
      return new IndexUpdate(0, Map.of());
    }
    Map<String, String> failures = new HashMap<>();
    BulkBuffer buffer = new BulkBuffer(alias);
    int applied = 0;
    for (CatalogueDocument d : changes.upserts()) {
      buffer.index(d);
      if (buffer.bytes() >= maxBulkBytes) {
        applied += send(buffer, failures);
        buffer = new BulkBuffer(alias);
      }
    }
    for (String id : changes.deletes()) {
      buffer.delete(id);
    }
    if (buffer.size() > 0) {
      applied += send(buffer, failures);
    }
    return new IndexUpdate(applied, failures);
  }

  @Override
  public void upsert(CatalogueDocument document) {
    IndexUpdate r = apply(new IndexChanges(List.of(Objects.requireNonNull(document, "document")), List.of()));
    throwIfFailed(r, document.biosamplesId());
  }

  @Override
  public void delete(String biosamplesId) {
    IndexUpdate r = apply(new IndexChanges(List.of(), List.of(Objects.requireNonNull(biosamplesId, "biosamplesId"))));
    throwIfFailed(r, biosamplesId);
  }

  @Override
  public SearchResult search(SearchQuery query) {
    Objects.requireNonNull(query, "query");
    ObjectNode body = SearchRequests.body(json, query, FACET_BUCKETS);
    JsonNode r = searchComplete(body);
    long total = r.path("hits").path("total").path("value").asLong();
    List<CatalogueDocument> hits = new ArrayList<>();
    for (JsonNode hit : r.path("hits").path("hits")) {
      Map<String, Object> source = json.convertValue(hit.path("_source"), new TypeReference<Map<String, Object>>() {});
      hits.add(CatalogueDocument.fromFields(source));
    }
    Map<Facet, List<FacetCount>> facets = new EnumMap<>(Facet.class);
    JsonNode aggs = r.path("aggregations").path("facets");
    for (Facet f : Facet.values()) {
      List<FacetCount> counts = new ArrayList<>();
      for (JsonNode bucket : aggs.path(f.field()).path("facet").path("buckets")) {
        counts.add(new FacetCount(bucket.path("key").asText(), bucket.path("doc_count").asLong()));
      }
      facets.put(f, counts);
    }
    return new SearchResult(total, hits, facets);
  }

  @Override
  public Map<String, String> storedHashes() {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode after = null;
    while (true) {
      ObjectNode body = json.createObjectNode();
      body.put("size", HASH_PAGE);
      body.putArray("_source").add(CatalogueDocument.HASH_FIELD);
      body.putArray("sort").addObject().put("biosamples_id", "asc");
      body.put("track_total_hits", false);
      if (after != null) {
        body.set("search_after", after);
      }
      JsonNode hits = searchComplete(body).path("hits").path("hits");
      for (JsonNode hit : hits) {
        out.put(hit.path("_id").asText(), hit.path("_source").path(CatalogueDocument.HASH_FIELD).asText(""));
      }
      if (hits.size() < HASH_PAGE) {
        return Collections.unmodifiableMap(out);
      }
      after = hits.get(hits.size() - 1).path("sort");
    }
  }

  @Override
  public void refresh() {
    call("POST", "/" + alias + "/_refresh", null, Set.of(200));
  }

  // --- internals ----------------------------------------------------------------------------

  /**
   * Runs a search on the alias and returns a complete answer: a search that raced the deletion of the
   * index the alias pointed to a moment earlier (a 404 while the alias exists, or failed shards) is
   * sent again, so callers never see a partial result.
   */
  private JsonNode searchComplete(ObjectNode body) {
    long deadline = System.nanoTime() + retryBudget.toNanos();
    for (int attempt = 0; ; attempt++) {
      Reply r = call("POST", "/" + alias + "/_search", body, Set.of(200, 404), deadline);
      if (r.status() == 404) {
        if (attempt < maxRetries && !currentIndices().isEmpty()) {
          continue;
        }
        throw new SearchException("OpenSearch search on " + alias + " failed: HTTP 404 " + r.body().path("error").path("type").asText()
            + " (create the index with a rebuild or createIfMissing)", false);
      }
      int failedShards = r.body().path("_shards").path("failed").asInt();
      if (failedShards == 0) {
        return r.body();
      }
      if (attempt >= maxRetries) {
        throw new SearchException("OpenSearch search on " + alias + " failed on " + failedShards + " shards", true);
      }
      LOG.warn("OpenSearch search on {} failed on {} shards; retrying", alias, failedShards);
    }
  }

  /**
   * Loads documents into {@code name} with up to {@code bulkConcurrency} bulk requests in flight: the
   * calling thread serialises the next request while earlier ones are indexed, and waits when the
   * limit is reached (backpressure). Returns the number of documents loaded.
   */
  private long bulkLoad(String name, Iterator<CatalogueDocument> documents, LongConsumer progress) {
    ExecutorService senders = Executors.newFixedThreadPool(bulkConcurrency, r -> {
      Thread t = new Thread(r, "ims-search-bulk");
      t.setDaemon(true);
      return t;
    });
    Deque<Future<Long>> inFlight = new ArrayDeque<>();
    long loaded = 0;
    try {
      BulkBuffer buffer = new BulkBuffer(name);
      while (documents.hasNext()) {
        buffer.index(documents.next());
        if (buffer.bytes() >= maxBulkBytes) {
          if (inFlight.size() >= bulkConcurrency) {
            loaded += await(inFlight.removeFirst());
            progress.accept(loaded);
          }
          BulkBuffer full = buffer;
          inFlight.addLast(senders.submit(() -> sendAll(full)));
          buffer = new BulkBuffer(name);
        }
      }
      if (buffer.size() > 0) {
        BulkBuffer last = buffer;
        inFlight.addLast(senders.submit(() -> sendAll(last)));
      }
      while (!inFlight.isEmpty()) {
        loaded += await(inFlight.removeFirst());
        progress.accept(loaded);
      }
      return loaded;
    } finally {
      inFlight.forEach(f -> f.cancel(true));
      senders.shutdownNow();
    }
  }

  private static long await(Future<Long> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SearchException("interrupted while loading the search index", e, true);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new SearchException("bulk load failed: " + e.getCause(), e.getCause(), false);
    }
  }

  private String newIndexName() {
    // The counter keeps names unique when two rebuilds start in the same millisecond.
    return alias + "-" + INDEX_SUFFIX.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + indexCounter.incrementAndGet();
  }

  private void createIndex(String name, boolean forBulkLoad) {
    ObjectNode body = mapping();
    ObjectNode index = (ObjectNode) body.path("settings").path("index");
    index.put("number_of_replicas", forBulkLoad ? 0 : replicas);
    if (forBulkLoad) {
      index.put("refresh_interval", "-1");
    }
    call("PUT", "/" + name, body, Set.of(200));
  }

  private ObjectNode mapping() {
    try (InputStream in = OpenSearchCatalogueIndex.class.getResourceAsStream(MAPPING_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(MAPPING_RESOURCE + " is missing from the classpath");
      }
      return (ObjectNode) json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + MAPPING_RESOURCE, e);
    }
  }

  private void deleteQuietly(String name) {
    try {
      call("DELETE", "/" + name, null, Set.of(200, 404));
    } catch (SearchException e) {
      LOG.warn("Could not delete the index {}; delete it by hand: {}", name, e.getMessage());
    }
  }

  private static void throwIfFailed(IndexUpdate r, String id) {
    if (!r.isComplete()) {
      throw new SearchException("search index refused the change of " + id + ": " + r.failures().get(id), false);
    }
  }

  /** Sends a rebuild batch; every item must succeed. */
  private long sendAll(BulkBuffer buffer) {
    Map<String, String> failures = new HashMap<>();
    int ok = send(buffer, failures);
    if (!failures.isEmpty()) {
      Map.Entry<String, String> first = failures.entrySet().iterator().next();
      throw new SearchException("rebuild of " + alias + " failed: " + failures.size() + " documents refused, e.g. "
          + first.getKey() + ": " + first.getValue(), false);
    }
    return ok;
  }

  /**
   * Sends a bulk request; items throttled (429) are sent again with a growing delay, other item
   * failures go to {@code failures}. Returns how many items succeeded.
   */
  private int send(BulkBuffer buffer, Map<String, String> failures) {
    BulkBuffer pending = buffer;
    int ok = 0;
    for (int attempt = 0; ; attempt++) {
      JsonNode r = call("POST", "/_bulk", pending.body(), "application/x-ndjson", Set.of(200)).body();
      BulkBuffer retry = new BulkBuffer(pending.index);
      JsonNode items = r.path("items");
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i).elements().next();
        int status = item.path("status").asInt();
        String id = item.path("_id").asText();
        boolean deleteOfAbsent = "delete".equals(items.get(i).fieldNames().next()) && status == 404;
        if ((status >= 200 && status < 300) || deleteOfAbsent) {
          ok++;
        } else if (status == 429 && attempt < maxRetries) {
          retry.copyItem(pending, i);
        } else {
          failures.put(id, status + " " + item.path("error").path("type").asText() + ": "
              + item.path("error").path("reason").asText());
        }
      }
      if (retry.size() == 0) {
        return ok;
      }
      LOG.warn("OpenSearch throttled {} bulk items; retrying", retry.size());
      pause(attempt);
      pending = retry;
    }
  }

  record Reply(int status, JsonNode body) {}

  private Reply call(String method, String path, JsonNode body, Set<Integer> ok) {
    return call(method, path, body, ok, Long.MAX_VALUE);
  }

  private Reply call(String method, String path, JsonNode body, Set<Integer> ok, long deadline) {
    try {
      return call(method, path, body == null ? null : json.writeValueAsBytes(body), "application/json", ok, deadline);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("could not write a request to OpenSearch", e);
    }
  }

  /** One HTTP call with retries for 429, 5xx and I/O errors; any other unexpected status fails. */
  private Reply call(String method, String path, byte[] body, String contentType, Set<Integer> ok) {
    return call(method, path, body, contentType, ok, Long.MAX_VALUE);
  }

  /**
   * As above, and no retry starts that would end past {@code deadline} ({@link System#nanoTime()}).
   * Package-private so that the tests can send what this class's own requests never do.
   */
  Reply call(String method, String path, byte[] body, String contentType, Set<Integer> ok, long deadline) {
    for (int attempt = 0; ; attempt++) {
      boolean retryable;
      String problem;
      Throwable cause = null;
      try (Response response = http.execute(request(method, path, body, contentType))) {
        int status = response.getStatus();
        byte[] bytes = response.getBody().map(Body::bodyAsBytes).orElse(new byte[0]);
        if (ok.contains(status)) {
          return new Reply(status, bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes));
        }
        String summary = errorSummary(bytes);
        retryable = transientFailure(status, summary);
        problem = "HTTP " + status + " " + summary;
      } catch (IOException | RuntimeException e) {
        if (e instanceof SearchException se) {
          throw se;
        }
        org.opensearch.client.transport.httpclient5.ResponseException answer = thrownAnswer(e);
        if (answer != null) {
          // The Apache transport returns 400, 404 and 405 answers and throws for every other: a
          // ResponseException for 409, 429 and 5xx, one inside a TransportException for 401 and 403,
          // with the answer's body after the message's first line; the AWS transport returns them.
          // Either way the answer is judged by its status and body, not as an I/O error.
          String summary = errorSummary(thrownBody(answer));
          retryable = transientFailure(answer.status(), summary);
          problem = "HTTP " + answer.status() + " " + summary;
        } else {
          retryable = e instanceof IOException || e.getCause() instanceof IOException;
          problem = e.toString();
          cause = e;
        }
      }
      boolean overBudget = deadline != Long.MAX_VALUE && System.nanoTime() + pauseMillis(attempt) * 1_000_000L > deadline;
      if (!retryable || attempt >= maxRetries || overBudget) {
        throw new SearchException("OpenSearch " + method + " " + path + " failed: " + problem
            + (retryable ? " (gave up after " + (attempt + 1) + " tries)" : ""), cause, retryable);
      }
      LOG.warn("OpenSearch {} {} failed ({}); retrying", method, path, problem);
      pause(attempt);
    }
  }

  /**
   * Whether an error answer may change on a later try, making it an outage (a 503 for the caller)
   * rather than a fault: throttling (429), the index closed or blocked ({@code index_closed_exception},
   * {@code cluster_block_exception}, whatever their status), and a 5xx that the request did not cause.
   * A 5xx that the request itself caused (too many clauses, a query that does not parse) gives the
   * same answer every time: not retried, and not an outage.
   */
  static boolean transientFailure(int status, String summary) {
    if (summary.startsWith("index_closed_exception") || summary.startsWith("cluster_block_exception")) {
      return true;
    }
    return status == 429 || (status >= 500 && !causedByTheRequest(summary));
  }

  /** The node's answer that the Apache transport threw, itself or as the cause; null for none. */
  private static org.opensearch.client.transport.httpclient5.ResponseException thrownAnswer(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.opensearch.client.transport.httpclient5.ResponseException answer) {
        return answer;
      }
    }
    return null;
  }

  /** The answer's body that the Apache transport puts after the first line of its exception's message. */
  private static byte[] thrownBody(org.opensearch.client.transport.httpclient5.ResponseException e) {
    String message = e.getMessage();
    int start = message == null ? -1 : message.indexOf("\n{");
    return start < 0 ? new byte[0] : message.substring(start + 1).getBytes(StandardCharsets.UTF_8);
  }

  private static org.opensearch.client.opensearch.generic.Request request(String method, String path, byte[] body,
      String contentType) {
    var b = Requests.builder().method(method).endpoint(path);
    if (body != null) {
      b.body(Body.from(body, contentType));
    }
    return b.build();
  }

  /**
   * Whether an error answer's types (as {@link #errorSummary} lists them) name a fault of the
   * request: too many clauses (the node names it {@code too_many_nested_clauses} when they are in a
   * nested {@code bool}), too many aggregation buckets, a query that does not parse or names what
   * the index does not have.
   */
  private static boolean causedByTheRequest(String summary) {
    return summary.contains("too_many_clauses") || summary.contains("too_many_nested_clauses")
        || summary.contains("too_many_buckets_exception") || summary.contains("query_shard_exception")
        || summary.contains("parse_exception") || summary.contains("illegal_argument_exception")
        || summary.contains("search_phase_execution_exception") && summary.contains("maxClauseCount");
  }

  private String errorSummary(byte[] bytes) {
    try {
      JsonNode error = json.readTree(bytes).path("error");
      if (error.isObject()) {
        StringBuilder causes = new StringBuilder();
        for (JsonNode cause : error.path("root_cause")) {
          causes.append(causes.length() == 0 ? " (caused by " : ", ").append(cause.path("type").asText());
        }
        if (error.path("caused_by").isObject()) {
          causes.append(causes.length() == 0 ? " (caused by " : ", ").append(error.path("caused_by").path("type").asText());
        }
        return error.path("type").asText() + ": " + error.path("reason").asText()
            + (causes.length() == 0 ? "" : causes.append(')').toString());
      }
      return error.asText("");
    } catch (IOException e) {
      return "";
    }
  }

  private long pauseMillis(int attempt) {
    return initialRetryDelay.toMillis() << Math.min(attempt, 10);
  }

  private void pause(int attempt) {
    long millis = pauseMillis(attempt);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SearchException("interrupted while waiting to retry an OpenSearch request", e, true);
    }
  }

  /** An NDJSON bulk body built in memory, sized in bytes. */
  private final class BulkBuffer {
    private final String index;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    private final List<int[]> items = new ArrayList<>();

    BulkBuffer(String index) {
      this.index = index;
    }

    void index(CatalogueDocument d) {
      Map<String, Object> source = new LinkedHashMap<>(d.fields());
      source.put(CatalogueDocument.HASH_FIELD, d.hash());
      ObjectNode action = json.createObjectNode();
      action.putObject("index").put("_index", index).put("_id", d.biosamplesId());
      append(action, source);
    }

    void delete(String id) {
      ObjectNode action = json.createObjectNode();
      action.putObject("delete").put("_index", index).put("_id", id);
      append(action, null);
    }

    private void append(ObjectNode action, Object source) {
      int start = out.size();
      try {
        out.write(json.writeValueAsBytes(action));
        out.write('\n');
        if (source != null) {
          out.write(json.writeValueAsBytes(source));
          out.write('\n');
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      items.add(new int[] {start, out.size()});
    }

    void copyItem(BulkBuffer from, int i) {
      int[] range = from.items.get(i);
      int start = out.size();
      out.write(from.out.toByteArray(), range[0], range[1] - range[0]);
      items.add(new int[] {start, out.size()});
    }

    int bytes() {
      return out.size();
    }

    int size() {
      return items.size();
    }

    byte[] body() {
      return out.toByteArray();
    }
  }

  /** Builds an {@link OpenSearchCatalogueIndex}. Not thread-safe. */
  public static final class Builder {
    private OpenSearchClient client;
    private String alias = "ims-catalogue";
    private int maxBulkBytes = 5 * 1024 * 1024;
    private int maxRetries = 4;
    private Duration initialRetryDelay = Duration.ofMillis(200);
    private Duration retryBudget = Duration.ofSeconds(8);
    private int replicas = 1;
    private int bulkConcurrency = 2;

    private Builder() {}

    /** The client (the caller owns and closes it). */
    public Builder client(OpenSearchClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The alias name (default {@code ims-catalogue}); physical indices are named {@code <alias>-<timestamp>-<n>}. */
    public Builder alias(String alias) {
      Objects.requireNonNull(alias, "alias");
      if (!alias.matches("[a-z0-9][a-z0-9_.-]{0,200}")) {
        throw new IllegalArgumentException("an alias is lower-case letters, digits, '_', '.', '-': " + alias);
      }
      this.alias = alias;
      return this;
    }

    /**
     * How long one search may spend retrying (default 8 s): no retry starts once its pause would end
     * past it, so a search behind API Gateway (29 s) answers in time even while a node is down.
     * Writes and rebuilds keep retrying up to {@link #retries}.
     */
    public Builder retryBudget(Duration retryBudget) {
      Objects.requireNonNull(retryBudget, "retryBudget");
      if (retryBudget.isNegative()) {
        throw new IllegalArgumentException("retryBudget must not be negative: " + retryBudget);
      }
      this.retryBudget = retryBudget;
      return this;
    }

    /** The size of one bulk request body in bytes (default 5 MiB). */
    public Builder maxBulkBytes(int maxBulkBytes) {
      if (maxBulkBytes < 1024) {
        throw new IllegalArgumentException("maxBulkBytes must be at least 1024: " + maxBulkBytes);
      }
      this.maxBulkBytes = maxBulkBytes;
      return this;
    }

    /**
     * How often a throttled (429), failed (5xx) or unreachable request is retried (default 4), and the
     * first delay (default 200 ms), doubled on each retry.
     */
    public Builder retries(int maxRetries, Duration initialDelay) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
      }
      this.maxRetries = maxRetries;
      this.initialRetryDelay = Objects.requireNonNull(initialDelay, "initialDelay");
      return this;
    }

    /** Replicas of each new index after loading (default 1; 0 for a single-node cluster). */
    public Builder replicas(int replicas) {
      if (replicas < 0) {
        throw new IllegalArgumentException("replicas must not be negative: " + replicas);
      }
      this.replicas = replicas;
      return this;
    }

    /**
     * How many bulk requests a rebuild keeps in flight (default 2): the next request is prepared while
     * earlier ones are indexed; more requests wait (backpressure). 1 sends strictly one at a time.
     */
    public Builder bulkConcurrency(int bulkConcurrency) {
      if (bulkConcurrency < 1 || bulkConcurrency > 16) {
        throw new IllegalArgumentException("bulkConcurrency must be 1..16: " + bulkConcurrency);
      }
      this.bulkConcurrency = bulkConcurrency;
      return this;
    }

    /** Builds the index; it does not contact OpenSearch (see {@link OpenSearchCatalogueIndex#createIfMissing()}). */
    public OpenSearchCatalogueIndex build() {
      return new OpenSearchCatalogueIndex(this);
    }
  }
}
