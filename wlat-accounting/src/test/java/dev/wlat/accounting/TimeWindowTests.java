package dev.wlat.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.wlat.model.TimeWindow;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeWindowTests {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static void since(String text, String expected) {
    Instant want = expected == null ? null : Instant.parse(expected);
    assertThat(TimeWindow.parse(text, null, NOW).since()).as(text).isEqualTo(want);
  }

  private static void bad(String since, String until, String quoted) {
    assertThatThrownBy(() -> TimeWindow.parse(since, until, NOW))
        .as("since=%s until=%s", since, until)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[" + quoted + "]")
        .hasMessageNotContaining("\n");
  }

  @Test
  void acceptsAgesDatesInstantsAndAll() {
    assertAll(
        () -> since("30d", "2026-01-30T12:00:00Z"),
        () -> since("12h", "2026-03-01T00:00:00Z"),
        () -> since("90m", "2026-03-01T10:30:00Z"),
        () -> since("2w", "2026-02-15T12:00:00Z"),
        () -> since(" 2W ", "2026-02-15T12:00:00Z"),
        () -> since("2026-02-01", "2026-02-01T00:00:00Z"),
        () -> since("2026-02-01T10:00:00Z", "2026-02-01T10:00:00Z"),
        () -> since("2026-02-01T10:00:00+01:00", "2026-02-01T09:00:00Z"),
        () -> since("2026-02-01T10:00:00.5-02:30", "2026-02-01T12:30:00.500Z"),
        () -> since("all", null),
        () -> since("ALL", null),
        () -> since(null, null));
  }

  @Test
  void untilIsAnExclusiveUpperBoundAndMayBeOpen() {
    TimeWindow w = TimeWindow.parse("2026-02-01", "2026-02-02", NOW);

    assertThat(w.contains(Instant.parse("2026-02-01T00:00:00Z"))).isTrue();
    assertThat(w.contains(Instant.parse("2026-02-01T23:59:59.999Z"))).isTrue();
    assertThat(w.contains(Instant.parse("2026-02-02T00:00:00Z"))).isFalse();
    assertThat(w.contains(Instant.parse("2026-01-31T23:59:59.999Z"))).isFalse();
    assertThat(TimeWindow.parse("7d", "all", NOW).until()).isNull();
    assertThat(TimeWindow.parse("7d", "1d", NOW).until()).isEqualTo(Instant.parse("2026-02-28T12:00:00Z"));
    assertThat(TimeWindow.parse("all", null, NOW).isAll()).isTrue();
  }

  @Test
  void rejectsBadTextQuotingIt() {
    assertAll(
        () -> bad("yesterday", null, "yesterday"),
        () -> bad("30x", null, "30x"),
        () -> bad("", null, ""),
        () -> bad("-3d", null, "-3d"),
        () -> bad("0d", null, "0d"),
        () -> bad("d", null, "d"),
        () -> bad("99999999999999999999d", null, "99999999999999999999d"),
        () -> bad("2026-02-30", null, "2026-02-30"),
        () -> bad("2026-02-01T10:00:00", null, "2026-02-01T10:00:00"),
        () -> bad("all", "soon", "soon"),
        () -> bad("2026-02-02", "2026-02-01", "2026-02-02"),
        () -> bad("2026-02-01", "2026-02-01", "2026-02-01"));
  }

  @Test
  void aWindowMustStartBeforeItEnds() {
    Instant t = Instant.parse("2026-02-01T00:00:00Z");

    assertThatThrownBy(() -> new TimeWindow(t, t)).isInstanceOf(IllegalArgumentException.class);
  }
}
