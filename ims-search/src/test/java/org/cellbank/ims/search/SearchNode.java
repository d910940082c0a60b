package org.cellbank.ims.search;

import java.util.concurrent.atomic.AtomicInteger;
import org.cellbank.ims.testkit.ImsOpenSearch;

/** The test JVM's OpenSearch node and one client for it, shared by the test classes. */
final class SearchNode {

  private static final AtomicInteger ALIASES = new AtomicInteger();
  private static volatile ManagedOpenSearchClient client;

  private SearchNode() {}

  static synchronized ManagedOpenSearchClient client() {
    if (client == null) {
      client = OpenSearchClients.http(ImsOpenSearch.shared().httpUrl());
    }
    return client;
  }

  /** An index under a new alias (no physical index yet), single-node settings, quick retries. */
  static OpenSearchCatalogueIndex newIndex() {
    return OpenSearchCatalogueIndex.builder().client(client().client())
        .alias("test-catalogue-" + ALIASES.incrementAndGet()).replicas(0)
        .retries(2, java.time.Duration.ofMillis(50)).build();
  }
}
