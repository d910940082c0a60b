package org.cellbank.ims.lambda.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection handed out by {@link LambdaDataSource}: delegates to the physical connection until
 * closed, then gives it back reset (no open transaction, auto-commit on, read-write). Internal.
 */
final class ContainerConnection implements Connection {
  private final Connection physical;
  private final LambdaDataSource owner;
  private boolean closed;
  private boolean readOnlyChanged;
  private int isolationToRestore = -1;

  ContainerConnection(Connection physical, LambdaDataSource owner) {
    this.physical = physical;
    this.owner = owner;
  }

  private Connection physical() throws SQLException {
    if (closed) {
      throw new SQLException("the connection is closed", "08003");
    }
    return physical;
  }

  private Connection openForClientInfo() throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("the connection is closed", "08003", null);
    }
    return physical;
  }

  /**
   * Gives the physical connection back. An unfinished transaction is rolled back; a connection that
   * cannot be reset, or that the driver closed after a failure, is dropped.
   */
  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    boolean broken = false;
    try {
      if (physical.isClosed()) {
        broken = true;
      } else {
        if (!physical.getAutoCommit()) {
          physical.rollback();
          physical.setAutoCommit(true);
        }
        if (readOnlyChanged) {
          physical.setReadOnly(false);
        }
        if (isolationToRestore >= 0) {
          physical.setTransactionIsolation(isolationToRestore);
        }
      }
    } catch (SQLException | RuntimeException e) {
      broken = true;
    }
    owner.release(physical, broken);
  }

  @Override
  public boolean isClosed() throws SQLException {
    return closed || physical.isClosed();
  }

  @Override
  public boolean isValid(int timeoutSeconds) throws SQLException {
    return !closed && physical.isValid(timeoutSeconds);
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    physical().setAutoCommit(autoCommit);
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    physical().setReadOnly(readOnly);
    readOnlyChanged = true;
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    Connection c = physical();
    if (isolationToRestore < 0) {
      isolationToRestore = c.getTransactionIsolation();
    }
    c.setTransactionIsolation(level);
  }

  /** Not supported: aborting would leave the data source counting a connection it lost. */
  @Override
  public void abort(Executor executor) throws SQLException {
    throw new java.sql.SQLFeatureNotSupportedException("abort is not supported; close the connection");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return physical().unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || physical().isWrapperFor(type);
  }

  @Override
  public Statement createStatement() throws SQLException {
    return physical().createStatement();
  }

  @Override
  public PreparedStatement prepareStatement(String arg0) throws SQLException {
    return physical().prepareStatement(arg0);
  }

  @Override
  public CallableStatement prepareCall(String arg0) throws SQLException {
    return physical().prepareCall(arg0);
  }

  @Override
  public String nativeSQL(String arg0) throws SQLException {
    return physical().nativeSQL(arg0);
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    return physical().getAutoCommit();
  }

  @Override
  public void commit() throws SQLException {
    physical().commit();
  }

  @Override
  public void rollback() throws SQLException {
    physical().rollback();
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return physical().getMetaData();
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return physical().isReadOnly();
  }

  @Override
  public void setCatalog(String arg0) throws SQLException {
    physical().setCatalog(arg0);
  }

  @Override
  public String getCatalog() throws SQLException {
    return physical().getCatalog();
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    return physical().getTransactionIsolation();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return physical().getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    physical().clearWarnings();
  }

  @Override
  public Statement createStatement(int arg0, int arg1) throws SQLException {
    return physical().createStatement(arg0, arg1);
  }

  @Override
  public PreparedStatement prepareStatement(String arg0, int arg1, int arg2) throws SQLException {
    return physical().prepareStatement(arg0, arg1, arg2);
  }

  @Override
  public CallableStatement prepareCall(String arg0, int arg1, int arg2) throws SQLException {
    return physical().prepareCall(arg0, arg1, arg2);
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    return physical().getTypeMap();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> arg0) throws SQLException {
    physical().setTypeMap(arg0);
  }

  @Override
  public void setHoldability(int arg0) throws SQLException {
    physical().setHoldability(arg0);
  }

  @Override
  public int getHoldability() throws SQLException {
    return physical().getHoldability();
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return physical().setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String arg0) throws SQLException {
    return physical().setSavepoint(arg0);
  }

  @Override
  public void rollback(Savepoint arg0) throws SQLException {
    physical().rollback(arg0);
  }

  @Override
  public void releaseSavepoint(Savepoint arg0) throws SQLException {
    physical().releaseSavepoint(arg0);
  }

  @Override
  public Statement createStatement(int arg0, int arg1, int arg2) throws SQLException {
    return physical().createStatement(arg0, arg1, arg2);
  }

  @Override
  public PreparedStatement prepareStatement(String arg0, int arg1, int arg2, int arg3) throws SQLException {
    return physical().prepareStatement(arg0, arg1, arg2, arg3);
  }

  @Override
  public CallableStatement prepareCall(String arg0, int arg1, int arg2, int arg3) throws SQLException {
    return physical().prepareCall(arg0, arg1, arg2, arg3);
  }

  @Override
  public PreparedStatement prepareStatement(String arg0, int arg1) throws SQLException {
    return physical().prepareStatement(arg0, arg1);
  }

  @Override
  public PreparedStatement prepareStatement(String arg0, int[] arg1) throws SQLException {
    return physical().prepareStatement(arg0, arg1);
  }

  @Override
  public PreparedStatement prepareStatement(String arg0, String[] arg1) throws SQLException {
    return physical().prepareStatement(arg0, arg1);
  }

  @Override
  public Clob createClob() throws SQLException {
    return physical().createClob();
  }

  @Override
  public Blob createBlob() throws SQLException {
    return physical().createBlob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    return physical().createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return physical().createSQLXML();
  }

  @Override
  public void setClientInfo(String arg0, String arg1) throws SQLClientInfoException {
    openForClientInfo().setClientInfo(arg0, arg1);
  }

  @Override
  public void setClientInfo(Properties arg0) throws SQLClientInfoException {
    openForClientInfo().setClientInfo(arg0);
  }

  @Override
  public String getClientInfo(String arg0) throws SQLException {
    return physical().getClientInfo(arg0);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    return physical().getClientInfo();
  }

  @Override
  public Array createArrayOf(String arg0, Object[] arg1) throws SQLException {
    return physical().createArrayOf(arg0, arg1);
  }

  @Override
  public Struct createStruct(String arg0, Object[] arg1) throws SQLException {
    return physical().createStruct(arg0, arg1);
  }

  @Override
  public void setSchema(String arg0) throws SQLException {
    physical().setSchema(arg0);
  }

  @Override
  public String getSchema() throws SQLException {
    return physical().getSchema();
  }

  @Override
  public void setNetworkTimeout(Executor arg0, int arg1) throws SQLException {
    physical().setNetworkTimeout(arg0, arg1);
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    return physical().getNetworkTimeout();
  }
}
