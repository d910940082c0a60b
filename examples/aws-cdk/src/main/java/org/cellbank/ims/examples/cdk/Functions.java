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
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The seven functions of {@code examples/lambda-functions}, each from its own package, with its own
 * role holding only the statements it needs, and its own log group with the stage's retention:
 *
 * <ul>
 *   <li>{@code http} ({@code ImsFunction}, {@code ims-lambda.zip}): every API route but the search,
 *       the media and the executive file routes; reads and writes the database;
 *   <li>{@code files} ({@code FilesFunction}, {@code ims-files-lambda.zip}, with the S3 client): the
 *       executive file routes (CLIPs, certificates of analysis, batch images), over the media bucket;
 *   <li>{@code search} ({@code SearchFunction}, {@code ims-search-lambda.zip}): {@code GET /api/v0/search}
 *       from the search domain (read actions only);
 *   <li>{@code media} ({@code MediaFunction}, {@code ims-media-lambda.zip}): {@code GET /media/{key}},
 *       a redirect to a presigned GET of the media bucket (read only);
 *   <li>{@code fetch} ({@code FetchFunction}, {@code ims-fetch-lambda.zip}), outside the VPC: reads
 *       hPSCreg and ECACC on the internet and stages their documents in the stage bucket;
 *   <li>{@code jobs} ({@code NightlyFunction}, {@code ims-nightly-lambda.zip}): the schedules' target,
 *       default job {@code nightly}; imports the staged copy of hPSCreg, drains, rebuilds and
 *       reconciles the index;
 *   <li>{@code migrate} (the same handler, {@code ims-migrate-lambda.zip}, with Flyway): default job
 *       {@code migrate}, run by the deploy's trigger; also the API-key jobs;
 *   <li>{@code site} ({@code SiteFunction}, {@code ims-site-lambda.zip}): the site schedule's target;
 *       writes the public website into the site bucket from the database, with the media the pages show.
 * </ul>
 *
 * <p>The three API functions run in the VPC's isolated subnets with SnapStart on published versions
 * and an alias {@code live} that API Gateway invokes. The job, migrate and site functions run in the
 * same subnets (S3 through the gateway endpoint). The fetch function alone runs outside the VPC, with
 * no access to the database or the search domain: the internet is where hPSCreg and ECACC are.
 */
final class Functions extends Construct {

  static final String HTTP_ZIP = "ims-lambda.zip";
  static final String FILES_ZIP = "ims-files-lambda.zip";
  static final String SEARCH_ZIP = "ims-search-lambda.zip";
  static final String MEDIA_ZIP = "ims-media-lambda.zip";
  static final String JOBS_ZIP = "ims-nightly-lambda.zip";
  static final String MIGRATE_ZIP = "ims-migrate-lambda.zip";
  static final String SITE_ZIP = "ims-site-lambda.zip";
  static final String FETCH_ZIP = "ims-fetch-lambda.zip";
  static final List<String> ZIPS = List.of(HTTP_ZIP, FILES_ZIP, SEARCH_ZIP, MEDIA_ZIP, JOBS_ZIP, MIGRATE_ZIP, SITE_ZIP, FETCH_ZIP);
  /** The fetch function's memory: it reads documents, four at a time, and holds one at a time. */
  static final int FETCH_MEMORY_MB = 512;
  static final String PACKAGE = "org.cellbank.ims.examples.lambda.";
  static final String ALIAS = "live";
  static final String SEARCH_INDEX = "ims-catalogue";
  /** The presigned media URL's life ({@code IMS_MEDIA_URL_MINUTES}). */
  static final int MEDIA_URL_MINUTES = 15;
  static final Runtime RUNTIME = Runtime.JAVA_21;
  /** The site function's memory: a full regeneration of 1,500 lines took 15 s with it. */
  static final int SITE_MEMORY_MB = 1024;

  /** The roles, made first: the search domain's access policy names them. */
  static final class Roles extends Construct {
    final Role http;
    final Role files;
    final Role search;
    final Role media;
    final Role jobs;
    final Role migrate;
    final Role site;
    final Role fetch;

    Roles(Construct scope, String id) {
      super(scope, id);
      http = role("Http", "IMS HTTP function");
      files = role("Files", "IMS executive files function");
      search = role("Search", "IMS search function");
      media = role("Media", "IMS media function");
      jobs = role("Jobs", "IMS job function");
      migrate = role("Migrate", "IMS migration and API-key function");
      site = role("Site", "IMS public website function");
      fetch = role("Fetch", "IMS registry fetch function (outside the VPC)");
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
  final Function files;
  final Alias filesLive;
  final Function search;
  final Alias searchLive;
  final Function media;
  final Alias mediaLive;
  final Function jobs;
  final Function migrate;
  final Function site;
  final Function fetch;
  final List<LogGroup> logGroups;

  Functions(Construct scope, String id, Wiring w) {
    super(scope, id);
    StageSettings s = w.settings();
    Map<String, Path> zips = new LinkedHashMap<>();
    for (String name : ZIPS) {
      zips.put(name, zip(s.lambdaZips(), name));
    }
    extension = ParamsAndSecretsLayerVersion.fromVersion(
        ParamsAndSecretsVersions.V1_0_103,
        ParamsAndSecretsOptions.builder()
            .cacheEnabled(true)
            .secretsManagerTtl(Duration.minutes(5))
            .logLevel(ParamsAndSecretsLogLevel.WARN)
            .build());
    network = w.network();
    String basePath = s.basePath() == null ? "" : "/" + s.basePath();

    Map<String, String> httpEnv = database(w, s.dbPoolSize());
    httpEnv.put("IMS_API_MAX_LIMIT", "250");
    httpEnv.put("IMS_BASE_PATH", basePath);
    httpEnv.put("IMS_COMPRESSION", "true");
    httpEnv.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");

    // The HTTP function's settings and the media bucket of the file routes.
    Map<String, String> filesEnv = new LinkedHashMap<>(httpEnv);
    filesEnv.put("IMS_MEDIA_BUCKET", w.storage().media.getBucketName());

    Map<String, String> searchEnv = database(w, s.dbPoolSize());
    searchEnv.put("IMS_OPENSEARCH_HOST", w.search().endpoint());
    searchEnv.put("IMS_OPENSEARCH_INDEX", SEARCH_INDEX);
    searchEnv.put("IMS_BASE_PATH", basePath);
    searchEnv.put("IMS_COMPRESSION", "true");

    Map<String, String> mediaEnv = database(w, s.dbPoolSize());
    mediaEnv.put("IMS_MEDIA_BUCKET", w.storage().media.getBucketName());
    mediaEnv.put("IMS_MEDIA_URL_MINUTES", Integer.toString(MEDIA_URL_MINUTES));
    mediaEnv.put("IMS_BASE_PATH", basePath);

    // The drain holds one connection for its claim and reads lines on the other: always 2.
    Map<String, String> jobsEnv = database(w, 2);
    jobsEnv.put("IMS_OPENSEARCH_HOST", w.search().endpoint());
    jobsEnv.put("IMS_OPENSEARCH_INDEX", SEARCH_INDEX);
    jobsEnv.put("IMS_OPENSEARCH_REPLICAS", s.searchInstanceCount() > 1 ? "1" : "0");
    // The registry and ECACC's answers come from the copy the fetch function staged.
    jobsEnv.put("IMS_REGISTRY_STAGE_BUCKET", w.storage().stage.getBucketName());
    jobsEnv.put("IMS_REGISTRY_MAX_AGE_HOURS", "36");
    jobsEnv.put("IMS_IMPORT_BUDGET_MINUTES", "13");
    jobsEnv.put("IMS_DEFAULT_JOB", "nightly");

    // Flyway holds its lock on one connection and migrates on the other: always 2.
    Map<String, String> migrateEnv = database(w, 2);
    migrateEnv.put("IMS_DEFAULT_JOB", "migrate");

    // One page at a time: one connection.
    Map<String, String> siteEnv = database(w, 1);
    siteEnv.put("IMS_SITE_BUCKET", w.storage().site.getBucketName());
    siteEnv.put("IMS_SITE_URL", w.siteUrl());
    siteEnv.put("IMS_MEDIA_BUCKET", w.storage().media.getBucketName());

    // No database: the registry (credentials in a secret), ECACC and the stage.
    Map<String, String> fetchEnv = new LinkedHashMap<>();
    fetchEnv.put("IMS_HPSCREG_URL", w.hpscregUrl());
    fetchEnv.put("IMS_HPSCREG_SECRET_ID", w.hpscregSecret().getSecretArn());
    fetchEnv.put("IMS_ECACC_URL", w.ecaccUrl());
    fetchEnv.put("IMS_REGISTRY_STAGE_BUCKET", w.storage().stage.getBucketName());
    fetchEnv.put("IMS_FETCH_PARALLELISM", "4");

    Roles roles = w.roles();
    String prefix = s.stackName();
    LogGroup httpLogs = logGroup("HttpLogs", prefix + "-http", s);
    LogGroup filesLogs = logGroup("FilesLogs", prefix + "-files", s);
    LogGroup searchLogs = logGroup("SearchLogs", prefix + "-search", s);
    LogGroup mediaLogs = logGroup("MediaLogs", prefix + "-media", s);
    LogGroup jobsLogs = logGroup("JobsLogs", prefix + "-jobs", s);
    LogGroup migrateLogs = logGroup("MigrateLogs", prefix + "-migrate", s);
    LogGroup siteLogs = logGroup("SiteLogs", prefix + "-site", s);
    LogGroup fetchLogs = logGroup("FetchLogs", prefix + "-fetch", s);
    logGroups = List.of(httpLogs, filesLogs, searchLogs, mediaLogs, jobsLogs, migrateLogs, siteLogs, fetchLogs);

    http = function("Http", prefix + "-http", "IMS HTTP API (ImsFunction): every route but search and media")
        .handler(PACKAGE + "ImsFunction::handleRequest")
        .code(Code.fromAsset(zips.get(HTTP_ZIP).toString()))
        .memorySize(s.httpMemoryMb())
        .timeout(Duration.seconds(29))
        .role(roles.http)
        .vpcSubnets(network.functionSubnets)
        .environment(httpEnv)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .logGroup(httpLogs)
        .build();
    httpLive = live(http, "HttpLive");

    files = function("Files", prefix + "-files", "IMS executive files (FilesFunction): CLIPs, certificates of analysis, batch images")
        .handler(PACKAGE + "FilesFunction::handleRequest")
        .code(Code.fromAsset(zips.get(FILES_ZIP).toString()))
        .memorySize(s.httpMemoryMb())
        .timeout(Duration.seconds(29))
        .role(roles.files)
        .vpcSubnets(network.functionSubnets)
        .environment(filesEnv)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .logGroup(filesLogs)
        .build();
    filesLive = live(files, "FilesLive");

    search = function("Search", prefix + "-search", "IMS search (SearchFunction): GET /api/v0/search")
        .handler(PACKAGE + "SearchFunction::handleRequest")
        .code(Code.fromAsset(zips.get(SEARCH_ZIP).toString()))
        .memorySize(s.httpMemoryMb())
        .timeout(Duration.seconds(29))
        .role(roles.search)
        .vpcSubnets(network.functionSubnets)
        .environment(searchEnv)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .logGroup(searchLogs)
        .build();
    searchLive = live(search, "SearchLive");

    media = function("Media", prefix + "-media", "IMS media (MediaFunction): GET /media/{key}, a presigned redirect")
        .handler(PACKAGE + "MediaFunction::handleRequest")
        .code(Code.fromAsset(zips.get(MEDIA_ZIP).toString()))
        .memorySize(s.httpMemoryMb())
        .timeout(Duration.seconds(29))
        .role(roles.media)
        .vpcSubnets(network.functionSubnets)
        .environment(mediaEnv)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .logGroup(mediaLogs)
        .build();
    mediaLive = live(media, "MediaLive");

    jobs = function("Jobs", prefix + "-jobs", "IMS jobs (NightlyFunction): nightly import, drain, rebuild, reconcile")
        .handler(PACKAGE + "NightlyFunction::handleRequest")
        .code(Code.fromAsset(zips.get(JOBS_ZIP).toString()))
        .memorySize(s.jobMemoryMb())
        .timeout(Duration.minutes(15))
        .role(roles.jobs)
        .vpcSubnets(network.functionSubnets)
        .environment(jobsEnv)
        .logGroup(jobsLogs)
        .build();

    migrate = function("Migrate", prefix + "-migrate",
        "IMS schema migrations and API keys (NightlyFunction with Flyway, default job migrate), run on deploy")
        .handler(PACKAGE + "NightlyFunction::handleRequest")
        .code(Code.fromAsset(zips.get(MIGRATE_ZIP).toString()))
        .memorySize(s.jobMemoryMb())
        .timeout(Duration.minutes(10))
        .role(roles.migrate)
        .vpcSubnets(network.functionSubnets)
        .environment(migrateEnv)
        .logGroup(migrateLogs)
        .build();

    site = function("Site", prefix + "-site",
        "IMS public website (SiteFunction): writes the site bucket's pages from the database, on its schedule")
        .handler(PACKAGE + "SiteFunction::handleRequest")
        .code(Code.fromAsset(zips.get(SITE_ZIP).toString()))
        .memorySize(SITE_MEMORY_MB)
        .timeout(Duration.minutes(5))
        .role(roles.site)
        .vpcSubnets(network.functionSubnets)
        .environment(siteEnv)
        .logGroup(siteLogs)
        .build();

    // Outside the VPC: the internet is where hPSCreg and ECACC are; nothing private is in reach.
    fetch = Function.Builder.create(this, "Fetch")
        .functionName(prefix + "-fetch")
        .description("IMS registry fetch (FetchFunction): stages hPSCreg's documents and ECACC's answers for the import")
        .runtime(RUNTIME)
        .architecture(Architecture.ARM_64)
        .paramsAndSecrets(extension)
        .handler(PACKAGE + "FetchFunction::handleRequest")
        .code(Code.fromAsset(zips.get(FETCH_ZIP).toString()))
        .memorySize(FETCH_MEMORY_MB)
        .timeout(Duration.minutes(15))
        .role(roles.fetch)
        .environment(fetchEnv)
        .logGroup(fetchLogs)
        .build();

    // Logs: each role writes to its own group only.
    writeLogs(roles.http, httpLogs);
    writeLogs(roles.files, filesLogs);
    writeLogs(roles.search, searchLogs);
    writeLogs(roles.media, mediaLogs);
    writeLogs(roles.jobs, jobsLogs);
    writeLogs(roles.migrate, migrateLogs);
    writeLogs(roles.site, siteLogs);
    writeLogs(roles.fetch, fetchLogs);
    for (Role role : List.of(roles.http, roles.files, roles.search, roles.media, roles.jobs, roles.migrate, roles.site)) {
      // Network interfaces of a function in a VPC (Lambda creates them with the function's role).
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
    // The stage: the fetch writes the copies and reads the lines the import left for ECACC; the
    // import reads the copies and writes only that list. ListBucket: a missing key answers 404.
    objects(roles.fetch, w.storage().stage, "registry/*", List.of("s3:PutObject", "s3:GetObject"));
    objects(roles.jobs, w.storage().stage, "registry/*", List.of("s3:GetObject"));
    objects(roles.jobs, w.storage().stage, "registry/ecacc-wanted.json", List.of("s3:PutObject"));
    list(roles.fetch, w.storage().stage);
    list(roles.jobs, w.storage().stage);
    roles.fetch.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .sid("RegistrySecret")
        .actions(List.of("secretsmanager:GetSecretValue"))
        .resources(List.of(w.hpscregSecret().getSecretArn()))
        .build());
    search(roles.search, Search.READ_ACTIONS, w.search());
    search(roles.jobs, Search.WRITE_ACTIONS, w.search());
    objects(roles.media, w.storage().media, "*", List.of("s3:GetObject"));
    // The executive file routes: store, confirm (read, copy from pending/), and remove files.
    objects(roles.files, w.storage().media, "*", List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"));
    list(roles.files, w.storage().media);
    list(roles.media, w.storage().media);
    // The site: its pages (written, read back, deleted when a line leaves the catalogue), and the
    // media files the pages show, copied from the media bucket; ListBucket for a 404 on a missing key.
    objects(roles.site, w.storage().site, "*", List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"));
    objects(roles.site, w.storage().media, "*", List.of("s3:GetObject"));
    list(roles.site, w.storage().site, w.storage().media);
  }

  private final ParamsAndSecretsLayerVersion extension;
  private final Network network;

  // The database settings every function has: no password, the secret is read at run time.
  private static Map<String, String> database(Wiring w, int poolSize) {
    Map<String, String> db = new LinkedHashMap<>();
    db.put("IMS_JDBC_URL", w.database().jdbcUrl());
    db.put("IMS_DB_SECRET_ID", w.database().secret.getSecretArn());
    db.put("IMS_DB_POOL_SIZE", Integer.toString(poolSize));
    return db;
  }

  // What every function shares: Java 21 on arm64 in the VPC with the functions' security group, and
  // the Parameters and Secrets extension that reads the database secret.
  private Function.Builder function(String id, String name, String description) {
    return Function.Builder.create(this, id)
        .functionName(name)
        .description(description)
        .runtime(RUNTIME)
        .architecture(Architecture.ARM_64)
        .vpc(network.vpc)
        .securityGroups(List.of(network.functions))
        .paramsAndSecrets(extension);
  }

  private Alias live(Function function, String id) {
    return Alias.Builder.create(this, id)
        .aliasName(ALIAS)
        .version(function.getCurrentVersion())
        .description("the version API Gateway invokes")
        .build();
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
          + "lambdaZips at the folder holding " + String.join(", ", ZIPS) + ")");
    }
    return zip;
  }

  /** What the functions are wired to; {@code siteUrl} is the public site's address, ending in {@code /}. */
  record Wiring(StageSettings settings, Network network, Roles roles, Database database, Search search,
      Storage storage, String hpscregUrl, ISecret hpscregSecret, String ecaccUrl, String siteUrl) {}

}
