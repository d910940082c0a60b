package org.cellbank.ims.http.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
  @Test
  void escape_turnsControlCharactersAndLineSeparatorsIntoEscapes() {
    assertThat(LogText.escape("req-1")).isEqualTo("req-1");
    assertThat(LogText.escape("a\r\nINFO forged")).isEqualTo("a\\u000d\\u000aINFO forged");
    assertThat(LogText.escape("nul\u0000 del\u007f ls\u2028")).isEqualTo("nul\\u0000 del\\u007f ls\\u2028");
    assertThat(LogText.escape("Zürich")).isEqualTo("Zürich");
    assertThat(LogText.escape(null)).isEqualTo("-");
  }

  @Test
  void escape_cutsLongValues() {
    String cut = LogText.escape("x".repeat(LogText.MAX + 50));
    assertThat(cut).hasSize(LogText.MAX + 3).endsWith("...");
    assertThat(LogText.escape("\n".repeat(LogText.MAX + 1))).startsWith("\\u000a").endsWith("...");
  }
}
