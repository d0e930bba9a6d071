package dev.wlat.github.internal;

import java.io.IOException;

/**
 * How one run of {@code gh} ended. Public for {@code dev.wlat.github}; not part of wlat's API.
 *
 * @param status whether it started, and whether it ended by itself
 * @param exitCode the exit code ({@code -1} when it did not start)
 * @param stderr what it printed on stderr (at most {@link GhProcess#MAX_STDERR_CHARS} characters),
 *     or, when it did not start, why
 * @param readFailure why its stdout could not be read (malformed JSON), or {@code null}
 */
public record GhCall(Status status, int exitCode, String stderr, IOException readFailure) {

  /** How a run ended. */
  public enum Status {
    /** It ran and exited by itself. */
    EXITED,
    /** The executable could not be started (missing, not executable). */
    NOT_STARTED,
    /** It was killed after the timeout. */
    TIMED_OUT
  }

  public GhCall {
    stderr = stderr == null ? "" : stderr;
  }

  /** {@return true when it exited with 0 and its stdout was read}. */
  public boolean succeeded() {
    return status == Status.EXITED && exitCode == 0 && readFailure == null;
  }
}
