package org.cellbank.ims.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.regex.Pattern;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job functions' deployment packages: every package within the size limit; the job package,
 * {@code target/ims-nightly-lambda.zip}, with every OpenSearch client class that the IMS reaches,
 * although it leaves out the client's API namespaces the IMS never calls; the migrate package with
 * Flyway and without the search client.
 */
class NightlyPackageIT {
  private static final Path PACKAGE = Path.of("target", "ims-nightly-lambda.zip");
  /** The limit of each function's package (20 MiB). */
  static final long MAX_PACKAGE_BYTES = 20L * 1024 * 1024;

  private static final Pattern ENTRY_CLIENT =
      Pattern.compile("org/opensearch/client/opensearch/OpenSearch(Async)?Client(Base)?");
  private static final Pattern NAMESPACE_CLIENT =
      Pattern.compile("org/opensearch/client/opensearch/[a-z_]+/OpenSearch\\w*Client");

  private static Map<String, byte[]> classes;

  @BeforeAll
  static void readPackage() throws IOException {
    assertThat(PACKAGE).as("run after mvn package").exists();
    classes = read(PACKAGE);
  }

  // The class files of a package, those of its lib/*.jar included.
  private static Map<String, byte[]> read(Path path) throws IOException {
    Map<String, byte[]> classes = new HashMap<>();
    try (ZipFile zip = new ZipFile(path.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        try (InputStream in = zip.getInputStream(entry)) {
          if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
            JarInputStream jar = new JarInputStream(in);
            for (JarEntry j = jar.getNextJarEntry(); j != null; j = jar.getNextJarEntry()) {
              if (j.getName().endsWith(".class") && !j.getName().startsWith("META-INF/")) {
                classes.putIfAbsent(j.getName(), jar.readAllBytes());
              }
            }
          } else if (entry.getName().endsWith(".class")) {
            classes.put(entry.getName(), in.readAllBytes());
          }
        }
      }
    }
    return classes;
  }

  @Test
  void everyPackage_isWithinTheSizeLimit() throws IOException {
    for (String name : new String[] {"ims-lambda.zip", "ims-nightly-lambda.zip", "ims-migrate-lambda.zip",
        "ims-search-lambda.zip", "ims-media-lambda.zip", "ims-site-lambda.zip", "ims-fetch-lambda.zip",
        "ims-files-lambda.zip"}) {
      Path zip = Path.of("target", name);
      assertThat(zip).exists();
      assertThat(Files.size(zip)).as(name + " in bytes").isLessThanOrEqualTo(MAX_PACKAGE_BYTES);
    }
  }

  @Test
  void theJobPackage_holdsTheSearchClient_andTheMigratePackage_flyway() throws IOException {
    assertThat(classes.keySet()).contains(
        "org/cellbank/ims/examples/lambda/NightlyFunction.class",
        "org/opensearch/client/opensearch/OpenSearchClient.class",
        "org/opensearch/client/opensearch/generic/OpenSearchGenericClient.class");
    assertThat(classes.keySet()).doesNotContain("org/opensearch/client/opensearch/ml/OpenSearchMlClient.class",
        "org/flywaydb/core/Flyway.class");
    Map<String, byte[]> migrate = read(Path.of("target", "ims-migrate-lambda.zip"));
    assertThat(migrate.keySet()).contains(
        "org/cellbank/ims/examples/lambda/NightlyFunction.class",
        "org/cellbank/ims/core/db/SchemaMigrations.class",
        "org/cellbank/ims/core/auth/ApiKeys.class",
        "org/flywaydb/core/Flyway.class",
        "org/flywaydb/database/postgresql/PostgreSQLDatabaseType.class");
    assertThat(migrate.keySet()).noneMatch(name -> name.startsWith("org/opensearch/"));
  }

  @Test
  void everyOpenSearchClientClassTheImsReaches_isPackaged() {
    Set<String> missing = new TreeSet<>();
    Set<String> namespaces = new TreeSet<>();
    Set<String> called = new TreeSet<>();
    Set<String> seen = new HashSet<>();
    Deque<String> work = new ArrayDeque<>();
    for (String name : classes.keySet()) {
      if (name.startsWith("org/cellbank/ims/")) {
        work.add(name.substring(0, name.length() - ".class".length()));
      }
    }
    while (!work.isEmpty()) {
      String name = work.pop();
      if (!seen.add(name)) {
        continue;
      }
      byte[] bytes = classes.get(name + ".class");
      if (bytes == null) {
        if (name.startsWith("org/opensearch/client/")) {
          missing.add(name);
        }
        continue;
      }
      // Follow the IMS classes and the client's; other libraries' optional parts are theirs.
      if (!name.startsWith("org/cellbank/ims/") && !name.startsWith("org/opensearch/client/")) {
        continue;
      }
      ClassFileReferences refs = ClassFileReferences.of(bytes);
      for (String referenced : refs.classes()) {
        String type = referenced.replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
        // The entry client's accessor of a namespace (ml(), cat(), ...) is reached only when called.
        if (ENTRY_CLIENT.matcher(name).matches() && NAMESPACE_CLIENT.matcher(type).matches()) {
          namespaces.add(type);
          continue;
        }
        if (type.startsWith("org/cellbank/ims/") || type.startsWith("org/opensearch/client/")) {
          work.add(type);
        }
      }
      if (name.startsWith("org/cellbank/ims/")) {
        for (String method : refs.methods()) {
          if (ENTRY_CLIENT.matcher(method.substring(0, method.lastIndexOf('.'))).matches()) {
            called.add(method.substring(method.lastIndexOf('.') + 1));
          }
        }
      }
    }
    // Every namespace the IMS calls is followed like any other class.
    for (String namespace : namespaces) {
      String accessor = namespace.substring("org/opensearch/client/opensearch/".length(), namespace.lastIndexOf('/'));
      boolean calledByIms = false;
      for (String method : called) {
        calledByIms |= method.equalsIgnoreCase(accessor.replace("_", ""));
      }
      if (calledByIms) {
        assertThat(classes.keySet()).as("the namespace client the IMS calls").contains(namespace + ".class");
      }
    }
    assertThat(called).as("the entry client's methods the IMS calls").isNotEmpty();
    assertThat(seen).as("classes reached").hasSizeGreaterThan(1000);
    assertThat(missing).as("OpenSearch client classes the IMS reaches but the package leaves out").isEmpty();
  }
}
