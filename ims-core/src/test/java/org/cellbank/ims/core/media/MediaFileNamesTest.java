package org.cellbank.ims.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.cellbank.ims.core.ValidationException;
import org.junit.jupiter.api.Test;

class MediaFileNamesTest {

  @Test
  void sanitize_keepsSpacesAndUnicode_andTrims() {
    assertThat(MediaFileNames.sanitize("  UKBi008-A 48hrs po.jpg ")).isEqualTo("UKBi008-A 48hrs po.jpg");
    assertThat(MediaFileNames.sanitize("Zelllinie-Übersicht.pdf")).isEqualTo("Zelllinie-Übersicht.pdf");
  }

  @Test
  void sanitize_normalisesToNfc() {
    assertThat(MediaFileNames.sanitize("U\u0308bersicht.pdf")).isEqualTo("\u00DCbersicht.pdf");
  }

  @Test
  void sanitize_whenLong_cutsTheStemAndKeepsTheExtension() {
    String name = MediaFileNames.sanitize("ä".repeat(200) + ".tiff");

    assertThat(name).endsWith(".tiff");
    assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MediaFileNames.MAX_BYTES);
  }

  @Test
  void sanitize_whenNameHasSeparatorsOrControls_throwsValidation() {
    for (String bad : new String[] {"a/b", "a\\b", "..", "a..b.pdf", "c:evil.pdf", "a\tb.pdf", "a\u202Eb.pdf", "%2e%2e", "."}) {
      assertThatThrownBy(() -> MediaFileNames.sanitize(bad)).as(bad).isInstanceOf(ValidationException.class);
    }
  }
}
