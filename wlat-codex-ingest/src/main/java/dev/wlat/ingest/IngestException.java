package dev.wlat.ingest;

/**
 * A Codex home or file that cannot be used at all (missing, unreadable).
 *
 * <p>Bad content is never an exception: it is counted in {@link dev.wlat.model.ParseDiagnostics}.
 * The message is one line naming the path.
 */
public final class IngestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** {@return an exception with a one-line {@code message}}. */
  public static IngestException of(String message) {
    return new IngestException(message, null);
  }

  /** {@return an exception with a one-line {@code message} and its {@code cause}}. */
  public static IngestException of(String message, Throwable cause) {
    return new IngestException(message, cause);
  }

  private IngestException(String message, Throwable cause) {
    super(message, cause);
  }
}
