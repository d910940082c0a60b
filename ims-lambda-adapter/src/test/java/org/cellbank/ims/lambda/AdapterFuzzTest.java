package org.cellbank.ims.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonBoolean;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random and malformed events: the adapter always answers, never with a 5xx for bad input, and
 * never with a stack trace.
 *
 * <p>Randomised tests with fixed seeds, so that a failure shows up on every run; its message names
 * the seed, the case and the event so it can be replayed.
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
  private static final List<String> PATH_PIECES = List.of("/", "//", "api", "v0", "cell-lines", "prod", "ims",
      "%", "%2F", "%zz", "%C3", "%C3%BC", "é", "😀", "\ud800", " ", "?", "#", "+", "..", "{id}", "\u0000", "\n",
      "echo", "files", "a=b", "&", "fail", "cookies");
  /** Values a real event would hold, so that random events sometimes get past the shape checks. */
  private static final List<String> PLAUSIBLE_STRINGS = List.of("GET", "POST", "2.0", "1.0",
      "/api/v0/cell-lines", "aws.events", "Scheduled Event", "prod", "$default", "abc.lambda-url.eu-west-1.on.aws");
  /** Characters that stress decoding and escaping more than uniform picks would. */
  private static final char[] AWKWARD_CHARS = {'"', '\\', '/', '%', '\u0000', '\u001f', '\u007f', '\u0080', 'é',
      '\u2028', '\ud800', '\udfff', '\ufeff', '\uffff'};
  private static final long[] EDGE_LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE,
      Integer.MAX_VALUE, 200, 404, 500};
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

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void randomBytes_answer400(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 150; i++) {
      byte[] event = new byte[random.nextInt(256)];
      random.nextBytes(event);
      check(seed, i, "base64 " + Base64.getEncoder().encodeToString(event), () -> {
        JsonObject r = answer(event);
        assertThat(r.findNumber("statusCode").orElseThrow().longValue()).isEqualTo(400L);
        assertClean(r);
      });
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void randomJson_neverFails(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 150; i++) {
      JsonValue event = json(random, 3);
      check(seed, i, shown(event), () -> assertClean(answer(JsonWriter.compact().writeUtf8(event))));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void recordedEventsWithMutatedMembers_neverAnswer5xx(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 300; i++) {
      String file = httpEvent(random);
      JsonObject event = Events.json(file);
      for (Map.Entry<String, JsonValue> m : mutations(random)) {
        event = mutate(event, m.getKey(), m.getValue());
      }
      JsonObject mutated = event;
      check(seed, i, file + " mutated to " + shown(mutated),
          () -> assertClean(answer(JsonWriter.compact().writeUtf8(mutated))));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void randomPathsAndQueries_neverAnswer5xx(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 300; i++) {
      String file = httpEvent(random);
      String path = path(random);
      String query = path(random);
      JsonObject event = Events.json(file);
      event = mutate(event, "path", JsonString.of(path));
      event = mutate(event, "rawPath", JsonString.of(path));
      event = mutate(event, "rawQueryString", JsonString.of(query));
      JsonObject mutated = event;
      check(seed, i, file + " with path " + quoted(path) + " and query " + quoted(query), () -> {
        JsonObject r = answer(JsonWriter.compact().writeUtf8(mutated));
        assertClean(r);
        assertThat(r.findNumber("statusCode").orElseThrow().longValue()).isIn(200L, 204L, 400L, 403L, 404L, 405L);
      });
    }
  }

  /**
   * Runs one case, and on failure names the seed, the case number and the input, since a bare
   * assertion message says nothing about which of the many generated events broke it.
   */
  private static void check(long seed, int caseNumber, String input, Runnable body) {
    try {
      body.run();
    } catch (RuntimeException | Error e) {
      throw new AssertionError(
          "seed " + seed + ", case " + caseNumber + ", input " + input + ": " + e.getMessage(), e);
    }
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

  private static String httpEvent(Random random) {
    return HTTP_EVENTS.get(random.nextInt(HTTP_EVENTS.size()));
  }

  private static List<Map.Entry<String, JsonValue>> mutations(Random random) {
    int n = 1 + random.nextInt(3);
    List<Map.Entry<String, JsonValue>> mutations = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      mutations.add(Map.entry(MEMBERS.get(random.nextInt(MEMBERS.size())), json(random, 2)));
    }
    return mutations;
  }

  private static String path(Random random) {
    int n = random.nextInt(13);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(PATH_PIECES.get(random.nextInt(PATH_PIECES.size())));
    }
    return sb.toString();
  }

  private static JsonValue json(Random random, int depth) {
    int pick = depth == 0 ? 0 : random.nextInt(6);
    if (pick < 3) {
      return leaf(random);
    }
    if (pick == 3) {
      int n = random.nextInt(4);
      List<JsonValue> elements = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        elements.add(json(random, depth - 1));
      }
      return new JsonArray(elements);
    }
    int n = random.nextInt(5);
    Map<String, JsonValue> members = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = random.nextBoolean() ? MEMBERS.get(random.nextInt(MEMBERS.size())) : string(random, 5);
      members.put(name, json(random, depth - 1));
    }
    return new JsonObject(members);
  }

  private static JsonValue leaf(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> JsonString.of(string(random, 10));
      case 1 -> JsonString.of(PLAUSIBLE_STRINGS.get(random.nextInt(PLAUSIBLE_STRINGS.size())));
      case 2 -> JsonNumber.of(anyLong(random));
      default -> List.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE).get(random.nextInt(3));
    };
  }

  /** Any UTF-16 text, lone surrogates included, since a caller can put anything in an event. */
  private static String string(Random random, int maxLength) {
    int n = random.nextInt(maxLength + 1);
    StringBuilder sb = new StringBuilder(n);
    while (sb.length() < n) {
      switch (random.nextInt(5)) {
        case 0 -> sb.append((char) (0x20 + random.nextInt(0x5f)));
        case 1 -> sb.append((char) random.nextInt(0x20));
        case 2 -> sb.append(AWKWARD_CHARS[random.nextInt(AWKWARD_CHARS.length)]);
        case 3 -> {
          if (sb.length() + 2 <= n) {
            sb.appendCodePoint(0x10000 + random.nextInt(0x100000));
          }
        }
        default -> sb.append((char) random.nextInt(0x10000));
      }
    }
    return sb.toString();
  }

  private static long anyLong(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> EDGE_LONGS[random.nextInt(EDGE_LONGS.length)];
      case 1 -> random.nextInt(2001) - 1000;
      default -> random.nextLong();
    };
  }

  private static String shown(JsonValue value) {
    return printable(JsonWriter.compact().write(value));
  }

  private static String quoted(String s) {
    return '"' + printable(s) + '"';
  }

  /** Escapes everything outside printable ASCII, so the input survives being shown in a test report. */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '"') {
        sb.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }
}
