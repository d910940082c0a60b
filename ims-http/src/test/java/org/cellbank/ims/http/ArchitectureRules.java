package org.cellbank.ims.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Architecture rules every IMS module checks on its own classes (published in the ims-http test jar
 * for the other modules' tests).
 */
public final class ArchitectureRules {
  private ArchitectureRules() {}

  /** The main classes (no tests) of the packages under {@code root}. */
  public static JavaClasses mainClasses(String root) {
    return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(root);
  }

  /**
   * No public method, constructor or field of a public class outside an {@code internal} package
   * takes or returns a type from an {@code internal} package: internals may change in any release,
   * so no public signature may show them.
   */
  public static ArchRule noPublicSignatureOutsideInternalUsesInternal() {
    return codeUnits().that().arePublic()
        .and().areDeclaredInClassesThat().arePublic()
        .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
        .should(new ArchCondition<JavaCodeUnit>("take or return no type of an internal package") {
          @Override
          public void check(JavaCodeUnit unit, ConditionEvents events) {
            Set<JavaClass> types = new LinkedHashSet<>(unit.getRawParameterTypes());
            types.add(unit.getRawReturnType());
            for (JavaClass type : types) {
              JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
              if (base.getPackageName().contains(".internal")) {
                events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " exposes " + base.getName()));
              }
            }
          }
        })
        .allowEmptyShould(true)
        .as("public signatures outside internal packages expose no internal type");
  }

  /**
   * The packages under {@code root}, {@code root} itself included, have no cycles: each package is a
   * slice of its own, except that each of {@code generated} counts as one with its sub-packages
   * (generated code such as jOOQ's refers back and forth within itself).
   */
  public static ArchRule noPackageCycles(String root, String... generated) {
    return slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass type) {
        String name = type.getPackageName();
        if (!name.equals(root) && !name.startsWith(root + ".")) {
          return SliceIdentifier.ignore();
        }
        for (String g : generated) {
          if (name.equals(g) || name.startsWith(g + ".")) {
            return SliceIdentifier.of(g);
          }
        }
        return SliceIdentifier.of(name);
      }

      @Override
      public String getDescription() {
        return "the packages under " + root;
      }
    }).should().beFreeOfCycles().as("the packages under " + root + " have no cycles");
  }

  /** No class under {@code root} depends on a class in any of {@code packages}. */
  public static ArchRule independentOf(String root, String... packages) {
    return noClasses().that().resideInAPackage(root + "..")
        .should().dependOnClassesThat().resideInAnyPackage(packages)
        .as(root + " depends on none of " + String.join(", ", packages));
  }
}
