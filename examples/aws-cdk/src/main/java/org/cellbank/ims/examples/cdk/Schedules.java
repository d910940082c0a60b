package org.cellbank.ims.examples.cdk;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The EventBridge Scheduler schedules of the deployment contract, in the {@code Europe/Paris} time
 * zone, each with a retry policy and the encrypted, TLS-only dead-letter queue:
 *
 * <ul>
 *   <li>fetch {@code cron(0 1 * * ? *)}: the fetch function, outside the VPC, stages hPSCreg's
 *       documents and ECACC's answers in the stage bucket (a few minutes for the reference's 1,300 lines);
 *   <li>nightly {@code cron(0 2 * * ? *)}, an hour later: the job function, no input (Scheduler's own
 *       envelope, so the function runs its default job, {@code nightly}): it imports the staged copy
 *       (one up to 36 hours old, so a failed fetch leaves the night before's), then drains;
 *   <li>outbox drain {@code rate(1 minute)}: the job function with {@code {"job":"drain"}};
 *   <li>site {@code rate(5 minutes)}: the site function, no input, so it regenerates the whole public
 *       website and a write shows on the public pages within about five minutes.
 * </ul>
 */
final class Schedules extends Construct {

  static final String TIME_ZONE = "Europe/Paris";
  static final String FETCH = "cron(0 1 * * ? *)";
  static final String NIGHTLY = "cron(0 2 * * ? *)";
  static final String DRAIN = "rate(1 minute)";
  static final String DRAIN_INPUT = "{\"job\":\"drain\"}";
  static final String SITE = "rate(5 minutes)";

  final Queue deadLetters;
  final CfnScheduleGroup group;

  Schedules(Construct scope, String id, StageSettings settings, Functions functions) {
    super(scope, id);
    deadLetters = Queue.Builder.create(this, "DeadLetters")
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .retentionPeriod(Duration.days(14))
        .removalPolicy(settings.removalPolicy() == RemovalPolicy.RETAIN ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
        .build();
    group = CfnScheduleGroup.Builder.create(this, "Group").name(settings.stackName()).build();
    Role role = Role.Builder.create(this, "Role")
        .assumedBy(new ServicePrincipal("scheduler.amazonaws.com"))
        .description("EventBridge Scheduler: invokes the IMS fetch, job and site functions")
        .build();
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .actions(List.of("lambda:InvokeFunction"))
        .resources(List.of(functions.fetch.getFunctionArn(), functions.jobs.getFunctionArn(),
            functions.site.getFunctionArn()))
        .build());
    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
        .actions(List.of("sqs:SendMessage"))
        .resources(List.of(deadLetters.getQueueArn()))
        .build());

    // Both retry twice within the hour before the import, which waits for the fetch.
    schedule("Fetch", "fetch hPSCreg and ECACC into the stage bucket for the nightly import", FETCH,
        functions.fetch, null, role, 2, Duration.hours(1));
    schedule("Nightly", "nightly import of the staged registry copy, then the outbox drain", NIGHTLY,
        functions.jobs, null, role, 2, Duration.hours(1));
    // The next run comes a minute later: one retry within that minute, then the dead letters.
    schedule("OutboxDrain", "drain the search outbox so the index follows writes within a minute", DRAIN,
        functions.jobs, DRAIN_INPUT, role, 1, Duration.seconds(60));
    // A full regeneration (15 s for 1,500 lines); the next one comes five minutes later: one retry
    // within those five minutes, then the dead letters.
    schedule("Site", "regenerate the public website so that a write shows on its pages within five minutes",
        SITE, functions.site, null, role, 1, Duration.minutes(5));
  }

  private void schedule(String id, String description, String expression, IFunction target, String input,
      Role role, int retries, Duration maxAge) {
    CfnSchedule.TargetProperty.Builder t = CfnSchedule.TargetProperty.builder()
        .arn(target.getFunctionArn())
        .roleArn(role.getRoleArn())
        .retryPolicy(CfnSchedule.RetryPolicyProperty.builder()
            .maximumRetryAttempts(retries)
            .maximumEventAgeInSeconds(maxAge.toSeconds())
            .build())
        .deadLetterConfig(CfnSchedule.DeadLetterConfigProperty.builder().arn(deadLetters.getQueueArn()).build());
    if (input != null) {
      t.input(input);
    }
    CfnSchedule.Builder.create(this, id)
        .description(description)
        .groupName(group.getRef())
        .scheduleExpression(expression)
        .scheduleExpressionTimezone(TIME_ZONE)
        .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
        .state("ENABLED")
        .target(t.build())
        .build();
  }
}
