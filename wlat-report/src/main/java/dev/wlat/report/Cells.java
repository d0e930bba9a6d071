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

  /** {@return an ISO-8601 UTC timestamp with milliseconds, or {@code null}}. */
  public static String instant(Instant t) {
    return t == null ? null : ISO_MILLIS.format(t);
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
}
