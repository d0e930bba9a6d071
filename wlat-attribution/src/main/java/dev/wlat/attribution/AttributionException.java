package dev.wlat.attribution;

/**
 * An attribution input that cannot be used: a malformed or unreadable overrides file.
 *
 * <p>The message is one line naming the file, line and column, e.g.
 * {@code overrides.tsv:4: column github_repo: [not a repo] must look like owner/name}.
 */
public final class AttributionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** {@return an exception with a one-line {@code message}}. */
  public static AttributionException of(String message) {
    return new AttributionException(message, null);
  }

  /** {@return an exception with a one-line {@code message} and its {@code cause}}. */
  public static AttributionException of(String message, Throwable cause) {
    return new AttributionException(message, cause);
  }

  private AttributionException(String message, Throwable cause) {
    super(message, cause);
  }
}
