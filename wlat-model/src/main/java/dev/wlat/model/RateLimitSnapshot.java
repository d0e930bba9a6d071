package dev.wlat.model;

import java.util.Optional;

/**
 * The rate-limit state a {@code token_count} event carried.
 *
 * @param primary the {@code primary} slot, or {@code null}
 * @param secondary the {@code secondary} slot, or {@code null}
 * @param planType the plan ({@code plus}, {@code pro}, {@code team}, ...), or {@code null}
 * @param hasCredits {@code credits.has_credits}, or {@code null}
 * @param unlimitedCredits {@code credits.unlimited}, or {@code null}
 * @param creditsBalance {@code credits.balance} as written (a decimal string), or {@code null}
 * @param limitId {@code limit_id}, or {@code null}
 * @param rateLimitReachedType {@code rate_limit_reached_type}, or {@code null}
 */
public record RateLimitSnapshot(
    RateLimitWindow primary,
    RateLimitWindow secondary,
    String planType,
    Boolean hasCredits,
    Boolean unlimitedCredits,
    String creditsBalance,
    String limitId,
    String rateLimitReachedType) {

  /** {@return the five-hour window, whichever slot it came in}. */
  public Optional<RateLimitWindow> fiveHour() {
    if (primary != null && primary.isFiveHour()) {
      return Optional.of(primary);
    }
    if (secondary != null && secondary.isFiveHour()) {
      return Optional.of(secondary);
    }
    return Optional.empty();
  }

  /** {@return the weekly window, whichever slot it came in}. */
  public Optional<RateLimitWindow> weekly() {
    if (primary != null && primary.isWeekly()) {
      return Optional.of(primary);
    }
    if (secondary != null && secondary.isWeekly()) {
      return Optional.of(secondary);
    }
    return Optional.empty();
  }

  /** {@return true when the snapshot says nothing at all}. */
  public boolean isEmpty() {
    return primary == null && secondary == null && planType == null && hasCredits == null
        && unlimitedCredits == null && creditsBalance == null && limitId == null
        && rateLimitReachedType == null;
  }
}
