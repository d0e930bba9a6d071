package dev.wlat.accounting.pricing;

/**
 * A pricing file that cannot be used. The message is one line naming the file, line and column,
 * e.g. {@code prices.tsv:4: column output_per_1m: [ten] is not a decimal number (e.g. 10 or 1.25)}.
 */
public final class PricingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private PricingException(String message) {
    super(message);
  }

  static PricingException of(String message) {
    return new PricingException(message);
  }
}
