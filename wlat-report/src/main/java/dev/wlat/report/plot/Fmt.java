package dev.wlat.report.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How plots write numbers and times: token counts with k/M suffixes, dates in the plot's zone. */
final class Fmt {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);
  private static final DateTimeFormatter ISO_DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd EEE", Locale.ROOT);
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private Fmt() {}

  /**
   * {@return {@code v} to three significant digits with a k, M or B suffix}: {@code 950},
   * {@code 52.8k}, {@code 1.25M}, {@code 12.2M}; tick values such as {@code 500000} read {@code 500k}.
   */
  static String tokens(double v) {
    double a = Math.abs(v);
    if (a < 1000) {
      return plain(v);
    }
    String[] units = {"k", "M", "B", "T"};
    double scaled = v / 1000;
    int u = 0;
    while (Math.abs(round3(scaled)) >= 1000 && u < units.length - 1) {
      scaled /= 1000;
      u++;
    }
    return plain(round3(scaled)) + units[u];
  }

  /** {@return {@code v} with thousands separators: {@code 12,183,734}}. */
  static String exact(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  /** {@return {@code part / whole} as a percentage with one decimal, {@code 0.0%} when whole is 0}. */
  static String share(long part, long whole) {
    return String.format(Locale.ROOT, "%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
  }

  /** {@return a short day label: {@code Sep 14}}. */
  static String day(LocalDate d) {
    return DAY.format(d);
  }

  /** {@return an ISO day with its weekday: {@code 2026-09-14 Mon}}. */
  static String isoDay(LocalDate d) {
    return ISO_DAY.format(d);
  }

  /** {@return {@code t} to the minute in {@code zone}: {@code 2026-09-14 10:04}}. */
  static String minute(Instant t, ZoneId zone) {
    return MINUTE.format(t.atZone(zone));
  }

  /** {@return the clock time of {@code t} in {@code zone}: {@code 10:04}}. */
  static String clock(Instant t, ZoneId zone) {
    return CLOCK.format(t.atZone(zone));
  }

  /** {@return {@code n} followed by {@code noun}, plural when n is not 1}. */
  static String count(long n, String noun) {
    return exact(n) + " " + noun + (n == 1 ? "" : "s");
  }

  /** {@return {@code s} cut to {@code max} characters, ending in an ellipsis when cut}. */
  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static double round3(double v) {
    if (v == 0) {
      return 0;
    }
    return new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_UP)).doubleValue();
  }

  private static String plain(double v) {
    BigDecimal d = new BigDecimal(Double.toString(v)).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
