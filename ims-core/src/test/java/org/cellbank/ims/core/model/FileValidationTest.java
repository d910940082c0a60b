package org.cellbank.ims.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.cellbank.ims.core.ValidationException;
import org.junit.jupiter.api.Test;

/** The checks of {@link MediaFile} and {@link InformationPack} on their identifiers. */
class FileValidationTest {
  private static final String MD5 = "0123456789abcdef0123456789abcdef";

  @Test
  void md5_isExactly32LowerCaseHexDigits() {
    assertThat(new MediaFile("a/b.pdf", MD5).md5()).isEqualTo(MD5);
    for (String bad : List.of("", MD5.substring(1), MD5 + "0", MD5.toUpperCase(), MD5.replace('f', 'g'),
        MD5.replace('0', '٠'), " " + MD5.substring(1))) {
      assertThatThrownBy(() -> new MediaFile("a/b.pdf", bad)).as(bad).isInstanceOf(ValidationException.class)
          .hasMessageContaining("md5");
    }
  }

  @Test
  void clipVersion_isVFollowedByAsciiDigits() {
    MediaFile file = new MediaFile("clip/x.pdf", MD5);
    for (String good : List.of("v1", "v0", "v12", "v0001")) {
      assertThat(new InformationPack(good, file, Instant.EPOCH).version()).isEqualTo(good);
    }
    for (String bad : List.of("", "v", "V1", "1", "v1a", "va", "v-1", "v 1", "v١", "vv1")) {
      assertThatThrownBy(() -> new InformationPack(bad, file, Instant.EPOCH)).as(bad)
          .isInstanceOf(ValidationException.class).hasMessageContaining("version");
    }
  }
}
