package org.cellbank.ims.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.DatabaseException;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.ValidationException;
import org.junit.jupiter.api.Test;

class JdbcTest {
  @Test
  void connectionLost_meansTheSessionEnded_notThatTheStatementFailed() {
    assertThat(Jdbc.connectionLost(new SQLException("I/O error", "08006"))).isTrue();
    assertThat(Jdbc.connectionLost(new SQLException("This connection has been closed.", "08003"))).isTrue();
    assertThat(Jdbc.connectionLost(new SQLException("terminating connection due to administrator command", "57P01")))
        .isTrue();
    assertThat(Jdbc.connectionLost(new SQLException("wrapped", null, new SQLException("x", "57P02")))).isTrue();
    assertThat(Jdbc.connectionLost(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(Jdbc.connectionLost(new SQLException("canceling statement", "57014"))).isFalse();
    assertThat(Jdbc.connectionLost(new SQLException("no state"))).isFalse();
  }

  @Test
  void translate_makesALostSessionRetryable_andKeepsTheOtherClasses() {
    ImsException ended = Jdbc.translate(new SQLException("terminating connection", "57P01"), "reading x");
    assertThat(ended).isInstanceOf(DatabaseException.class);
    assertThat(ended.retryable()).isTrue();
    assertThat(Jdbc.translate(new SQLException("refused", "08001"), "reading x").retryable()).isTrue();
    assertThat(Jdbc.translate(new SQLException("dup", "23505"), "writing x")).isInstanceOf(ConflictException.class);
    assertThat(Jdbc.translate(new SQLException("bad", "22P02"), "writing x")).isInstanceOf(ValidationException.class);
    assertThat(Jdbc.translate(new SQLException("disk", "53100"), "writing x").retryable()).isTrue();
    assertThat(Jdbc.translate(new SQLException("syntax", "42601"), "reading x").retryable()).isFalse();
  }
}
