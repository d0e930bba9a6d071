package dev.wlat.report.plot;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/*
 * Tick positions that read at a glance. Value axes start at zero and step by 1, 2, 2.5 or 5 times a
 * power of ten (never below one token). Time axes step by round minutes, hours or days in the plot's
 * zone: minute and hour ticks fall on multiples of the step, day ticks on midnights, week ticks on Mondays and month
 * ticks on the first of the month, so a label always names a boundary a reader knows.
 */

/** Tick positions and labels for value, time and day axes. */
final class Ticks {

  /** A tick on a time axis: its instant and label. */
  record TimeTick(Instant at, String label) {}

  private static final double[] STEPS = {1, 2, 2.5, 5, 10};

  private Ticks() {}

  /** {@return ticks from 0 to a round value at or above {@code max}, about {@code target} steps}. */
  static List<Double> linear(double max, int target) {
    double top = max <= 0 ? 1 : max;
    double step = niceStep(top / target);
    List<Double> ticks = new ArrayList<>();
    int n = (int) Math.ceil(top / step - 1e-9);
    for (int i = 0; i <= n; i++) {
      ticks.add(i * step);
    }
    return ticks;
  }

  private static double niceStep(double raw) {
    if (raw <= 1) {
      return 1;
    }
    double pow = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double s : STEPS) {
      if (s * pow >= raw - 1e-9) {
        return s * pow;
      }
    }
    return 10 * pow;
  }

  /** {@return ticks inside {@code [from, to]}, at most {@code maxTicks}, at boundaries of {@code zone}}. */
  static List<TimeTick> time(Instant from, Instant to, ZoneId zone, int maxTicks) {
    long seconds = Math.max(1, Duration.between(from, to).toSeconds());
    for (long m : new long[] {5, 10, 15, 30}) {
      if (seconds / (m * 60) <= maxTicks) {
        return minutes(from, to, zone, m);
      }
    }
    long[] hourSteps = {1, 2, 3, 6, 12};
    for (long h : hourSteps) {
      if (seconds / (h * 3600) <= maxTicks) {
        return hours(from, to, zone, h);
      }
    }
    long[] daySteps = {1, 2, 7, 14};
    for (long d : daySteps) {
      if (seconds / (d * 86400) <= maxTicks) {
        return d == 1 || d == 2 ? days(from, to, zone, d) : weeks(from, to, zone, d / 7);
      }
    }
    for (int m : new int[] {1, 2, 3, 6, 12}) {
      if (seconds / (m * 30L * 86400) <= maxTicks) {
        return months(from, to, zone, m);
      }
    }
    return months(from, to, zone, 12 * (int) Math.ceil(seconds / (365.0 * 86400 * maxTicks)));
  }

  private static List<TimeTick> minutes(Instant from, Instant to, ZoneId zone, long step) {
    List<TimeTick> ticks = new ArrayList<>();
    ZonedDateTime t = from.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
    while (t.getMinute() % step != 0 || t.toInstant().isBefore(from)) {
      t = t.plusMinutes(1);
    }
    for (; !t.toInstant().isAfter(to); t = t.plusMinutes(step)) {
      ticks.add(new TimeTick(t.toInstant(), Fmt.clock(t.toInstant(), zone)));
    }
    return ticks;
  }

  private static List<TimeTick> hours(Instant from, Instant to, ZoneId zone, long step) {
    List<TimeTick> ticks = new ArrayList<>();
    ZonedDateTime t = from.atZone(zone).truncatedTo(ChronoUnit.HOURS);
    while (t.getHour() % step != 0 || t.toInstant().isBefore(from)) {
      t = t.plusHours(1);
    }
    for (; !t.toInstant().isAfter(to); t = t.plusHours(step)) {
      String label = t.getHour() == 0 ? Fmt.day(t.toLocalDate()) : Fmt.clock(t.toInstant(), zone);
      ticks.add(new TimeTick(t.toInstant(), label));
    }
    return ticks;
  }

  private static List<TimeTick> days(Instant from, Instant to, ZoneId zone, long step) {
    List<TimeTick> ticks = new ArrayList<>();
    LocalDate d = from.atZone(zone).toLocalDate();
    if (d.atStartOfDay(zone).toInstant().isBefore(from)) {
      d = d.plusDays(1);
    }
    for (; !d.atStartOfDay(zone).toInstant().isAfter(to); d = d.plusDays(step)) {
      ticks.add(new TimeTick(d.atStartOfDay(zone).toInstant(), Fmt.day(d)));
    }
    return ticks;
  }

  private static List<TimeTick> weeks(Instant from, Instant to, ZoneId zone, long step) {
    List<TimeTick> ticks = new ArrayList<>();
    LocalDate d = from.atZone(zone).toLocalDate().with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    if (d.atStartOfDay(zone).toInstant().isBefore(from)) {
      d = d.plusWeeks(1);
    }
    for (; !d.atStartOfDay(zone).toInstant().isAfter(to); d = d.plusWeeks(step)) {
      ticks.add(new TimeTick(d.atStartOfDay(zone).toInstant(), Fmt.day(d)));
    }
    return ticks;
  }

  private static List<TimeTick> months(Instant from, Instant to, ZoneId zone, int step) {
    List<TimeTick> ticks = new ArrayList<>();
    LocalDate d = from.atZone(zone).toLocalDate().withDayOfMonth(1);
    if (d.atStartOfDay(zone).toInstant().isBefore(from)) {
      d = d.plusMonths(1);
    }
    while ((d.getMonthValue() - 1) % step != 0) {
      d = d.plusMonths(1);
    }
    for (; !d.atStartOfDay(zone).toInstant().isAfter(to); d = d.plusMonths(step)) {
      String label = d.getMonthValue() == 1 || ticks.isEmpty()
          ? d.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ROOT) + " " + d.getYear()
          : d.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ROOT);
      ticks.add(new TimeTick(d.atStartOfDay(zone).toInstant(), label));
    }
    return ticks;
  }

  /**
   * {@return the indices of {@code days} to label, at most {@code maxLabels}}: every day, every
   * other day, or the Mondays (every other Monday, every fourth…) when there are many.
   */
  static List<Integer> dayLabels(List<LocalDate> days, int maxLabels) {
    List<Integer> picked = new ArrayList<>();
    if (days.size() <= maxLabels) {
      for (int i = 0; i < days.size(); i++) {
        picked.add(i);
      }
      return picked;
    }
    if ((days.size() + 1) / 2 <= maxLabels) {
      for (int i = 0; i < days.size(); i += 2) {
        picked.add(i);
      }
      return picked;
    }
    int weeks = 1;
    while (days.size() / (7.0 * weeks) > maxLabels) {
      weeks *= 2;
    }
    int mondays = 0;
    for (int i = 0; i < days.size(); i++) {
      if (days.get(i).getDayOfWeek() == DayOfWeek.MONDAY && mondays++ % weeks == 0) {
        picked.add(i);
      }
    }
    return picked;
  }
}
