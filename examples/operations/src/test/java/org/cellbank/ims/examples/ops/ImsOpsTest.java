package org.cellbank.ims.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.cellbank.ims.examples.ops.SignedRequestEndpoint.Answer;
import org.cellbank.ims.examples.ops.SignedRequestEndpoint.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * ims-ops against a local endpoint that checks every request's SigV4 signature, service, region,
 * path, headers and body, and answers as AWS does (recorded shapes).
 */
class ImsOpsTest {
  private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
  private static final String STACK = "ims-prod";
  private static final String HTTP_FUNCTION = "ims-prod-HttpFunction-1A2B3C";
  private static final String JOB_FUNCTION = "ims-prod-JobFunction-4D5E6F";
  private static final String MIGRATE_FUNCTION = "ims-prod-MigrateFunction-7G8H9I";
  private static final String FETCH_FUNCTION = "ims-prod-fetch";
  private static final String FILES_FUNCTION = "ims-prod-files";
  private static final String SEARCH_FUNCTION = "ims-prod-SearchFunction-0J1K2L";
  private static final String MEDIA_FUNCTION = "ims-prod-MediaFunction-3M4N5O";

  private SignedRequestEndpoint endpoint;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicInteger pauses = new AtomicInteger();
  private int followPolls;

  @BeforeEach
  void start() throws IOException {
    endpoint = new SignedRequestEndpoint();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private int run(String... args) {
    ImsOps ops = new ImsOps((region, profile) -> endpoint.clients(SignedRequestEndpoint.SECRET), Clock.fixed(NOW, ZoneOffset.UTC),
        () -> pauses.incrementAndGet() <= followPolls);
    return ops.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
        StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void assertEverySigned() {
    assertThat(endpoint.signatureFailures()).as("requests whose signature did not match").isEmpty();
    assertThat(endpoint.received()).isNotEmpty().allMatch(Received::signatureValid);
  }

  // What DescribeStacks answers (query protocol, XML), with the outputs of the contract.
  private static Answer describeStacks(Map<String, String> outputs) {
    StringBuilder members = new StringBuilder();
    outputs.forEach((key, value) -> members.append("<member><OutputKey>").append(key).append("</OutputKey><OutputValue>")
        .append(value).append("</OutputValue><Description>").append(key).append("</Description></member>"));
    return Answer.xml("<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
        + "<DescribeStacksResult><Stacks><member>"
        + "<StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/ims-prod/5e2c1a70-d0a5-11f0-8f3b-0a1b2c3d4e5f</StackId>"
        + "<StackName>ims-prod</StackName><CreationTime>2026-11-30T09:12:44.512Z</CreationTime>"
        + "<LastUpdatedTime>2026-12-01T16:40:03.118Z</LastUpdatedTime><StackStatus>UPDATE_COMPLETE</StackStatus>"
        + "<DisableRollback>false</DisableRollback><Outputs>" + members + "</Outputs>"
        + "<Capabilities><member>CAPABILITY_IAM</member></Capabilities><Tags/>"
        + "<EnableTerminationProtection>true</EnableTerminationProtection>"
        + "<DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus></DriftInformation>"
        + "</member></Stacks></DescribeStacksResult>"
        + "<ResponseMetadata><RequestId>0f5b2a7e-6c1d-4f3e-9a8b-7c6d5e4f3a2b</RequestId></ResponseMetadata>"
        + "</DescribeStacksResponse>");
  }

  private static Answer stackOutputs() {
    return describeStacks(Map.of("ImsApiUrl", "https://api.cellbank.example.org/", "ImsHttpFunctionName", HTTP_FUNCTION,
        "ImsHttpAliasName", "live", "ImsJobFunctionName", JOB_FUNCTION, "ImsMigrateFunctionName", MIGRATE_FUNCTION,
        "ImsSearchFunctionName", SEARCH_FUNCTION, "ImsMediaFunctionName", MEDIA_FUNCTION,
        "ImsFetchFunctionName", FETCH_FUNCTION, "ImsFilesFunctionName", FILES_FUNCTION));
  }

  private static Answer invoked(String payload) {
    return new Answer(200, Map.of("Content-Type", "application/json", "X-Amz-Executed-Version", "$LATEST",
        "x-amzn-RequestId", "1d7b1a52-4d2e-4c0f-9b7e-3f1c2a6b8d90"), payload);
  }

  private static Answer functionError(String payload) {
    return new Answer(200, Map.of("Content-Type", "application/json", "X-Amz-Executed-Version", "$LATEST",
        "X-Amz-Function-Error", "Unhandled", "x-amzn-RequestId", "6a0f3c1e-2b4d-4e5f-8a9b-0c1d2e3f4a5b"), payload);
  }

  private static void assertDescribeStacks(Received request) {
    assertThat(request.service()).isEqualTo("cloudformation");
    assertThat(request.region()).isEqualTo("eu-west-1");
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/");
    assertThat(request.body()).contains("Action=DescribeStacks").contains("StackName=ims-prod")
        .contains("Version=2010-05-15");
  }

  private static void assertInvoke(Received request, String function, String payload) {
    assertThat(request.service()).isEqualTo("lambda");
    assertThat(request.region()).isEqualTo("eu-west-1");
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/2015-03-31/functions/" + function + "/invocations");
    assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
    assertThat(request.body()).isEqualTo(payload);
  }

  static Stream<Arguments> jobs() {
    return Stream.of(
        Arguments.of(List.of("migrate"), MIGRATE_FUNCTION, "{\"job\":\"migrate\"}"),
        Arguments.of(List.of("fetch"), FETCH_FUNCTION, "{\"job\":\"fetch\"}"),
        Arguments.of(List.of("invoke", "fetch", "--function", "fetch"), FETCH_FUNCTION, "{\"job\":\"fetch\"}"),
        Arguments.of(List.of("import"), JOB_FUNCTION, "{\"job\":\"import\"}"),
        Arguments.of(List.of("import", "UKBi008-A"), JOB_FUNCTION, "{\"job\":\"import\",\"line\":\"UKBi008-A\"}"),
        Arguments.of(List.of("nightly"), JOB_FUNCTION, "{\"job\":\"nightly\"}"),
        Arguments.of(List.of("drain"), JOB_FUNCTION, "{\"job\":\"drain\"}"),
        Arguments.of(List.of("rebuild"), JOB_FUNCTION, "{\"job\":\"rebuild\"}"),
        Arguments.of(List.of("reconcile"), JOB_FUNCTION, "{\"job\":\"reconcile\"}"),
        Arguments.of(List.of("invoke", "nightly", "rebuild=true", "limit=25", "note=run 2"), JOB_FUNCTION,
            "{\"job\":\"nightly\",\"rebuild\":true,\"limit\":25,\"note\":\"run 2\"}"),
        Arguments.of(List.of("invoke", "migrate", "--function", "migrate"), MIGRATE_FUNCTION, "{\"job\":\"migrate\"}"),
        Arguments.of(List.of("api-keys", "create-user", "lims", "partner"), MIGRATE_FUNCTION,
            "{\"job\":\"api-keys.create-user\",\"user\":\"lims\",\"role\":\"partner\"}"),
        // A role the tool does not know yet goes through unchanged: the function decides.
        Arguments.of(List.of("api-keys", "create-user", "ceo", "executive_manager"), MIGRATE_FUNCTION,
            "{\"job\":\"api-keys.create-user\",\"user\":\"ceo\",\"role\":\"executive_manager\"}"),
        Arguments.of(List.of("api-keys", "issue", "lims"), MIGRATE_FUNCTION, "{\"job\":\"api-keys.issue\",\"user\":\"lims\"}"),
        Arguments.of(List.of("api-keys", "list"), MIGRATE_FUNCTION, "{\"job\":\"api-keys.list\"}"),
        Arguments.of(List.of("api-keys", "list", "lims"), MIGRATE_FUNCTION, "{\"job\":\"api-keys.list\",\"user\":\"lims\"}"),
        Arguments.of(List.of("api-keys", "revoke", "12"), MIGRATE_FUNCTION, "{\"job\":\"api-keys.revoke\",\"id\":12}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jobs")
  void eachJob_isASignedInvokeOfItsFunction_withTheContractsPayload(List<String> command, String function,
      String payload) {
    String answer = "{\"job\":\"x\",\"ok\":true,\"applied\":0}";
    endpoint.then(stackOutputs()).then(invoked(answer));
    String[] args = Stream.concat(Stream.of("--stack", STACK), command.stream()).toArray(String[]::new);

    assertThat(run(args)).as(err()).isZero();

    assertThat(out()).isEqualTo(answer + System.lineSeparator());
    List<Received> requests = endpoint.received();
    assertThat(requests).hasSize(2);
    assertDescribeStacks(requests.get(0));
    assertInvoke(requests.get(1), function, payload);
    assertEverySigned();
  }

  @Test
  void functionNamesGivenAsOptions_needNoStack() {
    endpoint.then(invoked("{\"job\":\"drain\",\"ok\":true,\"drained\":3}"));

    assertThat(run("--job-function", "ims-job", "drain")).as(err()).isZero();

    assertThat(endpoint.received()).hasSize(1);
    assertInvoke(endpoint.received().get(0), "ims-job", "{\"job\":\"drain\"}");
    assertEverySigned();
  }

  @Test
  void valuesAreEscapedInThePayload() {
    endpoint.then(invoked("{\"job\":\"import\",\"ok\":true}"));

    assertThat(run("--job-function", "ims-job", "import", "UKBi\"008\\A\n\u0001\u2028")).as(err()).isZero();

    assertInvoke(endpoint.received().get(0), "ims-job",
        "{\"job\":\"import\",\"line\":\"UKBi\\\"008\\\\A\\n\\u0001\\u2028\"}");
    assertThat(JsonNode.parser().parse(endpoint.received().get(0).body()).asObject().get("line").asString())
        .isEqualTo("UKBi\"008\\A\n\u0001\u2028");
  }

  @Test
  void issuedKey_isPrintedOnceOnStandardOutput_andNowhereElse() {
    String answer = "{\"job\":\"api-keys.issue\",\"ok\":true,\"user\":\"lims\",\"key\":\"k3Yv4lu3-shown-once\"}";
    endpoint.then(invoked(answer));

    assertThat(run("--migrate-function", "ims-migrate", "api-keys", "issue", "lims")).isZero();

    assertThat(out().split("k3Yv4lu3-shown-once", -1)).hasSize(2);
    assertThat(err()).doesNotContain("k3Yv4lu3").contains("printed once");
  }

  @Test
  void functionError_printsTheErrorMessage_andExitsWith1() {
    endpoint.then(stackOutputs()).then(functionError("{\"errorMessage\":\"Migration V8__outbox.sql failed: relation "
        + "\\\"ims.outbox\\\" already exists\",\"errorType\":\"org.flywaydb.core.api.FlywayException\","
        + "\"stackTrace\":[\"org.flywaydb.core.Flyway.migrate(Flyway.java:171)\"]}"));

    assertThat(run("--stack", STACK, "migrate")).isEqualTo(1);

    assertThat(out()).isEmpty();
    assertThat(err()).contains("ims-prod-MigrateFunction-7G8H9I failed (Unhandled)")
        .contains("org.flywaydb.core.api.FlywayException: Migration V8__outbox.sql failed: relation \"ims.outbox\" "
            + "already exists");
    assertEverySigned();
  }

  @Test
  void badPayloadThrownAsBadRequest_exitsWith1_withTheFunctionsMessage() {
    endpoint.then(functionError("{\"errorMessage\":\"unknown job frobnicate\\n; known: nightly, reconcile\","
        + "\"errorType\":\"org.cellbank.ims.http.BadRequestException\"}"));

    assertThat(run("--job-function", "ims-job", "invoke", "frobnicate")).isEqualTo(1);

    assertThat(err()).contains("BadRequestException: unknown job frobnicate\\u000a; known")
        .doesNotContain("frobnicate\n");
  }

  @Test
  void answerWithOkFalse_exitsWith1() {
    endpoint.then(invoked("{\"ok\":false,\"status\":400,\"error\":\"no user lims\"}"));

    assertThat(run("--migrate-function", "ims-migrate", "api-keys", "issue", "lims")).isEqualTo(1);

    assertThat(err()).contains("refused the job: no user lims");
  }

  @Test
  void awsError_exitsWith1_withItsMessage() {
    endpoint.then(new Answer(404, Map.of("Content-Type", "application/json", "x-amzn-ErrorType",
        "ResourceNotFoundException"), "{\"Type\":\"User\",\"Message\":\"Function not found: "
        + "arn:aws:lambda:eu-west-1:123456789012:function:ims-job\"}"));

    assertThat(run("--job-function", "ims-job", "drain")).isEqualTo(1);

    assertThat(err()).contains("Function not found");
  }

  @Test
  void stackWithoutTheOutput_saysWhichOptionToPass() {
    endpoint.then(describeStacks(Map.of("ImsJobFunctionName", JOB_FUNCTION)));

    assertThat(run("--stack", STACK, "migrate")).isEqualTo(1);

    assertThat(err()).contains("stack ims-prod has no output ImsMigrateFunctionName; pass --migrate-function");
    assertThat(endpoint.received()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usageErrors")
  void usageErrors_exitWith2_andSendNothing(List<String> args, String message) {
    assertThat(run(args.toArray(String[]::new))).isEqualTo(2);

    assertThat(err()).contains(message).contains("usage: ims-ops");
    assertThat(endpoint.received()).isEmpty();
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of(List.of(), "no command"),
        Arguments.of(List.of("--stack", STACK, "frobnicate"), "unknown command frobnicate"),
        Arguments.of(List.of("--stack", STACK, "--bogus", "drain"), "unknown option --bogus"),
        Arguments.of(List.of("--stack"), "--stack needs a value"),
        Arguments.of(List.of("--stack", STACK, "import", "a", "b"), "import takes 0 to 1 arguments"),
        Arguments.of(List.of("--stack", STACK, "drain", "now"), "drain takes no argument"),
        Arguments.of(List.of("--stack", STACK, "api-keys", "revoke", "twelve"), "ID must be a positive whole number"),
        Arguments.of(List.of("--stack", STACK, "api-keys", "create-user", "lims"), "takes 2 arguments"),
        Arguments.of(List.of("--stack", STACK, "api-keys", "delete", "3"), "unknown api-keys action delete"),
        Arguments.of(List.of("--stack", STACK, "invoke", "drain", "oops"), "not key=value: oops"),
        Arguments.of(List.of("--stack", STACK, "invoke", "drain", "job=x"), "job given twice"),
        Arguments.of(List.of("--stack", STACK, "drain", "--to", "3"), "--to does not apply to drain"),
        Arguments.of(List.of("--stack", STACK, "tail", "--since", "yesterday"), "--since must be like"),
        Arguments.of(List.of("--stack", STACK, "tail", "--function", "db"), "--function must be http, files, search, media, job"),
        Arguments.of(List.of("--stack", STACK, "fetch", "now"), "fetch takes no argument"),
        Arguments.of(List.of("--stack", STACK, "ecacc"), "unknown command ecacc"),
        Arguments.of(List.of("--stack", STACK, "invoke", "drain", "--function", "http"), "--function must be job, migrate or fetch"),
        Arguments.of(List.of("--stack", STACK, "rollback", "--function", "job"), "--function must be http, files, search or media"),
        Arguments.of(List.of("--stack", STACK, "rollback", "--to", "previous"), "--to must be a positive whole number"),
        Arguments.of(List.of("drain"), "--stack NAME is required"));
  }

  @Test
  void help_printsTheUsage() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("api-keys create-user USER ROLE").contains("rollback [--function http|files|search|media] [--to VERSION]")
        .contains("fetch  ").doesNotContain("ecacc");
  }

  // ---- rollback

  private static Answer alias(String version, String routing) {
    return Answer.json(200, "{\"AliasArn\":\"arn:aws:lambda:eu-west-1:123456789012:function:" + HTTP_FUNCTION
        + ":live\",\"Description\":\"\",\"FunctionVersion\":\"" + version + "\",\"Name\":\"live\","
        + "\"RevisionId\":\"3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9\"" + (routing == null ? "" : ",\"RoutingConfig\":" + routing)
        + "}");
  }

  private static Answer versions(String nextMarker, String... versions) {
    StringBuilder list = new StringBuilder();
    for (String v : versions) {
      if (list.length() > 0) {
        list.append(',');
      }
      list.append("{\"FunctionName\":\"").append(HTTP_FUNCTION).append("\",\"FunctionArn\":\"arn:aws:lambda:eu-west-1:"
          + "123456789012:function:").append(HTTP_FUNCTION).append(':').append(v).append("\",\"Runtime\":\"java21\","
          + "\"Handler\":\"org.cellbank.ims.examples.lambda.ImsFunction::handleRequest\",\"CodeSize\":14230511,"
          + "\"MemorySize\":1024,\"Timeout\":29,\"Version\":\"").append(v).append("\",\"LastModified\":"
          + "\"2026-12-01T16:38:12.000+0000\",\"SnapStart\":{\"ApplyOn\":\"PublishedVersions\",\"OptimizationStatus\":"
          + "\"On\"},\"Architectures\":[\"arm64\"]}");
    }
    return Answer.json(200, "{" + (nextMarker == null ? "" : "\"NextMarker\":\"" + nextMarker + "\",")
        + "\"Versions\":[" + list + "]}");
  }

  @Test
  void rollback_movesTheAliasToThePreviousPublishedVersion_acrossPages() {
    endpoint.then(stackOutputs()).then(alias("12", null))
        .then(versions("page-2", "$LATEST", "9", "10")).then(versions(null, "11", "12"))
        .then(alias("11", null));

    assertThat(run("--stack", STACK, "rollback")).as(err()).isZero();

    assertThat(out()).contains("alias live of " + HTTP_FUNCTION + ": version 12 -> 11");
    List<Received> r = endpoint.received();
    assertThat(r).hasSize(5);
    assertDescribeStacks(r.get(0));
    String base = "/2015-03-31/functions/" + HTTP_FUNCTION;
    assertThat(r.get(1).method() + " " + r.get(1).path()).isEqualTo("GET " + base + "/aliases/live");
    assertThat(r.get(2).method() + " " + r.get(2).path()).isEqualTo("GET " + base + "/versions");
    assertThat(r.get(2).query()).isEqualTo(Map.of("MaxItems", "50"));
    assertThat(r.get(3).query()).isEqualTo(Map.of("MaxItems", "50", "Marker", "page-2"));
    assertThat(r.get(4).method() + " " + r.get(4).path()).isEqualTo("PUT " + base + "/aliases/live");
    JsonNode update = JsonNode.parser().parse(r.get(4).body());
    assertThat(update.asObject().get("FunctionVersion").asString()).isEqualTo("11");
    assertThat(update.asObject()).doesNotContainKey("RoutingConfig");
    assertThat(r).allMatch(q -> q.region().equals("eu-west-1"));
    assertThat(r.subList(1, 5)).allMatch(q -> q.service().equals("lambda"));
    assertEverySigned();
  }

  @ParameterizedTest
  @CsvSource({"search, " + SEARCH_FUNCTION, "files, " + FILES_FUNCTION})
  void rollbackOfAnotherApiFunction_movesItsOwnAlias(String which, String function) {
    endpoint.then(stackOutputs()).then(alias("4", null)).then(versions(null, "$LATEST", "3", "4"))
        .then(alias("3", null));

    assertThat(run("--stack", STACK, "rollback", "--function", which)).as(err()).isZero();

    List<Received> r = endpoint.received();
    assertThat(r).hasSize(4);
    String base = "/2015-03-31/functions/" + function;
    assertThat(r.get(1).method() + " " + r.get(1).path()).isEqualTo("GET " + base + "/aliases/live");
    assertThat(r.get(2).path()).isEqualTo(base + "/versions");
    assertThat(r.get(3).method() + " " + r.get(3).path()).isEqualTo("PUT " + base + "/aliases/live");
    assertThat(JsonNode.parser().parse(r.get(3).body()).asObject().get("FunctionVersion").asString()).isEqualTo("3");
    assertThat(out()).contains("alias live of " + function + ": version 4 -> 3");
    assertEverySigned();
  }

  @Test
  void tailOfTheMediaFunction_readsItsLogGroup() {
    endpoint.then(stackOutputs()).then(events(null, event("1", NOW.minusSeconds(5).toEpochMilli(), "\"302\\n\"")));

    assertThat(run("--stack", STACK, "tail", "--function", "media")).as(err()).isZero();

    assertThat(JsonNode.parser().parse(endpoint.received().get(1).body()).asObject().get("logGroupName").asString())
        .isEqualTo("/aws/lambda/" + MEDIA_FUNCTION);
    assertThat(out()).isEqualTo("2026-12-02T17:59:55Z 302" + System.lineSeparator());
  }

  @Test
  void rollback_ofAWeightedAlias_sendsAllTrafficToTheTarget() {
    endpoint.then(alias("12", "{\"AdditionalVersionWeights\":{\"13\":0.1}}"))
        .then(versions(null, "$LATEST", "11", "12", "13")).then(alias("11", null));

    assertThat(run("--http-function", HTTP_FUNCTION, "--alias", "live", "rollback")).as(err()).isZero();

    JsonNode update = JsonNode.parser().parse(endpoint.received().get(2).body());
    assertThat(update.asObject().get("FunctionVersion").asString()).isEqualTo("11");
    assertThat(update.asObject().get("RoutingConfig").asObject().get("AdditionalVersionWeights").asObject()).isEmpty();
    assertEverySigned();
  }

  @Test
  void rollback_toANamedVersion() {
    endpoint.then(alias("12", null)).then(versions(null, "$LATEST", "9", "10", "11", "12")).then(alias("9", null));

    assertThat(run("--http-function", HTTP_FUNCTION, "rollback", "--to", "9")).as(err()).isZero();

    assertThat(JsonNode.parser().parse(endpoint.received().get(2).body()).asObject().get("FunctionVersion").asString())
        .isEqualTo("9");
    assertThat(out()).contains("version 12 -> 9");
  }

  @Test
  void rollback_refusesWhenNoEarlierVersionExists_andChangesNothing() {
    endpoint.then(alias("1", null)).then(versions(null, "$LATEST", "1"));

    assertThat(run("--http-function", HTTP_FUNCTION, "rollback")).isEqualTo(1);

    assertThat(err()).contains("no version of " + HTTP_FUNCTION + " older than 1 to roll alias live back to");
    assertThat(endpoint.received()).hasSize(2).noneMatch(q -> q.method().equals("PUT"));
  }

  @Test
  void rollback_toAnUnpublishedVersion_isRefused() {
    endpoint.then(alias("12", null)).then(versions(null, "$LATEST", "11", "12"));

    assertThat(run("--http-function", HTTP_FUNCTION, "rollback", "--to", "7")).isEqualTo(1);

    assertThat(err()).contains("has no published version 7");
    assertThat(endpoint.received()).noneMatch(q -> q.method().equals("PUT"));
  }

  // ---- tail

  private static Answer events(String nextToken, String... eventsJson) {
    return new Answer(200, Map.of("Content-Type", "application/x-amz-json-1.1"), "{\"events\":["
        + String.join(",", eventsJson) + "]" + (nextToken == null ? "" : ",\"nextToken\":\"" + nextToken + "\"")
        + ",\"searchedLogStreams\":[]}");
  }

  private static String event(String id, long timestamp, String messageJson) {
    return "{\"eventId\":\"" + id + "\",\"ingestionTime\":" + (timestamp + 150) + ",\"logStreamName\":"
        + "\"2026/12/02/[$LATEST]0a1b2c3d4e5f60718293a4b5c6d7e8f9\",\"message\":" + messageJson + ",\"timestamp\":"
        + timestamp + "}";
  }

  @Test
  void tail_printsTheEventsOfTheFunctionsLogGroup_sinceTheGivenTime_escaped() {
    long t = NOW.minusSeconds(300).toEpochMilli();
    endpoint.then(stackOutputs())
        .then(events("tok-2", event("3777", t, "\"START RequestId: 8476a536 Version: $LATEST\\n\"")))
        .then(events(null, event("3778", t + 5, "\"[INFO] import UKBi008-A\\u001b[31m done\\n\""),
            event("3779", t + 9, "\"line one\\nline two\\r\\n\"")));

    assertThat(run("--stack", STACK, "tail", "--function", "job", "--since", "15m")).as(err()).isZero();

    assertThat(out().split(System.lineSeparator())).containsExactly(
        "2026-12-02T17:55:00Z START RequestId: 8476a536 Version: $LATEST",
        "2026-12-02T17:55:00.005Z [INFO] import UKBi008-A\\u001b[31m done",
        "2026-12-02T17:55:00.009Z line one\\u000aline two");
    List<Received> r = endpoint.received();
    assertThat(r).hasSize(3);
    for (Received q : r.subList(1, 3)) {
      assertThat(q.service()).isEqualTo("logs");
      assertThat(q.region()).isEqualTo("eu-west-1");
      assertThat(q.path()).isEqualTo("/");
      assertThat(q.header("X-Amz-Target")).isEqualTo("Logs_20140328.FilterLogEvents");
      JsonNode body = JsonNode.parser().parse(q.body());
      assertThat(body.asObject().get("logGroupName").asString()).isEqualTo("/aws/lambda/" + JOB_FUNCTION);
      assertThat(body.asObject().get("startTime").asNumber()).isEqualTo(Long.toString(NOW.minusSeconds(900).toEpochMilli()));
    }
    assertThat(JsonNode.parser().parse(r.get(1).body()).asObject()).doesNotContainKey("nextToken");
    assertThat(JsonNode.parser().parse(r.get(2).body()).asObject().get("nextToken").asString()).isEqualTo("tok-2");
    assertEverySigned();
  }

  @Test
  void tailFollow_pollsFromTheNewestEvent_withoutRepeatingIt() {
    long t = NOW.minusSeconds(60).toEpochMilli();
    followPolls = 1;
    endpoint.then(events(null, event("1", t, "\"first\\n\""), event("2", t + 1000, "\"second\\n\"")))
        .then(events(null, event("2", t + 1000, "\"second\\n\""), event("3", t + 1000, "\"third, same millisecond\\n\""),
            event("4", t + 2500, "\"fourth\\n\"")));

    assertThat(run("--http-function", HTTP_FUNCTION, "tail", "--follow")).as(err()).isZero();

    assertThat(out().split(System.lineSeparator())).containsExactly(
        "2026-12-02T17:59:00Z first",
        "2026-12-02T17:59:01Z second",
        "2026-12-02T17:59:01Z third, same millisecond",
        "2026-12-02T17:59:02.500Z fourth");
    List<Received> r = endpoint.received();
    assertThat(r).hasSize(2);
    assertThat(JsonNode.parser().parse(r.get(0).body()).asObject().get("logGroupName").asString())
        .isEqualTo("/aws/lambda/" + HTTP_FUNCTION);
    assertThat(JsonNode.parser().parse(r.get(0).body()).asObject().get("startTime").asNumber())
        .isEqualTo(Long.toString(NOW.minusSeconds(600).toEpochMilli()));
    assertThat(JsonNode.parser().parse(r.get(1).body()).asObject().get("startTime").asNumber())
        .isEqualTo(Long.toString(t + 1000));
    assertThat(pauses.get()).isEqualTo(2);
    assertEverySigned();
  }

  // ---- the check itself

  @Test
  void aRequestSignedWithAnotherSecret_failsTheSignatureCheck() throws IOException {
    endpoint.close();
    endpoint = new SignedRequestEndpoint("another-secret-the-endpoint-expects");
    endpoint.then(invoked("{\"job\":\"drain\",\"ok\":true}"));

    assertThat(run("--job-function", "ims-job", "drain")).isEqualTo(1);

    assertThat(endpoint.signatureFailures()).hasSize(1);
    assertThat(endpoint.signatureFailures().get(0)).contains("signature mismatch for POST "
        + "/2015-03-31/functions/ims-job/invocations");
    assertThat(endpoint.received()).singleElement().matches(q -> !q.signatureValid());
    assertThat(err()).contains("signature");
    assertThat(out()).isEmpty();
  }

  @Test
  void aSignedRequestReplayed_passesWithItsOwnBody_andFailsWithAnotherOfTheSameLength() throws Exception {
    endpoint.then(invoked("{\"job\":\"drain\",\"ok\":true}")).then(invoked("{\"job\":\"drain\",\"ok\":true}"));
    assertThat(run("--job-function", "ims-job", "drain")).isZero();
    Received sent = endpoint.received().get(0);

    assertThat(replay(sent, sent.body())).isEqualTo(200);
    assertThat(endpoint.signatureFailures()).isEmpty();
    assertThat(replay(sent, sent.body().replace("drain", "dRain"))).isEqualTo(403);
    assertThat(endpoint.signatureFailures()).singleElement().asString().contains("signature mismatch");
  }

  // The request again, with the headers it was signed with (the client sets Host and Content-Length).
  private int replay(Received sent, String body) throws Exception {
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(endpoint.uri().resolve(sent.path()))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
    for (Map.Entry<String, String> header : sent.headers().entrySet()) {
      if (!List.of("host", "content-length", "connection", "expect", "upgrade").contains(header.getKey())) {
        request.header(header.getKey(), header.getValue());
      }
    }
    return java.net.http.HttpClient.newHttpClient().send(request.build(),
        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void theSameRequestSignedWithTheExpectedSecret_passes() {
    endpoint.then(invoked("{\"job\":\"drain\",\"ok\":true}"));

    assertThat(run("--job-function", "ims-job", "drain")).isZero();

    assertEverySigned();
  }
}
