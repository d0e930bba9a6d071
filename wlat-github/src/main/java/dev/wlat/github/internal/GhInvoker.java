package dev.wlat.github.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Runs {@code gh} with some arguments, handing its stdout to a reader while it runs. Public for
 * {@code dev.wlat.github}; not part of wlat's API.
 */
@FunctionalInterface
public interface GhInvoker {

  /** {@return how the run ended}; {@code stdout} reads the process's standard output. */
  GhCall call(List<String> args, StdoutReader stdout);

  /** Reads a run's standard output; an {@link IOException} marks the output as malformed. */
  @FunctionalInterface
  interface StdoutReader {
    void read(InputStream in) throws IOException;
  }
}
