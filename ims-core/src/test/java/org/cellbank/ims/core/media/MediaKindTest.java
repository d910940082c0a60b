package org.cellbank.ims.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cellbank.ims.core.ValidationException;
import org.junit.jupiter.api.Test;

class MediaKindTest {

  @Test
  void requireFormat_whenMagicMatches_returnsTheContentType() {
    byte[] pdf = MediaStoreContract.pdf(16);
    byte[] tiff = {'M', 'M', 0, '*', 0, 0, 0, 8};

    assertThat(MediaKind.CERTIFICATE_OF_ANALYSIS.requireFormat(pdf, pdf.length)).isEqualTo("application/pdf");
    assertThat(MediaKind.CELL_IMAGE.requireFormat(tiff, tiff.length)).isEqualTo("image/tiff");
    assertThat(MediaKind.DEPOSITOR_FILE.requireFormat(pdf, pdf.length)).isEqualTo("application/pdf");
    assertThat(MediaKind.DEPOSITOR_FILE.requireFormat(new byte[0], 0)).isEqualTo("application/octet-stream");
  }

  @Test
  void requireFormat_whenMagicIsCutShort_throwsValidation() {
    byte[] pdf = MediaStoreContract.pdf(16);

    assertThatThrownBy(() -> MediaKind.INFORMATION_PACK.requireFormat(pdf, 4)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> MediaKind.CELL_IMAGE.requireFormat(pdf, pdf.length)).isInstanceOf(ValidationException.class);
  }
}
