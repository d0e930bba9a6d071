package dev.wlat.report.validate;

import dev.wlat.model.Redaction;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * Streams one of wlat's TSV files row by row with its line numbers: a header, then one row per line,
 * cells split on tabs (wlat's cells never hold a tab or line break, so no quoting is needed). A cell
 * that does not parse throws {@link Bad} naming the file, line and column; its text is shown
 * redacted and cut short, since a tampered cell could hold anything.
 */
final class TsvFile implements Closeable {

  /** A cell or header that is not what a check needs. */
  static final class Bad extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Finding finding;

    Bad(Finding finding) {
      super(finding.toString(), null, false, false);
      this.finding = finding;
    }
  }

  private final String name;
  private final BufferedReader in;
  private final List<String> header;
  private String[] cells;
  private long line = 1;

  private TsvFile(String name, BufferedReader in, List<String> header) {
    this.name = name;
    this.in = in;
    this.header = header;
  }

  /** {@return the file {@code root/relative}, positioned after its header}. */
  static TsvFile open(Path root, String relative) {
    Path file = root.resolve(relative);
    try {
      BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
      String first = in.readLine();
      List<String> header = first == null ? List.of() : Arrays.asList(strip(first).split("\t", -1));
      return new TsvFile(relative, in, header);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  String name() {
    return name;
  }

  /** {@return the index of {@code column}}; throws {@link Bad} when the header lacks it. */
  int column(String column) {
    int i = header.indexOf(column);
    if (i < 0) {
      throw new Bad(new Finding(name, 1, "no column " + column + " in the header"));
    }
    return i;
  }

  /** {@return the index of {@code column}, or -1 when the header lacks it}. */
  int optionalColumn(String column) {
    return header.indexOf(column);
  }

  /** Moves to the next row; {@return false at the end}. Blank lines are skipped. */
  boolean next() {
    try {
      String s;
      do {
        s = in.readLine();
        if (s == null) {
          cells = null;
          return false;
        }
        line++;
      } while (s.isEmpty());
      cells = strip(s).split("\t", -1);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /** {@return the current row's line number}. */
  long line() {
    return line;
  }

  /** {@return the current row's cell {@code i}, or {@code ""} when the row is short}. */
  String cell(int i) {
    return i >= 0 && i < cells.length ? cells[i] : "";
  }

  /** {@return the cell as a whole number}; throws {@link Bad} when it is empty or not a number. */
  long number(int i, String column) {
    String s = cell(i);
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw bad(column, s, "is not a whole number");
    }
  }

  /** {@return the cell as a whole number, or {@code empty} when the cell is empty}. */
  long numberOr(int i, String column, long empty) {
    return cell(i).isEmpty() ? empty : number(i, column);
  }

  /** {@return the cell as an instant}; throws {@link Bad} when it is not one. */
  Instant instant(int i, String column) {
    String s = cell(i);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw bad(column, s, "is not an ISO-8601 instant");
    }
  }

  /** {@return a {@link Bad} for the current row's {@code column}}. */
  Bad bad(String column, String value, String what) {
    return new Bad(new Finding(name, line, "column " + column + ": [" + shown(value) + "] " + what));
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // read-only; nothing to lose
    }
  }

  static String shown(String s) {
    String r = Redaction.redact(s.replaceAll("\\p{Cntrl}", " "));
    return r.length() <= 80 ? r : r.substring(0, 77) + "...";
  }

  private static String strip(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
