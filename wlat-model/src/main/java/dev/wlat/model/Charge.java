package dev.wlat.model;

import java.math.BigDecimal;

/**
 * What some usage costs in one unit (US dollars, or Codex credits), exactly: rates are decimals per
 * million tokens and token counts are whole, so every amount is a terminating decimal and sums
 * never round.
 *
 * <p>An amount is the sum over the priced parts only; tokens of models without a price are counted
 * in {@code unpricedTokens} and make the basis {@link PriceBasis#UNPRICED}, so that unknown usage is
 * never shown as $0. A charge with no parts ({@link #NONE}) has neither amount nor basis.
 *
 * @param amount the priced parts' total, or {@code null} when no part was priced
 * @param basis the weakest basis of the parts, or {@code null} for no parts
 * @param unpricedTokens tokens of the parts that had no price
 */
public record Charge(BigDecimal amount, PriceBasis basis, long unpricedTokens) {

  /** No usage: the identity of {@link #plus}. */
  public static final Charge NONE = new Charge(null, null, 0);

  public Charge {
    if (amount != null && amount.signum() < 0) {
      throw new IllegalArgumentException("charge must not be negative, was [" + amount.toPlainString() + "]");
    }
    if (unpricedTokens < 0) {
      throw new IllegalArgumentException("unpriced tokens must not be negative, was [" + unpricedTokens + "]");
    }
    if (basis == null && (amount != null || unpricedTokens != 0)) {
      throw new IllegalArgumentException("a charge with an amount or unpriced tokens needs a basis");
    }
  }

  /** {@return a priced part: {@code amount} on {@code basis}}. */
  public static Charge priced(BigDecimal amount, PriceBasis basis) {
    if (basis == null || basis == PriceBasis.UNPRICED) {
      throw new IllegalArgumentException("a priced part needs a basis other than unpriced, was [" + basis + "]");
    }
    return new Charge(amount, basis, 0);
  }

  /** {@return an unpriced part of {@code tokens} tokens}. */
  public static Charge unpriced(long tokens) {
    return new Charge(null, PriceBasis.UNPRICED, tokens);
  }

  /** {@return the charge of this and {@code other} together, exactly}. */
  public Charge plus(Charge other) {
    if (other.basis == null) {
      return this;
    }
    if (basis == null) {
      return other;
    }
    BigDecimal sum = amount == null ? other.amount : other.amount == null ? amount : amount.add(other.amount);
    return new Charge(sum, basis.weaker(other.basis), Math.addExact(unpricedTokens, other.unpricedTokens));
  }
}
