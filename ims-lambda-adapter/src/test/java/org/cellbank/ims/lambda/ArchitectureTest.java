package org.cellbank.ims.lambda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.cellbank.ims.http.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * ims-lambda-adapter stands on ims-http alone: no IMS core (so no jOOQ, Flyway or JDBC driver
 * reaches a function through it), no other adapter, no AWS SDK; its database package and its HTTP
 * package are independent of each other.
 */
class ArchitectureTest {
  private static final String ROOT = "org.cellbank.ims.lambda";
  private static final JavaClasses ADAPTER = ArchitectureRules.mainClasses(ROOT);

  @Test
  void adapter_dependsOnlyOnHttpTheLambdaTypesAndThePlatform() {
    classes().that().resideInAPackage(ROOT + "..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.sql..", "org.slf4j..",
            "com.amazonaws.services.lambda.runtime..", "org.crac..", "org.cellbank.ims.http..", ROOT + "..")
        .check(ADAPTER);
  }

  @Test
  void adapter_knowsNoCoreDatabaseLibraryOtherAdapterOrExample() {
    ArchitectureRules.independentOf(ROOT, "org.cellbank.ims.core..", "org.jooq..", "org.flywaydb..",
        "org.postgresql..", "org.cellbank.ims.search..", "org.cellbank.ims.aws..", "org.opensearch..",
        "software.amazon.awssdk..", "org.cellbank.ims.examples..").check(ADAPTER);
  }

  @Test
  void databasePackage_andHttpPackage_areIndependent() {
    ArchitectureRules.independentOf(ROOT + ".jdbc", "org.cellbank.ims.http").check(ADAPTER);
    classes().that().resideInAPackage(ROOT).should().onlyDependOnClassesThat()
        .resideOutsideOfPackage(ROOT + ".jdbc..").check(ADAPTER);
    ArchitectureRules.noPackageCycles(ROOT).check(ADAPTER);
  }

  @Test
  void publicApi_exposesNoInternalType() {
    ArchitectureRules.noPublicSignatureOutsideInternalUsesInternal().check(ADAPTER);
  }
}
