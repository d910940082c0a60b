package org.cellbank.ims.examples.lambda;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.importer.EcaccAvailability;
import org.cellbank.ims.core.importer.HpscregClient;
import org.cellbank.ims.core.importer.NightlyJob;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.lambda.ScheduledEvent;
import org.cellbank.ims.lambda.ScheduledJob;
import org.cellbank.ims.search.ManagedOpenSearchClient;
import org.cellbank.ims.search.OpenSearchCatalogueIndex;
import org.cellbank.ims.search.OpenSearchClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import org.cellbank.ims.http.BadRequestException;
import org.cellbank.ims.http.internal.text.LogText;

/**
 * The Lambda function's scheduled job: the library's {@link NightlyScheduledJob} run by an EventBridge
 * schedule, assembled from environment variables.
 *
 * <ol>
 *   <li>the hPSCreg import within a time budget, storing its report in {@code ims.import_run}; a run
 *       that stops on its budget is continued by the next invocation ({@link org.cellbank.ims.core.importer.HpscregImporter#run});
 *   <li>with {@code IMS_ECACC_URL}, the ECACC availability check of every imported line not yet
 *       flagged, in the same write as the line;
 *   <li>with a search index ({@code IMS_OPENSEARCH_URL} or {@code IMS_OPENSEARCH_HOST}), the search
 *       outbox drain, or, when the event's {@code detail} holds {@code "rebuild": true}, a full
 *       rebuild of the index from the database followed by a drain.
 * </ol>
 *
 * <p>Environment ({@code IMS_HPSCREG_URL} is what turns the job on; the rest is optional):
 * <ul>
 *   <li>{@code IMS_HPSCREG_URL}: the hPSCreg export URL; {@code IMS_HPSCREG_USER},
 *       {@code IMS_HPSCREG_PASSWORD}: its HTTP Basic credentials;
 *   <li>{@code IMS_IMPORT_BUDGET_MINUTES}: the import's time budget (default 13, at most 14: Lambda
 *       stops a function after 15 minutes, and the search step needs the rest);
 *   <li>{@code IMS_ECACC_URL}: ECACC's product page, queried with {@code ?refId=<number>&collection=ecacc_ipsc},
 *       e.g. {@code http://www.phe-culturecollections.org.uk/products/celllines/ipsc/detail.jsp};
 *   <li>{@code IMS_OPENSEARCH_URL}: a node or domain reached over plain HTTP(S) without signing,
 *       e.g. {@code http://10.0.1.5:9200}; or {@code IMS_OPENSEARCH_HOST}: an Amazon OpenSearch
 *       Service endpoint without scheme, signed with SigV4 with the function's role in
 *       {@code AWS_REGION} (set by Lambda). Not both. Either needs {@code IMS_DB_POOL_SIZE} 2 (the
 *       default): the drain holds one connection for its claim and reads lines on the other;
 *   <li>{@code IMS_OPENSEARCH_INDEX}: the index alias (default {@code ims-catalogue});
 *       {@code IMS_OPENSEARCH_REPLICAS}: replicas of a rebuilt index (default 1).
 * </ul>
 *
 * <p>Only the settings are read at init, so a container that serves HTTP requests never opens a
 * search client: the client is built on the first scheduled event and kept for the container's
 * life. The invocation fails (Lambda records an error, EventBridge may retry) when the registry's
 * list cannot be read, when the search step fails as a whole, or when a rebuild is asked of a
 * function without a search index; failed lines are in the stored report, not errors.
 */
public final class NightlyScheduledJob implements ScheduledJob {

  private static final Logger LOG = LoggerFactory.getLogger(NightlyScheduledJob.class);
  private static final String DEFAULT_BUDGET_MINUTES = "13";

  private final NightlyJob job;

  private NightlyScheduledJob(NightlyJob job) {
    this.job = job;
  }

  /**
   * The job described by {@code env} over {@code dataSource}, importing from {@code registry}.
   *
   * @throws IllegalStateException when a setting is malformed or the settings do not fit together
   */
  public static NightlyScheduledJob fromEnvironment(Map<String, String> env, DataSource dataSource, URI registry) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(registry, "registry");
    long minutes = number(env, "IMS_IMPORT_BUDGET_MINUTES", DEFAULT_BUDGET_MINUTES);
    if (minutes < 1 || minutes > 14) {
      throw new IllegalStateException("IMS_IMPORT_BUDGET_MINUTES must be between 1 and 14: " + minutes);
    }
    SearchSettings search = SearchSettings.of(env);
    if (search != null && number(env, "IMS_DB_POOL_SIZE", "2") < 2) {
      throw new IllegalStateException("the search outbox drain needs IMS_DB_POOL_SIZE=2: it holds one connection"
          + " for its claim and reads the lines on the other");
    }
    HpscregClient.Builder client = HpscregClient.builder().baseUri(registry);
    if (present(env, "IMS_HPSCREG_USER")) {
      client.credentials(env.get("IMS_HPSCREG_USER"), env.getOrDefault("IMS_HPSCREG_PASSWORD", ""));
    }
    NightlyJob.Builder job = NightlyJob.builder()
        .dataSource(dataSource)
        .registry(client.build())
        .importBudget(Duration.ofMinutes(minutes));
    if (present(env, "IMS_ECACC_URL")) {
      job.ecaccAvailability(EcaccAvailability.builder().page(URI.create(env.get("IMS_ECACC_URL").strip())).build());
    }
    if (search != null) {
      job.searchIndex(search);
    }
    return new NightlyScheduledJob(job.build());
  }

  /** Whether the job drains (or rebuilds) a search index after the import. */
  public boolean updatesSearch() {
    return job.updatesSearch();
  }

  /**
   * Runs the chain for one scheduled event: import, then drain, or rebuild, drain and reconcile when
   * the event's {@code detail} holds {@code "rebuild": true}; with {@code "job": "reconcile"}, only
   * the reconcile (a schedule of its own, for instance after an outage).
   *
   * @throws RuntimeException when the list could not be read, the search step failed, a rebuild was
   *     asked without a search index, or another import run is working (a
   *     {@link org.cellbank.ims.core.ConflictException}: nothing was read or written); see
   *     {@link NightlyJob#run(boolean)}
   */
  @Override
  public void run(ScheduledEvent event) {
    String name = event.detailString("job").orElse("nightly");
    if (name.equals("reconcile")) {
      if (!job.updatesSearch()) {
        throw new IllegalStateException("a reconcile was asked, but the function has no search index "
            + "(set IMS_OPENSEARCH_URL or IMS_OPENSEARCH_HOST)");
      }
      job.reconcile();
      return;
    }
    if (!name.equals("nightly")) {
      throw new BadRequestException("unknown job " + LogText.escape(name) + "; known: nightly, reconcile");
    }
    boolean rebuild = event.detailBoolean("rebuild").orElse(false);
    if (rebuild && !job.updatesSearch()) {
      throw new IllegalStateException("a search rebuild was asked, but the function has no search index "
          + "(set IMS_OPENSEARCH_URL or IMS_OPENSEARCH_HOST)");
    }
    job.run(rebuild);
  }

  private static boolean present(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }

  private static long number(Map<String, String> env, String name, String fallback) {
    String value = present(env, name) ? env.get(name).strip() : fallback;
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(name + " must be a whole number: " + value, e);
    }
  }

  /**
   * Where the search index is: plain values, read at init; as a supplier, the index, built on the
   * first run and kept for the container's life.
   */
  private static final class SearchSettings implements Supplier<CatalogueIndex> {
    private final String url;
    private final String host;
    private final String region;
    private final String alias;
    private final int replicas;
    private OpenSearchCatalogueIndex index;

    private SearchSettings(String url, String host, String region, String alias, int replicas) {
      this.url = url;
      this.host = host;
      this.region = region;
      this.alias = alias;
      this.replicas = replicas;
    }

    /** The index, with an empty one behind the alias when it has none (an unreachable index is only logged). */
    @Override
    public synchronized CatalogueIndex get() {
      if (index == null) {
        index = OpenSearch.index(this);
      }
      try {
        index.createIfMissing();
      } catch (ImsException e) {
        // The import goes on; the drain leaves the outbox rows for a later try.
        LOG.warn("nightly job: cannot reach the search index {}: {}", alias, e.getMessage());
      }
      return index;
    }

    /** The settings, or null when the environment names no search index. */
    static SearchSettings of(Map<String, String> env) {
      boolean url = present(env, "IMS_OPENSEARCH_URL");
      boolean host = present(env, "IMS_OPENSEARCH_HOST");
      if (!url && !host) {
        return null;
      }
      if (url && host) {
        throw new IllegalStateException("set IMS_OPENSEARCH_URL (plain HTTP) or IMS_OPENSEARCH_HOST (SigV4), not both");
      }
      if (host && !present(env, "AWS_REGION")) {
        throw new IllegalStateException("IMS_OPENSEARCH_HOST needs AWS_REGION, the region of the domain");
      }
      if (url) {
        URI uri = URI.create(env.get("IMS_OPENSEARCH_URL").strip());
        if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
          throw new IllegalStateException("IMS_OPENSEARCH_URL must name a scheme, host and port, e.g. "
              + "http://10.0.1.5:9200: " + uri);
        }
      }
      long replicas = number(env, "IMS_OPENSEARCH_REPLICAS", "1");
      if (replicas < 0 || replicas > 5) {
        throw new IllegalStateException("IMS_OPENSEARCH_REPLICAS must be between 0 and 5: " + replicas);
      }
      return new SearchSettings(url ? env.get("IMS_OPENSEARCH_URL").strip() : null,
          host ? env.get("IMS_OPENSEARCH_HOST").strip() : null, host ? env.get("AWS_REGION").strip() : null,
          present(env, "IMS_OPENSEARCH_INDEX") ? env.get("IMS_OPENSEARCH_INDEX").strip() : "ims-catalogue",
          (int) replicas);
    }
  }

  /**
   * The OpenSearch client's side: only loaded on the first scheduled event, so a container that
   * only serves HTTP requests never loads the client's classes.
   */
  private static final class OpenSearch {
    private OpenSearch() {}

    /** An index over a new client, kept for the container's life (never closed: Lambda freezes it). */
    static OpenSearchCatalogueIndex index(SearchSettings s) {
      ManagedOpenSearchClient client = s.url != null ? OpenSearchClients.http(s.url)
          : OpenSearchClients.awsSigV4(s.host, Region.of(s.region), DefaultCredentialsProvider.builder().build());
      LOG.info("nightly job: search index {} at {}", s.alias, s.url != null ? s.url : s.host);
      OpenSearchCatalogueIndex index = OpenSearchCatalogueIndex.builder().client(client.client()).alias(s.alias)
          .replicas(s.replicas).build();
      return index;
    }
  }
}
