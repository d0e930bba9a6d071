package dev.wlat.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real {@code wlat} command line in-process and captures what it printed. */
final class Cli {

  private Cli() {}

  /**
   * What one run of {@code wlat} did.
   *
   * @param exitCode the exit code {@link Main#run} returned
   * @param out everything printed on stdout, line ends normalized to {@code \n}
   * @param err everything printed on stderr, line ends normalized to {@code \n}
   */
  record Result(int exitCode, String out, String err) {

    /** {@return a description for assertion messages}. */
    String describe() {
      return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
  }

  /** {@return the result of running {@code wlat args…}}. */
  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code = Main.run(o, e, args);
    }
    return new Result(code, normalize(out.toString()), normalize(err.toString()));
  }

  private static String normalize(String s) {
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }
}
