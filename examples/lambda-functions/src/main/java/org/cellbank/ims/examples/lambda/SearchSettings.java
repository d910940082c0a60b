package org.cellbank.ims.examples.lambda;

import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.core.search.IndexChanges;
import org.cellbank.ims.core.search.IndexUpdate;
import org.cellbank.ims.core.search.RebuildResult;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.core.search.SearchResult;
import org.cellbank.ims.search.ManagedOpenSearchClient;
import org.cellbank.ims.search.OpenSearchCatalogueIndex;
import org.cellbank.ims.search.OpenSearchClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where the search index is ({@code IMS_OPENSEARCH_URL} or {@code IMS_OPENSEARCH_HOST},
 * {@code IMS_OPENSEARCH_INDEX}, {@code IMS_OPENSEARCH_REPLICAS}): plain values, read at init; the
 * client is built on first use and kept for the container's life (never closed: Lambda freezes it).
 * Only in the packages with the search client (the job and search packages).
 */
final class SearchSettings implements Supplier<CatalogueIndex> {
  private static final Logger LOG = LoggerFactory.getLogger(SearchSettings.class);

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

  /** Whether the environment names a search index. */
  static boolean configured(Map<String, String> env) {
    return FunctionSettings.present(env, "IMS_OPENSEARCH_URL") || FunctionSettings.present(env, "IMS_OPENSEARCH_HOST");
  }

  /**
   * The settings, or null when the environment names no search index.
   *
   * @throws IllegalStateException when a setting is malformed or both kinds of endpoint are set
   */
  static SearchSettings of(Map<String, String> env) {
    boolean url = FunctionSettings.present(env, "IMS_OPENSEARCH_URL");
    boolean host = FunctionSettings.present(env, "IMS_OPENSEARCH_HOST");
    if (!url && !host) {
      return null;
    }
    if (url && host) {
      throw new IllegalStateException("set IMS_OPENSEARCH_URL (plain HTTP) or IMS_OPENSEARCH_HOST (SigV4), not both");
    }
    if (host && !FunctionSettings.present(env, "AWS_REGION")) {
      throw new IllegalStateException("IMS_OPENSEARCH_HOST needs AWS_REGION, the region of the domain");
    }
    if (url) {
      URI uri = URI.create(env.get("IMS_OPENSEARCH_URL").strip());
      if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalStateException("IMS_OPENSEARCH_URL must name a scheme, host and port, e.g. "
            + "http://10.0.1.5:9200: " + uri);
      }
    }
    long replicas = FunctionSettings.number(env, "IMS_OPENSEARCH_REPLICAS", "1");
    if (replicas < 0 || replicas > 5) {
      throw new IllegalStateException("IMS_OPENSEARCH_REPLICAS must be between 0 and 5: " + replicas);
    }
    return new SearchSettings(url ? env.get("IMS_OPENSEARCH_URL").strip() : null,
        host ? env.get("IMS_OPENSEARCH_HOST").strip() : null, host ? env.get("AWS_REGION").strip() : null,
        FunctionSettings.present(env, "IMS_OPENSEARCH_INDEX") ? env.get("IMS_OPENSEARCH_INDEX").strip() : "ims-catalogue",
        (int) replicas);
  }

  /** The index over a client built on the first call, kept for the container's life. */
  synchronized OpenSearchCatalogueIndex index() {
    if (index == null) {
      ManagedOpenSearchClient client = url != null ? OpenSearchClients.http(url)
          : OpenSearchClients.awsSigV4(host, Region.of(region), DefaultCredentialsProvider.builder().build());
      LOG.info("search index {} at {}", alias, url != null ? url : host);
      index = OpenSearchCatalogueIndex.builder().client(client.client()).alias(alias).replicas(replicas).build();
    }
    return index;
  }

  /**
   * For the HTTP function's search route: an index whose client is built when the first search
   * arrives, so that init and the detail route load none of the search client's classes.
   */
  CatalogueIndex onFirstUse() {
    return new OnFirstUse(this);
  }

  /**
   * For the nightly job: the index, with an empty one behind the alias when it has none (an
   * unreachable index is only logged).
   */
  @Override
  public CatalogueIndex get() {
    OpenSearchCatalogueIndex target = index();
    try {
      target.createIfMissing();
    } catch (ImsException e) {
      // The import goes on; the drain leaves the outbox rows for a later try.
      LOG.warn("nightly job: cannot reach the search index {}: {}", alias, e.getMessage());
    }
    return target;
  }

  /** Delegates to the index built on the first call. */
  private static final class OnFirstUse implements CatalogueIndex {
    private final SearchSettings settings;

    OnFirstUse(SearchSettings settings) {
      this.settings = settings;
    }

    @Override
    public RebuildResult rebuild(Iterator<CatalogueDocument> documents, LongConsumer progress) {
      return settings.index().rebuild(documents, progress);
    }

    @Override
    public IndexUpdate apply(IndexChanges changes) {
      return settings.index().apply(changes);
    }

    @Override
    public void upsert(CatalogueDocument document) {
      settings.index().upsert(document);
    }

    @Override
    public void delete(String biosamplesId) {
      settings.index().delete(biosamplesId);
    }

    @Override
    public SearchResult search(SearchQuery query) {
      return settings.index().search(query);
    }

    @Override
    public Map<String, String> storedHashes() {
      return settings.index().storedHashes();
    }

    @Override
    public void refresh() {
      settings.index().refresh();
    }
  }
}
