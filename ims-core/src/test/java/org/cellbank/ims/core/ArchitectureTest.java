package org.cellbank.ims.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import org.cellbank.ims.core.archfixture.search.SearchWithSql;
import org.cellbank.ims.http.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The intended package graph of ims-core, enforced: each package names the packages it may use, so
 * a new arrow fails the build until this list (and the design it states) is changed on purpose.
 *
 * <pre>
 *   api ──► auth, importer, sample, media, db, search, model, core, http
 *   executive ──► auth, db, internal, media, search, model, core, http, commons-csv
 *   importer ──► db, internal, search, model
 *   site ──► db, media, model, core, http (UrlEncoding), Mustache
 *   auth ──► internal          sample ──► db, model
 *   db ──► internal, search, model          internal ──► search, model
 *   media, search, model ──► core (root: the exceptions, Page) ──► http (ClientError)
 * </pre>
 *
 * <p>The core knows no AWS, OpenSearch or Lambda, and no other IMS module but ims-http.
 */
class ArchitectureTest {
  private static final JavaClasses CORE = ArchitectureRules.mainClasses("org.cellbank.ims.core");

  private static final String[] PLATFORM = {"java..", "javax.sql..", "javax.crypto..", "org.slf4j.."};
  private static final String ROOT = "org.cellbank.ims.core";
  private static final String HTTP = "org.cellbank.ims.http";
  private static final String JSON = "org.cellbank.ims.http.internal.json";

  /** Each package and what it may depend on besides itself, the platform and SLF4J. */
  static List<ArchRule> packageRules(String root) {
    List<ArchRule> rules = new ArrayList<>();
    rules.add(only(root, "", root, HTTP));
    rules.add(only(root, "model", root, root + ".model.."));
    rules.add(only(root, "search", root, root + ".model..", root + ".search.."));
    rules.add(only(root, "media", root, root + ".media..", HTTP));
    rules.add(only(root, "internal", root, root + ".model..", root + ".search..", root + ".internal..", JSON,
        "org.jooq..", "org.postgresql.."));
    rules.add(only(root, "db", root, root + ".model..", root + ".search..", root + ".internal..", root + ".db..",
        "org.jooq..", "org.flywaydb.."));
    rules.add(only(root, "auth", root, root + ".internal..", root + ".auth..", HTTP, "org.jooq.."));
    rules.add(only(root, "importer", root, root + ".model..", root + ".search..", root + ".db..", root + ".internal..",
        root + ".importer..", HTTP, JSON, "org.jooq.."));
    rules.add(only(root, "sample", root, root + ".model..", root + ".db..", root + ".sample.."));
    rules.add(only(root, "executive", root, root + ".model..", root + ".search..", root + ".internal..", root + ".auth..", root + ".db..",
        root + ".media..", root + ".executive..", HTTP, HTTP + ".internal", JSON, "org.apache.commons.csv.."));
    rules.add(only(root, "site", root, root + ".model..", root + ".db..", root + ".media..", root + ".site..", HTTP,
        "com.github.mustachejava.."));
    rules.add(only(root, "api", root + "..", HTTP + ".."));
    return rules;
  }

  private static ArchRule only(String root, String pkg, String... allowed) {
    String self = pkg.isEmpty() ? root : root + "." + pkg + "..";
    List<String> packages = new ArrayList<>(List.of(PLATFORM));
    packages.add(self);
    packages.addAll(List.of(allowed));
    return classes().that().resideInAPackage(self)
        .should().onlyDependOnClassesThat().resideInAnyPackage(packages.toArray(String[]::new))
        .as("ims-core package " + (pkg.isEmpty() ? "(root)" : pkg) + " depends only on " + List.of(allowed));
  }

  static final ArchRule NO_CLOUD_OR_ADAPTERS = ArchitectureRules.independentOf(ROOT, "software.amazon..",
      "com.amazonaws..", "org.opensearch..", "org.cellbank.ims.lambda..", "org.cellbank.ims.search..",
      "org.cellbank.ims.aws..", "org.cellbank.ims.examples..", "org.cellbank.ims.testkit..");

  static final ArchRule PORTS_WITHOUT_SQL = ArchitectureRules.independentOf(ROOT + ".search", "java.sql..",
      "javax.sql..", "org.jooq..");

  static final ArchRule MODEL_WITHOUT_SQL = ArchitectureRules.independentOf(ROOT + ".model", "java.sql..",
      "javax.sql..", "org.jooq..");

  @Test
  void packages_dependOnlyOnWhatTheyMay() {
    for (ArchRule rule : packageRules(ROOT)) {
      rule.check(CORE);
    }
  }

  @Test
  void packages_haveNoCycles() {
    ArchitectureRules.noPackageCycles(ROOT, ROOT + ".internal.db").check(CORE);
  }

  @Test
  void searchPortAndModel_useNoSql() {
    PORTS_WITHOUT_SQL.check(CORE);
    MODEL_WITHOUT_SQL.check(CORE);
  }

  @Test
  void core_knowsNoCloudServiceAdapterOrExample() {
    NO_CLOUD_OR_ADAPTERS.check(CORE);
  }

  @Test
  void publicApi_exposesNoInternalType() {
    ArchitectureRules.noPublicSignatureOutsideInternalUsesInternal().check(CORE);
  }

  // The package rules are built by the same code for a look-alike tree, and must refuse a class that
  // breaks them (the cycle and internal-type rules are checked likewise in ims-http).

  @Test
  void packageRule_failsOnAForbiddenArrow() {
    JavaClasses fixture = new ClassFileImporter().importClasses(SearchWithSql.class);
    ArchRule search = packageRules(ROOT + ".archfixture").get(2);
    assertThatThrownBy(() -> search.check(fixture)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("org.jooq.DSLContext");
    assertThatThrownBy(() -> ArchitectureRules.independentOf(ROOT + ".archfixture.search", "org.jooq..")
        .check(fixture)).isInstanceOf(AssertionError.class);
  }
}
