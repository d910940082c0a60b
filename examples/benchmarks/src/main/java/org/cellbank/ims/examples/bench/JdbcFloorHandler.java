package org.cellbank.ims.examples.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The floor anchor of {@link LambdaColdStartBenchmark}: the least a Java function can do to answer from
 * PostgreSQL. A bare stream handler that opens one PostgreSQL JDBC connection at init and answers
 * each request with one query ({@code SELECT name FROM ims.cell_line ... LIMIT 1}), in a constant
 * API Gateway proxy answer. No routing, no authentication, no JSON library.
 */
public final class JdbcFloorHandler implements RequestStreamHandler {
  private final Connection connection;

  /** Connects with {@code IMS_JDBC_URL}, {@code IMS_JDBC_USER} and {@code IMS_JDBC_PASSWORD}. */
  public JdbcFloorHandler() throws SQLException {
    connection = DriverManager.getConnection(System.getenv("IMS_JDBC_URL"), System.getenv("IMS_JDBC_USER"),
        System.getenv("IMS_JDBC_PASSWORD"));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    input.readAllBytes();
    String name;
    try (PreparedStatement s = connection.prepareStatement("SELECT name FROM ims.cell_line ORDER BY name LIMIT 1");
        ResultSet r = s.executeQuery()) {
      name = r.next() ? r.getString(1) : "";
    } catch (SQLException e) {
      throw new IOException(e);
    }
    output.write(("{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{\\\"name\\\":\\\""
        + name + "\\\"}\"}").getBytes(StandardCharsets.UTF_8));
  }
}
