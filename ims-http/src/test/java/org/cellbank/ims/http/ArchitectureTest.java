package org.cellbank.ims.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.cellbank.ims.http.archfixture.Forbidden;
import org.cellbank.ims.http.archfixture.PublicJsonApi;
import org.cellbank.ims.http.archfixture.a.CycleA;
import org.cellbank.ims.http.archfixture.b.CycleB;
import org.junit.jupiter.api.Test;

/**
 * ims-http is the bottom of the module graph: the platform and the SLF4J API only, no database, no
 * AWS, no other IMS module; its internal JSON library shows in no public signature.
 */
class ArchitectureTest {
  private static final JavaClasses HTTP = ArchitectureRules.mainClasses("org.cellbank.ims.http");

  static ArchRule onlyPlatform(String root) {
    return classes().that().resideInAPackage(root + "..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java.lang..", "java.io..", "java.net..",
            "java.nio..", "java.util..", "java.time..", "java.math..", "org.slf4j..", root + "..")
        .as(root + " depends only on java.lang, java.io, java.net, java.nio, java.util, java.time, java.math and SLF4J");
  }

  @Test
  void http_dependsOnlyOnThePlatformAndSlf4j() {
    onlyPlatform("org.cellbank.ims.http").check(HTTP);
  }

  @Test
  void http_packagesHaveNoCycles() {
    ArchitectureRules.noPackageCycles("org.cellbank.ims.http").check(HTTP);
  }

  @Test
  void http_publicApiExposesNoInternalType() {
    ArchitectureRules.noPublicSignatureOutsideInternalUsesInternal().check(HTTP);
  }

  // Each rule checked against classes that break it, so a rule that cannot fail is caught.

  @Test
  void dependencyRule_failsOnAForbiddenImport() {
    JavaClasses fixture = new ClassFileImporter().importClasses(Forbidden.class);
    assertThatThrownBy(() -> onlyPlatform("org.cellbank.ims.http.archfixture").check(fixture))
        .isInstanceOf(AssertionError.class).hasMessageContaining("java.sql.Connection");
    assertThatThrownBy(() -> ArchitectureRules.independentOf("org.cellbank.ims.http.archfixture", "java.sql..")
        .check(fixture)).isInstanceOf(AssertionError.class).hasMessageContaining("java.sql.Connection");
  }

  @Test
  void cycleRule_failsOnACycle() {
    JavaClasses fixture = new ClassFileImporter().importClasses(CycleA.class, CycleB.class);
    assertThatThrownBy(() -> ArchitectureRules.noPackageCycles("org.cellbank.ims.http.archfixture").check(fixture))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle");
  }

  @Test
  void internalTypesRule_failsOnAPublicSignatureWithAnInternalType() {
    JavaClasses fixture = new ClassFileImporter().importClasses(PublicJsonApi.class);
    assertThatThrownBy(() -> ArchitectureRules.noPublicSignatureOutsideInternalUsesInternal().check(fixture))
        .isInstanceOf(AssertionError.class).hasMessageContaining("JsonValue");
  }
}
