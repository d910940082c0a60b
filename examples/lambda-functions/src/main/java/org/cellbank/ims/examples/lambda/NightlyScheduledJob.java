package org.cellbank.ims.examples.lambda;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeyInfo;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.IssuedKey;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.DrainResult;
import org.cellbank.ims.core.db.ReconcileResult;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.executive.Purge;
import org.cellbank.ims.core.executive.PurgeResult;
import org.cellbank.ims.core.importer.ImportReport;
import org.cellbank.ims.core.importer.EcaccAvailability;
import org.cellbank.ims.core.importer.HpscregClient;
import org.cellbank.ims.core.importer.NightlyJob;
import org.cellbank.ims.core.importer.RegistryStage;
import org.cellbank.ims.core.search.RebuildResult;
import org.cellbank.ims.lambda.ScheduledEvent;
import org.cellbank.ims.lambda.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.cellbank.ims.http.BadRequestException;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonBoolean;
import org.cellbank.ims.http.internal.json.JsonException;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.cellbank.ims.http.internal.text.LogText;

/**
 * The Lambda function's scheduled job: the library's {@link NightlyScheduledJob} run by an EventBridge
 * schedule, assembled from environment variables.
 *
 * <ol>
 *   <li>the hPSCreg import within a time budget, storing its report in {@code ims.import_run}; a run
 *       that stops on its budget is continued by the next invocation ({@link org.cellbank.ims.core.importer.HpscregImporter#run});
 *   <li>with {@code IMS_ECACC_URL}, the ECACC availability check of every imported line not yet
 *       flagged, in the same write as the line;
 *   <li>with a search index ({@code IMS_OPENSEARCH_URL} or {@code IMS_OPENSEARCH_HOST}), the search
 *       outbox drain, or, when the event's {@code detail} holds {@code "rebuild": true}, a full
 *       rebuild of the index from the database followed by a drain.
 * </ol>
 *
 * <p>Environment ({@code IMS_HPSCREG_URL} or {@code IMS_REGISTRY_STAGE_BUCKET} is what turns the
 * import on; the rest is optional):
 * <ul>
 *   <li>{@code IMS_HPSCREG_URL}: the hPSCreg export URL; its HTTP Basic credentials from the secret
 *       {@code IMS_HPSCREG_SECRET_ID} ({@code username} and {@code password}), or else
 *       {@code IMS_HPSCREG_USER} and {@code IMS_HPSCREG_PASSWORD};
 *   <li>or, for a function without internet, {@code IMS_REGISTRY_STAGE_BUCKET} (and
 *       {@code IMS_REGISTRY_STAGE_PREFIX}, {@code IMS_REGISTRY_MAX_AGE_HOURS}, default 36): import the
 *       copy of the registry that {@link FetchFunction} staged there, and take ECACC's answers from it
 *       (see {@link RegistrySettings}); not together with {@code IMS_HPSCREG_URL} or {@code IMS_ECACC_URL};
 *   <li>{@code IMS_IMPORT_BUDGET_MINUTES}: the import's time budget (default 13, at most 14: Lambda
 *       stops a function after 15 minutes, and the search step needs the rest);
 *   <li>{@code IMS_ECACC_URL}: ECACC's product page, queried with {@code ?refId=<number>&collection=ecacc_ipsc},
 *       e.g. {@code http://www.phe-culturecollections.org.uk/products/celllines/ipsc/detail.jsp};
 *   <li>{@code IMS_OPENSEARCH_URL}: a node or domain reached over plain HTTP(S) without signing,
 *       e.g. {@code http://10.0.1.5:9200}; or {@code IMS_OPENSEARCH_HOST}: an Amazon OpenSearch
 *       Service endpoint without scheme, signed with SigV4 with the function's role in
 *       {@code AWS_REGION} (set by Lambda). Not both. Either needs {@code IMS_DB_POOL_SIZE} 2 (the
 *       default): the drain holds one connection for its claim and reads lines on the other;
 *   <li>{@code IMS_PURGE_IDEMPOTENCY_DAYS}, {@code IMS_PURGE_CHANGE_LOG_DAYS}: the purge's retentions
 *       (default 7 and 90 days);
 *   <li>{@code IMS_OPENSEARCH_INDEX}: the index alias (default {@code ims-catalogue});
 *       {@code IMS_OPENSEARCH_REPLICAS}: replicas of a rebuilt index (default 1).
 * </ul>
 *
 * <p>Only the settings are read at init, so a container that serves HTTP requests never opens a
 * search client: the client is built on the first scheduled event and kept for the container's
 * life. The invocation fails (Lambda records an error, EventBridge may retry) when the registry's
 * list cannot be read, when the search step fails as a whole, or when a rebuild is asked of a
 * function without a search index; failed lines are in the stored report, not errors.
 */
public final class NightlyScheduledJob implements ScheduledJob {

  private static final Logger LOG = LoggerFactory.getLogger(NightlyScheduledJob.class);
  private static final String DEFAULT_BUDGET_MINUTES = "13";

  private static final List<String> JOBS = List.of("nightly", "import", "ecacc", "drain", "rebuild", "reconcile", "migrate",
      "api-keys.create-user", "api-keys.issue", "api-keys.list", "api-keys.revoke", "purge");

  private final NightlyJob job;
  private final DataSource dataSource;
  private final String defaultJob;
  private final Purge purge;

  private NightlyScheduledJob(NightlyJob job, DataSource dataSource, String defaultJob, Purge purge) {
    this.job = job;
    this.dataSource = dataSource;
    this.defaultJob = defaultJob;
    this.purge = purge;
  }

  /**
   * The job described by {@code env} over {@code dataSource}, importing from {@code registry}.
   *
   * @param registry the hPSCreg export's URI, or null for a function that does not import (a
   *     migration function, say: its import jobs then fail with a clear message)
   * @throws IllegalStateException when a setting is malformed or the settings do not fit together
   */
  public static NightlyScheduledJob fromEnvironment(Map<String, String> env, DataSource dataSource, URI registry) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(dataSource, "dataSource");
    String defaultJob = FunctionSettings.present(env, "IMS_DEFAULT_JOB") ? env.get("IMS_DEFAULT_JOB").strip() : "nightly";
    if (!JOBS.contains(defaultJob) || defaultJob.startsWith("api-keys.")) {
      throw new IllegalStateException("IMS_DEFAULT_JOB must be one of nightly, import, ecacc, drain, rebuild, reconcile, "
          + "migrate, purge: " + defaultJob);
    }
    long minutes = FunctionSettings.number(env, "IMS_IMPORT_BUDGET_MINUTES", DEFAULT_BUDGET_MINUTES);
    if (minutes < 1 || minutes > 14) {
      throw new IllegalStateException("IMS_IMPORT_BUDGET_MINUTES must be between 1 and 14: " + minutes);
    }
    if (defaultJob.equals("migrate") && FunctionSettings.number(env, "IMS_DB_POOL_SIZE", "2") < 2) {
      throw new IllegalStateException("a migration function needs IMS_DB_POOL_SIZE=2: Flyway holds its lock on one "
          + "connection and migrates on the other");
    }
    long keyDays = FunctionSettings.number(env, "IMS_PURGE_IDEMPOTENCY_DAYS", "7");
    long changeDays = FunctionSettings.number(env, "IMS_PURGE_CHANGE_LOG_DAYS", "90");
    if (keyDays < 1 || changeDays < 1) {
      throw new IllegalStateException("IMS_PURGE_IDEMPOTENCY_DAYS and IMS_PURGE_CHANGE_LOG_DAYS must be 1 or more");
    }
    Purge purge = Purge.builder().dataSource(dataSource).idempotencyRetention(Duration.ofDays(keyDays))
        .changeLogRetention(Duration.ofDays(changeDays)).build();
    SearchSettings search = SearchSettings.of(env);
    if (search != null && FunctionSettings.number(env, "IMS_DB_POOL_SIZE", "2") < 2) {
      throw new IllegalStateException("the search outbox drain needs IMS_DB_POOL_SIZE=2: it holds one connection"
          + " for its claim and reads the lines on the other");
    }
    NightlyJob.Builder job = NightlyJob.builder()
        .dataSource(dataSource)
        .importBudget(Duration.ofMinutes(minutes));
    // Not RegistrySettings.staged: its class is not loaded unless needed (the migrate package lacks the SDK).
    boolean staged = FunctionSettings.present(env, "IMS_REGISTRY_STAGE_BUCKET");
    if (staged && (registry != null || FunctionSettings.present(env, "IMS_ECACC_URL"))) {
      throw new IllegalStateException("set IMS_REGISTRY_STAGE_BUCKET (import a staged copy) or IMS_HPSCREG_URL and "
          + "IMS_ECACC_URL (read the registry and ECACC directly), not both");
    }
    if (staged) {
      // A function without internet: the fetch function stages the registry and ECACC's answers.
      RegistryStage stage = RegistrySettings.stage(env);
      job.registry(HpscregClient.staged(stage, RegistrySettings.maxAge(env)));
      job.ecaccAvailability(EcaccAvailability.staged(stage));
    } else if (registry != null) {
      job.registry(RegistrySettings.credentials(env, HpscregClient.builder().baseUri(registry)).build());
    }
    if (FunctionSettings.present(env, "IMS_ECACC_URL")) {
      job.ecaccAvailability(EcaccAvailability.builder().page(URI.create(env.get("IMS_ECACC_URL").strip())).build());
    }
    if (search != null) {
      job.searchIndex(search);
    }
    if (registry == null && !staged && search == null && !FunctionSettings.present(env, "IMS_ECACC_URL")) {
      // Only the migrations and the API keys: a job with nothing else to do.
      return new NightlyScheduledJob(null, dataSource, defaultJob, purge);
    }
    return new NightlyScheduledJob(job.build(), dataSource, defaultJob, purge);
  }

  /** Whether the job drains (or rebuilds) a search index after the import. */
  public boolean updatesSearch() {
    return job != null && job.updatesSearch();
  }

  /** The job an event without a {@code job} member runs ({@code IMS_DEFAULT_JOB}, default {@code nightly}). */
  public String defaultJob() {
    return defaultJob;
  }

  /** Runs the event's job; see {@link #result(ScheduledEvent)}. */
  @Override
  public void run(ScheduledEvent event) {
    result(event);
  }

  /**
   * Runs the job the event names in its {@code job} member, or the default job, and answers what it
   * did as a JSON object with {@code "job"} and {@code "ok": true}:
   * <ul>
   *   <li>{@code nightly}: import, then drain, or rebuild, drain and reconcile when the event holds
   *       {@code "rebuild": true}; then the purge;
   *   <li>{@code import}: the import alone, or only the line named by {@code "line"};
   *   <li>{@code ecacc}: the ECACC availability check of every line not yet flagged;
   *   <li>{@code drain}, {@code rebuild}, {@code reconcile}: the search steps alone;
   *   <li>{@code migrate}: the schema migrations;
   *   <li>{@code purge}: deletes stored idempotency answers older than {@code IMS_PURGE_IDEMPOTENCY_DAYS}
   *       (default 7) and change-log rows older than {@code IMS_PURGE_CHANGE_LOG_DAYS} (default 90), in
   *       batches of 1,000 ({@link Purge});
   *   <li>{@code api-keys.create-user} ({@code user}, {@code role}), {@code api-keys.issue}
   *       ({@code user}; the answer holds the key, shown once), {@code api-keys.list} (optional
   *       {@code user}), {@code api-keys.revoke} ({@code id}).
   * </ul>
   *
   * @throws BadRequestException when the job is unknown or a member is missing or malformed
   * @throws IllegalStateException when the job needs a registry or a search index the function lacks
   * @throws RuntimeException when the job fails; see {@link NightlyJob}
   */
  @Override
  public String result(ScheduledEvent event) {
    JobRequest request = JobRequest.of(event, defaultJob);
    JsonObject.Builder answer = JsonObject.builder().put("job", request.name).put("ok", true);
    switch (request.name) {
      case "nightly" -> {
        boolean rebuild = request.flag("rebuild");
        if (rebuild && !updatesSearch()) {
          throw new IllegalStateException("a search rebuild was asked, but the function has no search index "
              + "(set IMS_OPENSEARCH_URL or IMS_OPENSEARCH_HOST)");
        }
        report(answer, requireRegistry().run(rebuild));
        purged(answer, purge.run());
      }
      case "import" -> {
        String line = request.text("line", false);
        report(answer, line == null ? requireRegistry().importAll() : requireRegistry().importLines(List.of(line)));
      }
      case "ecacc" -> {
        if (job == null) {
          throw new IllegalStateException("an ECACC check was asked, but the function has no ECACC page (set IMS_ECACC_URL or IMS_REGISTRY_STAGE_BUCKET)");
        }
        NightlyJob.EcaccCheck check = job.checkEcacc();
        answer.put("checked", check.checked()).put("flagged", check.flagged());
      }
      case "drain" -> {
        DrainResult drained = requireSearch().drain();
        answer.put("claimed", drained.claimed()).put("upserted", drained.upserted()).put("deleted", drained.deleted())
            .put("failed", drained.failed());
      }
      case "rebuild" -> {
        RebuildResult rebuilt = requireSearch().rebuild();
        answer.put("index", rebuilt.indexName()).put("documents", rebuilt.documents())
            .put("millis", rebuilt.took().toMillis());
      }
      case "reconcile" -> {
        ReconcileResult reconciled = requireSearch().reconcile();
        answer.put("checked", reconciled.checked()).put("missing", reconciled.missing().size())
            .put("stale", reconciled.stale().size()).put("extra", reconciled.extra().size())
            .put("repaired", reconciled.drained().upserted() + reconciled.drained().deleted());
      }
      case "purge" -> purged(answer, purge.run());
      case "migrate" -> {
        requireFlyway();
        SchemaMigrations migrations = SchemaMigrations.create(dataSource);
        int applied = migrations.migrate();
        answer.put("applied", applied).put("version", migrations.currentVersion());
      }
      case "api-keys.create-user" -> {
        String user = request.text("user", true);
        Role role = Role.ofCode(request.text("role", true));
        apiKeys().createUser(user, role);
        answer.put("user", user).put("role", role.code());
      }
      case "api-keys.issue" -> {
        IssuedKey key = apiKeys().issue(request.text("user", true));
        answer.put("user", key.username()).put("id", key.id()).put("key", key.key());
      }
      case "api-keys.list" -> {
        String user = request.text("user", false);
        List<JsonValue> keys = new ArrayList<>();
        for (ApiKeyInfo k : user == null ? apiKeys().listAll() : apiKeys().list(user)) {
          JsonObject.Builder o = JsonObject.builder().put("id", k.id()).put("user", k.username())
              .put("prefix", k.prefix()).put("created", k.createdAt().toString());
          if (k.lastUsedAt() != null) {
            o.put("lastUsed", k.lastUsedAt().toString());
          } else {
            o.putNull("lastUsed");
          }
          if (k.revokedAt() != null) {
            o.put("revoked", k.revokedAt().toString());
          } else {
            o.putNull("revoked");
          }
          keys.add(o.build());
        }
        answer.put("keys", JsonArray.of(keys.toArray(new JsonValue[0])));
      }
      case "api-keys.revoke" -> {
        long id = request.number("id");
        apiKeys().revoke(id);
        answer.put("id", id);
      }
      default -> throw new BadRequestException("unknown job " + LogText.escape(request.name) + "; known: "
          + String.join(", ", JOBS));
    }
    String text = JsonWriter.compact().write(answer.build());
    if (request.name.equals("api-keys.issue")) {
      LOG.info("job api-keys.issue done for user {}", LogText.escape(request.text("user", true)));
    } else {
      LOG.info("job done: {}", text);
    }
    return text;
  }

  private NightlyJob requireRegistry() {
    if (job == null || !job.imports()) {
      throw new IllegalStateException("an import was asked, but the function has no registry "
          + "(set IMS_HPSCREG_URL or IMS_REGISTRY_STAGE_BUCKET)");
    }
    return job;
  }

  private NightlyJob requireSearch() {
    if (!updatesSearch()) {
      throw new IllegalStateException("a search step was asked, but the function has no search index "
          + "(set IMS_OPENSEARCH_URL or IMS_OPENSEARCH_HOST)");
    }
    return job;
  }

  // The job package leaves Flyway out: the migrations run in the migrate package's function.
  private static void requireFlyway() {
    try {
      Class.forName("org.flywaydb.core.Flyway", false, NightlyScheduledJob.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("this function's package has no Flyway: run the migrations in the "
          + "function deployed from ims-migrate-lambda.zip", e);
    }
  }

  private ApiKeys apiKeys() {
    return ApiKeys.create(dataSource);
  }

  private static void purged(JsonObject.Builder answer, PurgeResult purged) {
    answer.put("purgedIdempotencyKeys", purged.idempotencyKeys()).put("purgedChanges", purged.changeLogRows());
  }

  private static void report(JsonObject.Builder answer, ImportReport report) {
    answer.put("outcome", report.outcome().name().toLowerCase(Locale.ROOT)).put("total", report.total())
        .put("created", report.created()).put("updated", report.updated()).put("unchanged", report.unchanged())
        .put("failed", report.failed()).put("skipped", report.skipped()).put("notDone", report.notDone().size());
  }

  /** The job's name and members, from the event's detail (or the direct invocation itself). */
  private static final class JobRequest {
    private final String name;
    private final JsonObject detail;

    private JobRequest(String name, JsonObject detail) {
      this.name = name;
      this.detail = detail;
    }

    static JobRequest of(ScheduledEvent event, String defaultJob) {
      JsonValue parsed;
      try {
        parsed = JsonReader.create().read(event.detail());
      } catch (JsonException e) {
        throw new BadRequestException("Malformed job: " + e.getMessage(), e);
      }
      if (!(parsed instanceof JsonObject detail)) {
        throw new BadRequestException("Malformed job: the detail is not a JSON object");
      }
      return new JobRequest(event.detailString("job").orElse(defaultJob), detail);
    }

    boolean flag(String member) {
      JsonValue v = detail.members().get(member);
      if (v == null || v.isNull()) {
        return false;
      }
      if (v instanceof JsonBoolean b) {
        return b.value();
      }
      throw new BadRequestException("job " + name + ": " + member + " must be true or false");
    }

    String text(String member, boolean required) {
      JsonValue v = detail.members().get(member);
      if (v == null || v.isNull()) {
        if (required) {
          throw new BadRequestException("job " + name + " needs " + member);
        }
        return null;
      }
      if (!(v instanceof JsonString s) || s.value().isBlank() || s.value().length() > 200) {
        throw new BadRequestException("job " + name + ": " + member + " must be a non-empty text of at most 200 characters");
      }
      return s.value().strip();
    }

    long number(String member) {
      JsonValue v = detail.members().get(member);
      if (v instanceof JsonNumber n) {
        try {
          return n.longValue();
        } catch (JsonException e) {
          throw new BadRequestException("job " + name + ": " + member + " must be a whole number", e);
        }
      }
      if (v instanceof JsonString s) {
        try {
          return Long.parseLong(s.value().strip());
        } catch (NumberFormatException e) {
          throw new BadRequestException("job " + name + ": " + member + " must be a whole number", e);
        }
      }
      throw new BadRequestException("job " + name + " needs " + member + ", a whole number");
    }
  }
}
