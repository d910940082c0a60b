package org.cellbank.ims.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.testkit.ImsPostgres;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;

/**
 * Proves that the committed jOOQ classes match the migrations: it migrates a fresh database,
 * generates the classes again and compares them file by file.
 *
 * <p>After changing a migration, regenerate the committed classes with
 * {@code ./mvnw -pl ims-core -am test -Dtest=GeneratedCodeTest -Dsurefire.failIfNoSpecifiedTests=false -Dims.jooq.write=true}.
 */
class GeneratedCodeTest {

  private static final String PACKAGE = "org.cellbank.ims.core.internal.db";
  private static final Path COMMITTED = Path.of("src/main/java/" + PACKAGE.replace('.', '/'));

  @Test
  void committedJooqClasses_matchTheMigrations() throws Exception {
    ImsPostgres pg = ImsPostgres.shared();
    String database = "ims_codegen_" + ProcessHandle.current().pid();
    pg.createDatabase(database);
    SchemaMigrations.create(pg.dataSource(database)).migrate();

    Path out = Files.createTempDirectory("ims-jooq");
    GenerationTool.generate(new Configuration()
        .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(pg.jdbcUrl(database))
            .withUser(pg.user()).withPassword(pg.password()))
        .withGenerator(new Generator()
            .withName("org.jooq.codegen.JavaGenerator")
            .withDatabase(new Database()
                .withName("org.jooq.meta.postgres.PostgresDatabase")
                .withInputSchema(SchemaMigrations.SCHEMA)
                .withExcludes(SchemaMigrations.HISTORY_TABLE)
                .withIncludeRoutines(false))
            .withGenerate(new Generate()
                .withRecords(true)
                .withPojos(false)
                .withDaos(false)
                .withJavaTimeTypes(true)
                .withGeneratedAnnotation(false)
                .withSources(false)
                .withSourcesOnViews(false))
            .withTarget(new Target()
                .withPackageName(PACKAGE)
                .withDirectory(out.toString())
                .withClean(true))));
    Path generated = out.resolve(PACKAGE.replace('.', '/'));

    if (Boolean.getBoolean("ims.jooq.write")) {
      replace(COMMITTED, generated);
    }
    assertThat(contents(COMMITTED))
        .as("committed jOOQ classes under %s; regenerate them as this class's Javadoc says", COMMITTED)
        .isEqualTo(contents(generated));
  }

  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(p -> {
        try {
          files.put(root.relativize(p).toString(), Files.readString(p));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return files;
  }

  private static void replace(Path target, Path source) throws IOException {
    if (Files.isDirectory(target)) {
      try (Stream<Path> walk = Files.walk(target)) {
        walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
      }
    }
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path dest = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
