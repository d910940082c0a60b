package org.cellbank.ims.examples.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsLayerVersion;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsLogLevel;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsOptions;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsVersions;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The four functions of the deployment contract, each with its own role, holding only the
 * statements it needs, and its own log group with the stage's retention:
 *
 * <ul>
 *   <li>{@code http} ({@code ImsFunction}): in the VPC, SnapStart on published versions, the alias
 *       {@code live} that API Gateway invokes;
 *   <li>{@code jobs} ({@code NightlyFunction}): in the VPC, the schedules' and the operations
 *       commands' target, default job {@code nightly};
 *   <li>{@code migrate}: the same package and handler with default job {@code migrate}, run by the
 *       deploy's trigger;
 *   <li>{@code fetch} ({@code RegistryFetchFunction}): outside the VPC, stages the registry's
 *       documents in the staging bucket.
 * </ul>
 */
final class Functions extends Construct {

  static final String HTTP_ZIP = "ims-lambda.zip";
  static final String JOBS_ZIP = "ims-nightly-lambda.zip";
  static final String PACKAGE = "org.cellbank.ims.examples.lambda.";
  static final String ALIAS = "live";
  static final String STAGING_PREFIX = "registry/";
  static final Runtime RUNTIME = Runtime.JAVA_21;

  /** The roles, made first: the search domain's access policy names them. */
  static final class Roles extends Construct {
    final Role http;
    final Role jobs;
    final Role migrate;
    final Role fetch;

    Roles(Construct scope, String id) {
      super(scope, id);
      http = role("Http", "IMS HTTP function");
      jobs = role("Jobs", "IMS job function");
      migrate = role("Migrate", "IMS migration function");
      fetch = role("Fetch", "IMS registry fetch function");
    }

    private Role role(String id, String description) {
      return Role.Builder.create(this, id)
          .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
          .description(description)
          .build();
    }
  }

  final Function http;
  final Alias httpLive;
  final Function jobs;
  final Function migrate;
  final Function fetch;
  final List<LogGroup> logGroups;

  Functions(Construct scope, String id, Wiring w) {
    super(scope, id);
    StageSettings s = w.settings();
    Path httpZip = zip(s.lambdaZips(), HTTP_ZIP);
    Path jobsZip = zip(s.lambdaZips(), JOBS_ZIP);
    ParamsAndSecretsLayerVersion extension = ParamsAndSecretsLayerVersion.fromVersion(
        ParamsAndSecretsVersions.V1_0_103,
        ParamsAndSecretsOptions.builder()
            .cacheEnabled(true)
            .secretsManagerTtl(Duration.minutes(5))
            .logLevel(ParamsAndSecretsLogLevel.WARN)
            .build());

    Map<String, String> db = new LinkedHashMap<>();
    db.put("IMS_JDBC_URL", w.database().jdbcUrl());
    db.put("IMS_DB_SECRET_ID", w.database().secret.getSecretArn());
    db.put("IMS_DB_POOL_SIZE", Integer.toString(s.dbPoolSize()));

    Map<String, String> httpEnv = new LinkedHashMap<>(db);
    httpEnv.put("IMS_OPENSEARCH_HOST", w.search().endpoint());
    httpEnv.put("IMS_OPENSEARCH_INDEX", "ims-catalogue");
    httpEnv.put("IMS_MEDIA_BUCKET", w.storage().media.getBucketName());
    httpEnv.put("IMS_SITE_BUCKET", w.storage().site.getBucketName());
    httpEnv.put("IMS_BASE_PATH", s.basePath() == null ? "" : "/" + s.basePath());
    httpEnv.put("IMS_CORS_ORIGIN", s.siteOrigin() != null ? s.siteOrigin() : w.storage().siteUrl());
    httpEnv.put("IMS_API_MAX_LIMIT", "250");
    httpEnv.put("IMS_COMPRESSION", "true");
    httpEnv.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");

    Map<String, String> jobsEnv = new LinkedHashMap<>(db);
    jobsEnv.put("IMS_OPENSEARCH_HOST", w.search().endpoint());
    jobsEnv.put("IMS_OPENSEARCH_INDEX", "ims-catalogue");
    jobsEnv.put("IMS_OPENSEARCH_REPLICAS", s.searchInstanceCount() > 1 ? "1" : "0");
    jobsEnv.put("IMS_MEDIA_BUCKET", w.storage().media.getBucketName());
    jobsEnv.put("IMS_SITE_BUCKET", w.storage().site.getBucketName());
    jobsEnv.put("IMS_STAGING_BUCKET", w.storage().staging.getBucketName());
    jobsEnv.put("IMS_STAGING_PREFIX", STAGING_PREFIX);
    jobsEnv.put("IMS_IMPORT_BUDGET_MINUTES", "13");
    jobsEnv.put("IMS_DEFAULT_JOB", "nightly");

    Map<String, String> migrateEnv = new LinkedHashMap<>(db);
    migrateEnv.put("IMS_DEFAULT_JOB", "migrate");

    Map<String, String> fetchEnv = new LinkedHashMap<>();
    fetchEnv.put("IMS_HPSCREG_URL", w.hpscregUrl());
    fetchEnv.put("IMS_HPSCREG_USER", w.hpscregUser());
    fetchEnv.put("IMS_HPSCREG_PASSWORD", w.hpscregPassword());
    fetchEnv.put("IMS_ECACC_URL", w.ecaccUrl());
    fetchEnv.put("IMS_STAGING_BUCKET", w.storage().staging.getBucketName());
    fetchEnv.put("IMS_STAGING_PREFIX", STAGING_PREFIX);

    Roles roles = w.roles();
    String prefix = s.stackName();
    LogGroup httpLogs = logGroup("HttpLogs", prefix + "-http", s);
    LogGroup jobsLogs = logGroup("JobsLogs", prefix + "-jobs", s);
    LogGroup migrateLogs = logGroup("MigrateLogs", prefix + "-migrate", s);
    LogGroup fetchLogs = logGroup("FetchLogs", prefix + "-fetch", s);
    logGroups = List.of(httpLogs, jobsLogs, migrateLogs, fetchLogs);

    http = Function.Builder.create(this, "Http")
        .functionName(prefix + "-http")
        .description("IMS HTTP API (ImsFunction)")
        .runtime(RUNTIME)
        .architecture(Architecture.ARM_64)
        .handler(PACKAGE + "ImsFunction::handleRequest")
        .code(Code.fromAsset(httpZip.toString()))
        .memorySize(s.httpMemoryMb())
        .timeout(Duration.seconds(29))
        .role(roles.http)
        .vpc(w.network().vpc)
        .vpcSubnets(w.network().functionSubnets)
        .securityGroups(List.of(w.network().functions))
        .environment(httpEnv)
        .paramsAndSecrets(extension)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .logGroup(httpLogs)
        .build();
    httpLive = Alias.Builder.create(this, "HttpLive")
        .aliasName(ALIAS)
        .version(http.getCurrentVersion())
        .description("the version API Gateway invokes")
        .build();

    jobs = Function.Builder.create(this, "Jobs")
        .functionName(prefix + "-jobs")
        .description("IMS jobs (NightlyFunction): nightly import, drain, operations")
        .runtime(RUNTIME)
        .architecture(Architecture.ARM_64)
        .handler(PACKAGE + "NightlyFunction::handleRequest")
        .code(Code.fromAsset(jobsZip.toString()))
        .memorySize(s.jobMemoryMb())
        .timeout(Duration.minutes(15))
        .role(roles.jobs)
        .vpc(w.network().vpc)
        .vpcSubnets(w.network().functionSubnets)
        .securityGroups(List.of(w.network().functions))
        .environment(jobsEnv)
        .paramsAndSecrets(extension)
        .logGroup(jobsLogs)
        .build();

    migrate = Function.Builder.create(this, "Migrate")
        .functionName(prefix + "-migrate")
        .description("IMS schema migrations (NightlyFunction, default job migrate), run on deploy")
        .runtime(RUNTIME)
        .architecture(Architecture.ARM_64)
        .handler(PACKAGE + "NightlyFunction::handleRequest")
        .code(Code.fromAsset(jobsZip.toString()))
        .memorySize(s.jobMemoryMb())
        .timeout(Duration.minutes(10))
        .role(roles.migrate)
        .vpc(w.network().vpc)
        .vpcSubnets(w.network().functionSubnets)
        .securityGroups(List.of(w.network().functions))
        .environment(migrateEnv)
        .paramsAndSecrets(extension)
        .logGroup(migrateLogs)
        .build();

    fetch = Function.Builder.create(this, "Fetch")
        .functionName(prefix + "-fetch")
        .description("IMS registry fetch (RegistryFetchFunction): stages hPSCreg and ECACC documents in S3")
        .runtime(RUNTIME)
        .architecture(Architecture.ARM_64)
        .handler(PACKAGE + "RegistryFetchFunction::handleRequest")
        .code(Code.fromAsset(jobsZip.toString()))
        .memorySize(512)
        .timeout(Duration.minutes(10))
        .role(roles.fetch)
        .environment(fetchEnv)
        .logGroup(fetchLogs)
        .build();

    // Logs: each role writes to its own group only.
    writeLogs(roles.http, httpLogs);
    writeLogs(roles.jobs, jobsLogs);
    writeLogs(roles.migrate, migrateLogs);
    writeLogs(roles.fetch, fetchLogs);
    // Network interfaces of a function in a VPC (Lambda creates them with the function's role).
    for (Role role : List.of(roles.http, roles.jobs, roles.migrate)) {
      role.addToPrincipalPolicy(PolicyStatement.Builder.create()
          .sid("VpcNetworkInterfaces")
          .effect(Effect.ALLOW)
          .actions(VPC_ACTIONS)
          .resources(List.of("*"))
          .build());
      role.addToPrincipalPolicy(PolicyStatement.Builder.create()
          .sid("DatabaseSecret")
          .actions(List.of("secretsmanager:GetSecretValue"))
          .resources(List.of(w.database().secret.getSecretArn()))
          .build());
    }
    search(roles.http, Search.READ_ACTIONS, w.search());
    search(roles.jobs, Search.WRITE_ACTIONS, w.search());
    objects(roles.http, w.storage().media, "*", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"));
    objects(roles.http, w.storage().site, "*", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"));
    objects(roles.jobs, w.storage().media, "*", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"));
    objects(roles.jobs, w.storage().site, "*", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"));
    objects(roles.jobs, w.storage().staging, "*", List.of("s3:GetObject"));
    objects(roles.jobs, w.storage().staging, "ecacc/wanted.json", List.of("s3:PutObject"));
    objects(roles.fetch, w.storage().staging, "*", List.of("s3:GetObject", "s3:PutObject"));
    list(roles.http, w.storage().media, w.storage().site);
    list(roles.jobs, w.storage().media, w.storage().site, w.storage().staging);
    list(roles.fetch, w.storage().staging);
  }

  /** What Lambda needs to attach a function to the VPC; EC2 takes no resource for these. */
  static final List<String> VPC_ACTIONS = List.of(
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses");

  private LogGroup logGroup(String id, String functionName, StageSettings s) {
    return LogGroup.Builder.create(this, id)
        .logGroupName("/aws/lambda/" + functionName)
        .retention(s.logRetention())
        .removalPolicy(s.removalPolicy())
        .build();
  }

  private static void writeLogs(Role role, LogGroup group) {
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("Logs")
        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
        .resources(List.of(group.getLogGroupArn()))
        .build());
  }

  private static void search(Role role, List<String> actions, Search search) {
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("Search")
        .actions(actions)
        .resources(List.of(search.arn(), search.arn() + "/*"))
        .build());
  }

  private static void objects(Role role, IBucket bucket, String key, List<String> actions) {
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .actions(actions)
        .resources(List.of(bucket.arnForObjects(key)))
        .build());
  }

  private static void list(Role role, IBucket... buckets) {
    List<String> arns = new java.util.ArrayList<>();
    for (IBucket b : buckets) {
      arns.add(b.getBucketArn());
    }
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .actions(List.of("s3:ListBucket"))
        .resources(arns)
        .build());
  }

  /** The deployment package {@code name} in {@code dir}, or a clear error when it is not built. */
  static Path zip(Path dir, String name) {
    Path zip = dir.resolve(name).toAbsolutePath().normalize();
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException("the Lambda package " + zip + " is missing: build it first with "
          + "./mvnw -B package -pl examples/lambda-functions -am -DskipTests (or point the context value "
          + "lambdaZips at the folder holding " + HTTP_ZIP + " and " + JOBS_ZIP + ")");
    }
    return zip;
  }

  /** What the functions are wired to. */
  record Wiring(StageSettings settings, Network network, Roles roles, Database database, Search search,
      Storage storage, String hpscregUrl, String hpscregUser, String hpscregPassword, String ecaccUrl) {}

}
