package org.cellbank.ims.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The v0 datetime text, written by hand, against the pattern it stands for. */
class V0JsonTest {
  private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  @Test
  void datetime_isParisLocalTimeWithMicroseconds() {
    assertThat(V0Json.datetime(Instant.parse("2016-10-20T09:51:00.016090Z"))).isEqualTo("2016-10-20T11:51:00.016090");
    // Winter time, and the hour after the spring change.
    assertThat(V0Json.datetime(Instant.parse("2021-01-05T00:00:00Z"))).isEqualTo("2021-01-05T01:00:00.000000");
    assertThat(V0Json.datetime(Instant.parse("2021-03-28T01:00:00.000001Z"))).isEqualTo("2021-03-28T03:00:00.000001");
    // A year below 1000 is zero-padded to four digits, as the pattern does.
    Instant early = Instant.parse("0999-06-01T12:00:00Z");
    assertThat(V0Json.datetime(early)).startsWith("0999-06-01T")
        .isEqualTo(LocalDateTime.ofInstant(early, V0Json.ZONE).format(PATTERN));
  }

  @Test
  void datetime_matchesThePattern_forSeededRandomInstants() {
    Random random = new Random(20261128L);
    long from = Instant.parse("1890-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)),
          random.nextInt(1_000_000) * 1_000L + (i % 3 == 0 ? 999 : 0));
      String expected = LocalDateTime.ofInstant(instant, V0Json.ZONE).format(PATTERN);
      assertThat(V0Json.datetime(instant)).as(instant.toString()).isEqualTo(expected);
    }
  }
}
