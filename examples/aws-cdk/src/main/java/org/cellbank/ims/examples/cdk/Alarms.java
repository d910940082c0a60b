package org.cellbank.ims.examples.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.CfnSubscription;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The alarms (API 5xx, function errors and throttles, dead letters, database free storage, search
 * cluster status) on an encrypted SNS topic, with an optional e-mail subscription.
 *
 * <p>The topic's key is a customer key: CloudWatch cannot publish to a topic encrypted with the AWS
 * managed {@code aws/sns} key, whose policy cannot grant it.
 */
final class Alarms extends Construct {

  /** What the account may do with the key, spelled out (no {@code kms:*}). */
  static final List<String> KEY_ADMIN_ACTIONS = List.of(
      "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:DescribeKey", "kms:DisableKey",
      "kms:DisableKeyRotation", "kms:EnableKey", "kms:EnableKeyRotation", "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus", "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion",
      "kms:TagResource", "kms:UntagResource", "kms:UpdateKeyDescription", "kms:Decrypt", "kms:Encrypt",
      "kms:GenerateDataKey");

  final Topic topic;
  final Key key;

  Alarms(Construct scope, String id, StageSettings settings, Alarmed alarmed, String email, CfnCondition hasEmail) {
    super(scope, id);
    key = Key.Builder.create(this, "TopicKey")
        .description("IMS alarm topic")
        .enableKeyRotation(true)
        .removalPolicy(settings.removalPolicy())
        .policy(PolicyDocument.Builder.create().statements(List.of(
            PolicyStatement.Builder.create()
                .sid("AccountAdministers")
                .principals(List.of(new AccountRootPrincipal()))
                .actions(KEY_ADMIN_ACTIONS)
                .resources(List.of("*"))
                .build(),
            PolicyStatement.Builder.create()
                .sid("CloudWatchPublishes")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build()))
            .build())
        .build();
    topic = Topic.Builder.create(this, "Topic")
        .displayName("IMS alarms (" + settings.stage() + ")")
        .masterKey(key)
        .enforceSsl(true)
        .build();
    CfnSubscription subscription = CfnSubscription.Builder.create(this, "Email")
        .topicArn(topic.getTopicArn())
        .protocol("email")
        .endpoint(email)
        .build();
    subscription.getCfnOptions().setCondition(hasEmail);

    alarm("Api5xx", "the API answered 5xx", metric("AWS/ApiGateway", "5xx",
        Map.of("ApiId", alarmed.apiId(), "Stage", "$default"), "Sum"), 5);
    for (Function f : alarmed.functions()) {
      String name = f.getNode().getId();
      alarm(name + "Errors", "the " + name + " function failed", f.metricErrors(sum()), 1);
      alarm(name + "Throttles", "the " + name + " function was throttled", f.metricThrottles(sum()), 1);
    }
    alarm("DeadLetters", "a scheduled job could not be delivered (dead-letter queue not empty)",
        alarmed.deadLetters().metricApproximateNumberOfMessagesVisible(
            MetricOptions.builder().statistic("Maximum").period(Duration.minutes(5)).build()), 1);
    Alarm.Builder.create(this, "DatabaseFreeStorage")
        .alarmDescription("the database has less than 2 GiB of free storage")
        .metric(alarmed.database().instance.metricFreeStorageSpace(
            MetricOptions.builder().statistic("Minimum").period(Duration.minutes(5)).build()))
        .threshold(2L * 1024 * 1024 * 1024)
        .evaluationPeriods(1)
        .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build()
        .addAlarmAction(new SnsAction(topic));
    Map<String, String> domain = Map.of("DomainName", alarmed.search().domainName, "ClientId", Aws.ACCOUNT_ID);
    alarm("SearchRed", "the search cluster is red (a primary shard is unassigned)",
        metric("AWS/ES", "ClusterStatus.red", domain, "Maximum"), 1);
    alarm("SearchYellow", "the search cluster is yellow (a replica shard is unassigned)",
        metric("AWS/ES", "ClusterStatus.yellow", domain, "Maximum"), 1);
  }

  private void alarm(String id, String description, IMetric metric, double threshold) {
    Alarm.Builder.create(this, id)
        .alarmDescription(description)
        .metric(metric)
        .threshold(threshold)
        .evaluationPeriods(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build()
        .addAlarmAction(new SnsAction(topic));
  }

  private static MetricOptions sum() {
    return MetricOptions.builder().statistic("Sum").period(Duration.minutes(5)).build();
  }

  private static Metric metric(String namespace, String name, Map<String, String> dimensions, String statistic) {
    return Metric.Builder.create()
        .namespace(namespace)
        .metricName(name)
        .dimensionsMap(dimensions)
        .statistic(statistic)
        .period(Duration.minutes(5))
        .build();
  }

  /** What the alarms watch. */
  record Alarmed(String apiId, List<Function> functions, software.amazon.awscdk.services.sqs.Queue deadLetters,
      Database database, Search search) {}
}
