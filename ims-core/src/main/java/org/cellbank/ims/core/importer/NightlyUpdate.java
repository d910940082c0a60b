package org.cellbank.ims.core.importer;

import java.time.Duration;
import java.util.Objects;
import org.cellbank.ims.core.search.DrainResult;
import org.cellbank.ims.core.search.OutboxDrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly chain: the hPSCreg import (with its ECACC availability check, when the importer has
 * one), then a drain of the search outbox so the index shows the night's changes.
 *
 * <p>The drain runs whatever the import's outcome, as the reference runs its search rebuild after a
 * failed list: lines changed by other means still reach the index. Give the importer a repository
 * with the same search outbox the drainer reads.
 *
 * <pre>{@code
 * NightlyUpdate nightly = NightlyUpdate.create(importer, drainer);
 * NightlyUpdate.Result result = nightly.run(Duration.ofMinutes(12));
 * }</pre>
 *
 * <p>Thread-safe for sequential runs.
 */
public final class NightlyUpdate {

  private static final Logger LOG = LoggerFactory.getLogger(NightlyUpdate.class);

  private final HpscregImporter importer;
  private final OutboxDrainer drainer;

  private NightlyUpdate(HpscregImporter importer, OutboxDrainer drainer) {
    this.importer = importer;
    this.drainer = drainer;
  }

  /** A chain of this importer and this outbox drainer. */
  public static NightlyUpdate create(HpscregImporter importer, OutboxDrainer drainer) {
    return new NightlyUpdate(Objects.requireNonNull(importer, "importer"), Objects.requireNonNull(drainer, "drainer"));
  }

  /**
   * Imports within {@code importBudget}, then drains the outbox.
   *
   * @throws org.cellbank.ims.core.ImsException when the drain fails as a whole (the import's report
   *     is then only in the log and, if configured, in {@link ImportRuns})
   */
  public Result run(Duration importBudget) {
    Objects.requireNonNull(importBudget, "importBudget");
    ImportReport report = importer.run(importBudget);
    DrainResult drained = drainer.drain();
    LOG.info("nightly update: {}; search outbox drained: {}", report.summary(), drained);
    return new Result(report, drained);
  }

  /**
   * What a nightly update did.
   *
   * @param importReport the import's report
   * @param drain what the outbox drain applied to the search index
   */
  public record Result(ImportReport importReport, DrainResult drain) {

    /** Validates the components. */
    public Result {
      Objects.requireNonNull(importReport, "importReport");
      Objects.requireNonNull(drain, "drain");
    }
  }
}
