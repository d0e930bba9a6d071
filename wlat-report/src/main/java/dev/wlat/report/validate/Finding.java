package dev.wlat.report.validate;

import java.util.Objects;

/**
 * One thing a check found wrong, and where: a file under the output root and a line of it.
 *
 * <p>{@code what} never quotes a secret: the secrets scan names the kind of secret found
 * ({@code github_token}), never the text that matched.
 *
 * @param file the file, relative to the output root, with {@code /} separators (e.g.
 *     {@code data/raw_token_events.tsv})
 * @param line the 1-based line, or {@code 0} for the file as a whole
 * @param what what is wrong, one line
 */
public record Finding(String file, long line, String what) {

  public Finding {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(what, "what");
    if (line < 0) {
      throw new IllegalArgumentException("line must not be negative, was [" + line + "]");
    }
  }

  /** {@return {@code file:line}, or {@code file} for the whole file}. */
  public String place() {
    return line == 0 ? file : file + ":" + line;
  }

  /** {@return {@code file:line: what}}. */
  @Override
  public String toString() {
    return place() + ": " + what;
  }
}
