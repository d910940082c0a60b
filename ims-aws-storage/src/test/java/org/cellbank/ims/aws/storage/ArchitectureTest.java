package org.cellbank.ims.aws.storage;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.cellbank.ims.http.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** ims-aws-storage implements the core's media port on S3 and knows no other adapter. */
class ArchitectureTest {
  private static final JavaClasses STORAGE = ArchitectureRules.mainClasses("org.cellbank.ims.aws");

  @Test
  void storage_knowsNoOtherAdapterLambdaOrExample() {
    ArchitectureRules.independentOf("org.cellbank.ims.aws", "org.cellbank.ims.search..", "org.opensearch..",
        "org.cellbank.ims.lambda..", "com.amazonaws.services.lambda..", "org.cellbank.ims.examples..",
        "org.cellbank.ims.testkit..").check(STORAGE);
  }

  @Test
  void storage_usesTheCoreThroughItsPortsOnly() {
    ArchitectureRules.independentOf("org.cellbank.ims.aws", "org.cellbank.ims.core.internal..",
        "org.cellbank.ims.core.db..", "org.cellbank.ims.core.api..", "org.jooq..", "java.sql..").check(STORAGE);
  }

  @Test
  void publicApi_exposesNoInternalType() {
    ArchitectureRules.noPublicSignatureOutsideInternalUsesInternal().check(STORAGE);
  }
}
