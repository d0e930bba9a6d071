package dev.wlat.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * What a user was entitled to during one billing window: the tokens a subscription's base price buys
 * and any tokens purchased on top, with where those figures come from.
 *
 * <p>The window is half-open, {@code [windowStart, windowEnd)}, like {@link TimeWindow}. A bucket
 * with a price must have tokens to spread it over ({@code usd > 0} needs {@code tokens > 0}); a
 * bucket with tokens and no price is free. The value of one token of a bucket is
 * {@code usd / tokens}, kept exact ({@link #usdPerToken}).
 *
 * @param windowStart the first instant of the window
 * @param windowEnd the first instant after the window
 * @param baseSubscriptionUsd what the subscription cost for the window
 * @param baseSubscriptionTokens the tokens that price buys (the user's figure; wlat never derives it
 *     from rate-limit percentages)
 * @param purchasedUsd what purchased tokens cost, {@code 0} when none
 * @param purchasedTokens the tokens purchased, {@code 0} when none
 * @param source where the figures come from (e.g. {@code billing-page}, {@code invoice}); free text
 *     the user wrote, redacted before it is written anywhere
 * @param confidence how sure the figures are
 * @param evidencePath a file holding the evidence (an invoice, a screenshot), or {@code null}
 * @param line the line of the entitlements file it was read from, or {@code 0}
 */
public record Entitlement(
    Instant windowStart,
    Instant windowEnd,
    BigDecimal baseSubscriptionUsd,
    long baseSubscriptionTokens,
    BigDecimal purchasedUsd,
    long purchasedTokens,
    String source,
    EntitlementConfidence confidence,
    String evidencePath,
    int line) {

  public Entitlement {
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(baseSubscriptionUsd, "baseSubscriptionUsd");
    Objects.requireNonNull(purchasedUsd, "purchasedUsd");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(confidence, "confidence");
    if (!windowStart.isBefore(windowEnd)) {
      throw new IllegalArgumentException("entitlement window start [" + windowStart + "] must be before its end ["
          + windowEnd + "]");
    }
    requireBucket("base_subscription", baseSubscriptionUsd, baseSubscriptionTokens);
    requireBucket("purchased", purchasedUsd, purchasedTokens);
    if (source.isBlank()) {
      throw new IllegalArgumentException("entitlement source must not be blank");
    }
    if (line < 0) {
      throw new IllegalArgumentException("line must not be negative, was [" + line + "]");
    }
  }

  /** {@return true when {@code windowStart <= t < windowEnd}}. */
  public boolean contains(Instant t) {
    return !t.isBefore(windowStart) && t.isBefore(windowEnd);
  }

  /** {@return true when the two windows share an instant}. */
  public boolean overlaps(Entitlement other) {
    return windowStart.isBefore(other.windowEnd) && other.windowStart.isBefore(windowEnd);
  }

  /** {@return the tokens of {@code bucket}: 0 for {@link ValueBucket#UNPRICED}}. */
  public long tokens(ValueBucket bucket) {
    return switch (bucket) {
      case BASE -> baseSubscriptionTokens;
      case PURCHASED -> purchasedTokens;
      case UNPRICED -> 0;
    };
  }

  /** {@return the price of all of {@code bucket}'s tokens, exactly}. */
  public UsdAmount usd(ValueBucket bucket) {
    return switch (bucket) {
      case BASE -> UsdAmount.of(baseSubscriptionUsd);
      case PURCHASED -> UsdAmount.of(purchasedUsd);
      case UNPRICED -> UsdAmount.ZERO;
    };
  }

  /** {@return the value of one token of {@code bucket}, {@code usd / tokens}, exactly; zero for an empty bucket}. */
  public UsdAmount usdPerToken(ValueBucket bucket) {
    long tokens = tokens(bucket);
    return tokens == 0 ? UsdAmount.ZERO : usd(bucket).dividedBy(tokens);
  }

  private static void requireBucket(String name, BigDecimal usd, long tokens) {
    if (usd.signum() < 0) {
      throw new IllegalArgumentException(name + "_usd must not be negative, was [" + usd.toPlainString() + "]");
    }
    if (tokens < 0) {
      throw new IllegalArgumentException(name + "_tokens must not be negative, was [" + tokens + "]");
    }
    if (usd.signum() > 0 && tokens == 0) {
      throw new IllegalArgumentException(name + "_usd [" + usd.toPlainString() + "] needs " + name
          + "_tokens to spread over, but there are none");
    }
  }
}
