package org.cellbank.ims.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.cellbank.ims.core.SearchException;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.testkit.ImsOpenSearch;
import org.junit.jupiter.api.Test;

/**
 * How the index judges the real node's error answers: a failure the request caused is a fault,
 * answered at once (a 500 for the caller), and one that may pass is an outage, retried and then a
 * 503. The node is the embedded OpenSearch 2.19 node over the Apache transport, which throws for
 * 409, 429 and 5xx answers where the AWS transport returns them; both must be judged alike.
 */
class OpenSearchFailuresTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static OpenSearchCatalogueIndex indexWithOneLine() {
    OpenSearchCatalogueIndex index = SearchNode.newIndex();
    index.createIfMissing();
    index.upsert(CatalogueDocument.builder().biosamplesId("SAMEA1").name("FAILi001-A").depositor("Depositor").build());
    index.refresh();
    return index;
  }

  private static byte[] bytes(JsonNode body) throws Exception {
    return JSON.writeValueAsBytes(body);
  }

  private static void send(OpenSearchCatalogueIndex index, String method, String path, String body) {
    index.call(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json",
        Set.of(200), Long.MAX_VALUE);
  }

  @Test
  void aSearchOfSixtyFiveWords_failsOnTheNodeWith500_andIsAFaultTriedOnce() throws Exception {
    OpenSearchCatalogueIndex index = indexWithOneLine();
    // The index's own request for 32 words (the most SearchQuery allows), grown to 65 words in every
    // clause list: 65 words on 16 fields are more than the node's 1,024 clauses.
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      words.append("word").append(i).append(' ');
    }
    ObjectNode body = SearchRequests.body(JSON, SearchQuery.builder().text(words.toString().trim()).build(), 10);
    int grown = 0;
    for (JsonNode must : body.findValues("must")) {
      ArrayNode clauses = (ArrayNode) must;
      JsonNode first = clauses.get(0);
      for (int i = 32; i < 65; i++) {
        ObjectNode copy = first.deepCopy();
        ((ObjectNode) copy.get("multi_match")).put("query", "word" + i);
        clauses.add(copy);
      }
      grown++;
    }
    assertThat(grown).as("clause lists grown").isGreaterThan(1);

    assertThatThrownBy(() -> index.call("POST", "/" + index.alias() + "/_search", bytes(body), "application/json",
            Set.of(200), Long.MAX_VALUE))
        .isInstanceOfSatisfying(SearchException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("too_many_nested_clauses")
        .hasMessageNotContaining("gave up");
  }

  @Test
  void aQueryTheNodeCannotParse_isAFault() {
    OpenSearchCatalogueIndex index = indexWithOneLine();
    assertThatThrownBy(() -> send(index, "POST", "/" + index.alias() + "/_search",
            "{\"query\":{\"query_string\":{\"query\":\"name:(\"}}}"))
        .isInstanceOfSatisfying(SearchException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("HTTP 400")
        .hasMessageNotContaining("gave up");
  }

  @Test
  void aClosedIndex_isAnOutage_retriedThenRetryable() {
    OpenSearchCatalogueIndex index = indexWithOneLine();
    send(index, "POST", "/" + index.alias() + "/_close", null);
    assertThatThrownBy(() -> index.search(SearchQuery.all()))
        .isInstanceOfSatisfying(SearchException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("index_closed_exception")
        .hasMessageContaining("gave up after 3 tries");
  }

  @Test
  void aReadBlockedIndex_isAnOutage_retriedThenRetryable() {
    OpenSearchCatalogueIndex index = indexWithOneLine();
    send(index, "PUT", "/" + index.alias() + "/_settings", "{\"index.blocks.read\":true}");
    try {
      assertThatThrownBy(() -> index.search(SearchQuery.all()))
          .isInstanceOfSatisfying(SearchException.class, e -> assertThat(e.retryable()).isTrue())
          .hasMessageContaining("cluster_block_exception")
          .hasMessageContaining("gave up after 3 tries");
    } finally {
      send(index, "PUT", "/" + index.alias() + "/_settings", "{\"index.blocks.read\":false}");
    }
    assertThat(index.search(SearchQuery.all()).total()).as("found once the block is lifted").isEqualTo(1);
  }

  @Test
  void anIndexWithoutAssignedShards_isAnOutage_retriedThenRetryable() {
    // Its own client: the Apache transport marks the node dead after a 503.
    try (ManagedOpenSearchClient own = OpenSearchClients.http(ImsOpenSearch.shared().httpUrl())) {
      OpenSearchCatalogueIndex index = OpenSearchCatalogueIndex.builder().client(own.client())
          .alias("unassigned-" + ProcessHandle.current().pid()).retries(2, Duration.ofMillis(50)).build();
      send(index, "PUT", "/" + index.alias() + "-1?wait_for_active_shards=0", "{\"settings\":{\"number_of_replicas\":0,"
          + "\"index.routing.allocation.require._name\":\"no-such-node\"},\"aliases\":{\"" + index.alias() + "\":{}}}");
      assertThatThrownBy(() -> index.search(SearchQuery.all()))
          .isInstanceOfSatisfying(SearchException.class, e -> assertThat(e.retryable()).isTrue())
          .hasMessageContaining("HTTP 503")
          .hasMessageContaining("gave up after 3 tries");
    }
  }
}
