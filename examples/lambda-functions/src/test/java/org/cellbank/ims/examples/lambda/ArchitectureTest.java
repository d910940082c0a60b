package org.cellbank.ims.examples.lambda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.cellbank.ims.http.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The HTTP function's own classes never touch jOOQ, the search client or the AWS SDK: what its
 * routes need of them is reached through the core's repositories, which load jOOQ on their first
 * write only (LambdaPackageIT checks at run time that a cold start loads none of it).
 */
class ArchitectureTest {
  private static final JavaClasses FUNCTIONS = ArchitectureRules.mainClasses("org.cellbank.ims.examples.lambda");

  @Test
  void httpFunction_knowsNoJooqSearchClientOrSdk() {
    noClasses().that().haveSimpleNameStartingWith("ImsFunction")
        .or().haveSimpleNameStartingWith("ImsApplication")
        .or().haveSimpleNameStartingWith("FunctionSettings")
        .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "org.flywaydb..", "org.opensearch..",
            "org.cellbank.ims.search..", "software.amazon.awssdk..", "org.cellbank.ims.core.internal..")
        .check(FUNCTIONS);
  }

  @Test
  void functions_dependOnNoOtherExample() {
    ArchitectureRules.independentOf("org.cellbank.ims.examples.lambda", "org.cellbank.ims.examples.local..",
        "org.cellbank.ims.examples.bench..").check(FUNCTIONS);
  }
}
