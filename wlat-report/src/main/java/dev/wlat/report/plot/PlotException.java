package dev.wlat.report.plot;

/**
 * An input of {@code wlat plot} that cannot be used: a missing or malformed data file, a malformed
 * entitlements file.
 *
 * <p>The message is one line naming the file (with its line and column when there is one), e.g.
 * {@code entitlements.tsv:3: column purchased_tokens: [12x] must be a whole number of tokens}.
 */
public final class PlotException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private PlotException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@return an exception with a one-line {@code message}}. */
  public static PlotException of(String message) {
    return new PlotException(message, null);
  }

  /** {@return an exception with a one-line {@code message} and its {@code cause}}. */
  public static PlotException of(String message, Throwable cause) {
    return new PlotException(message, cause);
  }
}
