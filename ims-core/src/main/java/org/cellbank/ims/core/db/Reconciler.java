package org.cellbank.ims.core.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and repairs drift between the database and the search index: documents missing from the
 * index, stale ones (their stored {@linkplain CatalogueDocument#hash() hash} differs), and extra ones
 * (the line is invisible or gone).
 *
 * <p>It pages through every line id, reads the current documents through the same document source as
 * the {@link OutboxDrainer}, and compares them with {@link CatalogueIndex#storedHashes()}. It does not
 * write to the index itself: it enqueues the drifted ids in the {@link SearchOutbox} and, when given a
 * drainer, drains it, so repairs go through the drainer's per-line locking and retries and never race
 * a concurrent change. Run it nightly and after an outage.
 *
 * <p>Thread-safe; running it twice at once only enqueues some ids twice.
 */
public final class Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final CatalogueIndex index;
  private final Function<List<String>, Map<String, Optional<CatalogueDocument>>> documents;
  private final CatalogueIds ids;
  private final SearchOutbox outbox;
  private final OutboxDrainer drainer;
  private final int pageSize;

  private Reconciler(Builder b) {
    this.index = Objects.requireNonNull(b.index, "index");
    this.documents = Objects.requireNonNull(b.documents, "documents");
    this.ids = Objects.requireNonNull(b.ids, "ids");
    this.outbox = Objects.requireNonNull(b.outbox, "outbox");
    this.drainer = b.drainer;
    this.pageSize = b.pageSize;
  }

  /** Returns a builder; index, documents, ids and outbox are required, the drainer is optional. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Compares the database with the index, enqueues every drifted id, and drains when a drainer is set.
   *
   * @throws org.cellbank.ims.core.SearchException when the index cannot be read
   * @throws org.cellbank.ims.core.DatabaseException when the database cannot be read
   */
  public ReconcileResult reconcile() {
    Map<String, String> stored = new HashMap<>(index.storedHashes());
    List<String> missing = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    long checked = 0;
    String after = "";
    while (true) {
      List<String> page = ids.page(after, pageSize);
      if (page.isEmpty()) {
        break;
      }
      checked += page.size();
      compare(page, stored, missing, stale, extra);
      after = page.get(page.size() - 1);
      if (page.size() < pageSize) {
        break;
      }
    }
    // What remains in the index is unknown to the database: ask the source once more (a line may
    // have been inserted since its page was read), else it goes.
    List<String> leftovers = new ArrayList<>(stored.keySet());
    for (int i = 0; i < leftovers.size(); i += pageSize) {
      List<String> page = leftovers.subList(i, Math.min(i + pageSize, leftovers.size()));
      checked += page.size();
      compare(page, stored, missing, stale, extra);
    }
    Set<String> drifted = new LinkedHashSet<>(missing);
    drifted.addAll(stale);
    drifted.addAll(extra);
    outbox.enqueueAll(drifted);
    DrainResult drained = drainer != null && !drifted.isEmpty() ? drainer.drain() : DrainResult.EMPTY;
    if (!drifted.isEmpty()) {
      LOG.warn("Search index drift repaired: {} missing, {} stale, {} extra of {} checked",
          missing.size(), stale.size(), extra.size(), checked);
    }
    return new ReconcileResult(checked, missing, stale, extra, drained);
  }

  private void compare(List<String> page, Map<String, String> stored, List<String> missing, List<String> stale,
      List<String> extra) {
    Map<String, Optional<CatalogueDocument>> docs = Objects.requireNonNull(documents.apply(List.copyOf(page)),
        "the document source returned null");
    for (String id : page) {
      Optional<CatalogueDocument> doc = docs.getOrDefault(id, Optional.empty());
      String storedHash = stored.remove(id);
      if (doc.isPresent()) {
        if (storedHash == null) {
          missing.add(id);
        } else if (!storedHash.equals(doc.get().hash())) {
          stale.add(id);
        }
      } else if (storedHash != null) {
        extra.add(id);
      }
    }
  }

  /** Builds a {@link Reconciler}. Not thread-safe. */
  public static final class Builder {
    private CatalogueIndex index;
    private Function<List<String>, Map<String, Optional<CatalogueDocument>>> documents;
    private CatalogueIds ids;
    private SearchOutbox outbox;
    private OutboxDrainer drainer;
    private int pageSize = 500;

    private Builder() {}

    /** The index to check. */
    public Builder index(CatalogueIndex index) {
      this.index = Objects.requireNonNull(index, "index");
      return this;
    }

    /** The document source (the same as the drainer's). */
    public Builder documents(Function<List<String>, Map<String, Optional<CatalogueDocument>>> documents) {
      this.documents = Objects.requireNonNull(documents, "documents");
      return this;
    }

    /** Every line id in the database, e.g. {@link CatalogueIds#cellLines}. */
    public Builder ids(CatalogueIds ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Where drifted ids are queued. */
    public Builder outbox(SearchOutbox outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      return this;
    }

    /** Drains the outbox after queueing (optional). */
    public Builder drainer(OutboxDrainer drainer) {
      this.drainer = Objects.requireNonNull(drainer, "drainer");
      return this;
    }

    /** Ids per page (default 500). */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1) {
        throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /** Builds the reconciler. */
    public Reconciler build() {
      return new Reconciler(this);
    }
  }
}
