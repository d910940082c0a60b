package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The executive routes' header and pointer parsing, without a database. */
class ExecutiveRoutesTest {

  @Test
  void ifMatch_acceptsOnlyAStrongVersionTag_andNeverOverflows() {
    assertThat(ExecutiveRoutes.version("\"7\"")).isEqualTo(7);
    assertThat(ExecutiveRoutes.version(" \"123\" ")).isEqualTo(123);
    assertThat(ExecutiveRoutes.version("W/\"7\"")).isEqualTo(-1);
    assertThat(ExecutiveRoutes.version("7")).isEqualTo(-1);
    assertThat(ExecutiveRoutes.version("\"\"")).isEqualTo(-1);
    assertThat(ExecutiveRoutes.version("\"7a\"")).isEqualTo(-1);
    assertThat(ExecutiveRoutes.version("\"999999999999999999\"")).isEqualTo(999_999_999_999_999_999L);
    assertThat(ExecutiveRoutes.version("\"9999999999999999999\"")).isEqualTo(-1);
  }

  @Test
  void pointer_escapesTildeAndSlash() {
    assertThat(ExecutiveRoutes.pointer("comment")).isEqualTo("/comment");
    assertThat(ExecutiveRoutes.pointer("a/b~c")).isEqualTo("/a~1b~0c");
  }
}
