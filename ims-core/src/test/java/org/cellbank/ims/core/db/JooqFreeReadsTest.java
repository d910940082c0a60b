package org.cellbank.ims.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.cellbank.ims.core.model.BatchType;
import org.cellbank.ims.core.model.NewBatch;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.postgresql.PGStatement;

/**
 * Constructing the repositories and reading through them loads no jOOQ class (a cold start pays
 * for jOOQ only when it writes). The repositories run in a class loader of their own that records
 * every class they ask for.
 */
class JooqFreeReadsTest {

  @Test
  void constructionAndReads_loadNoJooqClass() throws Exception {
    DataSource dataSource = TestDatabase.migrated();
    CellLineRepository.create(dataSource).insert(CellLineRepositoryTest.line("COLDi001-A", "SAMCOLD001"));
    BatchRepository.create(dataSource).create(new NewBatch("SAMCOLD001", "P001", BatchType.DEPOSITOR, 2, null));

    try (RecordingLoader loader = new RecordingLoader()) {
      Class<?> lineRepository = loader.loadClass(CellLineRepository.class.getName());
      Class<?> batchRepository = loader.loadClass(BatchRepository.class.getName());
      Class<?> pageRequest = loader.loadClass("org.cellbank.ims.core.PageRequest");
      Object page = pageRequest.getConstructor(long.class, int.class).newInstance(0L, 10);
      Object largePage = pageRequest.getConstructor(long.class, int.class).newInstance(0L, 1000);
      Object lines = lineRepository.getMethod("create", DataSource.class).invoke(null, dataSource);
      Object batches = batchRepository.getMethod("create", DataSource.class).invoke(null, dataSource);

      Object line = lineRepository.getMethod("getByBiosamplesId", String.class).invoke(lines, "SAMCOLD001");
      assertThat(line.toString()).contains("COLDi001-A");
      assertThat((Optional<?>) lineRepository.getMethod("findByName", String.class).invoke(lines, "COLDi001-A"))
          .isPresent();
      assertThat((List<?>) lineRepository.getMethod("findAllByBiosamplesIds", java.util.Collection.class)
          .invoke(lines, List.of("SAMCOLD001", "SAMNONE"))).hasSize(1);
      lineRepository.getMethod("page", pageRequest).invoke(lines, page);
      lineRepository.getMethod("page", pageRequest).invoke(lines, largePage);
      assertThat(lineRepository.getMethod("exists", String.class).invoke(lines, "SAMCOLD001")).isEqualTo(true);
      assertThat(lineRepository.getMethod("count").invoke(lines)).isEqualTo(1L);
      assertThat((Optional<?>) batchRepository.getMethod("findByBiosamplesId", String.class)
          .invoke(batches, "COLDi001-A_P001")).isPresent();
      batchRepository.getMethod("page", pageRequest).invoke(batches, page);
      batchRepository.getMethod("page", pageRequest).invoke(batches, largePage);

      assertThat(loader.requested).as("classes the reads asked for")
          .isNotEmpty()
          .noneMatch(name -> name.startsWith("org.jooq."))
          .noneMatch(name -> name.startsWith("org.cellbank.ims.core.internal.db."));
    }
  }

  /**
   * Loads ims-core, ims-http, jOOQ, the PostgreSQL driver and the SLF4J API itself (not from the application class loader)
   * and records every request.
   */
  private static final class RecordingLoader extends URLClassLoader {
    final Set<String> requested = ConcurrentHashMap.newKeySet();

    RecordingLoader() {
      super(new URL[] {location(CellLineRepository.class), location(org.cellbank.ims.http.ClientError.class),
          location(DSLContext.class), location(PGStatement.class), location(org.slf4j.LoggerFactory.class)},
          ClassLoader.getPlatformClassLoader());
    }

    private static URL location(Class<?> type) {
      return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      return super.loadClass(name, resolve);
    }
  }
}
