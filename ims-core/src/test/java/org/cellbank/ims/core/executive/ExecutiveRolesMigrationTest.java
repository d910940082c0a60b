package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.IssuedKey;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.testkit.ImsPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Migration V7: a user stored with the old executive_admin role is an executive manager afterwards. */
class ExecutiveRolesMigrationTest {

  @Test
  void storedExecutiveAdmin_becomesExecutiveManager_andKeepsItsKey() throws Exception {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    Flyway.configure(SchemaMigrations.class.getClassLoader()).dataSource(dataSource)
        .locations(SchemaMigrations.LOCATION).schemas(SchemaMigrations.SCHEMA).defaultSchema(SchemaMigrations.SCHEMA)
        .table(SchemaMigrations.HISTORY_TABLE).createSchemas(true).target("6").load().migrate();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO ims.api_user (username, role) VALUES ('old-admin', 'executive_admin')");
    }
    IssuedKey key = ApiKeys.create(dataSource).issue("old-admin");

    SchemaMigrations.create(dataSource).migrate();

    assertThat(ApiKeys.create(dataSource).authenticate("old-admin", key.key()))
        .contains(new ApiPrincipal("old-admin", Role.EXECUTIVE_MANAGER));
  }
}
