package org.cellbank.ims.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** cdk-nag's AWS Solutions rules find nothing that is not suppressed with a reason (see Nag). */
class NagTest {
  @Test
  void prod_hasNoUnsuppressedAwsSolutionsFinding() {
    Synthesised s = Synthesised.prod();
    assertThat(s.nagFindings).isEmpty();
  }

  @Test
  void dev_hasNoUnsuppressedAwsSolutionsFinding() {
    assertThat(Synthesised.dev().nagFindings).isEmpty();
  }
}
