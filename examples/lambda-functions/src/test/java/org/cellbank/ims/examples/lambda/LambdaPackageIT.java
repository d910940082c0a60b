package org.cellbank.ims.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP function's deployment package, {@code target/ims-lambda.zip}, as built: its layout
 * (every class unpacked at the top, multi-release jars flattened for Java 17, service files merged),
 * and the unpacked package alone, in a class loader that sees nothing of the build, answering a
 * detail request against a real PostgreSQL.
 */
class LambdaPackageIT {
  private static final Path PACKAGE = Path.of("target", "ims-lambda.zip");
  private static final int RUNTIME_FEATURE = 17;

  @TempDir static Path taskRoot;

  private static Map<String, byte[]> entries;
  private static List<File> packagedJars;

  @BeforeAll
  static void readPackage() throws IOException {
    assertThat(PACKAGE).as("run after mvn package").exists();
    entries = new TreeMap<>();
    try (ZipFile zip = new ZipFile(PACKAGE.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (!entry.isDirectory()) {
          try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readAllBytes();
            entries.put(entry.getName(), bytes);
            Path target = taskRoot.resolve(entry.getName());
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
          }
        }
      }
    }
    packagedJars = packagedJars();
  }

  @Test
  void holdsNoJar_andTheHandlerAtTheTop() {
    assertThat(entries.keySet()).noneMatch(name -> name.endsWith(".jar") || name.startsWith("lib/"));
    assertThat(entries).containsKeys(
        "org/cellbank/ims/examples/lambda/ImsFunction.class",
        "org/cellbank/ims/lambda/jdbc/LambdaDataSource.class",
        "org/postgresql/Driver.class");
    assertThat(entries.keySet()).noneMatch(name -> name.startsWith("META-INF/versions/"));
  }

  @Test
  void everyImsClassInThePackage_findsTheImsClassesItRefersTo() {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
      if (!entry.getKey().startsWith("org/cellbank/ims/") || !entry.getKey().endsWith(".class")) {
        continue;
      }
      checked++;
      for (String referenced : ClassFileReferences.of(entry.getValue()).classes()) {
        String name = referenced.replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
        if (name.startsWith("org/cellbank/ims/") && !entries.containsKey(name + ".class")) {
          missing.add(entry.getKey() + " -> " + name);
        }
      }
    }
    assertThat(checked).isGreaterThan(200);
    assertThat(entries).as("the registry import stays out of the HTTP package")
        .doesNotContainKey("org/cellbank/ims/core/importer/HpscregImporter.class");
    assertThat(missing).as("IMS classes referred to but left out of the package").isEmpty();
  }

  @Test
  void multiReleaseLibraries_haveTheirJava17ClassesAtTheTop() throws IOException {
    int checked = 0;
    for (File jar : packagedJars) {
      try (JarFile file = new JarFile(jar)) {
        if (!file.isMultiRelease()) {
          continue;
        }
        // For each versioned class, the highest version up to the runtime's is the one Java 17 loads.
        Map<String, Integer> bestVersion = new HashMap<>();
        Map<String, String> bestEntry = new HashMap<>();
        for (VersionedEntry n : versionedEntries(file)) {
          if (n.version <= RUNTIME_FEATURE && n.path.endsWith(".class") && !n.path.equals("module-info.class")
              && n.version > bestVersion.getOrDefault(n.path, 0)) {
            bestVersion.put(n.path, n.version);
            bestEntry.put(n.path, n.entry);
          }
        }
        for (Map.Entry<String, String> versioned : bestEntry.entrySet()) {
          byte[] expected;
          try (InputStream in = file.getInputStream(file.getEntry(versioned.getValue()))) {
            expected = in.readAllBytes();
          }
          assertThat(entries.get(versioned.getKey()))
              .as("%s from %s", versioned.getKey(), versioned.getValue())
              .isEqualTo(expected);
          checked++;
        }
      }
    }
    // The PostgreSQL driver is multi-release (its Java 11 LazyCleanerImpl), so this is never vacuous.
    assertThat(checked).isPositive();
  }

  @Test
  void serviceFiles_listTheProvidersOfEveryLibrary() throws IOException {
    int checked = 0;
    for (File jar : packagedJars) {
      try (JarFile file = new JarFile(jar)) {
        for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
          JarEntry entry = e.nextElement();
          if (entry.isDirectory() || !entry.getName().startsWith("META-INF/services/")) {
            continue;
          }
          String merged = new String(entries.getOrDefault(entry.getName(), new byte[0]), StandardCharsets.UTF_8);
          try (InputStream in = file.getInputStream(entry)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
              String provider = line.replaceAll("#.*", "").trim();
              if (!provider.isEmpty()) {
                assertThat(merged).as("%s of %s", entry.getName(), jar.getName()).contains(provider);
                checked++;
              }
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(2); // the JDBC driver and the SLF4J provider
  }

  @Test
  void theUnpackedPackageAlone_answersADetailRequest() throws Exception {
    ImsPostgres pg = ImsPostgres.shared();
    String database = "ims_lambda_package_" + ProcessHandle.current().pid();
    pg.createDatabase(database);
    DataSource dataSource = pg.dataSource(database);
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(SampleData.all());
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("ecacc", Role.PARTNER);
    String credentials = "ecacc:" + keys.issue("ecacc").key();
    Map<String, String> env = Map.of(
        "IMS_JDBC_URL", pg.jdbcUrl(database),
        "IMS_JDBC_USER", pg.user(),
        "IMS_JDBC_PASSWORD", pg.password());

    // Only the JDK and the unpacked package, as the Lambda runtime loads a function (the runtime
    // sets the thread's context class loader to the function's).
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (FunctionLoader function = new FunctionLoader(taskRoot)) {
      thread.setContextClassLoader(function);
      Class<?> type = function.loadClass(ImsFunction.class.getName());
      assertThat(type.getClassLoader()).isSameAs(function);
      Object handler = type.getMethod("assemble", Map.class).invoke(null, env);
      Method handle = handler.getClass().getMethod("handle", byte[].class);
      byte[] answer = (byte[]) handle.invoke(handler, (Object) event("/api/v0/cell-lines/SAMEA2590882", credentials));

      JsonObject response = JsonReader.create().read(answer).asObject();
      assertThat(response.findNumber("statusCode").orElseThrow().longValue()).isEqualTo(200);
      JsonObject body = JsonReader.create().read(response.findString("body").orElseThrow()).asObject();
      assertThat(body.findString("name")).hasValue("UKBi008-A");
      // The merged service file found the logging binding: no silent fallback to no logging.
      Object loggers = function.loadClass("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
      assertThat(loggers.getClass().getName()).isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
      assertThat(ImsLambdaHandler.class.getClassLoader()).isNotSameAs(function);

      // The cold start's own classes keep the cold-start rules of docs/lambda.md.
      assertThat(function.requested).as("classes asked for by init and the first request")
          .noneMatch(name -> name.startsWith("org.jooq."));
      List<String> broken = new ArrayList<>();
      for (String name : function.defined) {
        if (name.startsWith("org.cellbank.ims.")) {
          broken.addAll(ColdStartRules.broken(name, entries.get(name.replace('.', '/') + ".class")));
        }
      }
      assertThat(function.defined).as("IMS classes loaded").anyMatch(n -> n.startsWith("org.cellbank.ims.core.api."));
      assertThat(broken).as("cold-start rules broken by classes init and the first request load").isEmpty();
    } finally {
      thread.setContextClassLoader(previous);
    }
    coldStart_linksNoLambdaOfItsOwn(env, event("/api/v0/cell-lines/SAMEA2590882", credentials));
  }

  // Lambdas and method references cost a bootstrap each when first run, so whether one is linked
  // is a matter of what runs: a cold start in a JVM of its own, with its class loading logged,
  // must create no lambda class for an IMS class.
  private static void coldStart_linksNoLambdaOfItsOwn(Map<String, String> env, byte[] event) throws Exception {
    Path eventFile = taskRoot.resolveSibling("cold-start-event.json");
    Path log = taskRoot.resolveSibling("cold-start-classes.log");
    Files.write(eventFile, event);
    Path probe = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xlog:class+load:file=" + log,
        "-cp", probe + File.pathSeparator + taskRoot, ColdStartProbe.class.getName(), eventFile.toString())
        .redirectErrorStream(true);
    pb.environment().putAll(env);
    Process child = pb.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor()).as(output).isZero();
    assertThat(output).contains("\"statusCode\":200");
    List<String> loaded = Files.readAllLines(log);
    assertThat(loaded).as("classes a cold start loads").anyMatch(l -> l.contains("org.cellbank.ims.core.api.V0Json "));
    assertThat(loaded).as("lambda classes a cold start creates for IMS classes")
        .filteredOn(l -> l.contains("$$Lambda") && l.contains("org.cellbank.ims."))
        .isEmpty();
  }

  /** Only the JDK and the unpacked package; records the classes it is asked for and those it defines. */
  private static final class FunctionLoader extends URLClassLoader {
    final Set<String> requested = ConcurrentHashMap.newKeySet();
    final Set<String> defined = ConcurrentHashMap.newKeySet();

    FunctionLoader(Path root) throws IOException {
      super(new URL[] {root.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      return super.loadClass(name, resolve);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      Class<?> type = super.findClass(name);
      defined.add(name);
      return type;
    }
  }

  private static byte[] event(String path, String credentials) {
    return ("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\"\","
        + "\"headers\":{\"authorization\":\"ApiKey " + credentials + "\"},\"requestContext\":{\"http\":"
        + "{\"method\":\"GET\",\"path\":\"" + path + "\",\"sourceIp\":\"127.0.0.1\"},\"requestId\":\"it\","
        + "\"stage\":\"$default\"},\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
  }

  // The jars of this build's class path whose classes the package holds.
  private static List<File> packagedJars() throws IOException {
    List<File> jars = new ArrayList<>();
    for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
      File file = new File(element);
      if (!file.isFile() || !file.getName().endsWith(".jar")) {
        continue;
      }
      try (JarFile jar = new JarFile(file)) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
          String name = e.nextElement().getName();
          if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.equals("module-info.class")) {
            if (entries.containsKey(name)) {
              jars.add(file);
            }
            break;
          }
        }
      }
    }
    assertThat(jars).as("libraries of the package on the test class path").hasSizeGreaterThanOrEqualTo(5);
    return jars;
  }

  /** {@code META-INF/versions/<version>/<path>}. */
  private record VersionedEntry(String entry, String path, int version) {}

  private static List<VersionedEntry> versionedEntries(JarFile file) {
    List<VersionedEntry> names = new ArrayList<>();
    for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
      String name = e.nextElement().getName();
      if (name.startsWith("META-INF/versions/")) {
        String rest = name.substring("META-INF/versions/".length());
        int slash = rest.indexOf('/');
        if (slash > 0 && rest.substring(0, slash).chars().allMatch(Character::isDigit)) {
          names.add(new VersionedEntry(name, rest.substring(slash + 1), Integer.parseInt(rest.substring(0, slash))));
        }
      }
    }
    return names;
  }
}
