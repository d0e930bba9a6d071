package dev.wlat.report.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Numbers read with k/M suffixes, ticks fall on round values and on the zone's boundaries. */
class FormatAndTicksTests {

  @Test
  void tokenCountsGetSuffixesToThreeSignificantDigits() {
    assertAll(
        yep(0, "0"), yep(950, "950"), yep(1000, "1k"), yep(52_813, "52.8k"), yep(500_000, "500k"),
        yep(999_999, "1M"), yep(1_250_000, "1.25M"), yep(12_183_734, "12.2M"), yep(3_449_378_812L, "3.45B"));
  }

  @Test
  void exactCountsHaveThousandsSeparators() {
    assertThat(Fmt.exact(12_183_734)).isEqualTo("12,183,734");
  }

  @Test
  void valueTicksStartAtZeroAndStepRoundly() {
    assertThat(Ticks.linear(1_500_000, 5)).containsExactly(0.0, 500_000.0, 1_000_000.0, 1_500_000.0);
    assertThat(Ticks.linear(7_675_864 * 1.04, 5)).containsExactly(0.0, 2e6, 4e6, 6e6, 8e6);
    assertThat(Ticks.linear(3, 5)).containsExactly(0.0, 1.0, 2.0, 3.0);
    assertThat(Ticks.linear(0, 5)).containsExactly(0.0, 1.0);
  }

  @Test
  void timeTicksFallOnMondaysMidnightsAndHoursOfTheZone() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    List<Ticks.TimeTick> month = Ticks.time(Instant.parse("2026-09-13T00:00:00Z"), Instant.parse("2026-10-13T00:00:00Z"),
        ZoneOffset.UTC, 10);
    List<Ticks.TimeTick> week = Ticks.time(Instant.parse("2026-10-06T00:00:00Z"), Instant.parse("2026-10-13T00:00:00Z"),
        berlin, 10);
    List<Ticks.TimeTick> day = Ticks.time(Instant.parse("2026-10-12T00:00:00Z"), Instant.parse("2026-10-13T00:00:00Z"),
        ZoneOffset.UTC, 10);

    assertThat(month).extracting(Ticks.TimeTick::label).containsExactly("Sep 14", "Sep 21", "Sep 28", "Oct 5", "Oct 12");
    assertThat(week).allSatisfy(t -> assertThat(t.at().atZone(berlin).getHour()).isZero());
    assertThat(week).extracting(Ticks.TimeTick::label).startsWith("Oct 7");
    assertThat(day).extracting(Ticks.TimeTick::label).containsExactly("Oct 12", "03:00", "06:00", "09:00", "12:00",
        "15:00", "18:00", "21:00", "Oct 13");
  }

  @Test
  void dayLabelsThinOutToEveryOtherDayThenMondays() {
    List<LocalDate> month = LocalDate.of(2026, 9, 13).datesUntil(LocalDate.of(2026, 10, 13)).toList();
    List<LocalDate> quarter = LocalDate.of(2026, 7, 1).datesUntil(LocalDate.of(2026, 10, 1)).toList();

    assertThat(Ticks.dayLabels(month, 15)).hasSize(15).startsWith(0, 2, 4);
    assertThat(Ticks.dayLabels(quarter, 15)).allSatisfy(i -> assertThat(quarter.get(i).getDayOfWeek().getValue()).isOne());
  }

  @Test
  void escapingCoversTheFiveXmlCharactersAndControlCharacters() {
    assertThat(Html.escape("<a href=\"x\">&'\u0001")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39; ");
    assertThat(Html.escape("plain")).isEqualTo("plain");
  }

  private static Executable yep(long v, String expected) {
    return () -> assertThat(Fmt.tokens(v)).as("%d", v).isEqualTo(expected);
  }
}
