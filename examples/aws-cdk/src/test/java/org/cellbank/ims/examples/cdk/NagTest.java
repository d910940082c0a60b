package org.cellbank.ims.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NagTest {
  @Test
  void prod_hasNoUnsuppressedAwsSolutionsFinding() {
    Synthesised s = Synthesised.prod();
    System.out.println("prod synthesis ms " + s.millis);
    assertThat(s.nagFindings).isEmpty();
  }

  @Test
  void dev_hasNoUnsuppressedAwsSolutionsFinding() {
    assertThat(Synthesised.dev().nagFindings).isEmpty();
  }
}
