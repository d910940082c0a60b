package org.cellbank.ims.core.db;

import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.cellbank.ims.core.DatabaseException;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Pages through the BioSamples ids of every cell line, in ascending order; the {@link Reconciler}'s
 * view of what the database holds.
 */
@FunctionalInterface
public interface CatalogueIds {

  /**
   * Up to {@code limit} ids greater than {@code after} (use {@code ""} for the first page), ascending.
   */
  List<String> page(String after, int limit);

  /** The ids of the rows of {@code ims.cell_line} in the database behind {@code dataSource}. */
  static CatalogueIds cellLines(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return (after, limit) -> {
      try {
        return List.copyOf(DSL.using(dataSource, SQLDialect.POSTGRES)
            .select(CELL_LINE.BIOSAMPLES_ID).from(CELL_LINE)
            .where(CELL_LINE.BIOSAMPLES_ID.gt(after))
            .orderBy(CELL_LINE.BIOSAMPLES_ID).limit(limit)
            .fetch(CELL_LINE.BIOSAMPLES_ID));
      } catch (DataAccessException e) {
        throw new DatabaseException("could not list cell-line ids after " + after, e, true);
      }
    };
  }
}
