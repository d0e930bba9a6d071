package dev.wlat.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** Renders the common cell types the same way in every TSV. */
public final class Cells {

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Cells() {}

  /**
   * {@return an ISO-8601 UTC timestamp with milliseconds (truncated), or {@code null}}: written by
   * hand for years 1–9999 (every row has one or two), by {@link DateTimeFormatter} otherwise.
   */
  public static String instant(Instant t) {
    if (t == null) {
      return null;
    }
    long seconds = t.getEpochSecond();
    long days = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    // Howard Hinnant's civil_from_days
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    int doe = (int) (z - era * 146_097);
    int yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long year = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int day = doy - (153 * mp + 2) / 5 + 1;
    int month = mp < 10 ? mp + 3 : mp - 9;
    if (month <= 2) {
      year++;
    }
    if (year < 1 || year > 9999) {
      return ISO_MILLIS.format(t);
    }
    char[] c = new char[24];
    put(c, 0, (int) year, 4);
    c[4] = '-';
    put(c, 5, month, 2);
    c[7] = '-';
    put(c, 8, day, 2);
    c[10] = 'T';
    put(c, 11, secondOfDay / 3600, 2);
    c[13] = ':';
    put(c, 14, secondOfDay / 60 % 60, 2);
    c[16] = ':';
    put(c, 17, secondOfDay % 60, 2);
    c[19] = '.';
    put(c, 20, t.getNano() / 1_000_000, 3);
    c[23] = 'Z';
    return new String(c);
  }

  private static void put(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * {@return a ratio with four decimals, or {@code null}}: the digits {@code String.format("%.4f")}
   * gives (half-up on the shortest decimal form of the double), without parsing a format string on
   * every row.
   */
  public static String ratio(Double r) {
    if (r == null || r.isNaN() || r.isInfinite()) {
      return null;
    }
    return java.math.BigDecimal.valueOf(r).setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /** {@return labels sorted and joined by {@code ;}, or {@code null} when empty}. */
  public static <E> String flags(Set<E> set, Function<E, String> label) {
    if (set == null || set.isEmpty()) {
      return null;
    }
    String[] labels = new String[set.size()];
    int i = 0;
    for (E e : set) {
      labels[i++] = label.apply(e);
    }
    java.util.Arrays.sort(labels);
    return String.join(";", labels);
  }

  /**
   * {@return a charge's exact amount in plain decimal digits, or {@code null} when nothing of it was
   * priced}: an unpriced cell is empty, never 0.
   */
  public static String amount(dev.wlat.model.Charge c) {
    return c.amount() == null ? null : c.amount().stripTrailingZeros().toPlainString();
  }

  /** {@return a charge's basis label, or {@code null} for no usage}. */
  public static String basis(dev.wlat.model.Charge c) {
    return c.basis() == null ? null : c.basis().label();
  }
}
