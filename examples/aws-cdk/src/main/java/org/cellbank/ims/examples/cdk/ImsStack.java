package org.cellbank.ims.examples.cdk;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.triggers.InvocationType;
import software.amazon.awscdk.triggers.Trigger;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The whole IMS on AWS in one stack: the network, the database, the search domain, the buckets and
 * the site's distribution, the six functions, the HTTP API, the schedules and the alarms.
 *
 * <p>Every setting is a context value of {@link StageSettings} or one of the CloudFormation parameters
 * declared here ({@code BackupRetentionDays}, {@code AlarmEmail}, {@code HpscregUrl},
 * {@code HpscregUser}, {@code HpscregPassword}, {@code EcaccUrl}). On every deploy that publishes a
 * new version of the migration function (new code or configuration), a CDK trigger runs it after
 * the database exists and before any of the four API functions' {@code live} aliases moves, so a
 * failed migration fails the deploy and the previous versions keep serving. The outputs are those of
 * {@code docs/deploy.md}.
 */
final class ImsStack extends Stack {

  private final Trigger migration;

  /**
   * Builds the stack for {@code settings} in {@code scope}.
   *
   * @throws IllegalStateException when a Lambda package is missing
   */
  ImsStack(Construct scope, StageSettings settings) {
    super(scope, settings.stackName(), props(settings));
    Objects.requireNonNull(settings, "settings");

    CfnParameter backupDays = CfnParameter.Builder.create(this, "BackupRetentionDays")
        .type("Number")
        .minValue(1)
        .maxValue(35)
        .defaultValue(settings.backupRetentionDays())
        .description("Days of automated database backups (point-in-time restore window), 1 to 35")
        .build();
    CfnParameter alarmEmail = CfnParameter.Builder.create(this, "AlarmEmail")
        .type("String")
        .defaultValue("")
        .description("E-mail address subscribed to the alarm topic (empty: none)")
        .build();
    CfnParameter hpscregUrl = CfnParameter.Builder.create(this, "HpscregUrl")
        .type("String")
        .defaultValue("https://hpscreg.eu/api/export/ebisc")
        .description("The hPSCreg export the fetch function reads, outside the VPC, for the nightly import")
        .build();
    CfnParameter ecaccUrl = CfnParameter.Builder.create(this, "EcaccUrl")
        .type("String")
        .defaultValue("")
        .description("ECACC's product page for the availability check (empty: no check), read by the fetch function")
        .build();
    CfnCondition hasEmail = CfnCondition.Builder.create(this, "HasAlarmEmail")
        .expression(Fn.conditionNot(Fn.conditionEquals(alarmEmail.getValueAsString(), "")))
        .build();

    Network network = new Network(this, "Network", settings);
    Functions.Roles roles = new Functions.Roles(this, "Roles");
    Database database = new Database(this, "Database", settings, network, backupDays.getValueAsNumber());
    Search search = new Search(this, "Search", settings, network, roles.search, roles.jobs);
    Api api = new Api(this, "Api", settings);
    Storage storage = new Storage(this, "Storage", settings, api.origin, api.executeApiDomain);
    String siteUrl = settings.siteOrigin() != null ? settings.siteOrigin().replaceAll("/+$", "") + "/"
        : storage.siteUrl() + "/";
    // The registry's credentials, in a secret that only the fetch function reads; the operator puts
    // them there after the first deploy (docs/deploy.md), so they pass through no template, parameter
    // or environment. Until then the user name is empty and the fetch sends no credentials.
    Secret hpscregCredentials = Secret.Builder.create(this, "HpscregCredentials")
        .description("HTTP Basic credentials of the hPSCreg export ({\"username\", \"password\"}), read by the fetch function")
        .generateSecretString(SecretStringGenerator.builder()
            .secretStringTemplate("{\"username\":\"\"}")
            .generateStringKey("password")
            .excludePunctuation(true)
            .build())
        .removalPolicy(settings.removalPolicy())
        .build();
    Functions functions = new Functions(this, "Functions", new Functions.Wiring(settings, network, roles,
        database, search, storage, hpscregUrl.getValueAsString(), hpscregCredentials, ecaccUrl.getValueAsString(),
        siteUrl));
    List<HttpRoute> routes = api.routeTo(functions.httpLive, functions.filesLive, functions.searchLive, functions.mediaLive);

    migration = Trigger.Builder.create(this, "Migration")
        .handler(functions.migrate)
        .invocationType(InvocationType.REQUEST_RESPONSE)
        .timeout(Duration.minutes(11))
        .executeOnHandlerChange(true)
        .executeAfter(List.of(database, network.secretsManager))
        .executeBefore(List.of(functions.httpLive, functions.filesLive, functions.searchLive, functions.mediaLive))
        .build();
    triggerProviderLogGroup(settings);

    Schedules schedules = new Schedules(this, "Schedules", settings, functions);
    Alarms alarms = new Alarms(this, "Alarms", settings, new Alarms.Alarmed(api.api.getApiId(),
        List.of(functions.http, functions.files, functions.search, functions.media, functions.jobs, functions.migrate, functions.site,
            functions.fetch),
        schedules.deadLetters,
        database, search), alarmEmail.getValueAsString(), hasEmail);

    output("ImsApiUrl", api.url, "The API's base URL");
    output("ImsHttpFunctionName", functions.http.getFunctionName(), "The HTTP function");
    output("ImsFilesFunctionName", functions.files.getFunctionName(), "The executive files function");
    output("ImsHttpAliasName", Functions.ALIAS, "The alias API Gateway invokes (the same name on the search and media functions)");
    output("ImsSearchFunctionName", functions.search.getFunctionName(), "The search function (GET /api/v0/search)");
    output("ImsMediaFunctionName", functions.media.getFunctionName(), "The media function (GET /media/{key})");
    output("ImsJobFunctionName", functions.jobs.getFunctionName(), "The job function (operations commands)");
    output("ImsMigrateFunctionName", functions.migrate.getFunctionName(),
        "The migration function (migrate and the api-keys jobs)");
    output("ImsSiteFunctionName", functions.site.getFunctionName(), "The site function (writes the public website)");
    output("ImsFetchFunctionName", functions.fetch.getFunctionName(), "The fetch function (stages hPSCreg for the import)");
    output("ImsHpscregSecretArn", hpscregCredentials.getSecretArn(),
        "The secret holding the hPSCreg export's credentials (put them there: docs/deploy.md)");
    output("ImsMediaBucketName", storage.media.getBucketName(), "The media bucket");
    output("ImsSiteBucketName", storage.site.getBucketName(), "The public site's bucket");
    output("ImsSiteUrl", storage.siteUrl(), "The public site (CloudFront)");
    output("ImsDatabaseEndpoint", settings.usesRestoredDatabase() ? settings.dbEndpoint()
        : database.instance.getDbInstanceEndpointAddress(), "The database endpoint the functions use");
    output("ImsDatabaseSecretArn", database.secret.getSecretArn(), "The RDS-managed master secret the functions read");
    output("ImsSearchEndpoint", search.endpoint(), "The search domain's endpoint");
    output("ImsAlarmTopicArn", alarms.topic.getTopicArn(), "The alarm topic");

    Nag.suppress(this, settings, new Nag.Parts(database, search, functions, roles, storage,
        schedules.deadLetters, List.<IConstruct>copyOf(routes), hpscregCredentials));
  }

  // The trigger's provider is a Lambda function CDK adds; give its log group a retention before the
  // first invocation creates one without.
  private LogGroup triggerProviderLogGroup(StageSettings settings) {
    IConstruct provider = getNode().findChild("AWSCDK.TriggerCustomResourceProviderCustomResourceProvider");
    CfnResource handler = (CfnResource) provider.getNode().findChild("Handler");
    LogGroup logs = LogGroup.Builder.create(this, "MigrationTriggerLogs")
        .logGroupName("/aws/lambda/" + handler.getRef())
        .retention(settings.logRetention())
        .removalPolicy(settings.removalPolicy())
        .build();
    migration.getNode().addDependency(logs);
    return logs;
  }

  private void output(String name, String value, String description) {
    CfnOutput.Builder.create(this, name).value(value).description(description).build();
  }

  private static StackProps props(StageSettings settings) {
    StackProps.Builder props = StackProps.builder()
        .description("IMS on AWS (" + settings.stage() + " stage)");
    if (settings.account() != null || settings.region() != null) {
      props.env(Environment.builder().account(settings.account()).region(settings.region()).build());
    }
    return props.build();
  }
}
