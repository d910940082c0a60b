package org.cellbank.ims.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlEncodingTest {
  @Test
  void decode_handlesUtf8EscapesAndPlus() {
    assertThat(UrlEncoding.decode("Z%C3%BCrich+x%2B", true)).isEqualTo("Zürich x+");
    assertThat(UrlEncoding.decode("a+b", false)).isEqualTo("a+b");
    assertThat(UrlEncoding.decode("plain", false)).isEqualTo("plain");
  }

  @Test
  void decode_rejectsMalformedEscapes() {
    for (String bad : List.of("%", "%2", "%zz", "%C3", "%FF")) {
      assertThatThrownBy(() -> UrlEncoding.decode(bad, false)).isInstanceOf(BadRequestException.class);
    }
  }

  @Test
  void encodePathSegment_keepsPcharsAndEscapesTheRest() {
    assertThat(UrlEncoding.encodePathSegment("UKBi008-A_P001")).isEqualTo("UKBi008-A_P001");
    assertThat(UrlEncoding.encodePathSegment("a b/c?d#e%f")).isEqualTo("a%20b%2Fc%3Fd%23e%25f");
    assertThat(UrlEncoding.encodePathSegment("Zürich")).isEqualTo("Z%C3%BCrich");
    assertThat(UrlEncoding.encodePathSegment("-._~!$&'()*+,;=:@")).isEqualTo("-._~!$&'()*+,;=:@");
  }

  @Test
  void encodePath_keepsSeparators() {
    assertThat(UrlEncoding.encodePath("coa/UKBi008-A/a b.pdf")).isEqualTo("coa/UKBi008-A/a%20b.pdf");
  }

  @Test
  void encodeQueryComponent_escapesEverythingButUnreserved() {
    assertThat(UrlEncoding.encodeQueryComponent("a b+c&d=é")).isEqualTo("a%20b%2Bc%26d%3D%C3%A9");
    assertThat(UrlEncoding.encodeQueryComponent("x-y_z.~")).isEqualTo("x-y_z.~");
  }

  @Test
  void encodeHeaderParameter_keepsAttrChars() {
    assertThat(UrlEncoding.encodeHeaderParameter("UKBi008-A CoA (v2).pdf")).isEqualTo("UKBi008-A%20CoA%20%28v2%29.pdf");
    assertThat(UrlEncoding.encodeHeaderParameter("!#$&+-.^_`|~")).isEqualTo("!#$&+-.^_`|~");
  }

  @Test
  void encodingThenDecoding_givesTheTextBack() {
    for (String text : List.of("", "plain", "a b+c", "100%", "Zürich/Genève", "\uD83E\uDDEC cells", "x=y&z")) {
      assertThat(UrlEncoding.decode(UrlEncoding.encodePathSegment(text), false)).isEqualTo(text);
      assertThat(UrlEncoding.decode(UrlEncoding.encodeQueryComponent(text), true)).isEqualTo(text);
      assertThat(UrlEncoding.decode(UrlEncoding.encodeHeaderParameter(text), false)).isEqualTo(text);
      assertThat(UrlEncoding.parseQuery("k=" + UrlEncoding.encodeQueryComponent(text)).get("k")).containsExactly(text);
    }
  }

  @Test
  void escapePath_makesAnyPathValid_keepingValidEscapesOfAnEncodedOne() {
    assertThat(UrlEncoding.escapePath("/api/v0/cell-lines/a b", true)).isEqualTo("/api/v0/cell-lines/a%20b");
    assertThat(UrlEncoding.escapePath("/x/100%", true)).isEqualTo("/x/100%25");
    assertThat(UrlEncoding.escapePath("/x/a%2Fb", false)).isEqualTo("/x/a%2Fb");
    assertThat(UrlEncoding.escapePath("/x/100%", false)).isEqualTo("/x/100%25");
    assertThat(UrlEncoding.escapePath("/é?#", true)).isEqualTo("/%C3%A9%3F%23");
    assertThat(UrlEncoding.escapePath("/plain/path", false)).isEqualTo("/plain/path");
  }

  @Test
  void parseQuery_keepsOrderAndRepeats() {
    Map<String, List<String>> q = UrlEncoding.parseQuery("?b=2&a=1&b=3&flag&&c=x%20y&=v");
    assertThat(q).containsExactly(
        Map.entry("b", List.of("2", "3")), Map.entry("a", List.of("1")), Map.entry("flag", List.of("")),
        Map.entry("c", List.of("x y")), Map.entry("", List.of("v")));
    assertThat(UrlEncoding.parseQuery("")).isEmpty();
  }

  @Test
  void headers_areCaseInsensitive_andRejectInjection() {
    Headers h = Headers.builder().add("Set-Cookie", "a=1").add("set-cookie", "b=2").add("X-A", "v").build();
    assertThat(h.all("SET-COOKIE")).containsExactly("a=1", "b=2");
    assertThat(h.names()).containsExactly("set-cookie", "x-a");
    assertThat(h.toString()).doesNotContain("a=1");
    assertThatThrownBy(() -> Headers.builder().add("X", "a\r\nInjected: 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Headers.builder().add("Bad Name", "v")).isInstanceOf(IllegalArgumentException.class);
  }
}
