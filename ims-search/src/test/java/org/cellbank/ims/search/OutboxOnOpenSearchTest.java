package org.cellbank.ims.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.cellbank.ims.core.db.CatalogueIds;
import org.cellbank.ims.core.db.DrainResult;
import org.cellbank.ims.core.db.OutboxDrainer;
import org.cellbank.ims.core.db.ReconcileResult;
import org.cellbank.ims.core.db.Reconciler;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.SampleLines;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.testkit.ImsPostgres;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox, drainer and reconciler against a real PostgreSQL and a real OpenSearch node. */
class OutboxOnOpenSearchTest {

  private static DataSource db;

  /** Stands in for the repository: the lines "in the database", read by the document source. */
  private final Map<String, CellLine> lines = new ConcurrentHashMap<>();
  private final Function<List<String>, Map<String, Optional<CatalogueDocument>>> documents = ids -> {
    Map<String, Optional<CatalogueDocument>> out = new HashMap<>();
    ids.forEach(id -> Optional.ofNullable(lines.get(id)).ifPresent(l -> out.put(id, CatalogueDocument.ifVisible(l))));
    return out;
  };
  private SearchOutbox outbox;
  private OpenSearchCatalogueIndex index;

  @BeforeAll
  static void database() {
    db = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(db).migrate();
  }

  @BeforeEach
  void setUp() {
    DSL.using(db, SQLDialect.POSTGRES).deleteFrom(org.cellbank.ims.core.internal.db.Tables.SEARCH_OUTBOX).execute();
    outbox = SearchOutbox.create(db);
    index = SearchNode.newIndex();
    index.createIfMissing();
  }

  private OutboxDrainer drainer(OpenSearchCatalogueIndex target) {
    return OutboxDrainer.builder().dataSource(db).index(target).documents(documents)
        .backoff(Duration.ZERO, Duration.ZERO).build();
  }

  /** A change as a repository would make it: the domain write and the outbox row together. */
  private void write(CellLine line) {
    lines.put(line.biosamplesId(), line);
    outbox.enqueueAll(List.of(line.biosamplesId()));
  }

  private Map<String, String> expectedHashes() {
    return lines.values().stream().map(CatalogueDocument::ifVisible).flatMap(Optional::stream)
        .collect(Collectors.toMap(CatalogueDocument::biosamplesId, CatalogueDocument::hash));
  }

  @Test
  void withdrawnLine_disappearsFromSearch_afterTheDrain() {
    write(SampleLines.ukbi008a());
    write(SampleLines.bioni010c2());
    drainer(index).drain();
    assertThat(index.search(SearchQuery.builder().text("UKBi008-A").build()).ids()).containsExactly("SAMEA2590882");

    write(SampleLines.ukbi008a().toBuilder().statusLog(SampleLines.status(CellLineStatus.WITHDRAWN)).build());
    DrainResult r = drainer(index).drain();

    assertThat(r.deleted()).isEqualTo(1);
    assertThat(index.search(SearchQuery.builder().text("ukbi008").build()).total()).isZero();
    assertThat(index.search(SearchQuery.all()).ids()).containsExactly("SAMEA103988285");
  }

  @Test
  void whileTheIndexIsUnreachable_rowsStayPending_andTheDrainAfterwardsMatchesTheDatabaseExactly() {
    write(SampleLines.ukbi008a());
    drainer(index).drain();

    try (ManagedOpenSearchClient dead = OpenSearchClients.http("http://127.0.0.1:" + FreePort.closed())) {
      OpenSearchCatalogueIndex unreachable = OpenSearchCatalogueIndex.builder().client(dead.client())
          .alias(index.alias()).retries(1, Duration.ofMillis(10)).build();
      write(SampleLines.bioni010c2());
      write(SampleLines.normalControl());
      write(SampleLines.ukbi008a().toBuilder().statusLog(SampleLines.status(CellLineStatus.RECALLED)).build());
      DrainResult failed = drainer(unreachable).drain();
      assertThat(failed.failed()).isEqualTo(3);
    }
    assertThat(outbox.pendingIds()).containsExactlyInAnyOrder("SAMEA2590882", "SAMEA103988285", "SAMEA2398402");
    assertThat(index.storedHashes()).containsOnlyKeys("SAMEA2590882");

    DrainResult caughtUp = drainer(index).drain();

    assertThat(caughtUp.failed()).isZero();
    assertThat(outbox.pendingCount()).isZero();
    assertThat(index.storedHashes()).isEqualTo(expectedHashes()).containsOnlyKeys("SAMEA103988285", "SAMEA2398402");
  }

  @Test
  void reconciler_repairsADocumentDeletedAndOneChangedBehindItsBack() {
    write(SampleLines.ukbi008a());
    write(SampleLines.bioni010c2());
    write(SampleLines.normalControl());
    drainer(index).drain();
    index.delete("SAMEA2590882");
    index.upsert(CatalogueDocument.of(SampleLines.bioni010c2()).toBuilder().donorSex("male").build());
    index.upsert(CatalogueDocument.builder().biosamplesId("SAMEA-STRAY").name("STRAYi1-A").depositor("x").build());
    index.refresh();
    CatalogueIds ids = (after, limit) -> lines.keySet().stream().sorted().filter(id -> id.compareTo(after) > 0).limit(limit).toList();

    ReconcileResult r = Reconciler.builder().index(index).documents(documents).ids(ids).outbox(outbox)
        .drainer(drainer(index)).build().reconcile();

    assertThat(r.missing()).containsExactly("SAMEA2590882");
    assertThat(r.stale()).containsExactly("SAMEA103988285");
    assertThat(r.extra()).containsExactly("SAMEA-STRAY");
    assertThat(index.storedHashes()).isEqualTo(expectedHashes());
    assertThat(index.search(SearchQuery.builder().text("ukbi008").build()).total()).isEqualTo(1);
  }
}
