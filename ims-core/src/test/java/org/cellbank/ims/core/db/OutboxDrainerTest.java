package org.cellbank.ims.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellbank.ims.core.internal.db.Tables.SEARCH_OUTBOX;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.SearchException;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.core.search.InMemoryCatalogueIndex;
import org.cellbank.ims.core.search.IndexChanges;
import org.cellbank.ims.core.search.IndexUpdate;
import org.cellbank.ims.core.search.RebuildResult;
import org.cellbank.ims.core.search.SampleLines;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.core.search.SearchResult;
import org.cellbank.ims.testkit.ImsPostgres;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxDrainerTest {

  private static DataSource db;

  private final Map<String, CellLine> lines = new ConcurrentHashMap<>();
  private final AtomicInteger sourceCalls = new AtomicInteger();
  private final Function<List<String>, Map<String, Optional<CatalogueDocument>>> documents = ids -> {
    sourceCalls.incrementAndGet();
    Map<String, Optional<CatalogueDocument>> out = new HashMap<>();
    for (String id : ids) {
      CellLine line = lines.get(id);
      if (line != null) {
        out.put(id, CatalogueDocument.ifVisible(line));
      }
    }
    return out;
  };
  private InMemoryCatalogueIndex memory;
  private SwitchableIndex index;
  private SearchOutbox outbox;

  @BeforeAll
  static void database() {
    db = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(db).migrate();
  }

  @BeforeEach
  void setUp() {
    DSL.using(db, SQLDialect.POSTGRES).deleteFrom(SEARCH_OUTBOX).execute();
    memory = InMemoryCatalogueIndex.create();
    index = new SwitchableIndex(memory);
    outbox = SearchOutbox.create(db);
  }

  private OutboxDrainer drainer() {
    return OutboxDrainer.builder().dataSource(db).index(index).documents(documents)
        .batchSize(50).backoff(Duration.ZERO, Duration.ZERO).build();
  }

  private void put(CellLine line) {
    lines.put(line.biosamplesId(), line);
    outbox.enqueueAll(List.of(line.biosamplesId()));
  }

  @Test
  void enqueue_insideARolledBackTransaction_leavesNoRow_andACommittedOneStays() throws Exception {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      outbox.enqueue(c, "SAMEA-ROLLED-BACK");
      c.rollback();
      outbox.enqueue(c, "SAMEA-COMMITTED");
      c.commit();
    }
    assertThat(outbox.pendingIds()).containsExactly("SAMEA-COMMITTED");
  }

  @Test
  void drain_upsertsVisibleLines_deletesHiddenAndMissingOnes_andMarksRowsDone() {
    put(SampleLines.ukbi008a());
    put(SampleLines.bioni010c2());
    memory.upsert(CatalogueDocument.of(SampleLines.normalControl()));
    outbox.enqueueAll(List.of(SampleLines.normalControl().biosamplesId())); // gone from the database

    DrainResult r = drainer().drain();

    assertThat(r.upserted()).isEqualTo(2);
    assertThat(r.deleted()).isEqualTo(1);
    assertThat(memory.storedHashes()).containsOnlyKeys("SAMEA2590882", "SAMEA103988285");
    assertThat(outbox.pendingCount()).isZero();
    assertThat(drainer().drain()).isEqualTo(DrainResult.EMPTY);

    put(SampleLines.ukbi008a().toBuilder().statusLog(SampleLines.status(CellLineStatus.WITHDRAWN)).build());
    assertThat(drainer().drain().deleted()).isEqualTo(1);
    assertThat(memory.storedHashes()).containsOnlyKeys("SAMEA103988285");
  }

  @Test
  void drain_coalescesRowsOfOneLine_intoOneRead() {
    for (int i = 0; i < 5; i++) {
      put(SampleLines.ukbi008a());
    }
    DrainResult r = drainer().drain();
    assertThat(r.claimed()).isEqualTo(5);
    assertThat(r.upserted()).isEqualTo(1);
    assertThat(sourceCalls).hasValue(1);
  }

  @Test
  void drain_whileTheIndexIsDown_keepsRowsPendingWithTheError_thenCatchesUpExactly() {
    put(SampleLines.ukbi008a());
    put(SampleLines.bioni010c2());
    index.down = true;

    DrainResult failed = drainer().drain();
    put(SampleLines.normalControl());
    put(SampleLines.bioni010c2().toBuilder().availableForSaleAtEcacc(false).build());
    drainer().drain();

    assertThat(failed.failed()).isEqualTo(2);
    assertThat(outbox.pendingIds()).containsExactlyInAnyOrder("SAMEA2590882", "SAMEA103988285", "SAMEA2398402");
    var rows = DSL.using(db, SQLDialect.POSTGRES).selectFrom(SEARCH_OUTBOX)
        .where(SEARCH_OUTBOX.BIOSAMPLES_ID.eq("SAMEA2590882")).fetchOne();
    assertThat(rows.getAttempts()).isEqualTo(2);
    assertThat(rows.getLastError()).contains("index down");
    assertThat(memory.storedHashes()).isEmpty();

    index.down = false;
    drainer().drain();

    assertThat(outbox.pendingCount()).isZero();
    assertThat(memory.storedHashes()).containsOnlyKeys("SAMEA2590882", "SAMEA2398402");
    assertThat(memory.storedHashes().get("SAMEA2590882")).isEqualTo(CatalogueDocument.of(SampleLines.ukbi008a()).hash());
  }

  @Test
  void drain_backsOff_soAFailedRowIsNotDueAtOnce() {
    put(SampleLines.ukbi008a());
    index.down = true;
    OutboxDrainer slow = OutboxDrainer.builder().dataSource(db).index(index).documents(documents)
        .backoff(Duration.ofHours(1), Duration.ofHours(2)).build();
    assertThat(slow.drain().failed()).isEqualTo(1);
    index.down = false;
    assertThat(slow.drain()).isEqualTo(DrainResult.EMPTY);
    assertThat(outbox.pendingCount()).isEqualTo(1);
    assertThat(slow.backoff(1)).isEqualTo(Duration.ofHours(1));
    assertThat(slow.backoff(2)).isEqualTo(Duration.ofHours(2));
    assertThat(slow.backoff(40)).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void drain_inFourThreadsAtOnce_appliesEveryLineAndLeavesNothingPending() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      CellLine line = SampleLines.ukbi008a().toBuilder().name("GEN" + i).biosamplesId(String.format("SAMEA9%05d", i)).build();
      lines.put(line.biosamplesId(), line);
      ids.add(line.biosamplesId());
    }
    outbox.enqueueAll(ids);
    outbox.enqueueAll(ids.subList(0, 100)); // duplicates
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<DrainResult>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> drainer().drain()));
      }
      for (Future<DrainResult> f : runs) {
        assertThat(f.get().failed()).isZero();
      }
    } finally {
      pool.shutdown();
    }
    drainer().drain(); // rows skipped because of another drainer's lock are due again
    assertThat(outbox.pendingCount()).isZero();
    assertThat(memory.storedHashes()).hasSize(400);
  }

  @Test
  void reconcile_findsMissingStaleAndExtraDocuments_andRepairsThemThroughTheOutbox() {
    CellLine a = SampleLines.ukbi008a();
    CellLine b = SampleLines.bioni010c2();
    CellLine c = SampleLines.normalControl();
    lines.put(a.biosamplesId(), a);
    lines.put(b.biosamplesId(), b);
    lines.put(c.biosamplesId(), c.toBuilder().availableForSaleAtEcacc(false).build());
    memory.upsert(CatalogueDocument.of(b).toBuilder().donorAge("0-4").build()); // stale
    memory.upsert(CatalogueDocument.of(c));                                      // extra: c is hidden
    memory.upsert(CatalogueDocument.builder().biosamplesId("SAMEA-GONE").name("GONE").depositor("x").build());
    CatalogueIds ids = (after, limit) -> lines.keySet().stream().sorted().filter(id -> id.compareTo(after) > 0).limit(limit).toList();

    Reconciler reconciler = Reconciler.builder().index(index).documents(documents).ids(ids).outbox(outbox)
        .drainer(drainer()).pageSize(2).build();
    ReconcileResult r = reconciler.reconcile();

    assertThat(r.missing()).containsExactly(a.biosamplesId());
    assertThat(r.stale()).containsExactly(b.biosamplesId());
    assertThat(r.extra()).containsExactlyInAnyOrder(c.biosamplesId(), "SAMEA-GONE");
    assertThat(memory.storedHashes()).containsOnly(
        Map.entry(a.biosamplesId(), CatalogueDocument.of(a).hash()),
        Map.entry(b.biosamplesId(), CatalogueDocument.of(b).hash()));
    assertThat(reconciler.reconcile().inSync()).isTrue();
  }

  /** The in-memory index behind a switch that makes it unreachable. */
  private static final class SwitchableIndex implements CatalogueIndex {
    private final CatalogueIndex delegate;
    volatile boolean down;

    SwitchableIndex(CatalogueIndex delegate) {
      this.delegate = delegate;
    }

    private void check() {
      if (down) {
        throw new SearchException("index down (connection refused)", true);
      }
    }

    @Override
    public RebuildResult rebuild(Iterator<CatalogueDocument> documents, LongConsumer progress) {
      check();
      return delegate.rebuild(documents, progress);
    }

    @Override
    public IndexUpdate apply(IndexChanges changes) {
      check();
      return delegate.apply(changes);
    }

    @Override
    public void upsert(CatalogueDocument document) {
      check();
      delegate.upsert(document);
    }

    @Override
    public void delete(String biosamplesId) {
      check();
      delegate.delete(biosamplesId);
    }

    @Override
    public SearchResult search(SearchQuery query) {
      check();
      return delegate.search(query);
    }

    @Override
    public Map<String, String> storedHashes() {
      check();
      return delegate.storedHashes();
    }

    @Override
    public void refresh() {
      check();
      delegate.refresh();
    }
  }
}
