package org.cellbank.ims.http.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomised tests with fixed seeds: whatever it is given, the reader either yields a value that
 * survives writing and reading again, or fails with a {@link JsonException}, never anything else.
 *
 * <p>The seeds are fixed so that a failure shows up on every run, and its message names the seed,
 * the case and the input so it can be replayed.
 */
class JsonFuzzTest {
  private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "a", "1", "-", ".",
      "e", "true", "null", "fals", " ", "\n", "\"k\":", "\\u00", "\u0001", "é", "\ud800", "0", "{\"a\":"};
  /** Characters that stress string escaping and UTF-8 encoding more than uniform picks would. */
  private static final char[] AWKWARD_CHARS = {'"', '\\', '/', '\u0000', '\u001f', '\u007f', '\u0080', 'é',
      '\u2028', '\u2029', '\ud800', '\udbff', '\udc00', '\udfff', '\ufeff', '\ufffe', '\uffff'};
  private static final long[] EDGE_LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE,
      Integer.MAX_VALUE, 1L << 53, -(1L << 53), (1L << 53) + 1, 999_999_999_999_999_999L};
  private static final double[] EDGE_DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.1, 1e-7, 1e7, 1e21, 1e-300,
      Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
      9007199254740993.0, 123.45};

  private final JsonReader reader = JsonReader.create();

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void anyText_eitherParsesOrFailsWithJsonException(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 500; i++) {
      String text = jsonish(random);
      check(seed, i, quoted(text), () -> {
        try {
          JsonValue v = reader.read(text);
          assertThat(reader.read(JsonWriter.compact().write(v))).isEqualTo(v);
        } catch (JsonException e) {
          assertThat(e.position()).isBetween(0L, (long) text.length());
        }
      });
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void anyBytes_eitherParseOrFailWithJsonException(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 300; i++) {
      byte[] bytes = new byte[random.nextInt(256)];
      random.nextBytes(bytes);
      check(seed, i, "base64 " + Base64.getEncoder().encodeToString(bytes), () -> {
        try {
          reader.read(bytes);
        } catch (JsonException e) {
          assertThat(e.getMessage()).isNotBlank();
        }
      });
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void generatedValues_roundTripInEveryStyle(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 150; i++) {
      JsonValue value = value(random, 3);
      // The record's own text, not the writer's: the writer is what is under test.
      check(seed, i, printable(value.toString()), () -> {
        for (JsonWriter w : List.of(JsonWriter.compact(), JsonWriter.pretty())) {
          JsonValue back = reader.read(w.writeUtf8(value));
          assertThat(w.write(back)).isEqualTo(w.write(value));
        }
      });
    }
  }

  /**
   * Runs one case, and on failure names the seed, the case number and the input, since a bare
   * assertion message says nothing about which of the many generated inputs broke it.
   */
  private static void check(long seed, int caseNumber, String input, Runnable body) {
    try {
      body.run();
    } catch (RuntimeException | Error e) {
      throw new AssertionError(
          "seed " + seed + ", case " + caseNumber + ", input " + input + ": " + e.getMessage(), e);
    }
  }

  /** Mostly-JSON fragments, so that inputs get past the first character and into the parser's deeper states. */
  private static String jsonish(Random random) {
    int n = random.nextInt(41);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(TOKENS[random.nextInt(TOKENS.length)]);
    }
    return sb.toString();
  }

  private static JsonValue value(Random random, int depth) {
    int pick = depth == 0 ? 0 : random.nextInt(5);
    if (pick < 3) {
      return leaf(random);
    }
    if (pick == 3) {
      int n = random.nextInt(5);
      List<JsonValue> elements = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        elements.add(value(random, depth - 1));
      }
      return new JsonArray(elements);
    }
    int n = random.nextInt(5);
    Map<String, JsonValue> members = new HashMap<>();
    for (int i = 0; i < n; i++) {
      members.put(string(random, 6), value(random, depth - 1));
    }
    return new JsonObject(Map.copyOf(members));
  }

  private static JsonValue leaf(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> JsonString.of(string(random, 12));
      case 1 -> JsonNumber.of(anyLong(random));
      case 2 -> JsonNumber.of(finiteDouble(random));
      default -> List.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE).get(random.nextInt(3));
    };
  }

  /** Any UTF-16 text, lone surrogates included, since names and strings may hold anything. */
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

  private static double finiteDouble(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return EDGE_DOUBLES[random.nextInt(EDGE_DOUBLES.length)];
      case 1:
        return Math.round((random.nextDouble() - 0.5) * 2e6) / 100.0;
      default:
        double d;
        do {
          d = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(d));
        return d;
    }
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
