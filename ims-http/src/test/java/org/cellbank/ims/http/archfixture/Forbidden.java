package org.cellbank.ims.http.archfixture;

/** Depends on JDBC on purpose, for the dependency rules' own test. */
public final class Forbidden {
  java.sql.Connection connection;
}
