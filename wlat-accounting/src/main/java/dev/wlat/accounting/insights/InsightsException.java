package dev.wlat.accounting.insights;

/**
 * A thresholds file that cannot be used.
 *
 * <p>The message is one line naming the file, line and column, e.g.
 * {@code thresholds.tsv:3: column value: [1.5] for low_cache_ratio is not a ratio from 0 to 1 (e.g. 0.3)}.
 */
public final class InsightsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private InsightsException(String message) {
    super(message);
  }

  /** {@return an exception with a one-line {@code message}}. */
  public static InsightsException of(String message) {
    return new InsightsException(message);
  }
}
