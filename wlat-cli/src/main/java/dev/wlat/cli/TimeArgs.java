package dev.wlat.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The time options the commands share: {@code --timezone} and {@code --as-of}, with one message each. */
final class TimeArgs {

  private TimeArgs() {}

  /** {@return the zone named {@code timezone}}; exit 2 naming it when unknown. */
  static ZoneId zone(String timezone) {
    try {
      return ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw WlatException.invalidInput("--timezone: unknown zone [" + timezone + "]; expected an IANA name like Europe/Berlin");
    }
  }

  /** {@return {@code --as-of}: an instant, or a date (its start in {@code zone}); {@code now} when absent}. */
  static Instant asOf(String text, ZoneId zone, Instant now) {
    if (text == null) {
      return now;
    }
    String t = text.strip();
    try {
      return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(zone).toInstant() : OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeException e) {
      throw WlatException.invalidInput("--as-of: cannot parse [" + text + "]; expected e.g. 2026-10-12T00:00:00Z or 2026-10-12");
    }
  }
}
