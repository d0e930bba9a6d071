package dev.wlat.cli;

/** wlat's exit codes, one meaning each; picocli's usage errors map to {@link #INVALID_INPUT}. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** A failure with no more specific code. */
  public static final int GENERIC = 1;
  /** Bad options, a bad value, an unreadable input: the user can fix the call. */
  public static final int INVALID_INPUT = 2;
  /** The outside world is not as needed: an output cannot be written, {@code gh} missing or not authenticated. */
  public static final int UNEXPECTED_STATE = 3;
  /** A bug in wlat. */
  public static final int INTERNAL = 4;

  private ExitCodes() {}
}
