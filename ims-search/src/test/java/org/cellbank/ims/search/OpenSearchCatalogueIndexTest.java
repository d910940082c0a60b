package org.cellbank.ims.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.cellbank.ims.core.SearchException;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.core.search.CatalogueIndexContract;
import org.cellbank.ims.core.search.RebuildResult;
import org.cellbank.ims.core.search.SearchQuery;
import org.junit.jupiter.api.Test;

class OpenSearchCatalogueIndexTest extends CatalogueIndexContract {

  private OpenSearchCatalogueIndex openSearch;

  @Override
  protected CatalogueIndex newIndex() {
    openSearch = SearchNode.newIndex();
    return openSearch;
  }

  private static List<CatalogueDocument> generated(int n, String prefix) {
    List<CatalogueDocument> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs.add(CatalogueDocument.builder().biosamplesId(String.format("SAMEA%s%06d", prefix, i))
          .name(String.format("GENi%03d-%s", i % 1000, prefix)).depositor("Generated Institute")
          .donorSex(i % 2 == 0 ? "male" : "female").allGenetics(List.of("gene" + i)).build());
    }
    return docs;
  }

  @Test
  void rebuild_swapsTheAliasToANewIndex_andDeletesTheOldOne() {
    List<String> before = openSearch.currentIndices();
    List<Long> progress = new ArrayList<>();
    RebuildResult r = openSearch.rebuild(generated(2000, "B").iterator(), progress::add);

    assertThat(openSearch.currentIndices()).containsExactly(r.indexName()).doesNotContainAnyElementsOf(before);
    assertThat(r.indexName()).startsWith(openSearch.alias() + "-");
    assertThat(r.documents()).isEqualTo(2000);
    assertThat(progress).isSorted().last().isEqualTo(2000L);
    assertThat(openSearch.search(SearchQuery.all()).total()).isEqualTo(2000);
  }

  @Test
  void rebuild_inSmallBulkRequests_loadsEverything() {
    OpenSearchCatalogueIndex small = OpenSearchCatalogueIndex.builder().client(SearchNode.client().client())
        .alias(openSearch.alias()).replicas(0).maxBulkBytes(4096).build();
    List<Long> progress = new ArrayList<>();
    small.rebuild(generated(300, "S").iterator(), progress::add);
    assertThat(progress.size()).as("one progress call per bulk request").isGreaterThan(10);
    assertThat(small.search(SearchQuery.all()).total()).isEqualTo(300);
  }

  @Test
  void rebuild_thatFailsHalfway_leavesTheOldIndexInPlace() {
    List<String> before = openSearch.currentIndices();
    Iterator<CatalogueDocument> failing = new Iterator<>() {
      private int n;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public CatalogueDocument next() {
        if (++n > 100) {
          throw new IllegalStateException("database went away");
        }
        return generated(1, "F" + n).get(0);
      }
    };
    assertThatThrownBy(() -> openSearch.rebuild(failing, n -> { })).hasMessageContaining("database went away");
    assertThat(openSearch.currentIndices()).isEqualTo(before);
    assertThat(openSearch.search(SearchQuery.all()).total()).isEqualTo(dataset.size());
  }

  @Test
  void searchesDuringARebuild_alwaysSeeACompleteIndex() throws Exception {
    List<CatalogueDocument> full = generated(1000, "R");
    openSearch.rebuild(full.iterator(), n -> { });
    AtomicBoolean rebuilding = new AtomicBoolean(true);
    AtomicLong smallest = new AtomicLong(Long.MAX_VALUE);
    AtomicLong searches = new AtomicLong();
    List<Throwable> errors = new ArrayList<>();
    Thread searcher = new Thread(() -> {
      // Bounded: stops when the rebuilds end or after 100,000 searches.
      while (rebuilding.get() && searches.get() < 100_000) {
        try {
          long total = openSearch.search(SearchQuery.builder().page(0, 0).build()).total();
          smallest.accumulateAndGet(total, Math::min);
          searches.incrementAndGet();
        } catch (RuntimeException e) {
          synchronized (errors) {
            errors.add(e);
          }
          return;
        }
      }
    });
    searcher.start();
    try {
      for (int i = 0; i < 2; i++) {
        openSearch.rebuild(full.iterator(), n -> { });
      }
    } finally {
      rebuilding.set(false);
      searcher.join();
    }
    assertThat(errors).isEmpty();
    assertThat(searches.get()).isPositive();
    assertThat(smallest.get()).isEqualTo(1000);
  }

  @Test
  void createIfMissing_putsAnEmptyIndexBehindANewAlias_andKeepsAnExistingOne() {
    OpenSearchCatalogueIndex fresh = SearchNode.newIndex();
    assertThat(fresh.currentIndices()).isEmpty();
    fresh.createIfMissing();
    List<String> created = fresh.currentIndices();
    fresh.createIfMissing();
    assertThat(created).hasSize(1).isEqualTo(fresh.currentIndices());
    fresh.upsert(CatalogueDocument.of(org.cellbank.ims.core.search.SampleLines.ukbi008a()));
    fresh.refresh();
    assertThat(fresh.search(SearchQuery.builder().text("ukbi008").build()).total()).isEqualTo(1);
  }

  @Test
  void unreachableNode_failsWithARetryableSearchException() {
    try (ManagedOpenSearchClient dead = OpenSearchClients.http("http://127.0.0.1:" + FreePort.closed())) {
      OpenSearchCatalogueIndex index = OpenSearchCatalogueIndex.builder().client(dead.client()).alias("dead")
          .retries(1, java.time.Duration.ofMillis(10)).build();
      assertThatThrownBy(() -> index.search(SearchQuery.all()))
          .isInstanceOfSatisfying(SearchException.class, e -> assertThat(e.retryable()).isTrue());
    }
  }

  @Test
  void searchOnAMissingAlias_failsWithoutRetry() {
    OpenSearchCatalogueIndex missing = OpenSearchCatalogueIndex.builder().client(SearchNode.client().client())
        .alias("no-such-alias").build();
    assertThatThrownBy(() -> missing.search(SearchQuery.all()))
        .isInstanceOfSatisfying(SearchException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("404");
  }
}
