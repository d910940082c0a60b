package org.cellbank.ims.core.importer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.db.CatalogueDocuments;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.CatalogueIds;
import org.cellbank.ims.core.db.DrainResult;
import org.cellbank.ims.core.db.OutboxDrainer;
import org.cellbank.ims.core.db.ReconcileResult;
import org.cellbank.ims.core.db.Reconciler;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.core.search.RebuildResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole nightly job, assembled from its parts: the hPSCreg import within a time budget (its
 * report stored in {@code ims.import_run}, a run that stopped on its budget continued by the next
 * one, one run at a time), the ECACC availability check when configured, then, with a search index,
 * the outbox drain, or a full rebuild followed by a drain and a reconcile (which repairs what the
 * alias swap may have lost). {@link #reconcile()} also runs on its own.
 *
 * <pre>{@code
 * NightlyJob job = NightlyJob.builder()
 *     .dataSource(dataSource)
 *     .registry(HpscregClient.builder().baseUri(uri).credentials(user, password).build())
 *     .ecaccAvailability(EcaccAvailability.builder().page(ecaccPage).build())   // optional
 *     .searchIndex(() -> index)                                                 // optional
 *     .importBudget(Duration.ofMinutes(13))
 *     .build();
 * ImportReport report = job.run(false);     // true: rebuild the index before the drain
 * }</pre>
 *
 * <p>Each step also runs on its own, for an operator or a schedule of its own: {@link #importAll()},
 * {@link #importLines(List)}, {@link #drain()}, {@link #rebuild()} and {@link #reconcile()}. A job
 * built without a registry runs only the search steps (a function that only drains, say).
 *
 * <p>With a search index, the import records every change in the search outbox in the line's own
 * transaction, and the drain needs two connections of {@code dataSource} at once (one holds the
 * claim, the other reads the lines). The index supplier is called at the start of each run that
 * needs it, not when the job is built, so an application that also serves requests only builds its
 * search client when the job first runs; it may return the same index every time.
 *
 * <p>Thread-safe for sequential runs; concurrent runs are refused by the import's lease.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

  private final HpscregImporter importer;
  private final Duration budget;
  private final CellLineRepository lines;
  private final DataSource dataSource;
  private final Supplier<CatalogueIndex> index;
  private final EcaccAvailability ecacc;

  private NightlyJob(Builder b, HpscregImporter importer, CellLineRepository lines) {
    this.importer = importer;
    this.budget = b.budget;
    this.lines = lines;
    this.dataSource = b.dataSource;
    this.index = b.index;
    this.ecacc = b.ecacc;
  }

  /** A builder; the data source and the registry are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the job drains (or rebuilds) a search index after the import. */
  public boolean updatesSearch() {
    return index != null;
  }

  /**
   * Runs the chain once: import, then (with a search index) drain, or rebuild and drain.
   *
   * @param rebuild whether to rebuild the whole index from the database before the drain
   * @return the import's report (also stored)
   * @throws IllegalStateException when a rebuild is asked of a job without a search index
   * @throws HpscregException (retryable) when the registry's list could not be read; the search
   *     step has run all the same
   * @throws org.cellbank.ims.core.ConflictException when another import run holds the lease:
   *     nothing was read or written
   * @throws org.cellbank.ims.core.ImsException when the search step fails as a whole (a failed
   *     rebuild leaves the old index serving; the outbox keeps its rows)
   */
  public ImportReport run(boolean rebuild) {
    HpscregImporter importer = importer();
    ImportReport report;
    if (index == null) {
      if (rebuild) {
        throw new IllegalStateException("a search rebuild was asked, but the nightly job has no search index");
      }
      report = importer.run(budget);
    } else {
      CatalogueIndex target = Objects.requireNonNull(index.get(), "the search index supplier returned null");
      OutboxDrainer drainer = OutboxDrainer.builder().dataSource(dataSource).index(target)
          .documents(CatalogueDocuments.source(lines)).build();
      report = NightlyUpdate.create(importer, drainer).rebuilding(target, new AllVisible(lines))
          .run(budget, rebuild).importReport();
      if (rebuild) {
        // A change drained while the rebuild swapped the alias can be lost with the old index: the
        // reconciler finds it and queues it again.
        reconcile(target, drainer);
      }
    }
    leaveEcaccWanted();
    if (report.outcome() == ImportReport.Outcome.LIST_FAILED) {
      throw new HpscregException("the nightly import could not read the hPSCreg list: " + listFailure(report), true);
    }
    return report;
  }

  /**
   * Runs the import alone, within the budget, without the search step (the import's outbox rows wait
   * for the next drain).
   *
   * @return the import's report (also stored)
   * @throws IllegalStateException when the job has no registry
   * @throws HpscregException (retryable) when the registry's list could not be read
   * @throws org.cellbank.ims.core.ConflictException when another import run holds the lease
   */
  public ImportReport importAll() {
    ImportReport report = importer().run(budget);
    leaveEcaccWanted();
    if (report.outcome() == ImportReport.Outcome.LIST_FAILED) {
      throw new HpscregException("the import could not read the hPSCreg list: " + listFailure(report), true);
    }
    return report;
  }

  /**
   * Imports the named lines alone, without reading the registry's list and without the search step.
   *
   * @param names the registry's names of the lines, e.g. {@code UKBi008-A}
   * @return the import's report (also stored); a name the registry does not know is a failed line
   * @throws IllegalStateException when the job has no registry
   * @throws org.cellbank.ims.core.ConflictException when another import run holds the lease
   */
  public ImportReport importLines(List<String> names) {
    Objects.requireNonNull(names, "names");
    ImportReport report = importer().resume(names, budget);
    leaveEcaccWanted();
    return report;
  }

  /**
   * Drains the search outbox into the index.
   *
   * @throws IllegalStateException when the job has no search index
   * @throws org.cellbank.ims.core.ImsException when the drain fails as a whole (the outbox keeps its rows)
   */
  public DrainResult drain() {
    CatalogueIndex target = index("a drain");
    DrainResult drained = drainer(target).drain();
    LOG.info("nightly job: search outbox drained: {}", drained);
    return drained;
  }

  /**
   * Rebuilds the whole index from the database into a new index behind the alias, then drains the
   * outbox and reconciles, as {@link #run(boolean) run(true)} does after its import.
   *
   * @throws IllegalStateException when the job has no search index
   * @throws org.cellbank.ims.core.ImsException when the rebuild fails (the old index keeps serving)
   */
  public RebuildResult rebuild() {
    CatalogueIndex target = index("a rebuild");
    RebuildResult rebuilt = target.rebuild(CatalogueDocuments.allVisible(lines),
        n -> LOG.debug("nightly job: {} documents loaded", n));
    LOG.info("nightly job: search index rebuilt: {} documents in {} ms into {}", rebuilt.documents(),
        rebuilt.took().toMillis(), rebuilt.indexName());
    OutboxDrainer drainer = drainer(target);
    drainer.drain();
    reconcile(target, drainer);
    return rebuilt;
  }

  /**
   * Compares the search index with the database and repairs what drifted (missing, stale and extra
   * documents, queued in the outbox and drained); a schedule of its own can run it, and a run with
   * a rebuild runs it after the rebuild.
   *
   * @throws IllegalStateException when the job has no search index
   * @throws org.cellbank.ims.core.ImsException when the index or the database cannot be read
   */
  public ReconcileResult reconcile() {
    CatalogueIndex target = index("a reconcile");
    return reconcile(target, drainer(target));
  }

  /**
   * Checks every line that has an ECACC number but is not yet flagged as available at ECACC against
   * ECACC's catalogue, and flags those it lists (each in its own write, through the search outbox
   * when the job has a search index); the import does the same for the lines it imports.
   *
   * @return how many lines were checked and how many flagged
   * @throws IllegalStateException when the job has no ECACC page
   */
  public EcaccCheck checkEcacc() {
    if (ecacc == null) {
      throw new IllegalStateException("an ECACC check was asked, but the nightly job has no ECACC page");
    }
    ecacc.begin();
    int checked = 0;
    int flagged = 0;
    int pageSize = 100;
    for (long offset = 0; ; offset += pageSize) {
      List<CellLine> page = lines.page(new PageRequest(offset, pageSize)).items();
      for (CellLine line : page) {
        if (line.ecaccId() != null && !line.availableForSaleAtEcacc()) {
          checked++;
          if (ecacc.isListed(line.ecaccId(), line.name())) {
            lines.update(line.toBuilder().availableForSaleAtEcacc(true).build());
            flagged++;
          }
        }
      }
      if (page.size() < pageSize) {
        break;
      }
    }
    LOG.info("nightly job: ECACC check of {} lines, {} newly listed", checked, flagged);
    leaveEcaccWanted();
    return new EcaccCheck(checked, flagged);
  }

  /**
   * With a staged ECACC check, leaves the lines that have an ECACC number but are not yet flagged in
   * the stage, for the next fetch step to ask ECACC about. A failure is logged, not thrown: the
   * import's own work is done and stored.
   */
  private void leaveEcaccWanted() {
    if (ecacc == null || !ecacc.isStaged()) {
      return;
    }
    try {
      List<StagedCopy.EcaccLine> wanted = new ArrayList<>();
      int pageSize = 100;
      for (long offset = 0; ; offset += pageSize) {
        List<CellLine> page = lines.page(new PageRequest(offset, pageSize)).items();
        for (CellLine line : page) {
          if (line.ecaccId() != null && !line.availableForSaleAtEcacc()) {
            wanted.add(new StagedCopy.EcaccLine(line.name(), line.ecaccId(), false));
          }
        }
        if (page.size() < pageSize) {
          break;
        }
      }
      ecacc.want(wanted);
      LOG.info("nightly job: {} lines left in the stage for the next ECACC check", wanted.size());
    } catch (RuntimeException e) {
      LOG.warn("nightly job: cannot leave the lines to check at ECACC in the stage: {}", e.getMessage());
    }
  }

  /**
   * What {@link #checkEcacc()} did.
   *
   * @param checked lines with an ECACC number not yet flagged, checked against ECACC's catalogue
   * @param flagged of those, the lines ECACC lists, now flagged as available there
   */
  public record EcaccCheck(int checked, int flagged) {}

  // The report's summary and why the list could not be read.
  private static String listFailure(ImportReport report) {
    return report.problems().isEmpty() ? report.summary() : report.problems().get(0).message() + " (" + report.summary() + ")";
  }

  /** Whether the job can import (it has a registry). */
  public boolean imports() {
    return importer != null;
  }

  private HpscregImporter importer() {
    if (importer == null) {
      throw new IllegalStateException("an import was asked, but the nightly job has no registry");
    }
    return importer;
  }

  private CatalogueIndex index(String what) {
    if (index == null) {
      throw new IllegalStateException(what + " was asked, but the nightly job has no search index");
    }
    return Objects.requireNonNull(index.get(), "the search index supplier returned null");
  }

  private OutboxDrainer drainer(CatalogueIndex target) {
    return OutboxDrainer.builder().dataSource(dataSource).index(target)
        .documents(CatalogueDocuments.source(lines)).build();
  }

  private ReconcileResult reconcile(CatalogueIndex target, OutboxDrainer drainer) {
    ReconcileResult result = Reconciler.builder()
        .index(target)
        .documents(CatalogueDocuments.source(lines))
        .ids(CatalogueIds.cellLines(dataSource))
        .outbox(SearchOutbox.create(dataSource))
        .drainer(drainer)
        .build()
        .reconcile();
    LOG.info("nightly job: reconciled {} lines with the search index: {} missing, {} stale, {} extra, repaired {}",
        result.checked(), result.missing().size(), result.stale().size(), result.extra().size(), result.drained());
    return result;
  }

  /** Every visible line's document, read when a rebuild starts. */
  private static final class AllVisible implements Supplier<Iterator<CatalogueDocument>> {
    private final CellLineRepository lines;

    AllVisible(CellLineRepository lines) {
      this.lines = lines;
    }

    @Override
    public Iterator<CatalogueDocument> get() {
      return CatalogueDocuments.allVisible(lines);
    }
  }

  /** Builds a {@link NightlyJob}. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private HpscregClient registry;
    private EcaccAvailability ecacc;
    private Supplier<CatalogueIndex> index;
    private Duration budget = Duration.ofMinutes(13);

    private Builder() {}

    /** The IMS database (required); migrated beforehand. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** The registry to import from; without one the job runs only its search steps. */
    public Builder registry(HpscregClient registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Checks each imported line not yet flagged against ECACC's catalogue; none by default. */
    public Builder ecaccAvailability(EcaccAvailability ecacc) {
      this.ecacc = Objects.requireNonNull(ecacc, "ecacc");
      return this;
    }

    /**
     * The search index to keep in step; none by default (the import then writes no outbox rows).
     * Called at the start of each run.
     */
    public Builder searchIndex(Supplier<CatalogueIndex> index) {
      this.index = Objects.requireNonNull(index, "index");
      return this;
    }

    /** The import's time budget (default 13 minutes); the search step runs after it. */
    public Builder importBudget(Duration budget) {
      Objects.requireNonNull(budget, "budget");
      if (budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("the import budget must be positive: " + budget);
      }
      this.budget = budget;
      return this;
    }

    /**
     * The job.
     *
     * @throws IllegalStateException when the data source is missing, or both the registry and the
     *     search index are (the job would have nothing to do)
     */
    public NightlyJob build() {
      if (dataSource == null) {
        throw new IllegalStateException("a nightly job needs a data source");
      }
      if (registry == null && index == null && ecacc == null) {
        throw new IllegalStateException("a nightly job needs a registry, a search index, an ECACC page or some of them");
      }
      CellLineRepository.Builder repository = CellLineRepository.builder().dataSource(dataSource);
      if (index != null) {
        repository.searchOutbox(SearchOutbox.create(dataSource));
      }
      CellLineRepository lines = repository.build();
      if (registry == null) {
        return new NightlyJob(this, null, lines);
      }
      HpscregImporter.Builder importer = HpscregImporter.builder()
          .client(registry)
          .repository(lines)
          .dataSource(dataSource)
          .runs(ImportRuns.create(dataSource));
      if (ecacc != null) {
        importer.ecaccAvailability(ecacc);
      }
      return new NightlyJob(this, importer.build(), lines);
    }
  }
}
