package org.cellbank.ims.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.cellbank.ims.core.json.JsonArray;
import org.cellbank.ims.core.json.JsonBoolean;
import org.cellbank.ims.core.json.JsonNull;
import org.cellbank.ims.core.json.JsonNumber;
import org.cellbank.ims.core.json.JsonObject;
import org.cellbank.ims.core.json.JsonReader;
import org.cellbank.ims.core.json.JsonString;
import org.cellbank.ims.core.json.JsonValue;
import org.cellbank.ims.core.json.JsonWriter;

/**
 * Random and malformed events: the adapter always answers, never with a 5xx for bad input, and
 * never with a stack trace.
 */
class AdapterFuzzTest {
  private static final List<String> HTTP_EVENTS = List.of(
      "rest-v1-get-cell-line.json", "rest-v1-post-base64-multivalue.json", "rest-v1-custom-domain-base-path.json",
      "rest-v1-options-preflight.json", "httpapi-v1-get-encoded-id.json", "httpapi-v2-get-cell-line.json",
      "httpapi-v2-post-cookies-stage.json", "functionurl-get-binary.json", "alb-single-value.json",
      "alb-multi-value.json");
  private static final List<String> MEMBERS = List.of(
      "path", "rawPath", "rawQueryString", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
      "multiValueQueryStringParameters", "cookies", "body", "isBase64Encoded", "requestContext", "version",
      "stage", "http", "method", "elb", "identity", "sourceIp", "requestId", "domainName");
  private final ImsLambdaHandler handler = TestApp.handler().build();

  private JsonObject answer(byte[] event) {
    byte[] out = handler.handle(event);
    return JsonReader.create().read(out).asObject();
  }

  private static void assertClean(JsonObject response) {
    long status = response.findNumber("statusCode").orElseThrow().longValue();
    assertThat(status).isBetween(200L, 499L);
    String text = JsonWriter.compact().write(response);
    assertThat(text).doesNotContain("Exception", "\\tat ", "java.", "org.cellbank");
  }

  @Property(tries = 500)
  void randomBytes_answer400(@ForAll byte[] event) {
    JsonObject r = answer(event);
    assertThat(r.findNumber("statusCode").orElseThrow().longValue()).isEqualTo(400L);
    assertClean(r);
  }

  @Property(tries = 500)
  void randomJson_neverFails(@ForAll("anyJson") JsonValue event) {
    assertClean(answer(JsonWriter.compact().writeUtf8(event)));
  }

  @Property(tries = 1000)
  void recordedEventsWithMutatedMembers_neverAnswer5xx(
      @ForAll("httpEvents") String file, @ForAll("mutations") List<Map.Entry<String, JsonValue>> mutations) {
    JsonObject event = Events.json(file);
    for (Map.Entry<String, JsonValue> m : mutations) {
      event = mutate(event, m.getKey(), m.getValue());
    }
    assertClean(answer(JsonWriter.compact().writeUtf8(event)));
  }

  @Property(tries = 1000)
  void randomPathsAndQueries_neverAnswer5xx(
      @ForAll("httpEvents") String file, @ForAll("paths") String path, @ForAll("paths") String query) {
    JsonObject event = Events.json(file);
    event = mutate(event, "path", JsonString.of(path));
    event = mutate(event, "rawPath", JsonString.of(path));
    event = mutate(event, "rawQueryString", JsonString.of(query));
    JsonObject r = answer(JsonWriter.compact().writeUtf8(event));
    assertClean(r);
    assertThat(r.findNumber("statusCode").orElseThrow().longValue()).isIn(200L, 204L, 400L, 403L, 404L, 405L);
  }

  /** Replaces a member wherever it occurs in the event, down to two levels below the top. */
  private static JsonObject mutate(JsonObject o, String name, JsonValue value) {
    return mutate(o, name, value, 0);
  }

  private static JsonObject mutate(JsonObject o, String name, JsonValue value, int depth) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    o.members().forEach((k, v) -> {
      if (k.equals(name)) {
        members.put(k, value);
      } else if (depth < 2 && v instanceof JsonObject child) {
        members.put(k, mutate(child, name, value, depth + 1));
      } else {
        members.put(k, v);
      }
    });
    return new JsonObject(members);
  }

  @Provide
  Arbitrary<String> httpEvents() {
    return Arbitraries.of(HTTP_EVENTS);
  }

  @Provide
  Arbitrary<List<Map.Entry<String, JsonValue>>> mutations() {
    return Combinators.combine(Arbitraries.of(MEMBERS), json(2))
        .as(Map::entry)
        .list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> pieces = Arbitraries.of("/", "//", "api", "v0", "cell-lines", "prod", "ims", "%", "%2F",
        "%zz", "%C3", "%C3%BC", "é", "😀", "\ud800", " ", "?", "#", "+", "..", "{id}", "\u0000", "\n", "echo",
        "files", "a=b", "&", "fail", "cookies");
    return pieces.list().ofMaxSize(12).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<JsonValue> anyJson() {
    return json(3);
  }

  private Arbitrary<JsonValue> json(int depth) {
    Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(10).map(JsonString::of),
        Arbitraries.of("GET", "POST", "2.0", "1.0", "/api/v0/cell-lines", "aws.events", "Scheduled Event",
            "prod", "$default", "abc.lambda-url.eu-west-1.on.aws").map(JsonString::of),
        Arbitraries.longs().map(JsonNumber::of),
        Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonValue> arrays = json(depth - 1).list().ofMaxSize(3).map(JsonArray::new);
    Arbitrary<JsonValue> objects = Arbitraries.maps(
            Arbitraries.oneOf(Arbitraries.of(MEMBERS), Arbitraries.strings().ofMaxLength(5)), json(depth - 1))
        .ofMaxSize(4).map(m -> new JsonObject(m));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, arrays), net.jqwik.api.Tuple.of(2, objects));
  }
}
