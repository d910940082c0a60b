package org.cellbank.ims.examples.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.logs.CfnResourcePolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.opensearchservice.CfnDomain;
import software.constructs.Construct;

/**
 * The Amazon OpenSearch Service domain in the VPC: encryption at rest, node-to-node encryption,
 * HTTPS only with TLS 1.2 at least, and an access policy naming the functions' roles alone.
 *
 * <p>An L1 resource on purpose: the L2 {@code Domain} sets an access policy through a custom
 * resource (a Lambda function of its own) to break a dependency cycle this stack does not have.
 */
final class Search extends Construct {

  /** The engine version, as the service names it. */
  static final String ENGINE_VERSION = "OpenSearch_2.19";
  /** What the search function may do: read and search. */
  static final List<String> READ_ACTIONS = List.of("es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost");
  /** What the job function may do: also create, swap and delete indices (rebuilds). */
  static final List<String> WRITE_ACTIONS =
      List.of("es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete");

  final CfnDomain domain;
  final String domainName;

  Search(Construct scope, String id, StageSettings settings, Network network, IRole reader, IRole writer) {
    super(scope, id);
    domainName = domainName(settings.stackName());
    int nodes = settings.searchInstanceCount();
    List<String> subnets = new ArrayList<>();
    int zones = Math.min(nodes, network.zoneSubnets.size());
    for (ISubnet subnet : network.zoneSubnets.subList(0, zones)) {
      subnets.add(subnet.getSubnetId());
    }
    CfnDomain.ClusterConfigProperty.Builder cluster = CfnDomain.ClusterConfigProperty.builder()
        .instanceType(settings.searchInstanceType())
        .instanceCount(nodes)
        .dedicatedMasterEnabled(false)
        .zoneAwarenessEnabled(zones > 1);
    if (zones > 1) {
      cluster.zoneAwarenessConfig(CfnDomain.ZoneAwarenessConfigProperty.builder().availabilityZoneCount(zones).build());
    }
    String arn = "arn:" + Aws.PARTITION + ":es:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":domain/" + domainName;
    Map<String, Object> policy = Map.of(
        "Version", "2012-10-17",
        "Statement", List.of(
            Map.of("Effect", "Allow",
                "Principal", Map.of("AWS", List.of(reader.getRoleArn())),
                "Action", READ_ACTIONS,
                "Resource", List.of(arn, arn + "/*")),
            Map.of("Effect", "Allow",
                "Principal", Map.of("AWS", List.of(writer.getRoleArn())),
                "Action", WRITE_ACTIONS,
                "Resource", List.of(arn, arn + "/*"))));
    // Slow logs: nothing is written until an index sets a slow-log threshold, so they cost nothing
    // until someone investigates a slow query.
    LogGroup slowSearch = LogGroup.Builder.create(this, "SlowSearchLogs")
        .retention(settings.logRetention()).removalPolicy(settings.removalPolicy()).build();
    LogGroup slowIndex = LogGroup.Builder.create(this, "SlowIndexLogs")
        .retention(settings.logRetention()).removalPolicy(settings.removalPolicy()).build();
    CfnResourcePolicy logsPolicy = CfnResourcePolicy.Builder.create(this, "SlowLogsPolicy")
        .policyName(settings.stackName() + "-search-slow-logs")
        .policyDocument(Stack.of(this).toJsonString(Map.of(
            "Version", "2012-10-17",
            "Statement", List.of(Map.of(
                "Effect", "Allow",
                "Principal", Map.of("Service", "es.amazonaws.com"),
                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                "Resource", List.of(slowSearch.getLogGroupArn(), slowIndex.getLogGroupArn()),
                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))))))
        .build();
    domain = CfnDomain.Builder.create(this, "Domain")
        .domainName(domainName)
        .engineVersion(ENGINE_VERSION)
        .clusterConfig(cluster.build())
        .ebsOptions(CfnDomain.EBSOptionsProperty.builder()
            .ebsEnabled(true)
            .volumeType("gp3")
            .volumeSize(settings.searchVolumeGb())
            .build())
        .encryptionAtRestOptions(CfnDomain.EncryptionAtRestOptionsProperty.builder().enabled(true).build())
        .nodeToNodeEncryptionOptions(CfnDomain.NodeToNodeEncryptionOptionsProperty.builder().enabled(true).build())
        .domainEndpointOptions(CfnDomain.DomainEndpointOptionsProperty.builder()
            .enforceHttps(true)
            .tlsSecurityPolicy("Policy-Min-TLS-1-2-2019-07")
            .build())
        .vpcOptions(CfnDomain.VPCOptionsProperty.builder()
            .subnetIds(subnets)
            .securityGroupIds(List.of(network.search.getSecurityGroupId()))
            .build())
        .accessPolicies(policy)
        .logPublishingOptions(Map.of(
            "SEARCH_SLOW_LOGS", CfnDomain.LogPublishingOptionProperty.builder()
                .enabled(true).cloudWatchLogsLogGroupArn(slowSearch.getLogGroupArn()).build(),
            "INDEX_SLOW_LOGS", CfnDomain.LogPublishingOptionProperty.builder()
                .enabled(true).cloudWatchLogsLogGroupArn(slowIndex.getLogGroupArn()).build()))
        .build();
    domain.applyRemovalPolicy(settings.removalPolicy());
    domain.addResourceDependency(logsPolicy);
  }

  /** The domain's ARN, for the roles' policies. */
  String arn() {
    return domain.getAttrArn();
  }

  /** The domain's endpoint without scheme (what {@code IMS_OPENSEARCH_HOST} takes). */
  String endpoint() {
    return domain.getAttrDomainEndpoint();
  }

  // 3 to 28 characters, lower case letters, digits and hyphens, starting with a letter.
  static String domainName(String stackName) {
    String name = stackName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
      name = "ims-" + name;
    }
    return name.length() > 28 ? name.substring(0, 28) : name;
  }
}
