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
    // RDS creates and rotates the database's secret; the stack's one secret is the registry's credentials.
    assertThat(s.ofType("AWS::SecretsManager::Secret").values()).as("RDS creates and rotates the secret")
        .singleElement().satisfies(r -> assertThat(Synthesised.props(r).toString()).contains("hPSCreg"));
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
    for (String fn : FUNCTIONS) {
      assertThat((List<?>) map(function(s, fn).get("VpcConfig")).get("SubnetIds")).as(fn).hasSize(zones);
      assertThat(map(function(s, fn).get("VpcConfig")).get("SubnetIds").toString()).as(fn).contains("Vpcprivate");
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
  }

  @Test
  void site_isServedByCloudFront_withOac_httpsRedirect_securityHeaders_and404Page() {
    Synthesised s = Synthesised.prod();
    Map<String, Object> config = map(Synthesised.props(only(s, "AWS::CloudFront::Distribution")).get("DistributionConfig"));
    assertThat(config).containsEntry("DefaultRootObject", "index.html");
    assertThat(map(config.get("DefaultCacheBehavior"))).containsEntry("ViewerProtocolPolicy", "redirect-to-https")
        .containsKey("ResponseHeadersPolicyId");
    assertThat(list(config.get("CustomErrorResponses"))).map(StackTest::map).allSatisfy(e -> assertThat(e)
        .containsEntry("ResponseCode", 404).containsEntry("ResponsePagePath", "/404.html"))
        .extracting(e -> e.get("ErrorCode")).containsExactlyInAnyOrder(403, 404);
    assertThat(list(config.get("Origins"))).hasSize(2);
    assertThat(list(config.get("Origins")).get(0).toString()).contains("OriginAccessControlId");
    assertThat(s.ofType("AWS::CloudFront::OriginAccessControl")).hasSize(1);
    Map<String, Object> headers = map(map(Synthesised.props(only(s, "AWS::CloudFront::ResponseHeadersPolicy"))
        .get("ResponseHeadersPolicyConfig")).get("SecurityHeadersConfig"));
    assertThat(headers).containsKeys("StrictTransportSecurity", "ContentTypeOptions", "FrameOptions", "ReferrerPolicy");
    String csp = map(headers.get("ContentSecurityPolicy")).get("ContentSecurityPolicy").toString();
    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
  }

  @Test
  void site_mapsFoldersToTheirIndex_withAViewerRequestFunction() {
    Synthesised s = Synthesised.prod();
    Map<String, Object> config = map(Synthesised.props(only(s, "AWS::CloudFront::Distribution")).get("DistributionConfig"));
    String function = logicalId(s, "AWS::CloudFront::Function", "StorageIndexFunction");
    assertThat(list(map(config.get("DefaultCacheBehavior")).get("FunctionAssociations"))).singleElement()
        .isEqualTo(Map.of("EventType", "viewer-request",
            "FunctionARN", Map.of("Fn::GetAtt", List.of(function, "FunctionARN"))));
    Map<String, Object> p = Synthesised.props(s.ofType("AWS::CloudFront::Function").get(function));
    assertThat(map(p.get("FunctionConfig"))).containsEntry("Runtime", "cloudfront-js-2.0");
    assertThat(p).containsEntry("FunctionCode", Storage.INDEX_FUNCTION).containsEntry("AutoPublish", true);
  }

  /** The function's code as deployed, run by Node.js (which the CDK itself needs) on sample requests. */
  @Test
  void indexFunction_appendsIndexHtmlToFolders_redirectsBareNames_hidesItsRecords_andLeavesFilesAlone() throws Exception {
    String script = Storage.INDEX_FUNCTION + "\n"
        + "const out = ['/', '/UKBi008-A/', '/UKBi008-A', '/assets/site.1a2b.css', '/sitemap.xml', '/404.html',"
        + " '/.ims/page-names.tsv', '/.ims/']"
        + ".map(u => { const r = handler({request: {uri: u, querystring: {}, headers: {}}});"
        + " return u + ' ' + (r.statusCode ? r.statusCode + (r.headers ? ' ' + r.headers.location.value : '')"
        + " : r.uri); });\n"
        + "console.log(out.join('\\n'));\n";
    Process node = new ProcessBuilder("node", "-e", script).redirectErrorStream(true).start();
    String output = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(node.waitFor()).as(output).isZero();
    assertThat(output.lines()).containsExactly(
        "/ /index.html",
        "/UKBi008-A/ /UKBi008-A/index.html",
        "/UKBi008-A 301 /UKBi008-A/",
        "/assets/site.1a2b.css /assets/site.1a2b.css",
        "/sitemap.xml /sitemap.xml",
        "/404.html /404.html",
        "/.ims/page-names.tsv 404",
        "/.ims/ 404");
  }

  @Test
  void site_forwardsThePublicApiToTheHttpApi_overHttps_cachedAsTheAnswerSays() {
    Synthesised s = Synthesised.prod();
    Map<String, Object> config = map(Synthesised.props(only(s, "AWS::CloudFront::Distribution")).get("DistributionConfig"));
    assertThat(list(config.get("CacheBehaviors"))).map(StackTest::map).extracting(b -> b.get("PathPattern"))
        .containsExactly("/api/public/*", "/api/v0/executive/*");
    Map<String, Object> behaviour = behaviour(config, "/api/public/*");
    assertThat(behaviour)
        .containsEntry("AllowedMethods", List.of("GET", "HEAD"))
        .containsEntry("CachedMethods", List.of("GET", "HEAD"))
        .containsEntry("ViewerProtocolPolicy", "https-only")
        // CloudFront's managed AllViewerExceptHostHeader: the query string, not the Host header.
        .containsEntry("OriginRequestPolicyId", "b689b0a8-53d0-40ab-baf2-68738e2966ac")
        .containsKey("ResponseHeadersPolicyId")
        .doesNotContainKey("FunctionAssociations");
    Map<String, Object> origin = list(config.get("Origins")).stream().map(StackTest::map)
        .filter(o -> o.get("Id").equals(behaviour.get("TargetOriginId"))).findFirst().orElseThrow();
    assertThat(map(origin.get("CustomOriginConfig"))).containsEntry("OriginProtocolPolicy", "https-only")
        .containsEntry("OriginSSLProtocols", List.of("TLSv1.2"));
    assertThat(origin.get("DomainName").toString())
        .contains("{Ref=" + logicalId(s, "AWS::ApiGatewayV2::Api", "ApiHttpApi") + "}", ".execute-api.");
    String policy = logicalId(s, "AWS::CloudFront::CachePolicy", "StoragePublicApiCache");
    assertThat(behaviour).containsEntry("CachePolicyId", Map.of("Ref", policy));
    Map<String, Object> cache = map(Synthesised.props(s.ofType("AWS::CloudFront::CachePolicy").get(policy))
        .get("CachePolicyConfig"));
    // No TTL of its own: the answer's max-age (60 s) decides, up to five minutes.
    assertThat(cache).containsEntry("MinTTL", 0).containsEntry("DefaultTTL", 0).containsEntry("MaxTTL", 300);
    Map<String, Object> key = map(cache.get("ParametersInCacheKeyAndForwardedToOrigin"));
    assertThat(map(key.get("QueryStringsConfig"))).containsEntry("QueryStringBehavior", "all");
    assertThat(map(key.get("HeadersConfig"))).containsEntry("HeaderBehavior", "none");
    assertThat(map(key.get("CookiesConfig"))).containsEntry("CookieBehavior", "none");
  }

  @Test
  void site_forwardsTheExecutiveApiForTheStaffConsole_uncached_everyMethod_withTheViewersHeaders() {
    Synthesised s = Synthesised.prod();
    Map<String, Object> config = map(Synthesised.props(only(s, "AWS::CloudFront::Distribution")).get("DistributionConfig"));
    Map<String, Object> behaviour = behaviour(config, "/api/v0/executive/*");
    assertThat(behaviour)
        .containsEntry("AllowedMethods", List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"))
        .containsEntry("ViewerProtocolPolicy", "https-only")
        // CloudFront's managed CachingDisabled: nothing with a key in it is ever cached.
        .containsEntry("CachePolicyId", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad")
        // Managed AllViewerExceptHostHeader: Authorization (forwarded only because caching is disabled),
        // If-Match, Idempotency-Key, Content-Type and the query string; the Host header is the API's.
        .containsEntry("OriginRequestPolicyId", "b689b0a8-53d0-40ab-baf2-68738e2966ac")
        .containsKey("ResponseHeadersPolicyId")
        .doesNotContainKey("FunctionAssociations");
    // The same origin as the public API: the API's execute-api name over HTTPS.
    assertThat(behaviour.get("TargetOriginId")).isEqualTo(behaviour(config, "/api/public/*").get("TargetOriginId"));
    assertThat(list(config.get("Origins"))).hasSize(2);
  }

  private static Map<String, Object> behaviour(Map<String, Object> config, String pathPattern) {
    return list(config.get("CacheBehaviors")).stream().map(StackTest::map)
        .filter(b -> pathPattern.equals(b.get("PathPattern"))).findFirst()
        .orElseThrow(() -> new AssertionError("no behaviour for " + pathPattern));
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
  void apiFunctions_runTheirOwnPackages_onSnapStart_behindTheirLiveAliases(String stage, Synthesised s, int zones,
      int backupDays, boolean protection, int logDays, int noncurrentDays) {
    String prefix = "Ims-" + stage;
    Map<String, String> handlers = Map.of("Http", "ImsFunction", "Files", "FilesFunction", "Search", "SearchFunction",
        "Media", "MediaFunction");
    List<Object> codes = new ArrayList<>();
    for (String fn : List.of("Http", "Files", "Search", "Media")) {
      Map<String, Object> f = function(s, fn);
      assertThat(f).as(fn).containsEntry("FunctionName", prefix + "-" + fn.toLowerCase(java.util.Locale.ROOT))
          .containsEntry("Runtime", "java21")
          .containsEntry("Handler", "org.cellbank.ims.examples.lambda." + handlers.get(fn) + "::handleRequest")
          .containsEntry("Timeout", 29).containsEntry("MemorySize", 1024)
          .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
      codes.add(f.get("Code"));
      String id = logicalId(s, "AWS::Lambda::Function", "Functions" + fn);
      Map<String, Object> version = byPrefix(s.ofType("AWS::Lambda::Version"), "Functions" + fn + "CurrentVersion");
      assertThat(Synthesised.props(version)).containsEntry("FunctionName", Map.of("Ref", id));
      Map<String, Object> alias = Synthesised.props(byPrefix(s.ofType("AWS::Lambda::Alias"), "Functions" + fn + "Live"));
      assertThat(alias).containsEntry("Name", "live").containsEntry("FunctionName", Map.of("Ref", id));
      assertThat(alias.get("FunctionVersion").toString()).contains("Functions" + fn + "CurrentVersion");
    }
    assertThat(codes).as("four packages").doesNotHaveDuplicates();
    assertThat(s.ofType("AWS::Lambda::Alias")).hasSize(4);
    assertThat(s.ofType("AWS::Lambda::Version")).as("published: the API functions and the migration (trigger)")
        .hasSize(5);

    Map<String, Object> http = env(function(s, "Http"));
    assertThat(ims(http)).containsOnlyKeys("IMS_JDBC_URL", "IMS_DB_SECRET_ID", "IMS_DB_POOL_SIZE", "IMS_API_MAX_LIMIT",
        "IMS_BASE_PATH", "IMS_COMPRESSION", "JAVA_TOOL_OPTIONS");
    Map<String, Object> files = env(function(s, "Files"));
    assertThat(ims(files)).containsOnlyKeys("IMS_JDBC_URL", "IMS_DB_SECRET_ID", "IMS_DB_POOL_SIZE", "IMS_API_MAX_LIMIT",
        "IMS_BASE_PATH", "IMS_COMPRESSION", "JAVA_TOOL_OPTIONS", "IMS_MEDIA_BUCKET");
    assertThat(files).containsEntry("IMS_MEDIA_BUCKET", Map.of("Ref", logicalId(s, "AWS::S3::Bucket", "StorageMedia")));
    assertThat(http).containsEntry("IMS_API_MAX_LIMIT", "250").containsEntry("IMS_COMPRESSION", "true");
    Map<String, Object> search = env(function(s, "Search"));
    assertThat(ims(search)).containsOnlyKeys("IMS_JDBC_URL", "IMS_DB_SECRET_ID", "IMS_DB_POOL_SIZE", "IMS_OPENSEARCH_HOST",
        "IMS_OPENSEARCH_INDEX", "IMS_BASE_PATH", "IMS_COMPRESSION");
    assertThat(search).containsEntry("IMS_OPENSEARCH_INDEX", "ims-catalogue")
        .containsEntry("IMS_OPENSEARCH_HOST", Map.of("Fn::GetAtt",
            List.of(logicalId(s, "AWS::OpenSearchService::Domain", "SearchDomain"), "DomainEndpoint")));
    Map<String, Object> media = env(function(s, "Media"));
    assertThat(ims(media)).containsOnlyKeys("IMS_JDBC_URL", "IMS_DB_SECRET_ID", "IMS_DB_POOL_SIZE", "IMS_MEDIA_BUCKET",
        "IMS_MEDIA_URL_MINUTES", "IMS_BASE_PATH");
    assertThat(media).containsEntry("IMS_MEDIA_URL_MINUTES", "15")
        .containsEntry("IMS_MEDIA_BUCKET", Map.of("Ref", logicalId(s, "AWS::S3::Bucket", "StorageMedia")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void jobAndMigrationFunctions_runTheNightlyHandler_fromTheirOwnPackages(String stage, Synthesised s, int zones,
      int backupDays, boolean protection, int logDays, int noncurrentDays) {
    Map<String, Object> jobs = function(s, "Jobs");
    assertThat(jobs).containsEntry("Timeout", 900).containsEntry("FunctionName", "Ims-" + stage + "-jobs")
        .containsEntry("Handler", "org.cellbank.ims.examples.lambda.NightlyFunction::handleRequest")
        .doesNotContainKey("SnapStart");
    assertThat(ims(env(jobs))).containsOnlyKeys("IMS_JDBC_URL", "IMS_DB_SECRET_ID", "IMS_DB_POOL_SIZE",
        "IMS_OPENSEARCH_HOST", "IMS_OPENSEARCH_INDEX", "IMS_OPENSEARCH_REPLICAS", "IMS_REGISTRY_STAGE_BUCKET",
        "IMS_REGISTRY_MAX_AGE_HOURS", "IMS_IMPORT_BUDGET_MINUTES", "IMS_DEFAULT_JOB");
    assertThat(env(jobs)).containsEntry("IMS_DEFAULT_JOB", "nightly").containsEntry("IMS_OPENSEARCH_REPLICAS", "0")
        .containsEntry("IMS_DB_POOL_SIZE", "2").containsEntry("IMS_IMPORT_BUDGET_MINUTES", "13");
    assertThat(ims(env(function(s, "Fetch")))).containsOnlyKeys("IMS_HPSCREG_URL", "IMS_HPSCREG_SECRET_ID",
        "IMS_ECACC_URL", "IMS_REGISTRY_STAGE_BUCKET", "IMS_FETCH_PARALLELISM");
    assertThat(env(function(s, "Fetch"))).containsEntry("IMS_HPSCREG_URL", Map.of("Ref", "HpscregUrl"));
    Map<String, Object> migrate = function(s, "Migrate");
    assertThat(migrate.get("Handler")).isEqualTo(jobs.get("Handler"));
    assertThat(migrate.get("Code")).as("the migrate package, with Flyway").isNotEqualTo(jobs.get("Code"));
    assertThat(ims(env(migrate))).containsOnlyKeys("IMS_JDBC_URL", "IMS_DB_SECRET_ID", "IMS_DB_POOL_SIZE", "IMS_DEFAULT_JOB");
    assertThat(env(migrate)).containsEntry("IMS_DEFAULT_JOB", "migrate").containsEntry("IMS_DB_POOL_SIZE", "2");
    assertThat(s.ofType("AWS::Lambda::Function").keySet()).filteredOn(k -> k.startsWith("Functions")).hasSize(8);

    for (String fn : FUNCTIONS) {
      Map<String, Object> f = function(s, fn);
      assertThat(env(f)).as(fn).containsEntry("IMS_DB_SECRET_ID",
          Map.of("Fn::GetAtt", List.of(logicalId(s, "AWS::RDS::DBInstance", "DatabaseInstance"), "MasterUserSecret.SecretArn")));
      assertThat(env(f).get("IMS_JDBC_URL").toString()).as(fn).contains("sslmode=require");
      assertThat(env(f).keySet()).as(fn).noneMatch(k -> k.equals("IMS_JDBC_PASSWORD") || k.equals("IMS_JDBC_USER"));
      assertThat(f.get("Layers").toString()).as("the Parameters and Secrets extension").contains("ParamsandsecretslayerMap");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void siteFunction_runsItsOwnPackage_withTheDatabase_theSiteBucket_theSiteUrl_andTheMediaBucket(String stage,
      Synthesised s, int zones, int backupDays, boolean protection, int logDays, int noncurrentDays) {
    Map<String, Object> site = function(s, "Site");
    assertThat(site).containsEntry("FunctionName", "Ims-" + stage + "-site")
        .containsEntry("Runtime", "java21")
        .containsEntry("Handler", "org.cellbank.ims.examples.lambda.SiteFunction::handleRequest")
        .containsEntry("Timeout", 300).containsEntry("MemorySize", 1024)
        .doesNotContainKey("SnapStart");
    assertThat(site.get("Code")).isNotIn(function(s, "Http").get("Code"), function(s, "Jobs").get("Code"),
        function(s, "Migrate").get("Code"), function(s, "Search").get("Code"), function(s, "Media").get("Code"));
    Map<String, Object> env = env(site);
    assertThat(ims(env)).containsOnlyKeys("IMS_JDBC_URL", "IMS_DB_SECRET_ID", "IMS_DB_POOL_SIZE", "IMS_SITE_BUCKET",
        "IMS_SITE_URL", "IMS_MEDIA_BUCKET");
    Map<String, Object> jobs = env(function(s, "Jobs"));
    assertThat(env).containsEntry("IMS_DB_POOL_SIZE", "1")
        .containsEntry("IMS_JDBC_URL", jobs.get("IMS_JDBC_URL"))
        .containsEntry("IMS_DB_SECRET_ID", jobs.get("IMS_DB_SECRET_ID"))
        .containsEntry("IMS_SITE_BUCKET", Map.of("Ref", logicalId(s, "AWS::S3::Bucket", "StorageSite")))
        .containsEntry("IMS_MEDIA_BUCKET", Map.of("Ref", logicalId(s, "AWS::S3::Bucket", "StorageMedia")));
    String distribution = logicalId(s, "AWS::CloudFront::Distribution", "StorageSiteDistribution");
    assertThat(env.get("IMS_SITE_URL")).isEqualTo(Map.of("Fn::Join", List.of("",
        List.of("https://", Map.of("Fn::GetAtt", List.of(distribution, "DomainName")), "/"))));
    assertThat(site.get("Layers").toString()).as("the Parameters and Secrets extension").contains("ParamsandsecretslayerMap");
    assertThat(map(site.get("VpcConfig")).get("SubnetIds").toString()).contains("Vpcprivate");
    assertThat(map(map(site.get("LoggingConfig")).get("LogGroup")).get("Ref").toString()).startsWith("FunctionsSiteLogs");
  }

  @Test
  void api_routesSearchAndMediaToTheirAliases_andTheRestToTheHttpAlias_eachWithItsOwnPermission() {
    Synthesised s = Synthesised.prod();
    Map<String, String> integrations = new java.util.HashMap<>();
    for (Map.Entry<String, Map<String, Object>> e : s.ofType("AWS::ApiGatewayV2::Integration").entrySet()) {
      Map<String, Object> p = Synthesised.props(e.getValue());
      assertThat(p).containsEntry("PayloadFormatVersion", "2.0").containsEntry("IntegrationType", "AWS_PROXY");
      integrations.put(e.getKey(), map(p.get("IntegrationUri")).get("Ref").toString());
    }
    Map<String, String> routes = new java.util.HashMap<>();
    for (Map<String, Object> r : s.ofType("AWS::ApiGatewayV2::Route").values()) {
      Map<String, Object> p = Synthesised.props(r);
      String target = p.get("Target").toString();
      String integration = integrations.keySet().stream().filter(target::contains).findFirst().orElseThrow();
      routes.put(p.get("RouteKey").toString(), integrations.get(integration));
    }
    List<String> fileRoutes = Api.FILE_PATHS.stream().map(path -> "ANY " + path).toList();
    List<String> keys = new ArrayList<>(List.of("$default", "GET /api/v0/search", "GET /api/public/search",
        "GET /media/{proxy+}"));
    keys.addAll(fileRoutes);
    assertThat(routes).containsOnlyKeys(keys.toArray(new String[0]));
    assertThat(fileRoutes).hasSize(6).allSatisfy(key -> assertThat(routes.get(key)).as(key)
        .isEqualTo(logicalId(s, "AWS::Lambda::Alias", "FunctionsFilesLive")));
    assertThat(routes.get("$default")).isEqualTo(logicalId(s, "AWS::Lambda::Alias", "FunctionsHttpLive"));
    assertThat(routes.get("GET /api/v0/search")).isEqualTo(logicalId(s, "AWS::Lambda::Alias", "FunctionsSearchLive"));
    assertThat(routes.get("GET /api/public/search")).isEqualTo(logicalId(s, "AWS::Lambda::Alias", "FunctionsSearchLive"));
    assertThat(routes.get("GET /media/{proxy+}")).isEqualTo(logicalId(s, "AWS::Lambda::Alias", "FunctionsMediaLive"));
    List<String> permitted = new ArrayList<>();
    for (Map<String, Object> perm : s.ofType("AWS::Lambda::Permission").values()) {
      Map<String, Object> p = Synthesised.props(perm);
      if ("apigateway.amazonaws.com".equals(p.get("Principal"))) {
        assertThat(p).containsEntry("Action", "lambda:InvokeFunction");
        assertThat(p.get("SourceArn").toString()).contains(logicalId(s, "AWS::ApiGatewayV2::Api", "ApiHttpApi"));
        permitted.add(map(p.get("FunctionName")).get("Ref").toString());
      }
    }
    assertThat(permitted).hasSize(10).containsExactlyInAnyOrderElementsOf(routes.values());
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
    assertThat(schedules).hasSize(4);
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
    // The fetch outside the VPC, then, an hour later, the import of what it staged.
    assertThat(expressions).containsOnlyKeys("cron(0 1 * * ? *)", "cron(0 2 * * ? *)", "rate(1 minute)", "rate(5 minutes)");
    assertThat(expressions.get("cron(0 1 * * ? *)")).contains("FunctionsFetch").endsWith("input=null");
    assertThat(expressions.get("cron(0 2 * * ? *)")).contains("FunctionsJobs").endsWith("input=null");
    assertThat(expressions.get("rate(1 minute)")).contains("FunctionsJobs").endsWith("input={\"job\":\"drain\"}");
    // No input: Scheduler's own envelope, on which the site function regenerates every page.
    assertThat(expressions.get("rate(5 minutes)")).contains("FunctionsSite").doesNotContain("FunctionsJobs")
        .endsWith("input=null");
    Map<String, Object> site = schedules.values().stream().map(Synthesised::props)
        .filter(p -> p.get("ScheduleExpression").equals("rate(5 minutes)")).findFirst().orElseThrow();
    assertThat(map(map(site.get("Target")).get("RetryPolicy")))
        .containsEntry("MaximumRetryAttempts", 1).containsEntry("MaximumEventAgeInSeconds", 300);
    // The schedules' role invokes the fetch, job and site functions, nothing else.
    List<String> invoked = new ArrayList<>();
    for (Map<String, Object> policy : s.ofType("AWS::IAM::Policy").values()) {
      for (Object st : list(map(Synthesised.props(policy).get("PolicyDocument")).get("Statement"))) {
        if ("lambda:InvokeFunction".equals(map(st).get("Action"))
            && Synthesised.props(policy).get("Roles").toString().contains("SchedulesRole")) {
          list(map(st).get("Resource")).forEach(r -> invoked.add(r.toString()));
        }
      }
    }
    assertThat(invoked).hasSize(3).anyMatch(r -> r.contains("FunctionsJobs")).anyMatch(r -> r.contains("FunctionsSite"))
        .anyMatch(r -> r.contains("FunctionsFetch"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stages")
  void fetchFunction_runsOutsideTheVpc_withoutTheDatabase_andTheImportReadsItsStage(String stage, Synthesised s,
      int zones, int backupDays, boolean protection, int logDays, int noncurrentDays) {
    Map<String, Object> fetch = function(s, "Fetch");
    assertThat(fetch).doesNotContainKey("VpcConfig");
    assertThat(fetch).containsEntry("Handler", "org.cellbank.ims.examples.lambda.FetchFunction::handleRequest")
        .containsEntry("Timeout", 900);
    Map<String, Object> env = map(map(fetch.get("Environment")).get("Variables"));
    String bucket = logicalId(s, "AWS::S3::Bucket", "StorageRegistryStage");
    assertThat(env).containsEntry("IMS_REGISTRY_STAGE_BUCKET", Map.of("Ref", bucket))
        .containsEntry("IMS_HPSCREG_SECRET_ID", Map.of("Ref", logicalId(s, "AWS::SecretsManager::Secret", "HpscregCredentials")))
        .containsKeys("IMS_HPSCREG_URL", "IMS_ECACC_URL")
        .doesNotContainKeys("IMS_JDBC_URL", "IMS_DB_SECRET_ID", "IMS_HPSCREG_PASSWORD", "IMS_HPSCREG_USER");
    Map<String, Object> jobs = map(map(function(s, "Jobs").get("Environment")).get("Variables"));
    assertThat(jobs).containsEntry("IMS_REGISTRY_STAGE_BUCKET", Map.of("Ref", bucket))
        .containsEntry("IMS_REGISTRY_MAX_AGE_HOURS", "36")
        .doesNotContainKeys("IMS_HPSCREG_URL", "IMS_HPSCREG_PASSWORD", "IMS_ECACC_URL");
    // No function's environment holds the registry's password: it is in the secret.
    for (Map<String, Object> fn : s.ofType("AWS::Lambda::Function").values()) {
      Object variables = map(Synthesised.props(fn).getOrDefault("Environment", Map.of())).get("Variables");
      if (variables != null) {
        assertThat(map(variables)).doesNotContainKeys("IMS_HPSCREG_PASSWORD", "IMS_JDBC_PASSWORD");
      }
    }
    Map<String, Object> bucketProps = Synthesised.props(s.resources.get(bucket) == null ? Map.of() : map(s.resources.get(bucket)));
    assertThat(bucketProps.toString()).contains("expire-registry-copies").contains("registry/runs/")
        .contains("ExpirationInDays=7").contains("BlockPublicAcls=true").contains("SSEAlgorithm=AES256");
  }

  @Test
  void migration_runsAfterTheDatabase_andBeforeAnyLiveAliasMoves() {
    Synthesised s = Synthesised.prod();
    Map<String, Object> trigger = only(s, "Custom::Trigger");
    assertThat(list(trigger.get("DependsOn"))).contains(logicalId(s, "AWS::RDS::DBInstance", "DatabaseInstance"),
        logicalId(s, "AWS::EC2::VPCEndpoint", "NetworkVpcSecretsManager"));
    assertThat(Synthesised.props(trigger)).containsEntry("InvocationType", "RequestResponse")
        .containsEntry("ExecuteOnHandlerChange", true)
        .containsEntry("HandlerArn", Map.of("Ref", logicalId(s, "AWS::Lambda::Version", "FunctionsMigrateCurrentVersion")));
    assertThat(s.ofType("AWS::Lambda::Alias")).hasSize(4).allSatisfy((id, alias) ->
        assertThat(list(alias.get("DependsOn"))).as(id).contains("Migration"));
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
    assertThat(metrics).filteredOn(m -> m.equals("AWS/Lambda:Errors")).hasSize(8);
    assertThat(metrics).filteredOn(m -> m.equals("AWS/Lambda:Throttles")).hasSize(8);
    List<String> watched = new ArrayList<>();
    for (Map<String, Object> alarm : s.ofType("AWS::CloudWatch::Alarm").values()) {
      Map<String, Object> p = Synthesised.props(alarm);
      if ("AWS/Lambda".equals(p.get("Namespace"))) {
        watched.add(p.get("MetricName") + " " + p.get("Dimensions"));
      }
    }
    for (String fn : FUNCTIONS) {
      String ref = "{Ref=" + logicalId(s, "AWS::Lambda::Function", "Functions" + fn) + "}";
      assertThat(watched).as(fn).anyMatch(w -> w.startsWith("Errors ") && w.contains(ref))
          .anyMatch(w -> w.startsWith("Throttles ") && w.contains(ref));
    }
  }

  @Test
  void outputs_areThoseTheOperationsCommandsRead() {
    Map<String, Object> outputs = map(Synthesised.prod().template.toJSON().get("Outputs"));
    assertThat(outputs).containsOnlyKeys("ImsApiUrl", "ImsHttpFunctionName", "ImsFilesFunctionName", "ImsHttpAliasName",
        "ImsSearchFunctionName", "ImsMediaFunctionName", "ImsJobFunctionName", "ImsMigrateFunctionName",
        "ImsSiteFunctionName", "ImsFetchFunctionName", "ImsHpscregSecretArn", "ImsMediaBucketName", "ImsSiteBucketName",
        "ImsSiteUrl", "ImsDatabaseEndpoint", "ImsDatabaseSecretArn", "ImsSearchEndpoint", "ImsAlarmTopicArn");
    assertThat(map(outputs.get("ImsFetchFunctionName")).get("Value").toString()).contains("FunctionsFetch");
    assertThat(map(outputs.get("ImsMigrateFunctionName")).get("Value").toString()).contains("FunctionsMigrate");
    assertThat(map(outputs.get("ImsHttpAliasName"))).containsEntry("Value", "live");
    assertThat(map(outputs.get("ImsSiteFunctionName")).get("Value").toString()).contains("FunctionsSite");
  }

  @Test
  void synthesis_leavesTheProdStageInTargetCdkOut_withoutLookupsOrDockerImages() throws java.io.IOException {
    Synthesised.prod();
    java.nio.file.Path out = java.nio.file.Path.of(System.getProperty("ims.cdk.outdir", "target/cdk.out"));
    assertThat(out.resolve("Ims-prod.template.json")).isRegularFile();
    // A lookup (fromLookup, an AZ or a hosted-zone query) would be listed under "missing".
    String manifest = java.nio.file.Files.readString(out.resolve("manifest.json"));
    assertThat(manifest).contains("\"artifacts\"").doesNotContain("\"missing\"");
    // Only files (the six zips, CDK's trigger provider, the template): nothing to build with Docker.
    String assets = java.nio.file.Files.readString(out.resolve("Ims-prod.assets.json"));
    assertThat(assets.replaceAll("\\s", "")).contains("\"dockerImages\":{}");
    assertThat(assets).contains("\"packaging\": \"file\"").doesNotContain("\"executable\"");
  }

  // --- helpers

  /** The stack's own functions, by construct id. */
  static final List<String> FUNCTIONS = List.of("Http", "Files", "Search", "Media", "Jobs", "Migrate", "Site");

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

  /** The function's own variables, without those of the Parameters and Secrets extension. */
  static Map<String, Object> ims(Map<String, Object> env) {
    Map<String, Object> own = new java.util.TreeMap<>();
    env.forEach((k, v) -> {
      if (k.startsWith("IMS_") || k.equals("JAVA_TOOL_OPTIONS")) {
        own.put(k, v);
      }
    });
    assertThat(env.keySet()).allMatch(k -> own.containsKey(k) || k.startsWith("PARAMETERS_SECRETS_EXTENSION_")
        || k.startsWith("SECRETS_MANAGER_") || k.startsWith("SSM_PARAMETER_STORE_"));
    return own;
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
