package org.cellbank.ims.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cellbank.ims.core.ValidationException;
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
      assertThatThrownBy(() -> UrlEncoding.decode(bad, false)).isInstanceOf(ValidationException.class);
    }
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
