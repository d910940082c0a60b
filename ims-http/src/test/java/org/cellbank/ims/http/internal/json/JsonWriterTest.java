package org.cellbank.ims.http.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  private static JsonObject sample() {
    return JsonObject.builder()
        .put("name", "Zürich")
        .put("b", JsonArray.of(JsonNumber.of(1), JsonString.of("two"), JsonObject.of(), JsonArray.of()))
        .put("a", JsonObject.builder().put("y", true).putNull("x").build())
        .put("n", new BigDecimal("2.50"))
        .build();
  }

  @Test
  void pretty_matchesPythonJsonDumpsIndent2SortKeys() {
    // python3 -c 'import json; print(json.dumps(v, indent=2, sort_keys=True, ensure_ascii=False))'
    String expected = """
        {
          "a": {
            "x": null,
            "y": true
          },
          "b": [
            1,
            "two",
            {},
            []
          ],
          "n": 2.50,
          "name": "Zürich"
        }""";
    assertThat(JsonWriter.pretty().write(sample())).isEqualTo(expected);
  }

  @Test
  void compact_keepsInsertionOrderWithoutWhitespace() {
    assertThat(JsonWriter.compact().write(sample()))
        .isEqualTo("{\"name\":\"Zürich\",\"b\":[1,\"two\",{},[]],\"a\":{\"y\":true,\"x\":null},\"n\":2.50}");
  }

  @Test
  void escapes_controlCharactersQuotesAndLoneSurrogates() {
    String s = "q\" b\\ \n\r\t\b\f \u0001 \u001f \u007f é 😀 \ud800 x\udc00";
    assertThat(JsonWriter.compact().write(JsonString.of(s)))
        .isEqualTo("\"q\\\" b\\\\ \\n\\r\\t\\b\\f \\u0001 \\u001f \u007f é 😀 \\ud800 x\\udc00\"");
  }

  @Test
  void writeUtf8_writesNonAsciiAsUtf8() {
    byte[] bytes = JsonWriter.compact().writeUtf8(JsonString.of("é"));
    assertThat(bytes).containsExactly('"', 0xC3, 0xA9, '"');
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\"é\"");
  }

  @Test
  void sortKeys_comparesCodePointsLikePython() {
    // U+FF5E sorts before U+1F600 by code point, but after it by UTF-16 unit.
    JsonObject o = JsonObject.builder().put("😀", 1).put("～", 2).put("B", 3).put("a", 4).build();
    assertThat(JsonWriter.of(0, true).write(o)).isEqualTo("{\"B\":3,\"a\":4,\"～\":2,\"😀\":1}");
  }

  @Test
  void roundTrip_readThenWrite_givesTheSameValue() {
    JsonReader reader = JsonReader.create();
    for (JsonWriter writer : List.of(JsonWriter.compact(), JsonWriter.pretty(), JsonWriter.of(4, false))) {
      String text = writer.write(sample());
      assertThat(reader.read(text).asObject().members()).isEqualTo(sample().members());
      assertThat(writer.write(reader.read(text))).isEqualTo(text);
    }
  }

  @Test
  void numbers_writeTheirText() {
    assertThat(JsonWriter.compact().write(JsonNumber.of(1.0e10))).isEqualTo("1.0e10");
    assertThat(JsonWriter.compact().write(JsonNumber.of(-0.5))).isEqualTo("-0.5");
    assertThat(JsonWriter.compact().write(JsonNumber.of(new BigDecimal("1E+3")))).isEqualTo("1e3");
    assertThat(JsonWriter.compact().write(JsonNumber.of(Long.MAX_VALUE))).isEqualTo("9223372036854775807");
  }
}
