package org.cellbank.ims.core.importer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cellbank.ims.core.ImsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetch step of an import that cannot reach the registry itself: reads the registry's list and
 * every line's detail document, asks ECACC about the lines the last import left in the stage, and
 * writes it all into a {@link RegistryStage}, where {@link HpscregClient#staged} and
 * {@link EcaccAvailability#staged} read it. It needs the internet and no database.
 *
 * <pre>{@code
 * RegistryStager stager = RegistryStager.builder()
 *     .registry(HpscregClient.builder().baseUri(uri).credentials(user, password).build())
 *     .ecaccAvailability(EcaccAvailability.builder().build())   // optional
 *     .stage(stage)
 *     .build();
 * StagedRun run = stager.stage();
 * }</pre>
 *
 * <p>Each run writes a new copy under {@code registry/runs/<run>/} and then, last, the manifest
 * {@code registry/latest.json} that names it, so an import never reads a copy being written. The
 * documents are stored exactly as the registry sent them; the import parses them as it would have
 * parsed the registry's answers. A line whose document could not be read is named in the manifest
 * with the reason, and the import reports it as a failed line. A list that cannot be read fails the
 * run, and the previous copy stays the newest.
 *
 * <p>Thread-safe for sequential runs.
 */
public final class RegistryStager {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryStager.class);
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final HpscregClient registry;
  private final EcaccAvailability ecacc;
  private final RegistryStage stage;
  private final int parallelism;
  private final Clock clock;

  private RegistryStager(Builder b) {
    this.registry = b.registry;
    this.ecacc = b.ecacc;
    this.stage = b.stage;
    this.parallelism = b.parallelism;
    this.clock = b.clock;
  }

  /** A builder; the registry and the stage are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Fetches the registry (and the ECACC answers) into a new copy and makes it the newest.
   *
   * @return what was staged
   * @throws HpscregException when the list cannot be read or is not a list of names (nothing is
   *     made the newest copy), or the stage cannot be written
   */
  public StagedRun stage() {
    Instant fetchedAt = clock.instant();
    String run = RUN_ID.format(fetchedAt);
    long started = System.nanoTime();
    byte[] list = registry.listBytes();
    List<String> names = HpscregClient.names(HpscregClient.parse(list, "the hPSCreg list"));
    stage.write(StagedCopy.listKey(run), list);
    Map<String, String> failed = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "ims-registry-fetch");
      t.setDaemon(true);
      return t;
    });
    int ecaccChecked = 0;
    int ecaccListed = 0;
    try {
      List<Future<String>> fetches = new ArrayList<>(names.size());
      for (String name : names) {
        fetches.add(pool.submit(() -> fetch(run, name)));
      }
      for (int i = 0; i < names.size(); i++) {
        String failure = result(fetches.get(i));
        if (failure != null) {
          failed.put(names.get(i), failure);
        }
      }
      if (ecacc != null) {
        List<StagedCopy.EcaccLine> answers = askEcacc(pool);
        stage.write(StagedCopy.ecaccKey(run), StagedCopy.ecaccJson(answers, true));
        ecaccChecked = answers.size();
        ecaccListed = (int) answers.stream().filter(StagedCopy.EcaccLine::listed).count();
      }
    } finally {
      pool.shutdownNow();
    }
    StagedCopy.Manifest manifest = new StagedCopy.Manifest(run, fetchedAt, names.size(), Map.copyOf(failed));
    stage.write(StagedCopy.LATEST, manifest.toJson());
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    StagedRun staged = new StagedRun(run, fetchedAt, names.size(), failed.size(), ecaccChecked, ecaccListed, took);
    LOG.info("registry fetch: staged {} lines as copy {} ({} could not be read), ECACC asked about {} lines, {} listed, in {} ms",
        names.size(), run, failed.size(), ecaccChecked, ecaccListed, took.toMillis());
    return staged;
  }

  // Null when the line's document is staged, else why it is not.
  private String fetch(String run, String name) {
    try {
      stage.write(StagedCopy.lineKey(run, name), registry.detailBytes(name));
      return null;
    } catch (HpscregException e) {
      LOG.warn("registry fetch: {}", e.getMessage());
      return e.getMessage();
    } catch (IllegalArgumentException e) {
      return "the name cannot be stored: " + e.getMessage();
    }
  }

  private List<StagedCopy.EcaccLine> askEcacc(ExecutorService pool) {
    Optional<byte[]> wanted = stage.read(StagedCopy.ECACC_WANTED);
    if (wanted.isEmpty()) {
      LOG.info("registry fetch: no import has left lines to check at ECACC yet");
      return List.of();
    }
    List<StagedCopy.EcaccLine> lines = StagedCopy.parseEcacc(wanted.get(), StagedCopy.ECACC_WANTED);
    List<Future<Boolean>> checks = new ArrayList<>(lines.size());
    for (StagedCopy.EcaccLine line : lines) {
      checks.add(pool.submit(() -> ecacc.isListed(line.ecaccId(), line.name())));
    }
    List<StagedCopy.EcaccLine> answers = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      StagedCopy.EcaccLine line = lines.get(i);
      answers.add(new StagedCopy.EcaccLine(line.name(), line.ecaccId(), Boolean.TRUE.equals(value(checks.get(i)))));
    }
    return answers;
  }

  private static String result(Future<String> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ImsException ims && !(cause instanceof HpscregException)) {
        throw ims;
      }
      throw new IllegalStateException("registry fetch failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HpscregException("interrupted while fetching the registry", e, true);
    }
  }

  private static Boolean value(Future<Boolean> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HpscregException("interrupted while asking ECACC", e, true);
    }
  }

  /**
   * What one {@link #stage()} did.
   *
   * @param run the copy's name, e.g. {@code 20261202T013000Z}
   * @param fetchedAt when the fetch started
   * @param lines the names in the registry's list
   * @param failed of those, the lines whose document could not be read (named in the manifest)
   * @param ecaccChecked the lines ECACC was asked about
   * @param ecaccListed of those, the lines ECACC lists
   * @param took how long the run took
   */
  public record StagedRun(String run, Instant fetchedAt, int lines, int failed, int ecaccChecked, int ecaccListed,
      Duration took) {}

  /** Builds a {@link RegistryStager}. Not thread-safe. */
  public static final class Builder {
    private HpscregClient registry;
    private EcaccAvailability ecacc;
    private RegistryStage stage;
    private int parallelism = 4;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The registry to read (required): a client of the registry itself, not a staged one. */
    public Builder registry(HpscregClient registry) {
      Objects.requireNonNull(registry, "registry");
      if (registry.isStaged()) {
        throw new IllegalArgumentException("the fetch step reads the registry itself, not a staged copy");
      }
      this.registry = registry;
      return this;
    }

    /** Asks ECACC about the lines the last import left in the stage; none by default. */
    public Builder ecaccAvailability(EcaccAvailability ecacc) {
      Objects.requireNonNull(ecacc, "ecacc");
      if (ecacc.isStaged()) {
        throw new IllegalArgumentException("the fetch step asks ECACC itself, not a staged copy");
      }
      this.ecacc = ecacc;
      return this;
    }

    /** Where the copy goes (required). */
    public Builder stage(RegistryStage stage) {
      this.stage = Objects.requireNonNull(stage, "stage");
      return this;
    }

    /** How many documents are read at once (default 4, at most 16). */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1 || parallelism > 16) {
        throw new IllegalArgumentException("parallelism must be between 1 and 16: " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The stager. */
    public RegistryStager build() {
      if (registry == null || stage == null) {
        throw new IllegalStateException("a registry stager needs a registry and a stage");
      }
      return new RegistryStager(this);
    }
  }
}
