package dev.wlat.model;

import java.time.Instant;

/**
 * One rate-limit window from a {@code token_count} event.
 *
 * <p>Identify a window by {@link #windowMinutes()} (300 = five hours, 10080 = one week), never by the
 * slot it came in: in 2026 files the {@code primary} slot can hold the weekly window.
 *
 * @param usedPercent percent of the window used, as Codex reported it
 * @param windowMinutes the window's length in minutes, or {@code null} when Codex left it out
 * @param resetsAt when the window resets ({@code resets_in_seconds} is resolved against the event's
 *     timestamp), or {@code null} when unknown
 */
public record RateLimitWindow(double usedPercent, Integer windowMinutes, Instant resetsAt) {

  public static final int FIVE_HOURS_MINUTES = 300;
  public static final int WEEK_MINUTES = 10_080;

  /** {@return true for the five-hour window}. */
  public boolean isFiveHour() {
    return windowMinutes != null && windowMinutes == FIVE_HOURS_MINUTES;
  }

  /** {@return true for the weekly window}. */
  public boolean isWeekly() {
    return windowMinutes != null && windowMinutes == WEEK_MINUTES;
  }
}
