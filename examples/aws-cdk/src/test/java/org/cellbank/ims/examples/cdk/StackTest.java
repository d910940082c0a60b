package org.cellbank.ims.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The synthesised template keeps every promise of docs/deploy.md, in both stages. */
class StackTest {

  /** stage, synthesis, zones, backup days, deletion protection, log retention, noncurrent days. */
  static Stream<Arguments> stages() {
    return Stream.of(
        Arguments.of("prod", Synthesised.prod(), 2, 7, true, 90, 90),
        Arguments.of("dev", Synthesised.dev(), 1, 1, false, 7, 7));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void database_isPostgres17_encrypted_backedUp_withAnRdsManagedSecret(String stage, Synthesised s, int zones,
      int backupDays, boolean protection, int logDays, int noncurrentDays) {
    Map<String, Object> db = only(s, "AWS::RDS::DBInstance");
    Map<String, Object> p = Synthesised.props(db);
    assertThat(p).containsEntry("Engine", "postgres").containsEntry("EngineVersion", "17")
        .containsEntry("DBInstanceClass", "db.t4g.micro")
        .containsEntry("StorageEncrypted", true)
        .containsEntry("PubliclyAccessible", false)
        .containsEntry("ManageMasterUserPassword", true)
        .containsEntry("DeletionProtection", protection)
        .containsEntry("BackupRetentionPeriod", Map.of("Ref", "BackupRetentionDays"))
        .doesNotContainKey("MasterUserPassword");
    Map<String, Object> parameter = map(map(s.template.toJSON().get("Parameters")).get("BackupRetentionDays"));
    assertThat(parameter).containsEntry("Type", "Number").containsEntry("Default", backupDays)
        .containsEntry("MinValue", 1).containsEntry("MaxValue", 35);
    assertThat(db.get("DeletionPolicy")).isEqualTo(protection ? "Snapshot" : "Delete");
    assertThat(s.ofType("AWS::SecretsManager::Secret")).as("RDS creates and rotates the secret").isEmpty();
  }

  @Test
  void database_admitsOnlyTheFunctionsSecurityGroup_on5432() {
    Synthesised s = Synthesised.prod();
    String dbGroup = logicalIdOfSecurityGroup(s, "IMS database");
    String functions = logicalIdOfSecurityGroup(s, "IMS functions");
    List<Map<String, Object>> ingress = new ArrayList<>();
    for (Map<String, Object> r : s.ofType("AWS::EC2::SecurityGroupIngress").values()) {
      Map<String, Object> p = Synthesised.props(r);
      if (p.get("GroupId").equals(Map.of("Fn::GetAtt", List.of(dbGroup, "GroupId")))) {
        ingress.add(p);
      }
    }
    assertThat(ingress).singleElement().satisfies(p -> assertThat(p)
        .containsEntry("FromPort", 5432).containsEntry("ToPort", 5432).containsEntry("IpProtocol", "tcp")
        .containsEntry("SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(functions, "GroupId"))));
    assertThat(Synthesised.props(s.resources.containsKey(dbGroup) ? map(s.resources.get(dbGroup)) : Map.of()))
        .doesNotContainKey("SecurityGroupIngress");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void network_hasNoNatGateway_noInternetGateway_andOneInterfaceEndpointPerZone(String stage, Synthesised s,
      int zones, int backupDays, boolean protection, int logDays, int noncurrentDays) {
    assertThat(s.ofType("AWS::EC2::NatGateway")).isEmpty();
    assertThat(s.ofType("AWS::EC2::InternetGateway")).isEmpty();
    assertThat(s.ofType("AWS::EC2::EIP")).isEmpty();
    List<Map<String, Object>> interfaces = new ArrayList<>();
    List<Map<String, Object>> gateways = new ArrayList<>();
    for (Map<String, Object> r : s.ofType("AWS::EC2::VPCEndpoint").values()) {
      Map<String, Object> p = Synthesised.props(r);
      (p.get("VpcEndpointType").equals("Interface") ? interfaces : gateways).add(p);
    }
    assertThat(gateways).singleElement().satisfies(p -> assertThat(p.get("ServiceName").toString()).contains(".s3"));
    assertThat(interfaces).singleElement().satisfies(p -> {
      assertThat(p.get("ServiceName").toString()).contains(".secretsmanager");
      assertThat(p).containsEntry("PrivateDnsEnabled", true);
      assertThat((List<?>) p.get("SubnetIds")).hasSize(zones);
    });
    for (String fn : List.of("Http", "Jobs", "Migrate")) {
      assertThat((List<?>) map(function(s, fn).get("VpcConfig")).get("SubnetIds")).as(fn).hasSize(zones);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void buckets_areEncrypted_private_tlsOnly_andLogged(String stage, Synthesised s, int zones, int backupDays,
      boolean protection, int logDays, int noncurrentDays) {
    Map<String, Map<String, Object>> buckets = s.ofType("AWS::S3::Bucket");
    assertThat(buckets).hasSize(4);
    List<Object> tlsOnly = new ArrayList<>();
    for (Map<String, Object> policy : s.ofType("AWS::S3::BucketPolicy").values()) {
      for (Object st : list(map(Synthesised.props(policy).get("PolicyDocument")).get("Statement"))) {
        Map<String, Object> statement = map(st);
        if ("Deny".equals(statement.get("Effect"))
            && Map.of("Bool", Map.of("aws:SecureTransport", "false")).equals(statement.get("Condition"))) {
          tlsOnly.add(Synthesised.props(policy).get("Bucket"));
        }
      }
    }
    for (Map.Entry<String, Map<String, Object>> e : buckets.entrySet()) {
      Map<String, Object> p = Synthesised.props(e.getValue());
      assertThat(p.get("BucketEncryption")).as(e.getKey()).asString().contains("AES256");
      assertThat(p.get("PublicAccessBlockConfiguration")).as(e.getKey()).isEqualTo(Map.of(
          "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
      assertThat(tlsOnly).as(e.getKey() + " TLS only").contains(Map.of("Ref", e.getKey()));
      if (!e.getKey().startsWith("StorageAccessLogs")) {
        assertThat(p).as(e.getKey()).containsKey("LoggingConfiguration");
      }
      assertThat(e.getValue().get("DeletionPolicy")).isEqualTo(protection ? "Retain" : "Delete");
    }
    Map<String, Object> media = Synthesised.props(byPrefix(buckets, "StorageMedia"));
    assertThat(media.get("VersioningConfiguration")).isEqualTo(Map.of("Status", "Enabled"));
    String rules = map(media.get("LifecycleConfiguration")).get("Rules").toString();
    assertThat(rules).contains("Prefix=pending/", "ExpirationInDays=1", "DaysAfterInitiation=1",
        "NoncurrentDays=" + noncurrentDays);
    Map<String, Object> cors = map(list(map(media.get("CorsConfiguration")).get("CorsRules")).get(0));
    assertThat(list(cors.get("AllowedMethods"))).containsExactlyInAnyOrder("GET", "HEAD", "PUT");
    assertThat(cors.get("AllowedOrigins").toString()).contains("StorageSiteDistribution");
    Map<String, Object> staging = Synthesised.props(byPrefix(buckets, "StorageStaging"));
    assertThat(map(staging.get("LifecycleConfiguration")).get("Rules").toString()).contains("ExpirationInDays=30");
  }

  @Test
  void site_isServedByCloudFront_withOac_httpsRedirect_securityHeaders_and404Page() {
    Synthesised s = Synthesised.prod();
    Map<String, Object> config = map(Synthesised.props(only(s, "AWS::CloudFront::Distribution")).get("DistributionConfig"));
    assertThat(config).containsEntry("DefaultRootObject", "index.html");
    assertThat(map(config.get("DefaultCacheBehavior"))).containsEntry("ViewerProtocolPolicy", "redirect-to-https")
        .containsKey("ResponseHeadersPolicyId");
    assertThat(config.get("CustomErrorResponses").toString()).contains("ErrorCode=404", "ResponsePagePath=/404.html");
    assertThat(list(config.get("Origins")).get(0).toString()).contains("OriginAccessControlId");
    assertThat(s.ofType("AWS::CloudFront::OriginAccessControl")).hasSize(1);
    Map<String, Object> headers = map(map(Synthesised.props(only(s, "AWS::CloudFront::ResponseHeadersPolicy"))
        .get("ResponseHeadersPolicyConfig")).get("SecurityHeadersConfig"));
    assertThat(headers).containsKeys("StrictTransportSecurity", "ContentTypeOptions", "FrameOptions", "ReferrerPolicy");
    String csp = map(headers.get("ContentSecurityPolicy")).get("ContentSecurityPolicy").toString();
    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void search_isOpenSearch219_encrypted_httpsOnly_inTheVpc_forTheFunctionsRolesOnly(String stage, Synthesised s,
      int zones, int backupDays, boolean protection, int logDays, int noncurrentDays) {
    Map<String, Object> p = Synthesised.props(only(s, "AWS::OpenSearchService::Domain"));
    assertThat(p).containsEntry("EngineVersion", "OpenSearch_2.19")
        .containsEntry("EncryptionAtRestOptions", Map.of("Enabled", true))
        .containsEntry("NodeToNodeEncryptionOptions", Map.of("Enabled", true))
        .containsEntry("DomainEndpointOptions", Map.of("EnforceHTTPS", true,
            "TLSSecurityPolicy", "Policy-Min-TLS-1-2-2019-07"));
    assertThat(map(p.get("ClusterConfig"))).containsEntry("InstanceType", "t3.small.search")
        .containsEntry("InstanceCount", 1);
    assertThat(map(p.get("VPCOptions"))).containsKeys("SubnetIds", "SecurityGroupIds");
    for (Object st : list(map(p.get("AccessPolicies")).get("Statement"))) {
      Map<String, Object> statement = map(st);
      assertThat(statement.get("Principal").toString()).contains("Roles").doesNotContain("\"*\"").isNotEqualTo("*");
      assertThat(list(map(statement.get("Principal")).get("AWS"))).allSatisfy(
          principal -> assertThat(principal.toString()).startsWith("{Fn::GetAtt=[Roles"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void queueAndTopic_areEncrypted_andTlsOnly(String stage, Synthesised s, int zones, int backupDays,
      boolean protection, int logDays, int noncurrentDays) {
    assertThat(Synthesised.props(only(s, "AWS::SQS::Queue"))).containsEntry("SqsManagedSseEnabled", true);
    assertThat(Synthesised.props(only(s, "AWS::SQS::QueuePolicy")).toString()).contains("aws:SecureTransport=false");
    assertThat(Synthesised.props(only(s, "AWS::SNS::Topic"))).containsKey("KmsMasterKeyId");
    assertThat(Synthesised.props(only(s, "AWS::SNS::TopicPolicy")).toString()).contains("aws:SecureTransport=false");
    assertThat(Synthesised.props(only(s, "AWS::KMS::Key"))).containsEntry("EnableKeyRotation", true);
    Map<String, Object> email = only(s, "AWS::SNS::Subscription");
    assertThat(email).containsEntry("Condition", "HasAlarmEmail");
    assertThat(Synthesised.props(email)).containsEntry("Protocol", "email");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void functions_followTheContract_httpOnSnapStart_behindTheLiveAlias(String stage, Synthesised s, int zones,
      int backupDays, boolean protection, int logDays, int noncurrentDays) {
    String prefix = "Ims-" + stage;
    Map<String, Object> http = function(s, "Http");
    assertThat(http).containsEntry("FunctionName", prefix + "-http").containsEntry("Runtime", "java21")
        .containsEntry("Handler", "org.cellbank.ims.examples.lambda.ImsFunction::handleRequest")
        .containsEntry("Timeout", 29).containsEntry("MemorySize", 1024)
        .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
    String httpId = logicalId(s, "AWS::Lambda::Function", "FunctionsHttp");
    Map<String, Object> version = byPrefix(s.ofType("AWS::Lambda::Version"), "FunctionsHttpCurrentVersion");
    assertThat(Synthesised.props(version)).containsEntry("FunctionName", Map.of("Ref", httpId));
    Map<String, Object> alias = Synthesised.props(only(s, "AWS::Lambda::Alias"));
    assertThat(alias).containsEntry("Name", "live").containsEntry("FunctionName", Map.of("Ref", httpId));
    assertThat(alias.get("FunctionVersion").toString()).contains("FunctionsHttpCurrentVersion");
    Map<String, Object> integration = Synthesised.props(only(s, "AWS::ApiGatewayV2::Integration"));
    assertThat(integration).containsEntry("PayloadFormatVersion", "2.0")
        .containsEntry("IntegrationUri", Map.of("Ref", logicalId(s, "AWS::Lambda::Alias", "FunctionsHttpLive")));

    Map<String, Object> jobs = function(s, "Jobs");
    assertThat(jobs).containsEntry("Timeout", 900)
        .containsEntry("Handler", "org.cellbank.ims.examples.lambda.NightlyFunction::handleRequest");
    assertThat(env(jobs)).containsEntry("IMS_DEFAULT_JOB", "nightly").containsEntry("IMS_OPENSEARCH_REPLICAS", "0")
        .containsEntry("IMS_STAGING_PREFIX", "registry/").containsKeys("IMS_STAGING_BUCKET", "IMS_MEDIA_BUCKET");
    Map<String, Object> migrate = function(s, "Migrate");
    assertThat(migrate.get("Handler")).isEqualTo(jobs.get("Handler"));
    assertThat(migrate.get("Code")).isEqualTo(jobs.get("Code"));
    assertThat(env(migrate)).containsEntry("IMS_DEFAULT_JOB", "migrate");
    Map<String, Object> fetch = function(s, "Fetch");
    assertThat(fetch).doesNotContainKey("VpcConfig").containsEntry("MemorySize", 512).containsEntry("Timeout", 600)
        .containsEntry("Handler", "org.cellbank.ims.examples.lambda.RegistryFetchFunction::handleRequest");
    assertThat(env(fetch)).containsKeys("IMS_HPSCREG_URL", "IMS_ECACC_URL", "IMS_STAGING_BUCKET", "IMS_STAGING_PREFIX");
    // Inside the VPC nothing reaches the internet: the registry and ECACC are the fetch function's.
    assertThat(env(jobs)).doesNotContainKeys("IMS_HPSCREG_URL", "IMS_ECACC_URL");

    for (Map<String, Object> f : List.of(http, jobs, migrate)) {
      assertThat(env(f)).containsEntry("IMS_DB_SECRET_ID",
          Map.of("Fn::GetAtt", List.of(logicalId(s, "AWS::RDS::DBInstance", "DatabaseInstance"), "MasterUserSecret.SecretArn")));
      assertThat(env(f).get("IMS_JDBC_URL").toString()).contains("sslmode=require");
      assertThat(env(f).keySet()).noneMatch(k -> k.contains("PASSWORD") || k.equals("IMS_JDBC_USER"));
      assertThat(f.get("Layers").toString()).as("the Parameters and Secrets extension").contains("ParamsandsecretslayerMap");
    }
    assertThat(fetch).doesNotContainKey("Layers");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void everyLogGroup_hasTheStageRetention_andEveryFunctionLogsToOne(String stage, Synthesised s, int zones,
      int backupDays, boolean protection, int logDays, int noncurrentDays) {
    Map<String, Map<String, Object>> groups = s.ofType("AWS::Logs::LogGroup");
    assertThat(groups).hasSizeGreaterThanOrEqualTo(9);
    for (Map.Entry<String, Map<String, Object>> e : groups.entrySet()) {
      assertThat(Synthesised.props(e.getValue())).as(e.getKey()).containsEntry("RetentionInDays", logDays);
    }
    List<String> names = new ArrayList<>();
    for (Map<String, Object> g : groups.values()) {
      names.add(String.valueOf(Synthesised.props(g).get("LogGroupName")));
    }
    for (Map.Entry<String, Map<String, Object>> e : s.ofType("AWS::Lambda::Function").entrySet()) {
      Map<String, Object> p = Synthesised.props(e.getValue());
      if (p.containsKey("LoggingConfig")) {
        String group = map(map(p.get("LoggingConfig")).get("LogGroup")).get("Ref").toString();
        assertThat(groups).as(e.getKey()).containsKey(group);
        assertThat(Synthesised.props(groups.get(group)).get("LogGroupName")).isEqualTo("/aws/lambda/" + p.get("FunctionName"));
      } else {
        // A function CDK adds (the trigger's provider): its default group, made first with a retention.
        assertThat(names).as(e.getKey()).contains("{Fn::Join=[, [/aws/lambda/, {Ref=" + e.getKey() + "}]]}");
      }
    }
    Map<String, Object> stageProps = Synthesised.props(only(s, "AWS::ApiGatewayV2::Stage"));
    assertThat(map(stageProps.get("AccessLogSettings")).get("DestinationArn").toString()).contains("ApiAccessLogs");
    assertThat(map(stageProps.get("AccessLogSettings")).get("Format").toString()).contains("$context.requestId");
    assertThat(map(stageProps.get("DefaultRouteSettings"))).containsKeys("ThrottlingBurstLimit", "ThrottlingRateLimit");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void schedules_runInParis_withRetries_andTheDeadLetterQueue(String stage, Synthesised s, int zones,
      int backupDays, boolean protection, int logDays, int noncurrentDays) {
    Map<String, Map<String, Object>> schedules = s.ofType("AWS::Scheduler::Schedule");
    assertThat(schedules).hasSize(3);
    String queue = logicalId(s, "AWS::SQS::Queue", "SchedulesDeadLetters");
    Map<String, String> expressions = new java.util.HashMap<>();
    for (Map<String, Object> r : schedules.values()) {
      Map<String, Object> p = Synthesised.props(r);
      assertThat(p).containsEntry("ScheduleExpressionTimezone", "Europe/Paris").containsEntry("State", "ENABLED");
      Map<String, Object> target = map(p.get("Target"));
      assertThat(map(target.get("RetryPolicy"))).containsKeys("MaximumRetryAttempts", "MaximumEventAgeInSeconds");
      assertThat(target.get("DeadLetterConfig")).isEqualTo(Map.of("Arn", Map.of("Fn::GetAtt", List.of(queue, "Arn"))));
      expressions.put(p.get("ScheduleExpression").toString(),
          target.get("Arn").toString() + " input=" + target.get("Input"));
    }
    assertThat(expressions).containsOnlyKeys("cron(30 1 * * ? *)", "cron(0 2 * * ? *)", "rate(1 minute)");
    assertThat(expressions.get("cron(30 1 * * ? *)")).contains("FunctionsFetch").endsWith("input=null");
    assertThat(expressions.get("cron(0 2 * * ? *)")).contains("FunctionsJobs").endsWith("input=null");
    assertThat(expressions.get("rate(1 minute)")).contains("FunctionsJobs").endsWith("input={\"job\":\"drain\"}");
  }

  @Test
  void migration_runsAfterTheDatabase_andBeforeTheLiveAliasMoves() {
    Synthesised s = Synthesised.prod();
    Map<String, Object> trigger = only(s, "Custom::Trigger");
    assertThat(list(trigger.get("DependsOn"))).contains(logicalId(s, "AWS::RDS::DBInstance", "DatabaseInstance"),
        logicalId(s, "AWS::EC2::VPCEndpoint", "NetworkVpcSecretsManager"));
    assertThat(Synthesised.props(trigger)).containsEntry("InvocationType", "RequestResponse")
        .containsEntry("ExecuteOnHandlerChange", true)
        .containsEntry("HandlerArn", Map.of("Ref", logicalId(s, "AWS::Lambda::Version", "FunctionsMigrateCurrentVersion")));
    Map<String, Object> alias = only(s, "AWS::Lambda::Alias");
    assertThat(list(alias.get("DependsOn"))).contains("Migration");
  }

  @Test
  void alarms_watchTheApi_theFunctions_theDeadLetters_theDatabase_andTheSearchCluster() {
    Synthesised s = Synthesised.prod();
    List<String> metrics = new ArrayList<>();
    for (Map<String, Object> alarm : s.ofType("AWS::CloudWatch::Alarm").values()) {
      Map<String, Object> p = Synthesised.props(alarm);
      assertThat(p.get("AlarmActions").toString()).contains("AlarmsTopic");
      metrics.add(p.get("Namespace") + ":" + p.get("MetricName"));
    }
    assertThat(metrics).contains("AWS/ApiGateway:5xx", "AWS/SQS:ApproximateNumberOfMessagesVisible",
        "AWS/RDS:FreeStorageSpace", "AWS/ES:ClusterStatus.red", "AWS/ES:ClusterStatus.yellow");
    assertThat(metrics).filteredOn(m -> m.equals("AWS/Lambda:Errors")).hasSize(4);
    assertThat(metrics).filteredOn(m -> m.equals("AWS/Lambda:Throttles")).hasSize(4);
  }

  @Test
  void outputs_areThoseTheOperationsCommandsRead() {
    Map<String, Object> outputs = map(Synthesised.prod().template.toJSON().get("Outputs"));
    assertThat(outputs).containsKeys("ImsApiUrl", "ImsHttpFunctionName", "ImsHttpAliasName", "ImsJobFunctionName",
        "ImsMigrateFunctionName", "ImsFetchFunctionName", "ImsMediaBucketName", "ImsSiteBucketName",
        "ImsStagingBucketName", "ImsSiteUrl", "ImsDatabaseEndpoint", "ImsDatabaseSecretArn", "ImsSearchEndpoint",
        "ImsAlarmTopicArn");
    assertThat(map(outputs.get("ImsHttpAliasName"))).containsEntry("Value", "live");
  }

  @Test
  void synthesis_leavesTheProdStageInTargetCdkOut_withoutLookupsOrDockerImages() throws java.io.IOException {
    Synthesised.prod();
    java.nio.file.Path out = java.nio.file.Path.of(System.getProperty("ims.cdk.outdir", "target/cdk.out"));
    assertThat(out.resolve("Ims-prod.template.json")).isRegularFile();
    // A lookup (fromLookup, an AZ or a hosted-zone query) would be listed under "missing".
    String manifest = java.nio.file.Files.readString(out.resolve("manifest.json"));
    assertThat(manifest).contains("\"artifacts\"").doesNotContain("\"missing\"");
    // Only files (the two zips, CDK's trigger provider, the template): nothing to build with Docker.
    String assets = java.nio.file.Files.readString(out.resolve("Ims-prod.assets.json"));
    assertThat(assets.replaceAll("\\s", "")).contains("\"dockerImages\":{}");
    assertThat(assets).contains("\"packaging\": \"file\"").doesNotContain("\"executable\"");
  }

  // --- helpers

  static Map<String, Object> only(Synthesised s, String type) {
    Map<String, Map<String, Object>> all = s.ofType(type);
    assertThat(all).as(type).hasSize(1);
    return all.values().iterator().next();
  }

  static Map<String, Object> function(Synthesised s, String name) {
    return Synthesised.props(byPrefix(s.ofType("AWS::Lambda::Function"), "Functions" + name));
  }

  static Map<String, Object> env(Map<String, Object> function) {
    return map(map(function.get("Environment")).get("Variables"));
  }

  static Map<String, Object> byPrefix(Map<String, Map<String, Object>> resources, String prefix) {
    return resources.get(logicalId(resources, prefix));
  }

  static String logicalId(Synthesised s, String type, String prefix) {
    return logicalId(s.ofType(type), prefix);
  }

  private static String logicalId(Map<String, Map<String, Object>> resources, String prefix) {
    List<String> ids = resources.keySet().stream()
        .filter(k -> k.startsWith(prefix) && k.substring(prefix.length()).matches("[0-9A-Fa-f]{8,}"))
        .toList();
    assertThat(ids).as(prefix).hasSize(1);
    return ids.get(0);
  }

  private static String logicalIdOfSecurityGroup(Synthesised s, String descriptionStart) {
    for (Map.Entry<String, Map<String, Object>> e : s.ofType("AWS::EC2::SecurityGroup").entrySet()) {
      if (String.valueOf(Synthesised.props(e.getValue()).get("GroupDescription")).startsWith(descriptionStart)) {
        return e.getKey();
      }
    }
    throw new AssertionError("no security group " + descriptionStart);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) o;
  }
}
