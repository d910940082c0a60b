package org.cellbank.ims.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonFuzzTest {
  private final JsonReader reader = JsonReader.create();

  @Property(tries = 2000)
  void anyText_eitherParsesOrFailsWithJsonException(@ForAll("jsonish") String text) {
    try {
      JsonValue v = reader.read(text);
      assertThat(reader.read(JsonWriter.compact().write(v))).isEqualTo(v);
    } catch (JsonException e) {
      assertThat(e.position()).isBetween(0L, (long) text.length());
    }
  }

  @Property(tries = 1000)
  void anyBytes_eitherParseOrFailWithJsonException(@ForAll byte[] bytes) {
    try {
      reader.read(bytes);
    } catch (JsonException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 500)
  void generatedValues_roundTripInEveryStyle(@ForAll("values") JsonValue value) {
    for (JsonWriter w : List.of(JsonWriter.compact(), JsonWriter.pretty())) {
      JsonValue back = reader.read(w.writeUtf8(value));
      assertThat(w.write(back)).isEqualTo(w.write(value));
    }
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "\\", "a", "1", "-", ".",
        "e", "true", "null", "fals", " ", "\n", "\"k\":", "\\u00", "\u0001", "é", "\ud800", "0", "{\"a\":");
    return tokens.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<JsonValue> values() {
    return value(3);
  }

  private Arbitrary<JsonValue> value(int depth) {
    Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(12).map(JsonString::of),
        Arbitraries.longs().map(JsonNumber::of),
        Arbitraries.doubles().filter(Double::isFinite).map(JsonNumber::of),
        Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonValue> arrays = value(depth - 1).list().ofMaxSize(4).map(JsonArray::new);
    Arbitrary<JsonValue> objects = Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(6), value(depth - 1))
        .ofMaxSize(4).map(m -> new JsonObject(Map.copyOf(m)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, arrays), net.jqwik.api.Tuple.of(1, objects));
  }
}
