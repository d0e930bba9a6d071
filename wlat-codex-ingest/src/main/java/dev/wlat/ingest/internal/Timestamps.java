package dev.wlat.ingest.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Parses Codex's ISO-8601 timestamps.
 *
 * <p>The common shape {@code YYYY-MM-DDThh:mm:ss[.fff…]Z} is read by hand; equivalent to
 * {@link Instant#parse}, but faster. Anything else falls back to {@link OffsetDateTime#parse}.
 */
public final class Timestamps {

  private Timestamps() {}

  /** {@return the instant, or {@code null} when {@code text} is not a timestamp}. */
  public static Instant parse(String text) {
    if (text == null) {
      return null;
    }
    Instant fast = parseFast(text);
    if (fast != null) {
      return fast;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeException e2) {
        return null;
      }
    }
  }

  private static Instant parseFast(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
        || day > 31 || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    int nanos = 0;
    int i = 19;
    if (i < n - 1) {
      if (s.charAt(i) != '.' || n - 1 - (i + 1) > 9 || n - 1 == i + 1) {
        return null;
      }
      int scale = 100_000_000;
      for (int k = i + 1; k < n - 1; k++) {
        int d = s.charAt(k) - '0';
        if (d < 0 || d > 9) {
          return null;
        }
        nanos += d * scale;
        scale /= 10;
      }
    }
    if (day > daysIn(year, month)) {
      return null;
    }
    long days = daysFromCivil(year, month, day);
    return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second, nanos);
  }

  private static int daysIn(int year, int month) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Howard Hinnant's days_from_civil. */
  private static long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
