package dev.wlat.cli;

/** A failure to report as one line on stderr, with the exit code it maps to. */
final class WlatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  WlatException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  WlatException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  static WlatException invalidInput(String message) {
    return new WlatException(ExitCodes.INVALID_INPUT, message);
  }

  int exitCode() {
    return exitCode;
  }
}
