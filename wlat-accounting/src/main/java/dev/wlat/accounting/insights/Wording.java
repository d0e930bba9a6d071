package dev.wlat.accounting.insights;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * How insights write numbers: tokens grouped with commas ({@code 239,360}), measured percentages
 * rounded down to whole numbers ({@code 88%}) so that a share just under a whole-number threshold
 * never reads as the threshold, thresholds as set ({@code 60%}, {@code 60.5%}), money in dollars
 * and cents rounded half up ({@code $1.40}).
 */
final class Wording {

  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  private Wording() {}

  /** {@return {@code n} grouped with commas}. */
  static String tokens(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@return {@code "1 call"} or {@code "n calls"}}. */
  static String calls(long n) {
    return tokens(n) + (n == 1 ? " call" : " calls");
  }

  /** {@return {@code num / den} as a whole percentage, rounded down; {@code den} is positive}. */
  static String percent(long num, long den) {
    return tokens(BigInteger.valueOf(num).multiply(HUNDRED).divide(BigInteger.valueOf(den)).longValueExact()) + "%";
  }

  /** {@return the threshold {@code ratio} as a percentage, exactly as set}. */
  static String percent(double ratio) {
    return BigDecimal.valueOf(ratio).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }

  /** {@return {@code usd} in dollars and cents, rounded half up}. */
  static String usd(BigDecimal usd) {
    return String.format(Locale.ROOT, "$%,.2f", usd);
  }
}
