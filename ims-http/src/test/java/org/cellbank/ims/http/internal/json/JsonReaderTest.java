package org.cellbank.ims.http.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReaderTest {
  private final JsonReader reader = JsonReader.create();

  @Test
  void read_object_keepsDocumentOrderAndTypes() {
    JsonObject o = reader.read("{\"z\": 1, \"a\": [true, false, null], \"m\": {\"s\": \"x\"}, \"d\": -1.5e3}")
        .asObject();

    assertThat(o.members().keySet()).containsExactly("z", "a", "m", "d");
    assertThat(o.findNumber("z")).hasValueSatisfying(n -> assertThat(n.longValue()).isEqualTo(1L));
    assertThat(o.findArray("a").orElseThrow().elements())
        .containsExactly(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE);
    assertThat(o.findObject("m").flatMap(m -> m.findString("s"))).hasValue("x");
    assertThat(o.findNumber("d").orElseThrow().doubleValue()).isEqualTo(-1500.0);
    assertThat(o.findNumber("d").orElseThrow().text()).isEqualTo("-1.5e3");
  }

  @Test
  void read_scalarsAtTopLevel() {
    assertThat(reader.read(" \"x\" ")).isEqualTo(JsonString.of("x"));
    assertThat(reader.read("0")).isEqualTo(new JsonNumber("0"));
    assertThat(reader.read("null")).isEqualTo(JsonNull.INSTANCE);
    assertThat(reader.read("\t\r\n[]\n")).isEqualTo(JsonArray.of());
  }

  @Test
  void read_escapesAndUnicode() {
    String json = "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 é 😀\"";
    assertThat(reader.read(json).asString()).isEqualTo("a\"b\\c/d\b\f\n\r\té😀 é 😀");
  }

  @Test
  void read_utf8Bytes() {
    byte[] bytes = "{\"name\": \"Zürich 😀\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(reader.read(bytes).asObject().findString("name")).hasValue("Zürich 😀");
  }

  @Test
  void read_bigNumbersKeepTheirText() {
    JsonNumber n = reader.read("123456789012345678901234567890.000000000000000001").asNumber();
    assertThat(n.bigDecimalValue().toPlainString()).isEqualTo("123456789012345678901234567890.000000000000000001");
    assertThatThrownBy(n::longValue).isInstanceOf(JsonException.class);
    assertThat(reader.read("-9223372036854775808").asNumber().longValue()).isEqualTo(Long.MIN_VALUE);
    assertThat(reader.read("1e2").asNumber().longValue()).isEqualTo(100L);
    assertThatThrownBy(() -> reader.read("1e999999999").asNumber().longValue()).isInstanceOf(JsonException.class);
  }

  @ParameterizedTest(name = "[{index}] `{0}`")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "``|0",
      "`   `|3",
      "`{`|1",
      "`{\"a\" 1}`|5",
      "`{\"a\":1,}`|7",
      "`[1,]`|3",
      "`[1 2]`|3",
      "`01`|1",
      "`-`|1",
      "`1.`|2",
      "`1e`|2",
      "`+1`|0",
      "`.5`|0",
      "`NaN`|0",
      "`tru`|0",
      "`nul`|0",
      "`'a'`|0",
      "`\"abc`|4",
      "`\"\\x\"`|1",
      "`\"\\u12\"`|1",
      "`\"\\u12g4\"`|1",
      "`[1] [2]`|4",
      "`{\"a\":1} x`|8",
      "`/* c */ 1`|0",
      "`{1:2}`|1",
      "`{\"a\":1,\"a\":2}`|7",
      "`\uFEFF1`|0",
  })
  void read_malformed_failsWithPosition(String json, long position) {
    assertThatThrownBy(() -> reader.read(json))
        .isInstanceOf(JsonException.class)
        .isNotInstanceOf(org.cellbank.ims.http.ClientError.class)
        .satisfies(e -> assertThat(((JsonException) e).position()).isEqualTo(position));
  }

  @Test
  void read_controlCharacterInString_fails() {
    assertThatThrownBy(() -> reader.read("\"a\nb\""))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("control character")
        .hasMessageContaining("position 2");
  }

  @Test
  void read_invalidUtf8_failsWithByteOffset() {
    byte[] bytes = {'"', 'a', (byte) 0xC3, '"'};
    assertThatThrownBy(() -> reader.read(bytes))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("invalid UTF-8")
        .satisfies(e -> assertThat(((JsonException) e).position()).isEqualTo(2));
  }

  @Test
  void read_depthLimit() {
    String ok = "[".repeat(256) + "]".repeat(256);
    String deep = "[".repeat(257) + "]".repeat(257);
    assertThat(reader.read(ok)).isInstanceOf(JsonArray.class);
    assertThatThrownBy(() -> reader.read(deep)).isInstanceOf(JsonException.class).hasMessageContaining("nesting");
    String veryDeep = "{\"a\":".repeat(100_000);
    assertThatThrownBy(() -> reader.read(veryDeep)).isInstanceOf(JsonException.class);
    JsonReader shallow = JsonReader.builder().maxDepth(2).build();
    assertThatThrownBy(() -> shallow.read("[[[1]]]")).isInstanceOf(JsonException.class);
  }

  @Test
  void read_duplicateNames_allowedWhenConfigured() {
    JsonReader lenient = JsonReader.builder().allowDuplicateNames(true).build();
    assertThat(lenient.read("{\"a\":1,\"a\":2}").asObject().findNumber("a").orElseThrow().text()).isEqualTo("2");
  }

  @Test
  void find_treatsNullAsMissing_andRejectsWrongTypes() {
    JsonObject o = reader.read("{\"n\": null, \"s\": \"x\", \"l\": [1]}").asObject();
    assertThat(o.findString("n")).isEmpty();
    assertThat(o.find("n")).hasValue(JsonNull.INSTANCE);
    assertThat(o.findString("missing")).isEmpty();
    assertThatThrownBy(() -> o.findObject("s"))
        .isInstanceOf(JsonException.class)
        .hasMessage("expected an object but found string");
    assertThat(o.findArray("l").orElseThrow().get(0)).isEqualTo(JsonNumber.of(1));
  }

  @Test
  void values_areImmutableCopies() {
    java.util.List<JsonValue> list = new java.util.ArrayList<>(List.of(JsonString.of("a")));
    JsonArray a = new JsonArray(list);
    list.add(JsonString.of("b"));
    assertThat(a.size()).isEqualTo(1);
    assertThatThrownBy(() -> a.elements().add(JsonNull.INSTANCE)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new JsonNumber("01")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonNumber.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
