package org.cellbank.ims.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE;
import static org.cellbank.ims.core.internal.db.Tables.ORGANISATION;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.testkit.ImsPostgres;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class CatalogueIdsTest {

  @Test
  void cellLines_pagesThroughEveryCellLineId_inAscendingOrder() {
    DataSource db = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(db).migrate();
    DSLContext dsl = DSL.using(db, SQLDialect.POSTGRES);
    long generator = dsl.insertInto(ORGANISATION, ORGANISATION.NAME).values("Universitatsklinikum Bonn")
        .returning(ORGANISATION.ID).fetchOne(ORGANISATION.ID);
    for (String id : List.of("SAMEA3", "SAMEA1", "SAMEA5", "SAMEA2", "SAMEA4")) {
      dsl.insertInto(CELL_LINE, CELL_LINE.NAME, CELL_LINE.BIOSAMPLES_ID, CELL_LINE.GENERATOR_ID)
          .values("L" + id, id, generator).execute();
    }

    CatalogueIds ids = CatalogueIds.cellLines(db);
    List<String> all = new ArrayList<>();
    String after = "";
    for (List<String> page = ids.page(after, 2); !page.isEmpty(); page = ids.page(after, 2)) {
      assertThat(page.size()).isLessThanOrEqualTo(2);
      all.addAll(page);
      after = page.get(page.size() - 1);
    }

    assertThat(all).containsExactly("SAMEA1", "SAMEA2", "SAMEA3", "SAMEA4", "SAMEA5");
  }
}
