package dev.wlat.model;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A half-open time window {@code [since, until)} over row timestamps; either end may be open.
 *
 * @param since the first instant inside, or {@code null} for no lower bound
 * @param until the first instant after, or {@code null} for no upper bound
 */
public record TimeWindow(Instant since, Instant until) {

  /** The window that holds everything. */
  public static final TimeWindow ALL = new TimeWindow(null, null);

  private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([mhdw])");
  private static final String EXPECTED =
      "expected e.g. 30d, 12h, 90m, 2w, 2026-02-01, 2026-02-01T10:00:00Z or all";

  public TimeWindow {
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException(
          "window start [" + since + "] must be before its end [" + until + "]");
    }
  }

  /**
   * {@return the window described by two texts}, each one of: {@code all}; a relative age
   * {@code <n>m}, {@code <n>h}, {@code <n>d} or {@code <n>w} (minutes, hours, days, weeks before
   * {@code now}); an ISO date (the start of that day, UTC); or an ISO instant with {@code Z} or an
   * offset.
   *
   * @param since the lower bound; {@code null} means {@code all}
   * @param untilOrNull the exclusive upper bound; {@code null} or {@code all} means none
   * @param now the instant relative ages count back from
   * @throws IllegalArgumentException with a one-line message quoting the bad value
   */
  public static TimeWindow parse(String since, String untilOrNull, Instant now) {
    return parse(since, untilOrNull, now, ZoneOffset.UTC);
  }

  /**
   * {@return the window between {@code since} and {@code untilOrNull}}, reading a bare ISO date
   * ({@code 2026-02-01}) as the start of that day in {@code zone}, so that a window of dates lines
   * up with the day rows of a report in the same zone.
   *
   * @throws IllegalArgumentException with a one-line message quoting the bad value
   */
  public static TimeWindow parse(String since, String untilOrNull, Instant now, java.time.ZoneId zone) {
    Instant from = since == null ? null : parseBound("since", since, now, zone);
    Instant to = untilOrNull == null ? null : parseBound("until", untilOrNull, now, zone);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("empty window: since [" + since + "] (" + from
          + ") is not before until [" + untilOrNull + "] (" + to + ")");
    }
    return new TimeWindow(from, to);
  }

  /** {@return true when {@code since <= t < until}}. */
  public boolean contains(Instant t) {
    return (since == null || !t.isBefore(since)) && (until == null || t.isBefore(until));
  }

  /** {@return true when {@code t} lies before the window's start}. */
  public boolean isBefore(Instant t) {
    return since != null && t.isBefore(since);
  }

  /** {@return true when the window has no bounds}. */
  public boolean isAll() {
    return since == null && until == null;
  }

  private static Instant parseBound(String name, String raw, Instant now, java.time.ZoneId zone) {
    String text = raw.strip();
    if (text.equalsIgnoreCase("all")) {
      return null;
    }
    try {
      Matcher m = RELATIVE.matcher(text.toLowerCase(Locale.ROOT));
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
          throw new IllegalArgumentException(name + ": [" + raw + "] is an empty age; " + EXPECTED);
        }
        Duration age = switch (m.group(2)) {
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofDays(7 * n);
        };
        return now.minus(age);
      }
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(zone).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException(name + ": cannot parse [" + raw + "]; " + EXPECTED);
    }
  }
}
