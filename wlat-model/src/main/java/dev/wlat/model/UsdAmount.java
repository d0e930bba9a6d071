package dev.wlat.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact amount of US dollars: a fraction {@code numerator / denominator} in lowest terms, so that
 * a bucket's price shared over any number of token rows adds back to exactly the bucket's price.
 *
 * <p>Pricing divides ({@code usd / tokens}), and a decimal quotient such as {@code 20 / 3} does not
 * terminate; a {@link BigDecimal} would have to round at every row and the rows would no longer sum
 * to the whole. Keeping the fraction defers rounding to {@link #toDecimal}, called only when a
 * figure is printed. The amount is non-negative.
 *
 * @param numerator the numerator, non-negative
 * @param denominator the denominator, positive; {@code gcd(numerator, denominator) = 1}
 */
public record UsdAmount(BigInteger numerator, BigInteger denominator) implements Comparable<UsdAmount> {

  /** No money: the identity of {@link #plus}. */
  public static final UsdAmount ZERO = new UsdAmount(BigInteger.ZERO, BigInteger.ONE);

  public UsdAmount {
    Objects.requireNonNull(numerator, "numerator");
    Objects.requireNonNull(denominator, "denominator");
    if (numerator.signum() < 0) {
      throw new IllegalArgumentException("usd amount must not be negative, was [" + numerator + "/" + denominator + "]");
    }
    if (denominator.signum() <= 0) {
      throw new IllegalArgumentException("usd amount denominator must be positive, was [" + denominator + "]");
    }
    BigInteger g = numerator.gcd(denominator);
    if (numerator.signum() == 0) {
      denominator = BigInteger.ONE;
    } else if (!g.equals(BigInteger.ONE)) {
      numerator = numerator.divide(g);
      denominator = denominator.divide(g);
    }
  }

  /** {@return the exact amount {@code usd}}; throws for a negative amount. */
  public static UsdAmount of(BigDecimal usd) {
    Objects.requireNonNull(usd, "usd");
    if (usd.signum() < 0) {
      throw new IllegalArgumentException("usd amount must not be negative, was [" + usd.toPlainString() + "]");
    }
    if (usd.scale() <= 0) {
      return new UsdAmount(usd.toBigIntegerExact(), BigInteger.ONE);
    }
    return new UsdAmount(usd.unscaledValue(), BigInteger.TEN.pow(usd.scale()));
  }

  /** {@return this plus {@code other}, exactly}. */
  public UsdAmount plus(UsdAmount other) {
    if (other.isZero()) {
      return this;
    }
    if (isZero()) {
      return other;
    }
    return new UsdAmount(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
        denominator.multiply(other.denominator));
  }

  /** {@return this times {@code factor} (non-negative), exactly}. */
  public UsdAmount times(long factor) {
    if (factor < 0) {
      throw new IllegalArgumentException("factor must not be negative, was [" + factor + "]");
    }
    return new UsdAmount(numerator.multiply(BigInteger.valueOf(factor)), denominator);
  }

  /** {@return this divided by {@code divisor} (positive), exactly}. */
  public UsdAmount dividedBy(long divisor) {
    if (divisor <= 0) {
      throw new IllegalArgumentException("divisor must be positive, was [" + divisor + "]");
    }
    return new UsdAmount(numerator, denominator.multiply(BigInteger.valueOf(divisor)));
  }

  /** {@return true when the amount is zero}. */
  public boolean isZero() {
    return numerator.signum() == 0;
  }

  /**
   * {@return the amount as a decimal with {@code scale} digits after the point, rounded half-even}:
   * the only place an amount is rounded.
   */
  public BigDecimal toDecimal(int scale) {
    return new BigDecimal(numerator).divide(new BigDecimal(denominator), scale, RoundingMode.HALF_EVEN);
  }

  @Override
  public int compareTo(UsdAmount o) {
    return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
  }

  /** {@return the amount rounded to six decimals, for messages}. */
  @Override
  public String toString() {
    return toDecimal(6).toPlainString();
  }
}
