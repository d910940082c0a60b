package org.cellbank.ims.examples.cdk;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * Every setting of the stack, read from the CDK context ({@code cdk deploy -c key=value} or
 * {@code cdk.json}) over the defaults of the chosen stage ({@code dev} or {@code prod}).
 *
 * <p>The deploy-time settings (backup retention, alarm e-mail, registry address and credentials)
 * are CloudFormation parameters instead, declared by {@link ImsStack}; their stage default comes from
 * here. {@code docs/deploy.md} lists every key.
 */
record StageSettings(
    String stage,
    String stackName,
    Path lambdaZips,
    int vpcZones,
    String dbInstanceClass,
    int dbAllocatedStorageGb,
    int dbMaxAllocatedStorageGb,
    boolean dbMultiAz,
    int backupRetentionDays,
    boolean deletionProtection,
    RemovalPolicy removalPolicy,
    String searchInstanceType,
    int searchInstanceCount,
    int searchVolumeGb,
    int logRetentionDays,
    int mediaNoncurrentVersionDays,
    int throttleRateLimit,
    int throttleBurstLimit,
    int httpMemoryMb,
    int jobMemoryMb,
    int dbPoolSize,
    String domainName,
    String hostedZoneId,
    String hostedZoneName,
    String basePath,
    String siteOrigin,
    String dbEndpoint,
    String dbSecretArn,
    String account,
    String region) {

  /** The context keys this record reads, each with its {@code dev} and {@code prod} default. */
  static final Map<String, String[]> DEFAULTS = defaults();

  /** Keys without a default: unset means "not configured" (no custom domain, env-agnostic). */
  static final Set<String> OPTIONAL = Set.of(
      "domainName", "hostedZoneId", "hostedZoneName", "basePath", "siteOrigin", "dbEndpoint", "dbSecretArn",
      "account", "region");

  StageSettings {
    Objects.requireNonNull(stage, "stage");
    if (vpcZones < 1 || vpcZones > 3) {
      throw new IllegalArgumentException("vpcZones must be 1, 2 or 3: " + vpcZones);
    }
    retention(logRetentionDays);
    if (dbPoolSize < 1 || dbPoolSize > 2) {
      throw new IllegalArgumentException("dbPoolSize must be 1 or 2: " + dbPoolSize);
    }
    if (searchInstanceCount < 1) {
      throw new IllegalArgumentException("searchInstanceCount must be at least 1: " + searchInstanceCount);
    }
    boolean anyDomain = domainName != null || hostedZoneId != null || hostedZoneName != null;
    if (anyDomain && (domainName == null || hostedZoneId == null || hostedZoneName == null)) {
      throw new IllegalArgumentException(
          "a custom domain needs domainName, hostedZoneId and hostedZoneName together (no lookup is made)");
    }
    if ((dbEndpoint == null) != (dbSecretArn == null)) {
      throw new IllegalArgumentException("a restored database needs dbEndpoint and dbSecretArn together");
    }
    if (basePath != null && domainName == null) {
      throw new IllegalArgumentException("basePath is the custom domain's API mapping: set domainName too");
    }
    if (basePath != null && !basePath.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("basePath is one path segment without slashes, e.g. ims: " + basePath);
    }
  }

  /** The log groups' retention. */
  RetentionDays logRetention() {
    return retention(logRetentionDays);
  }

  /** Whether the functions use a restored database instead of the stack's own ({@code docs/deploy.md}). */
  boolean usesRestoredDatabase() {
    return dbEndpoint != null;
  }

  /** Whether a custom domain (certificate, domain name, alias records) is configured. */
  boolean hasCustomDomain() {
    return domainName != null;
  }

  /**
   * The settings of the stage named by the context key {@code stage} (default {@code dev}).
   *
   * @throws IllegalArgumentException for an unknown stage or a malformed value
   */
  static StageSettings fromContext(Node node) {
    Object stageValue = node.tryGetContext("stage");
    String stage = stageValue == null ? "dev" : stageValue.toString();
    int column;
    if (stage.equals("dev")) {
      column = 0;
    } else if (stage.equals("prod")) {
      column = 1;
    } else {
      throw new IllegalArgumentException("stage must be dev or prod: " + stage);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> e : DEFAULTS.entrySet()) {
      Object v = node.tryGetContext(e.getKey());
      values.put(e.getKey(), v == null ? e.getValue()[column] : v.toString());
    }
    for (String key : OPTIONAL) {
      Object v = node.tryGetContext(key);
      values.put(key, v == null || v.toString().isBlank() ? null : v.toString());
    }
    String stackName = values.get("stackName").isEmpty() ? "Ims-" + stage : values.get("stackName");
    return new StageSettings(
        stage,
        stackName,
        Path.of(values.get("lambdaZips")),
        integer(values, "vpcZones"),
        values.get("dbInstanceClass"),
        integer(values, "dbAllocatedStorageGb"),
        integer(values, "dbMaxAllocatedStorageGb"),
        bool(values, "dbMultiAz"),
        integer(values, "backupRetentionDays"),
        bool(values, "deletionProtection"),
        removalPolicy(values.get("removalPolicy")),
        values.get("searchInstanceType"),
        integer(values, "searchInstanceCount"),
        integer(values, "searchVolumeGb"),
        integer(values, "logRetentionDays"),
        integer(values, "mediaNoncurrentVersionDays"),
        integer(values, "throttleRateLimit"),
        integer(values, "throttleBurstLimit"),
        integer(values, "httpMemoryMb"),
        integer(values, "jobMemoryMb"),
        integer(values, "dbPoolSize"),
        values.get("domainName"),
        values.get("hostedZoneId"),
        values.get("hostedZoneName"),
        values.get("basePath"),
        values.get("siteOrigin"),
        values.get("dbEndpoint"),
        values.get("dbSecretArn"),
        values.get("account"),
        values.get("region"));
  }

  private static Map<String, String[]> defaults() {
    Map<String, String[]> d = new LinkedHashMap<>();
    // key -> {dev, prod}
    d.put("stackName", new String[] {"", ""});
    d.put("lambdaZips", new String[] {"../lambda-functions/target", "../lambda-functions/target"});
    d.put("vpcZones", new String[] {"1", "2"});
    d.put("dbInstanceClass", new String[] {"db.t4g.micro", "db.t4g.micro"});
    d.put("dbAllocatedStorageGb", new String[] {"20", "20"});
    d.put("dbMaxAllocatedStorageGb", new String[] {"50", "100"});
    d.put("dbMultiAz", new String[] {"false", "false"});
    d.put("backupRetentionDays", new String[] {"1", "7"});
    d.put("deletionProtection", new String[] {"false", "true"});
    d.put("removalPolicy", new String[] {"destroy", "retain"});
    d.put("searchInstanceType", new String[] {"t3.small.search", "t3.small.search"});
    d.put("searchInstanceCount", new String[] {"1", "1"});
    d.put("searchVolumeGb", new String[] {"10", "10"});
    d.put("logRetentionDays", new String[] {"7", "90"});
    d.put("mediaNoncurrentVersionDays", new String[] {"7", "90"});
    d.put("throttleRateLimit", new String[] {"20", "100"});
    d.put("throttleBurstLimit", new String[] {"40", "200"});
    d.put("httpMemoryMb", new String[] {"1024", "1024"});
    d.put("jobMemoryMb", new String[] {"1024", "1024"});
    d.put("dbPoolSize", new String[] {"2", "2"});
    return java.util.Collections.unmodifiableMap(d);
  }

  private static int integer(Map<String, String> values, String key) {
    try {
      return Integer.parseInt(values.get(key).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("context value " + key + " must be a whole number: " + values.get(key), e);
    }
  }

  private static boolean bool(Map<String, String> values, String key) {
    String v = values.get(key).strip();
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("context value " + key + " must be true or false: " + v);
    }
    return Boolean.parseBoolean(v);
  }

  private static RemovalPolicy removalPolicy(String value) {
    switch (value.strip()) {
      case "retain":
        return RemovalPolicy.RETAIN;
      case "destroy":
        return RemovalPolicy.DESTROY;
      default:
        throw new IllegalArgumentException("removalPolicy must be retain or destroy: " + value);
    }
  }

  private static final Map<Integer, RetentionDays> RETENTION = Map.ofEntries(
      Map.entry(1, RetentionDays.ONE_DAY), Map.entry(3, RetentionDays.THREE_DAYS),
      Map.entry(5, RetentionDays.FIVE_DAYS), Map.entry(7, RetentionDays.ONE_WEEK),
      Map.entry(14, RetentionDays.TWO_WEEKS), Map.entry(30, RetentionDays.ONE_MONTH),
      Map.entry(60, RetentionDays.TWO_MONTHS), Map.entry(90, RetentionDays.THREE_MONTHS),
      Map.entry(120, RetentionDays.FOUR_MONTHS), Map.entry(150, RetentionDays.FIVE_MONTHS),
      Map.entry(180, RetentionDays.SIX_MONTHS), Map.entry(365, RetentionDays.ONE_YEAR),
      Map.entry(400, RetentionDays.THIRTEEN_MONTHS), Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
      Map.entry(731, RetentionDays.TWO_YEARS), Map.entry(1827, RetentionDays.FIVE_YEARS),
      Map.entry(3653, RetentionDays.TEN_YEARS));

  private static RetentionDays retention(int days) {
    RetentionDays r = RETENTION.get(days);
    if (r == null) {
      throw new IllegalArgumentException("logRetentionDays must be one of " + new java.util.TreeSet<>(RETENTION.keySet()) + ": " + days);
    }
    return r;
  }

}
