package dev.wlat.model;

import java.util.Objects;

/**
 * The part of one row's tokens that went to one bucket of one entitlement window, and its value.
 *
 * <p>A row gives one allocation per bucket it touches, so a row that uses the last base tokens of
 * its window and goes on into the purchased ones gives two; the allocations of a row sum to its
 * tokens. Unpriced tokens carry no value ({@link UsdAmount#ZERO}) and the reason they have none.
 *
 * @param spend the row
 * @param entitlement the window the row lies in, or {@code null} when it lies in none
 * @param bucket the bucket
 * @param tokens how many of the row's tokens went to the bucket, positive
 * @param usd their value: {@code tokens * bucket usd / bucket tokens}, exact
 * @param unpricedReason why the tokens are unpriced, or {@code null} for a priced bucket
 */
public record ValueAllocation(
    TokenSpend spend,
    Entitlement entitlement,
    ValueBucket bucket,
    long tokens,
    UsdAmount usd,
    UnpricedReason unpricedReason) {

  public ValueAllocation {
    Objects.requireNonNull(spend, "spend");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(usd, "usd");
    if (tokens <= 0 || tokens > spend.tokens()) {
      throw new IllegalArgumentException("allocation of row [" + spend.eventId() + "] must carry 1 to "
          + spend.tokens() + " tokens, was [" + tokens + "]");
    }
    if ((bucket == ValueBucket.UNPRICED) != (unpricedReason != null)) {
      throw new IllegalArgumentException("allocation of row [" + spend.eventId() + "] to bucket [" + bucket.label()
          + "] with reason [" + unpricedReason + "]: exactly the unpriced bucket has a reason");
    }
    if ((entitlement == null) != (unpricedReason == UnpricedReason.NO_ENTITLEMENT_WINDOW)) {
      throw new IllegalArgumentException("allocation of row [" + spend.eventId()
          + "]: exactly the rows outside every entitlement window have no entitlement");
    }
    if (bucket == ValueBucket.UNPRICED && !usd.isZero()) {
      throw new IllegalArgumentException("unpriced allocation of row [" + spend.eventId() + "] has a value [" + usd + "]");
    }
  }

  /** {@return the value of one token of the bucket, exactly; zero when unpriced}. */
  public UsdAmount usdPerToken() {
    return entitlement == null ? UsdAmount.ZERO : entitlement.usdPerToken(bucket);
  }
}
