package org.cellbank.ims.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.cellbank.ims.http.BadRequestException;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.junit.jupiter.api.Test;

class ImsLambdaHandlerTest {
  private static final String BODY = "{\"name\":\"Zürich line\",\"bytes\":\"\u0000\u0001\"}";
  private final ImsLambdaHandler handler = TestApp.handler().build();

  private JsonObject invoke(String eventFile) {
    return invoke(handler, Events.bytes(eventFile));
  }

  private static JsonObject invoke(ImsLambdaHandler h, byte[] event) {
    return JsonReader.create().read(h.handle(event)).asObject();
  }

  private static int status(JsonObject response) {
    return (int) response.findNumber("statusCode").orElseThrow().longValue();
  }

  private static JsonObject body(JsonObject response) {
    return JsonReader.create().read(response.findString("body").orElseThrow()).asObject();
  }

  private static List<String> strings(JsonValue array) {
    List<String> out = new ArrayList<>();
    array.asArray().elements().forEach(v -> out.add(v.asString()));
    return out;
  }

  @Test
  void restApi_getCellLine_answersInPayload1Format() {
    JsonObject r = invoke("rest-v1-get-cell-line.json");

    assertThat(status(r)).isEqualTo(200);
    assertThat(r.findBoolean("isBase64Encoded")).hasValue(false);
    assertThat(r.findObject("headers").flatMap(h -> h.findString("content-type"))).hasValue("application/json");
    assertThat(strings(r.findObject("multiValueHeaders").orElseThrow().find("content-type").orElseThrow()))
        .containsExactly("application/json");
    assertThat(body(r).findString("biosamples_id")).hasValue("SAMEA2590882");
  }

  @Test
  void restApi_postWithStageInPath_base64Body_multiValueQueryAndHeaders_cookies() {
    JsonObject r = invoke("rest-v1-post-base64-multivalue.json");

    assertThat(status(r)).isEqualTo(200);
    JsonObject echo = body(r);
    assertThat(echo.findString("path")).hasValue("/api/v0/echo");
    assertThat(strings(echo.findObject("query").orElseThrow().find("tag").orElseThrow())).containsExactly("a", "b");
    assertThat(strings(echo.findObject("query").orElseThrow().find("q").orElseThrow())).containsExactly("x y");
    assertThat(echo.findObject("cookies").orElseThrow().members().keySet()).containsExactly("session", "theme");
    assertThat(strings(echo.find("x-multi").orElseThrow())).containsExactly("one", "two");
    assertThat(new String(Base64.getDecoder().decode(echo.findString("body-base64").orElseThrow()),
        StandardCharsets.UTF_8)).isEqualTo(BODY);
    assertThat(echo.findString("source-ip")).hasValue("203.0.113.9");
    assertThat(echo.findString("request-id")).hasValue("rest-v1-post-request-id");

    JsonObject multi = r.findObject("multiValueHeaders").orElseThrow();
    assertThat(strings(multi.find("set-cookie").orElseThrow()))
        .containsExactly("session=new; Path=/; Secure; HttpOnly", "theme=light; Path=/");
    assertThat(strings(multi.find("x-multi").orElseThrow())).containsExactly("one", "two");
    assertThat(r.findObject("headers").orElseThrow().find("set-cookie")).isEmpty();
  }

  @Test
  void restApi_stageNamedLikeTheFirstSegment_isNotStrippedFromPath() {
    String event = new String(Events.bytes("rest-v1-get-cell-line.json"), StandardCharsets.UTF_8)
        .replace("\"stage\": \"prod\"", "\"stage\": \"api\"")
        .replace("\"path\": \"/prod/api/v0/cell-lines/SAMEA2590882\"", "\"path\": \"/api/api/v0/cell-lines/SAMEA2590882\"");
    JsonObject r = invoke(handler, event.getBytes(StandardCharsets.UTF_8));
    assertThat(status(r)).isEqualTo(200);
    assertThat(body(r).findString("biosamples_id")).hasValue("SAMEA2590882");
  }

  @Test
  void stripStageOff_keepsTheStageInThePath() {
    ImsLambdaHandler keep = TestApp.handler().stripStage(false).build();
    assertThat(status(invoke(keep, Events.bytes("httpapi-v2-post-cookies-stage.json")))).isEqualTo(404);
  }

  @Test
  void restApi_customDomain_stripsConfiguredBasePath() {
    JsonObject r = invoke("rest-v1-custom-domain-base-path.json");
    assertThat(status(r)).isEqualTo(200);
    assertThat(body(r).findString("biosamples_id")).hasValue("UKBi008-A");

    ImsLambdaHandler noBasePath = ImsLambdaHandler.create(TestApp.router());
    assertThat(status(invoke(noBasePath, Events.bytes("rest-v1-custom-domain-base-path.json")))).isEqualTo(404);
  }

  @Test
  void restApi_corsPreflight_isAnsweredForAllowedOrigin() {
    JsonObject r = invoke("rest-v1-options-preflight.json");
    assertThat(status(r)).isEqualTo(204);
    JsonObject headers = r.findObject("headers").orElseThrow();
    assertThat(headers.findString("access-control-allow-origin")).hasValue("https://cells.example.org");
    assertThat(headers.findString("access-control-allow-headers")).hasValue("authorization");
    assertThat(headers.findString("access-control-max-age")).hasValue("300");
    assertThat(r.findString("body")).hasValue("");
  }

  @Test
  void httpApiPayload1_decodedPathIsReEncodedThenDecodedOnce() {
    JsonObject r = invoke("httpapi-v1-get-encoded-id.json");
    assertThat(status(r)).isEqualTo(200);
    assertThat(body(r).findString("biosamples_id")).hasValue("UKBi 100%");
  }

  @Test
  void httpApiPayload2_getCellLine() {
    JsonObject r = invoke("httpapi-v2-get-cell-line.json");
    assertThat(status(r)).isEqualTo(200);
    assertThat(r.find("multiValueHeaders")).isEmpty();
    assertThat(r.findObject("headers").flatMap(h -> h.findString("content-type"))).hasValue("application/json");
    assertThat(body(r).findString("biosamples_id")).hasValue("SAMEA2590882");
  }

  @Test
  void httpApiPayload2_namedStage_rawQuery_cookiesArray_base64Body() {
    JsonObject r = invoke("httpapi-v2-post-cookies-stage.json");

    assertThat(status(r)).isEqualTo(200);
    JsonObject echo = body(r);
    assertThat(echo.findString("path")).hasValue("/api/v0/echo");
    JsonObject query = echo.findObject("query").orElseThrow();
    assertThat(strings(query.find("tag").orElseThrow())).containsExactly("a", "b");
    assertThat(strings(query.find("q").orElseThrow())).containsExactly("x y");
    assertThat(strings(query.find("plus").orElseThrow())).containsExactly("1 2");
    assertThat(echo.findObject("cookies").orElseThrow().findString("theme")).hasValue("dark");
    assertThat(strings(echo.find("x-multi").orElseThrow())).containsExactly("one,two");
    assertThat(new String(Base64.getDecoder().decode(echo.findString("body-base64").orElseThrow()),
        StandardCharsets.UTF_8)).isEqualTo(BODY);

    assertThat(strings(r.find("cookies").orElseThrow()))
        .containsExactly("session=new; Path=/; Secure; HttpOnly", "theme=light; Path=/");
    JsonObject headers = r.findObject("headers").orElseThrow();
    assertThat(headers.find("set-cookie")).isEmpty();
    assertThat(headers.findString("x-multi")).hasValue("one,two");
  }

  @Test
  void functionUrl_binaryResponse_isBase64() {
    JsonObject r = invoke("functionurl-get-binary.json");

    assertThat(status(r)).isEqualTo(200);
    assertThat(r.findBoolean("isBase64Encoded")).hasValue(true);
    assertThat(Base64.getDecoder().decode(r.findString("body").orElseThrow())).isEqualTo(TestApp.PNG);
    JsonObject headers = r.findObject("headers").orElseThrow();
    assertThat(headers.findString("content-type")).hasValue("image/png");
    assertThat(headers.findString("content-disposition")).hasValue("inline; filename=\"logo small.png\"");
  }

  @Test
  void alb_singleValueMode_decodesQuery_answersWithStatusDescriptionAndHeaders() {
    JsonObject r = invoke("alb-single-value.json");

    assertThat(status(r)).isEqualTo(200);
    assertThat(r.findString("statusDescription")).hasValue("200 OK");
    assertThat(r.find("multiValueHeaders")).isEmpty();
    JsonObject headers = r.findObject("headers").orElseThrow();
    assertThat(headers.findString("access-control-allow-origin")).hasValue("https://cells.example.org");
    assertThat(body(r).findString("q")).hasValue("Zürich line");
    assertThat(body(r).findString("limit")).hasValue("5");
  }

  @Test
  void alb_singleValueMode_sendsEachCookieUnderADifferentlyCasedName() {
    String event = new String(Events.bytes("alb-single-value.json"), StandardCharsets.UTF_8)
        .replace("\"/api/v0/cell-lines\"", "\"/cookies\"");
    JsonObject r = invoke(handler, event.getBytes(StandardCharsets.UTF_8));

    assertThat(status(r)).isEqualTo(204);
    assertThat(r.findString("statusDescription")).hasValue("204 No Content");
    JsonObject headers = r.findObject("headers").orElseThrow();
    List<String> cookies = new ArrayList<>();
    headers.members().forEach((name, value) -> {
      if (name.equalsIgnoreCase("set-cookie")) {
        cookies.add(value.asString());
      }
    });
    assertThat(cookies).containsExactly("a=1; Path=/; HttpOnly", "b=2; Path=/", "c=3; Path=/");
  }

  @Test
  void alb_multiValueMode_decodesEncodedQuery_andAnswersWithMultiValueHeaders() {
    JsonObject r = invoke("alb-multi-value.json");

    assertThat(status(r)).isEqualTo(200);
    assertThat(r.findString("statusDescription")).hasValue("200 OK");
    assertThat(r.find("headers")).isEmpty();
    JsonObject multi = r.findObject("multiValueHeaders").orElseThrow();
    assertThat(strings(multi.find("set-cookie").orElseThrow())).hasSize(2);
    JsonObject echo = body(r);
    JsonObject query = echo.findObject("query").orElseThrow();
    assertThat(strings(query.find("tag").orElseThrow())).containsExactly("a", "b&c");
    assertThat(strings(query.find("q").orElseThrow())).containsExactly("x y");
    assertThat(echo.findObject("cookies").orElseThrow().members().keySet()).containsExactly("session", "theme");
    assertThat(echo.findString("source-ip")).hasValue("203.0.113.9");
    assertThat(new String(Base64.getDecoder().decode(echo.findString("body-base64").orElseThrow()),
        StandardCharsets.UTF_8)).isEqualTo("plain text body");
  }

  @Test
  void scheduledEvent_runsTheJob() {
    List<ScheduledEvent> runs = new ArrayList<>();
    ImsLambdaHandler withJob = TestApp.handler().scheduledJob(runs::add).build();

    byte[] out = withJob.handle(Events.bytes("eventbridge-scheduled.json"));

    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    assertThat(runs).containsExactly(new ScheduledEvent("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
        "2026-11-28T02:00:00Z", List.of("arn:aws:events:eu-west-1:123456789012:rule/ims-nightly")));
  }

  @Test
  void scheduledEvent_handsTheJobItsDetail() {
    List<ScheduledEvent> runs = new ArrayList<>();
    ImsLambdaHandler withJob = TestApp.handler().scheduledJob(runs::add).build();
    String event = """
        {"version": "0", "id": "e-2", "detail-type": "Scheduled Event", "source": "aws.events",
         "time": "2026-11-29T02:00:00Z", "resources": [], "detail": {"rebuild": true}}
        """;

    withJob.handle(event.getBytes(StandardCharsets.UTF_8));

    assertThat(runs).singleElement().satisfies(e -> {
      assertThat(e.detailBoolean("rebuild")).contains(true);
      assertThat(e.detailString("job")).isEmpty();
      assertThatThrownBy(() -> e.detailString("rebuild")).isInstanceOf(BadRequestException.class);
      assertThat(e.id()).isEqualTo("e-2");
    });
    assertThat(new ScheduledEvent("a", "t", List.of()).detail()).isEqualTo("{}");
    assertThat(new ScheduledEvent("a", "t", List.of()).detailBoolean("rebuild")).isEmpty();
  }

  @Test
  void schedulersOwnEnvelope_withItsDetailAsText_runsTheJob() {
    List<ScheduledEvent> runs = new ArrayList<>();
    ImsLambdaHandler withJob = TestApp.handler().scheduledJob(runs::add).build();

    byte[] out = withJob.handle(Events.bytes("scheduler-default-input.json"));

    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    assertThat(runs).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo("8f4a4c48-3d62-4b0e-9d9f-6f5f6f1c2a11");
      assertThat(e.detail()).isEqualTo("{}");
      assertThat(e.resources()).containsExactly("arn:aws:scheduler:eu-west-1:123456789012:schedule/default/ims-nightly");
    });
  }

  @Test
  void directInvocations_empty_orNamingAJob_runTheJob_butAreRefusedWithoutOne() {
    List<ScheduledEvent> runs = new ArrayList<>();
    ImsLambdaHandler withJob = TestApp.handler().scheduledJob(runs::add).build();

    withJob.handle(Events.bytes("direct-empty.json"));
    withJob.handle(Events.bytes("direct-job.json"));

    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).detail()).isEqualTo("{}");
    assertThat(runs.get(1).detailString("job")).hasValue("reconcile");
    JsonObject refused = JsonReader.create().read(handler.handle(Events.bytes("direct-job.json"))).asObject();
    assertThat(refused.findNumber("statusCode").orElseThrow().longValue()).isEqualTo(400);
  }

  @Test
  void aJobsResult_isTheInvocationsAnswer_andMustBeAJsonObject() {
    ScheduledJob reporting = new ScheduledJob() {
      @Override
      public void run(ScheduledEvent event) {
        throw new AssertionError("result(event) is what the handler calls");
      }

      @Override
      public String result(ScheduledEvent event) {
        return "{\"job\": \"" + event.detailString("job").orElse("none") + "\", \"ok\": true, \"applied\": 2}";
      }
    };
    byte[] out = TestApp.handler().scheduledJob(reporting).build().handle(Events.bytes("direct-job.json"));
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("{\"job\":\"reconcile\",\"ok\":true,\"applied\":2}");

    ScheduledJob broken = new ScheduledJob() {
      @Override
      public void run(ScheduledEvent event) {}

      @Override
      public String result(ScheduledEvent event) {
        return "[\"not an object\"]";
      }
    };
    assertThatThrownBy(() -> TestApp.handler().scheduledJob(broken).build().handle(Events.bytes("direct-job.json")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a JSON object");
  }

  @Test
  void scheduledEvent_withDetailTextThatIsNotAnObject_isRefused() {
    ImsLambdaHandler withJob = TestApp.handler().scheduledJob(e -> { }).build();
    byte[] event = ("{\"source\": \"aws.scheduler\", \"detail-type\": \"Scheduled Event\", \"id\": \"x\","
        + " \"detail\": \"[1]\"}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> withJob.handle(event)).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void scheduledEvent_withoutJob_failsWithClearMessage() {
    assertThatThrownBy(() -> handler.handle(Events.bytes("eventbridge-scheduled.json")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no scheduled job is configured");
  }

  @Test
  void unsupportedOrMalformedEvents_answer400_inPayload1Shape() {
    for (byte[] event : List.of(Events.bytes("s3-put-unsupported.json"), "not json".getBytes(StandardCharsets.UTF_8),
        "[1,2]".getBytes(StandardCharsets.UTF_8), new byte[0], new byte[] {(byte) 0xff, '{'})) {
      JsonObject r = invoke(handler, event);
      assertThat(status(r)).isEqualTo(400);
      assertThat(r.findString("body").orElseThrow()).contains("Unsupported event");
    }
  }

  @Test
  void knownFormatWithMalformedMembers_answers400_inItsOwnFormat() {
    String event = new String(Events.bytes("alb-multi-value.json"), StandardCharsets.UTF_8)
        .replace("\"isBase64Encoded\": false", "\"isBase64Encoded\": true")
        .replace("plain text body", "%%% not base64");
    JsonObject r = invoke(handler, event.getBytes(StandardCharsets.UTF_8));
    assertThat(status(r)).isEqualTo(400);
    assertThat(r.findString("statusDescription")).hasValue("400 Bad Request");
    assertThat(body(r).findObject("error").flatMap(e -> e.findString("message")).orElseThrow())
        .startsWith("Malformed ALB event");
  }

  @Test
  void failingHandler_answersGeneric500_withoutInternals() {
    String event = new String(Events.bytes("httpapi-v2-get-cell-line.json"), StandardCharsets.UTF_8)
        .replace("/api/v0/cell-lines/SAMEA2590882", "/fail");
    JsonObject r = invoke(handler, event.getBytes(StandardCharsets.UTF_8));
    assertThat(status(r)).isEqualTo(500);
    assertThat(r.findString("body").orElseThrow())
        .contains("Internal server error").doesNotContain("hunter2", "Exception", "\tat ");

    ImsLambdaHandler throwing = ImsLambdaHandler.create(request -> {
      throw new IllegalStateException("boom");
    });
    JsonObject r2 = invoke(throwing, Events.bytes("httpapi-v2-get-cell-line.json"));
    assertThat(status(r2)).isEqualTo(500);
    assertThat(r2.findString("body").orElseThrow()).doesNotContain("boom");
  }

  private static ImsLambdaHandler answering(byte[] body, boolean compression) {
    return ImsLambdaHandler.builder(request -> HttpResponse.builder(200)
        .header("Content-Type", "application/json").body(body).build()).compression(compression).build();
  }

  private static byte[] jsonOfSize(int bytes) {
    StringBuilder sb = new StringBuilder("{\"items\":[");
    int i = 0;
    while (sb.length() < bytes - 40) {
      sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"line ").append(i).append("\"}");
      i++;
    }
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gunzip(byte[] data) throws java.io.IOException {
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    }
  }

  @Test
  void compression_gzipsLargeTextualAnswers_forClientsThatAcceptGzip() throws Exception {
    byte[] json = jsonOfSize(20_000);
    JsonObject r = invoke(answering(json, true), Events.bytes("httpapi-v2-get-cell-line.json"));
    assertThat(status(r)).isEqualTo(200);
    assertThat(r.findBoolean("isBase64Encoded")).hasValue(true);
    JsonObject headers = r.findObject("headers").orElseThrow();
    assertThat(headers.findString("content-encoding")).hasValue("gzip");
    assertThat(headers.findString("vary")).hasValue("Accept-Encoding");
    byte[] compressed = Base64.getDecoder().decode(r.findString("body").orElseThrow());
    assertThat(compressed.length).isLessThan(json.length / 3);
    assertThat(gunzip(compressed)).isEqualTo(json);
  }

  @Test
  void compression_leavesSmallAnswers_refusingClients_andDisabledHandlersAlone() {
    String refusing = new String(Events.bytes("httpapi-v2-get-cell-line.json"), StandardCharsets.UTF_8)
        .replace("\"gzip, deflate, br\"", "\"gzip;q=0, br\"");
    byte[] large = jsonOfSize(20_000);
    for (JsonObject r : List.of(
        invoke(answering(jsonOfSize(500), true), Events.bytes("httpapi-v2-get-cell-line.json")),
        invoke(answering(large, true), refusing.getBytes(StandardCharsets.UTF_8)),
        invoke(answering(large, false), Events.bytes("httpapi-v2-get-cell-line.json")))) {
      assertThat(r.findBoolean("isBase64Encoded")).hasValue(false);
      assertThat(r.findObject("headers").orElseThrow().findString("content-encoding")).isEmpty();
      assertThat(JsonReader.create().read(r.findString("body").orElseThrow())).isInstanceOf(JsonObject.class);
    }
  }

  @Test
  void acceptEncoding_parsing() {
    assertThat(Compression.acceptsGzip("gzip")).isTrue();
    assertThat(Compression.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
    assertThat(Compression.acceptsGzip("*")).isTrue();
    assertThat(Compression.acceptsGzip("br, deflate")).isFalse();
    assertThat(Compression.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(Compression.acceptsGzip("gzip;q=0.000")).isFalse();
    assertThat(Compression.acceptsGzip("gzip;q=bogus")).isFalse();
  }

  @Test
  void answerOverLambdasPayloadLimit_becomesAClear500() {
    JsonObject r = invoke(answering(jsonOfSize(7 * 1024 * 1024), false), Events.bytes("httpapi-v2-get-cell-line.json"));
    assertThat(status(r)).isEqualTo(500);
    assertThat(body(r).findObject("error").orElseThrow().findString("message").orElseThrow()).contains("6 MB", "limit");

    JsonObject zipped = invoke(answering(jsonOfSize(7 * 1024 * 1024), true), Events.bytes("httpapi-v2-get-cell-line.json"));
    assertThat(status(zipped)).isEqualTo(200);
    assertThat(zipped.findObject("headers").orElseThrow().findString("content-encoding")).hasValue("gzip");
  }

  @Test
  void warmUp_runsTheRequestThroughTheWholeAdapter() {
    java.util.concurrent.atomic.AtomicReference<org.cellbank.ims.http.HttpRequest> seen =
        new java.util.concurrent.atomic.AtomicReference<>();
    ImsLambdaHandler h = ImsLambdaHandler.builder(org.cellbank.ims.http.Router.builder()
        .get("/api/v0", r -> {
          seen.set(r);
          return HttpResponse.error(401, "no credentials");
        }).build()).basePath("/ims").build();
    h.warmUp(ImsLambdaHandler.warmUpEvent("/ims/api/v0/"));
    assertThat(seen.get()).isNotNull();
    assertThat(seen.get().method()).isEqualTo("GET");
    assertThat(seen.get().requestId()).isEqualTo("warm-up");
    JsonObject answer = invoke(h, ImsLambdaHandler.warmUpEvent("/api/v0"));
    assertThat(status(answer)).isEqualTo(401);

    assertThatThrownBy(() -> ImsLambdaHandler.warmUpEvent("api")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImsLambdaHandler.warmUpEvent("/a?b=1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImsLambdaHandler.warmUpEvent("/a\"b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void handleRequest_usesLambdaRequestId() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TestFunction().handleRequest(new ByteArrayInputStream(Events.bytes("rest-v1-post-base64-multivalue.json")),
        out, new FakeContext("lambda-request-7"));
    JsonObject r = JsonReader.create().read(out.toByteArray()).asObject();
    assertThat(body(r).findString("request-id")).hasValue("lambda-request-7");
  }

  @Test
  void entryPoint_failsFastWhenAssemblyFails() {
    assertThatThrownBy(() -> new LambdaEntryPoint(() -> {
      throw new IllegalStateException("missing configuration: IMS_DB_URL");
    }) { }).isInstanceOf(IllegalStateException.class).hasMessageContaining("IMS_DB_URL");
  }

  @Test
  void builder_rejectsBadBasePath() {
    assertThatThrownBy(() -> TestApp.handler().basePath("ims")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TestApp.handler().basePath("/a b")).isInstanceOf(IllegalArgumentException.class);
  }
}
