package org.cellbank.ims.search;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.cellbank.ims.http.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** ims-search implements the core's search port on OpenSearch and knows no other adapter. */
class ArchitectureTest {
  private static final JavaClasses SEARCH = ArchitectureRules.mainClasses("org.cellbank.ims.search");

  @Test
  void search_knowsNoOtherAdapterLambdaOrExample() {
    ArchitectureRules.independentOf("org.cellbank.ims.search", "org.cellbank.ims.aws..",
        "org.cellbank.ims.lambda..", "com.amazonaws.services.lambda..", "org.cellbank.ims.examples..",
        "org.cellbank.ims.testkit..", "software.amazon.awssdk.services..").check(SEARCH);
  }

  @Test
  void search_usesTheCoreThroughItsPortsOnly() {
    ArchitectureRules.independentOf("org.cellbank.ims.search", "org.cellbank.ims.core.internal..",
        "org.cellbank.ims.core.db..", "org.cellbank.ims.core.api..", "org.jooq..", "java.sql..").check(SEARCH);
  }

  @Test
  void publicApi_exposesNoInternalType() {
    ArchitectureRules.noPublicSignatureOutsideInternalUsesInternal().check(SEARCH);
  }
}
