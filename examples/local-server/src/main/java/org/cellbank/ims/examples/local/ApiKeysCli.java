package org.cellbank.ims.examples.local;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.auth.ApiKeyInfo;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.IssuedKey;
import org.cellbank.ims.core.auth.Role;

/**
 * Manages API users and keys from the command line.
 *
 * <pre>{@code
 * ApiKeysCli [--jdbc-url URL] [--user U] [--password P] COMMAND
 *   create-user NAME ROLE     ROLE: partner, executive_viewer, executive_manager or administrator
 *   issue NAME                prints the new key once; it cannot be shown again
 *   list [NAME]               id, user, prefix, created, last used, revoked
 *   revoke ID
 *   deactivate NAME
 *   activate NAME
 * }</pre>
 *
 * <p>The connection defaults come from {@code IMS_JDBC_URL}, {@code IMS_JDBC_USER} and
 * {@code IMS_JDBC_PASSWORD}; prefer the environment to {@code --password}, which other users of the
 * machine can see in the process list. The database must be migrated already.
 */
public final class ApiKeysCli {

  private static final String USAGE = String.join("\n",
      "usage: ApiKeysCli [--jdbc-url URL] [--user U] [--password P] COMMAND",
      "  create-user NAME ROLE   (ROLE: partner, executive_viewer, executive_manager, administrator)",
      "  issue NAME",
      "  list [NAME]",
      "  revoke ID",
      "  deactivate NAME",
      "  activate NAME",
      "Defaults: IMS_JDBC_URL, IMS_JDBC_USER, IMS_JDBC_PASSWORD.");

  private ApiKeysCli() {}

  /** Runs one command and exits with 0 on success, 1 on a failed command, 2 on a usage error. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String url = System.getenv("IMS_JDBC_URL");
    String user = System.getenv("IMS_JDBC_USER");
    String password = System.getenv("IMS_JDBC_PASSWORD");
    List<String> command = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      boolean option = a.equals("--jdbc-url") || a.equals("--user") || a.equals("--password");
      if (option && i + 1 >= args.length) {
        err.println(a + " needs a value\n" + USAGE);
        return 2;
      }
      switch (a) {
        case "--jdbc-url" -> url = args[++i];
        case "--user" -> user = args[++i];
        case "--password" -> password = args[++i];
        case "-h", "--help" -> {
          out.println(USAGE);
          return 0;
        }
        default -> command.add(a);
      }
    }
    if (url == null || url.isBlank() || command.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(1);
    config.setPoolName("ims-api-keys-cli");
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      return execute(ApiKeys.create(dataSource), command, out, err);
    } catch (ImsException e) {
      err.println("failed: " + e.getMessage());
      return 1;
    } catch (HikariPool.PoolInitializationException e) {
      // Its message may repeat the URL, which can hold a password.
      err.println("failed: cannot connect to the database");
      return 1;
    }
  }

  private static int execute(ApiKeys keys, List<String> command, PrintStream out, PrintStream err) {
    String name = command.get(0);
    List<String> rest = command.subList(1, command.size());
    switch (name) {
      case "create-user" -> {
        if (rest.size() != 2) {
          return usage(err);
        }
        keys.createUser(rest.get(0), Role.ofCode(rest.get(1)));
        out.println("created user " + rest.get(0) + " (" + rest.get(1) + ")");
      }
      case "issue" -> {
        if (rest.size() != 1) {
          return usage(err);
        }
        IssuedKey issued = keys.issue(rest.get(0));
        out.println("key id " + issued.id() + " for " + issued.username()
            + "; store this key now, it cannot be shown again:");
        out.println(issued.key());
      }
      case "list" -> {
        if (rest.size() > 1) {
          return usage(err);
        }
        List<ApiKeyInfo> listed = rest.isEmpty() ? keys.listAll() : keys.list(rest.get(0));
        out.printf("%-6s %-24s %-10s %-30s %-30s %s%n", "ID", "USER", "PREFIX", "CREATED", "LAST USED", "REVOKED");
        for (ApiKeyInfo k : listed) {
          out.printf("%-6d %-24s %-10s %-30s %-30s %s%n", k.id(), k.username(), k.prefix(), k.createdAt(),
              k.lastUsedAt() == null ? "-" : k.lastUsedAt(), k.revokedAt() == null ? "-" : k.revokedAt());
        }
      }
      case "revoke" -> {
        if (rest.size() != 1) {
          return usage(err);
        }
        long id;
        try {
          id = Long.parseLong(rest.get(0));
        } catch (NumberFormatException e) {
          err.println("not a key id: " + rest.get(0));
          return 2;
        }
        keys.revoke(id);
        out.println("revoked key " + id);
      }
      case "deactivate", "activate" -> {
        if (rest.size() != 1) {
          return usage(err);
        }
        keys.setActive(rest.get(0), name.equals("activate"));
        out.println(name + "d user " + rest.get(0));
      }
      default -> {
        err.println("unknown command: " + name);
        return usage(err);
      }
    }
    return 0;
  }

  private static int usage(PrintStream err) {
    err.println(USAGE);
    return 2;
  }
}
