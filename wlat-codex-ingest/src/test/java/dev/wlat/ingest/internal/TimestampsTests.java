package dev.wlat.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.format.DateTimeFormatterBuilder;
import org.junit.jupiter.api.Test;

class TimestampsTests {

  @Test
  void fastPathAgreesWithInstantParse() {
    qt().withFixedSeed(5L).withExamples(3000)
        .forAll(longs().between(0, 4_102_444_800L), integers().between(0, 999_999_999),
            integers().between(0, 9))
        .checkAssert((seconds, nanos, digits) -> {
          Instant t = Instant.ofEpochSecond(seconds, nanos);
          String text = new DateTimeFormatterBuilder().appendInstant(digits).toFormatter()
              .format(t);
          assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(text));
        });
  }

  @Test
  void offsetsAreAccepted() {
    assertThat(Timestamps.parse("2026-03-01T12:00:00+02:00"))
        .isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
  }

  @Test
  void nonsenseAndImpossibleDatesAreRejected() {
    assertThat(Timestamps.parse("yesterday")).isNull();
    assertThat(Timestamps.parse("2026-02-30T10:00:00Z")).isNull();
    assertThat(Timestamps.parse("2026-03-01T25:00:00Z")).isNull();
  }
}
