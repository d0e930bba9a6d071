package dev.wlat.accounting.value;

/**
 * An entitlements file that cannot be used.
 *
 * <p>The message is one line naming the file, line and column, e.g.
 * {@code entitlements.tsv:3: column base_subscription_tokens: [12k] is not a whole number}.
 */
public final class EntitlementException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private EntitlementException(String message) {
    super(message);
  }

  /** {@return an exception with a one-line {@code message}}. */
  public static EntitlementException of(String message) {
    return new EntitlementException(message);
  }
}
