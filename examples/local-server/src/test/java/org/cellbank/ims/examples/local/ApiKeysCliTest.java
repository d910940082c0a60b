package org.cellbank.ims.examples.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.Test;

class ApiKeysCliTest {

  @Test
  void createUser_issue_list_revoke_deactivate_workAgainstTheDatabase() {
    ImsPostgres pg = ImsPostgres.shared();
    String database = "ims_cli_" + ProcessHandle.current().pid();
    pg.createDatabase(database);
    SchemaMigrations.create(pg.dataSource(database)).migrate();
    List<String> connection = List.of("--jdbc-url", pg.jdbcUrl(database), "--user", pg.user(), "--password", pg.password());

    assertThat(run(connection, "create-user", "ecacc", "partner").code).isZero();
    Result issued = run(connection, "issue", "ecacc");
    assertThat(issued.code).isZero();
    String[] lines = issued.out.strip().split("\n");
    String key = lines[lines.length - 1].strip();
    ApiKeys keys = ApiKeys.create(pg.dataSource(database));
    assertThat(keys.authenticate("ecacc", key)).contains(new ApiPrincipal("ecacc", Role.PARTNER));

    Result listed = run(connection, "list");
    assertThat(listed.out).contains("ecacc").contains(key.substring(0, 8)).doesNotContain(key);

    assertThat(run(connection, "deactivate", "ecacc").code).isZero();
    assertThat(keys.authenticate("ecacc", key)).isEmpty();
    keys.setActive("ecacc", true);
    long id = keys.list("ecacc").get(0).id();
    assertThat(run(connection, "revoke", Long.toString(id)).code).isZero();
    assertThat(keys.authenticate("ecacc", key)).isEmpty();

    assertThat(run(connection, "revoke", "999999").code).isEqualTo(1);
    assertThat(run(connection, "create-user", "x", "root").code).isEqualTo(1);
    assertThat(run(connection, "frobnicate").code).isEqualTo(2);
  }

  private static Result run(List<String> connection, String... command) {
    List<String> args = new ArrayList<>(connection);
    args.addAll(List.of(command));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ApiKeysCli.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8));
  }

  private record Result(int code, String out) {}
}
