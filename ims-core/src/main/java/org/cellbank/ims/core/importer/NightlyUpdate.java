package org.cellbank.ims.core.importer;

import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;
import org.cellbank.ims.core.db.DrainResult;
import org.cellbank.ims.core.db.OutboxDrainer;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.core.search.RebuildResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly chain: the hPSCreg import (with its ECACC availability check, when the importer has
 * one), then a drain of the search outbox so the index shows the night's changes, or, when asked, a
 * full rebuild of the index followed by a drain.
 *
 * <p>The search step runs whatever the import's outcome, as the reference runs its search rebuild
 * after a failed list: lines changed by other means still reach the index. Give the importer a
 * repository with the same search outbox the drainer reads.
 *
 * <pre>{@code
 * NightlyUpdate nightly = NightlyUpdate.create(importer, drainer)
 *     .rebuilding(index, () -> CatalogueDocuments.allVisible(lines));   // optional
 * NightlyUpdate.Result result = nightly.run(Duration.ofMinutes(12));     // import, drain
 * NightlyUpdate.Result full = nightly.run(Duration.ofMinutes(12), true); // import, rebuild, drain
 * }</pre>
 *
 * <p>Thread-safe for sequential runs.
 */
public final class NightlyUpdate {

  private static final Logger LOG = LoggerFactory.getLogger(NightlyUpdate.class);

  private final HpscregImporter importer;
  private final OutboxDrainer drainer;
  private final CatalogueIndex index;
  private final Supplier<Iterator<CatalogueDocument>> documents;

  private NightlyUpdate(HpscregImporter importer, OutboxDrainer drainer, CatalogueIndex index,
      Supplier<Iterator<CatalogueDocument>> documents) {
    this.importer = importer;
    this.drainer = drainer;
    this.index = index;
    this.documents = documents;
  }

  /** A chain of this importer and this outbox drainer. */
  public static NightlyUpdate create(HpscregImporter importer, OutboxDrainer drainer) {
    return new NightlyUpdate(Objects.requireNonNull(importer, "importer"), Objects.requireNonNull(drainer, "drainer"),
        null, null);
  }

  /**
   * This chain, able to rebuild {@code index} (the one the drainer writes to) from {@code documents}
   * (every visible line's document, read when the rebuild starts) with {@link #run(Duration, boolean)}.
   */
  public NightlyUpdate rebuilding(CatalogueIndex index, Supplier<Iterator<CatalogueDocument>> documents) {
    return new NightlyUpdate(importer, drainer, Objects.requireNonNull(index, "index"),
        Objects.requireNonNull(documents, "documents"));
  }

  /**
   * Imports within {@code importBudget}, then drains the outbox.
   *
   * @throws org.cellbank.ims.core.ImsException when the drain fails as a whole (the import's report
   *     is then only in the log and, if configured, in {@link ImportRuns})
   */
  public Result run(Duration importBudget) {
    return run(importBudget, false);
  }

  /**
   * Imports within {@code importBudget}, then, when {@code rebuild} is true, rebuilds the whole index
   * from the database, then drains the outbox (a drain after a rebuild brings in the changes made
   * while it ran).
   *
   * @throws IllegalStateException when a rebuild is asked of a chain built without
   *     {@link #rebuilding}
   * @throws org.cellbank.ims.core.ImsException when the rebuild or the drain fails as a whole (a
   *     failed rebuild leaves the old index serving)
   */
  public Result run(Duration importBudget, boolean rebuild) {
    Objects.requireNonNull(importBudget, "importBudget");
    if (rebuild && index == null) {
      throw new IllegalStateException("a rebuild was asked but this nightly update has no index to rebuild");
    }
    ImportReport report = importer.run(importBudget);
    RebuildResult rebuilt = null;
    if (rebuild) {
      LOG.info("nightly update: rebuilding the search index");
      rebuilt = index.rebuild(documents.get(), n -> LOG.debug("nightly update: {} documents loaded", n));
      LOG.info("nightly update: search index rebuilt: {} documents in {} ms into {}", rebuilt.documents(),
          rebuilt.took().toMillis(), rebuilt.indexName());
    }
    DrainResult drained = drainer.drain();
    LOG.info("nightly update: {}; search outbox drained: {}", report.summary(), drained);
    return new Result(report, rebuilt, drained);
  }

  /**
   * What a nightly update did.
   *
   * @param importReport the import's report
   * @param rebuild the full rebuild of the index, or null when none was asked
   * @param drain what the outbox drain applied to the search index
   */
  public record Result(ImportReport importReport, RebuildResult rebuild, DrainResult drain) {

    /** Validates the components. */
    public Result {
      Objects.requireNonNull(importReport, "importReport");
      Objects.requireNonNull(drain, "drain");
    }
  }
}
