package org.cellbank.ims.core.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.DatabaseException;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.importer.HpscregDocument.KeptPart;
import org.cellbank.ims.core.importer.ImportReport.LineProblem;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.CultureConditions;
import org.cellbank.ims.core.model.Derivation;
import org.cellbank.ims.core.model.Donor;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronises the catalogue with the hPSCreg registry: the nightly import.
 *
 * <p>For every name in the registry's list it reads the detail document, parses it and matches the
 * line by BioSamples id (so a renamed line keeps its row, ECACC number, statuses and batches).
 * A new line is inserted with the next ECACC catalogue number and the initial status
 * {@code not_available} ("Initial value at first import"), in the same transaction as its data. A
 * stored line keeps the biobank's own data (ECACC number, availability flags, status log, CLIPs,
 * batches) and takes the registry's for the rest; with an {@link EcaccAvailability} check, a line
 * ECACC lists gets its "available at ECACC" flag turned on (never off); nothing is written when
 * nothing differs, so a second run over unchanged input writes no row. An unchanged line costs one
 * read of the stored line: the merged line is compared with it, and only a line that differs goes
 * through {@link CellLineRepository#update}, which locks it and writes the parts that differ. Each
 * line is one transaction: a line that fails is rolled back whole, reported, and the run goes on.
 * Lines missing from the list are never deleted.
 *
 * <pre>{@code
 * HpscregImporter importer = HpscregImporter.builder()
 *     .client(client).repository(repository).dataSource(dataSource)
 *     .runs(ImportRuns.create(dataSource))      // store reports; resume a run that ran out of time
 *     .build();
 * ImportReport report = importer.run(Duration.ofMinutes(14));
 * // next invocation: run(...) goes on with report.notDone() when the budget ran out
 * }</pre>
 *
 * <p>Deviations from the reference importer, besides the per-line transaction: a parent line
 * ({@code subclone_of}) is linked only when it is stored already (a later run links it); the EXT
 * fields (ROCK inhibitor, vector silenced/detectable) become {@code unknown} when the registry sends
 * no value instead of keeping the stored one; a donor shared with another stored line is written
 * with this document's values. Thread-safe for sequential runs; do not run two imports at once.
 */
public final class HpscregImporter {

  private static final Logger LOG = LoggerFactory.getLogger(HpscregImporter.class);
  // How long a run's lease outlasts its budget: the line in progress when the budget ends.
  private static final Duration LEASE_MARGIN = Duration.ofMinutes(2);
  static final String INITIAL_STATUS_COMMENT = "Initial value at first import";

  private final HpscregClient client;
  private final CellLineRepository repository;
  private final DataSource dataSource;
  private final HpscregParser parser;
  private final Clock clock;
  private final int progressEvery;
  private final EcaccAvailability ecacc;
  private final ImportRuns runs;

  private HpscregImporter(Builder b) {
    this.client = b.client;
    this.repository = b.repository;
    this.dataSource = b.dataSource;
    this.parser = b.parser;
    this.clock = b.clock;
    this.progressEvery = b.progressEvery;
    this.ecacc = b.ecacc;
    this.runs = b.runs;
  }

  /** A builder; client, repository and data source are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Imports every line of the registry's list, or goes on with the lines an earlier run left,
   * stopping before {@code budget} runs out.
   *
   * <p>With a run history ({@link Builder#runs(ImportRuns)}), when the latest stored run ended with
   * {@link ImportReport.Outcome#BUDGET_EXHAUSTED}, this run imports its {@link ImportReport#notDone()}
   * names instead of reading the list, and its report names that run in
   * {@link ImportReport#resumedFrom()}; the run after a completed one reads the list again. Otherwise
   * a list that cannot be read ends the run with {@link ImportReport.Outcome#LIST_FAILED}. When the
   * budget would run out before the next line, the run stops with
   * {@link ImportReport.Outcome#BUDGET_EXHAUSTED} and reports the names it did not attempt.
   *
   * <p>With a run history, the run also holds the import's lease while it works (its budget and two
   * minutes, at most a day), so a second run started meanwhile, by a retried schedule or by hand,
   * is refused before it reads anything.
   *
   * @throws ConflictException when another run holds the lease
   */
  public ImportReport run(Duration budget) {
    Objects.requireNonNull(budget, "budget");
    try (ImportRunStore.Lease lease = lease(budget)) {
      return runLeased(budget);
    }
  }

  private ImportReport runLeased(Duration budget) {
    Instant start = now();
    if (runs != null) {
      Optional<ImportRuns.StoredRun> unfinished = runs.latestRun()
          .filter(r -> r.report().outcome() == ImportReport.Outcome.BUDGET_EXHAUSTED && !r.report().notDone().isEmpty());
      if (unfinished.isPresent()) {
        ImportRuns.StoredRun earlier = unfinished.get();
        LOG.info("hPSCreg import: resuming run {}, which left {} of its {} lines when its time budget ran out",
            earlier.id(), earlier.report().notDone().size(), earlier.report().total());
        return importNames(start, earlier.report().notDone(), budget, earlier.id());
      }
    }
    List<String> names;
    try {
      names = client.list();
    } catch (ImsException e) {
      LOG.error("hPSCreg import: cannot read the list of lines: {}", e.getMessage());
      return stored(ImportReport.builder().startedAt(start).finishedAt(now()).outcome(ImportReport.Outcome.LIST_FAILED)
          .problems(List.of(new LineProblem("(list)", LineProblem.Kind.FAILED, e.getMessage()))).build());
    }
    return importNames(start, names, budget, null);
  }

  /**
   * Imports the given lines (for example the {@link ImportReport#notDone()} of an earlier run) without
   * reading the list, stopping before {@code budget} runs out. {@link #run(Duration)} does this by
   * itself when a run history is configured. Holds the lease as {@link #run(Duration)} does.
   *
   * @throws ConflictException when another run holds the lease
   */
  public ImportReport resume(List<String> names, Duration budget) {
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(budget, "budget");
    try (ImportRunStore.Lease lease = lease(budget)) {
      return importNames(now(), List.copyOf(names), budget, null);
    }
  }

  // With a run history, the import's lease for the budget and a margin for the line in progress;
  // without one, none (null: try-with-resources skips it).
  private ImportRunStore.Lease lease(Duration budget) {
    return runs == null ? null : runs.lease(budget.plus(LEASE_MARGIN));
  }

  private ImportReport importNames(Instant start, List<String> names, Duration budget, Long resumedFrom) {
    try {
      // A staged client keeps to one copy of the registry for the whole run; a live one does nothing.
      client.begin();
    } catch (ImsException e) {
      LOG.error("hPSCreg import: cannot read the staged copy of the registry: {}", e.getMessage());
      return stored(ImportReport.builder().startedAt(start).finishedAt(now()).outcome(ImportReport.Outcome.LIST_FAILED)
          .resumedFrom(resumedFrom)
          .problems(List.of(new LineProblem("(list)", LineProblem.Kind.FAILED, e.getMessage()))).build());
    }
    if (ecacc != null) {
      ecacc.begin();
    }
    Instant deadline = start.plus(budget);
    Run run = new Run(loadAgeRanges());
    List<String> notDone = List.of();
    Duration longest = Duration.ZERO;
    LOG.info("hPSCreg import: {} lines to import", names.size());
    for (int i = 0; i < names.size(); i++) {
      Instant lineStart = clock.instant();
      if (!lineStart.plus(longest).isBefore(deadline)) {
        notDone = names.subList(i, names.size());
        LOG.info("hPSCreg import: time budget reached after {} of {} lines; {} left for the next run",
            i, names.size(), notDone.size());
        break;
      }
      importOne(names.get(i), run);
      Duration took = Duration.between(lineStart, clock.instant());
      if (took.compareTo(longest) > 0) {
        longest = took;
      }
      if ((i + 1) % progressEvery == 0) {
        LOG.info("hPSCreg import: {}/{} lines done ({} created, {} updated, {} unchanged, {} failed, {} skipped)",
            i + 1, names.size(), run.created, run.updated, run.unchanged, run.failed, run.skipped);
      }
    }
    ImportReport report = ImportReport.builder()
        .startedAt(start)
        .finishedAt(now())
        .outcome(notDone.isEmpty() ? ImportReport.Outcome.COMPLETED : ImportReport.Outcome.BUDGET_EXHAUSTED)
        .total(names.size())
        .created(run.created)
        .updated(run.updated)
        .unchanged(run.unchanged)
        .failed(run.failed)
        .skipped(run.skipped)
        .problems(run.problems)
        .notDone(notDone)
        .resumedFrom(resumedFrom)
        .build();
    LOG.info(report.summary());
    return stored(report);
  }

  /** The clock's time at the database's precision, so a stored report reads back equal. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Stores the report when a run history is configured; a failure to store it is only logged. */
  private ImportReport stored(ImportReport report) {
    if (runs != null) {
      try {
        runs.save(report);
      } catch (ImsException e) {
        LOG.warn("hPSCreg import: the run report could not be stored: {}", e.getMessage());
      }
    }
    return report;
  }

  private void importOne(String name, Run run) {
    try {
      Optional<JsonObject> document = client.detail(name);
      if (document.isEmpty()) {
        run.skip(name, "the registry answered null");
        return;
      }
      Optional<String> biosamplesId = HpscregParser.biosamplesId(document.get());
      if (biosamplesId.isEmpty()) {
        LOG.warn("hPSCreg import: missing BioSamples id for {}, line skipped", name);
        run.skip(name, "missing BioSamples id");
        return;
      }
      HpscregDocument parsed = parser.parse(document.get());
      Optional<CellLine> existing = repository.findByBiosamplesId(biosamplesId.get());
      String parent = parsed.parentHpscregId() == null ? null
          : findBiosamplesIdByHpscregId(parsed.parentHpscregId()).filter(p -> !p.equals(biosamplesId.get())).orElse(null);
      CellLine line = parsed.line().toBuilder()
          .derivedFrom(parent)
          .donorAge(run.knownAgeRange(name, parsed.line().donorAge()))
          .build();
      if (existing.isEmpty()) {
        String ecaccId = nextEcaccNumber().orElse(null);
        CellLine fresh = line.toBuilder()
            .ecaccId(ecaccId)
            .availableForSaleAtEcacc(listedAtEcacc(ecaccId, line.name()))
            .statusLog(List.of(new StatusEntry(CellLineStatus.NOT_AVAILABLE, INITIAL_STATUS_COMMENT, null, clock.instant())))
            .build();
        repository.insert(fresh);
        run.created++;
        LOG.debug("hPSCreg import: created {} ({}) with ECACC number {}", name, fresh.biosamplesId(), fresh.ecaccId());
      } else {
        CellLine stored = existing.get();
        CellLine merged = merge(stored, new HpscregDocument(line, parsed.parentHpscregId(), parsed.kept()));
        if (!merged.availableForSaleAtEcacc() && listedAtEcacc(merged.ecaccId(), merged.name())) {
          merged = merged.toBuilder().availableForSaleAtEcacc(true).build();
        }
        if (merged.equals(stored)) {
          // Nothing differs from what was just read: no update transaction, no second read. A line
          // changed by someone else since that read is left to them (update would refuse it too).
          run.unchanged++;
          return;
        }
        CellLine after = repository.update(merged);
        if (after.version() != stored.version()) {
          run.updated++;
          LOG.debug("hPSCreg import: updated {} ({})", name, stored.biosamplesId());
        } else {
          run.unchanged++;
        }
      }
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.warn("hPSCreg import: line {} failed and was rolled back: {}", name, message);
      run.fail(name, message);
    }
  }

  /** The ECACC check, when configured; it only ever turns the flag on (docs/hpscreg-format.md §4.4). */
  private boolean listedAtEcacc(String ecaccId, String name) {
    return ecacc != null && ecaccId != null && ecacc.isListed(ecaccId, name);
  }

  /** The stored line with the registry's data, keeping the biobank's own data and the kept parts. */
  static CellLine merge(CellLine stored, HpscregDocument document) {
    CellLine incoming = document.line();
    Set<KeptPart> kept = document.kept();
    CellLine.Builder b = incoming.toBuilder()
        .ecaccId(stored.ecaccId())
        .availableForSale(stored.availableForSale())
        .availableForSaleAtEcacc(stored.availableForSaleAtEcacc())
        .statusLog(stored.statusLog())
        .informationPacks(stored.informationPacks())
        .batches(stored.batches())
        .version(stored.version())
        .donor(mergeDonor(stored.donor(), incoming.donor(), kept.contains(KeptPart.DONOR_GENOME_ANALYSES)));
    if (kept.contains(KeptPart.NON_DISEASE_MODIFICATIONS)) {
      b.nonDiseaseModifications(stored.nonDiseaseModifications());
    }
    if (kept.contains(KeptPart.REPROGRAMMING_VECTOR)) {
      b.reprogrammingVector(stored.reprogrammingVector());
    }
    if (kept.contains(KeptPart.CHARACTERISATION) && stored.characterisation() != null) {
      b.characterisation(stored.characterisation());
    }
    if (kept.contains(KeptPart.KARYOTYPE)) {
      b.karyotype(stored.karyotype());
    }
    if (kept.contains(KeptPart.DISEASE_GENOTYPE)) {
      b.diseaseGenotype(stored.diseaseGenotype());
    }
    if (kept.contains(KeptPart.GENOME_ANALYSES)) {
      b.genomeAnalyses(stored.genomeAnalyses());
    }
    if (incoming.derivation() != null && stored.derivation() != null) {
      Derivation d = incoming.derivation().toBuilder().tissueCollectionDate(stored.derivation().tissueCollectionDate()).build();
      b.derivation(d);
    }
    if (incoming.cultureConditions() != null && stored.cultureConditions() != null) {
      CultureConditions s = stored.cultureConditions();
      b.cultureConditions(incoming.cultureConditions().toBuilder()
          .otherCultureEnvironment(s.otherCultureEnvironment())
          .passageHistory(s.passageHistory())
          .cultureHistory(s.cultureHistory())
          .otherMedium(s.otherMedium())
          .build());
    }
    return b.build();
  }

  /** Registry donor fields overwrite stored ones only with non-null values (docs/hpscreg-format.md §3.3). */
  private static Donor mergeDonor(Donor stored, Donor incoming, boolean keepGenomeAnalyses) {
    if (incoming == null || stored == null || !stored.biosamplesId().equals(incoming.biosamplesId())) {
      return incoming;
    }
    if (incoming.gender() != null && stored.gender() != null && !incoming.gender().equals(stored.gender())) {
      LOG.warn("hPSCreg import: changing the gender of donor {} from {} to {}", stored.biosamplesId(),
          stored.gender(), incoming.gender());
    }
    return stored.toBuilder()
        .gender(orElse(incoming.gender(), stored.gender()))
        .internalDonorIds(incoming.internalDonorIds().isEmpty() ? stored.internalDonorIds() : incoming.internalDonorIds())
        .ethnicity(orElse(incoming.ethnicity(), stored.ethnicity()))
        .familyHistory(orElse(incoming.familyHistory(), stored.familyHistory()))
        .medicalHistory(orElse(incoming.medicalHistory(), stored.medicalHistory()))
        .clinicalInformation(orElse(incoming.clinicalInformation(), stored.clinicalInformation()))
        .diseases(incoming.diseases())
        .genomeAnalyses(keepGenomeAnalyses ? stored.genomeAnalyses() : incoming.genomeAnalyses())
        .build();
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** The next ECACC catalogue number (8 digits), or empty when the range 66770001-66999999 is used up. */
  private Optional<String> nextEcaccNumber() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT nextval('ims.ecacc_catalogue_number_seq')");
        ResultSet r = s.executeQuery()) {
      r.next();
      return Optional.of(String.format(java.util.Locale.ROOT, "%08d", r.getLong(1)));
    } catch (SQLException e) {
      if ("2200H".equals(e.getSQLState())) {
        LOG.warn("hPSCreg import: ran out of ECACC catalogue numbers; the line is stored without one");
        return Optional.empty();
      }
      throw new DatabaseException("cannot assign an ECACC catalogue number: " + e.getMessage(), e, true);
    }
  }

  private Optional<String> findBiosamplesIdByHpscregId(String hpscregId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT biosamples_id FROM ims.cell_line WHERE hpscreg_id = ?")) {
      s.setString(1, hpscregId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DatabaseException("cannot look up the line with hPSCreg id " + hpscregId + ": " + e.getMessage(), e, true);
    }
  }

  private Set<String> loadAgeRanges() {
    Set<String> names = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT name FROM ims.age_range");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    } catch (SQLException e) {
      throw new DatabaseException("cannot read the donor age ranges: " + e.getMessage(), e, true);
    }
    return names;
  }

  /** The counts and problems of one run. */
  private static final class Run {
    private final Set<String> ageRanges;
    private final List<LineProblem> problems = new ArrayList<>();
    private int created;
    private int updated;
    private int unchanged;
    private int failed;
    private int skipped;

    Run(Set<String> ageRanges) {
      this.ageRanges = ageRanges;
    }

    void skip(String name, String message) {
      skipped++;
      problems.add(new LineProblem(name, LineProblem.Kind.SKIPPED, message));
    }

    void fail(String name, String message) {
      failed++;
      problems.add(new LineProblem(name, LineProblem.Kind.FAILED, message));
    }

    /** An age range the catalogue knows; an unknown one is a warning and null (docs/hpscreg-format.md §5 case 4). */
    String knownAgeRange(String line, String ageRange) {
      if (ageRange == null || ageRanges.contains(ageRange)) {
        return ageRange;
      }
      LOG.warn("hPSCreg import: invalid age range {} for {}, stored as none", ageRange, line);
      return null;
    }
  }

  /** Builds an {@link HpscregImporter}. Not thread-safe. */
  public static final class Builder {
    private HpscregClient client;
    private CellLineRepository repository;
    private DataSource dataSource;
    private HpscregParser parser = HpscregParser.create();
    private Clock clock = Clock.systemUTC();
    private int progressEvery = 100;
    private EcaccAvailability ecacc;
    private ImportRuns runs;

    private Builder() {}

    /** Store every run's report in this history (a failure to store it is logged, not thrown). */
    public Builder runs(ImportRuns runs) {
      this.runs = Objects.requireNonNull(runs, "runs");
      return this;
    }

    /**
     * Check every imported line against ECACC's catalogue and turn its "available at ECACC" flag on
     * when ECACC lists it (never off). Without it, the flag is left as it is.
     */
    public Builder ecaccAvailability(EcaccAvailability ecacc) {
      this.ecacc = Objects.requireNonNull(ecacc, "ecacc");
      return this;
    }

    /** The registry client (required). */
    public Builder client(HpscregClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * The repository to write to (required); give it a search outbox so the index follows the
     * import.
     */
    public Builder repository(CellLineRepository repository) {
      this.repository = Objects.requireNonNull(repository, "repository");
      return this;
    }

    /** The database behind the repository (required), for the ECACC number sequence and lookups. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** The clock for timestamps and the time budget (default: the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Log progress at INFO every this many lines (default 100). */
    public Builder progressEvery(int lines) {
      if (lines < 1) {
        throw new IllegalArgumentException("progressEvery must be at least 1: " + lines);
      }
      this.progressEvery = lines;
      return this;
    }

    /** Builds the importer. */
    public HpscregImporter build() {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(dataSource, "dataSource");
      return new HpscregImporter(this);
    }
  }
}
