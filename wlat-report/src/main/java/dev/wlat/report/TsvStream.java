package dev.wlat.report;

import dev.wlat.report.summary.ReportDataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/*
 * TsvReader.readAll builds one ordered map per row: fine for the per-thread and per-file tables, but
 * token_event_accounting.tsv has a row per token event (358,606 rows for a 1 GB history), and as maps
 * those would need about a gigabyte, twice the launcher's heap. This reads the same dialect a line at
 * a time instead: TsvWriter guarantees that no cell holds a tab, CR or LF and that nothing is quoted,
 * so a line split on tabs is exactly a row. Like TsvReader, blank lines are skipped and missing
 * trailing cells read as empty. Errors name the file, line and column.
 */

/** Reads a TSV written by {@code TsvWriter} row by row, with typed, line-numbered cell access. */
public final class TsvStream implements AutoCloseable {

  private final Path file;
  private final BufferedReader in;
  private final Map<String, Integer> columns = new HashMap<>();
  private final String[] names;
  private String[] cells = new String[0];
  private long line = 1;

  private TsvStream(Path file, BufferedReader in, String header) {
    this.file = file;
    this.in = in;
    this.names = header.isEmpty() ? new String[0] : header.split("\t", -1);
    for (int i = 0; i < names.length; i++) {
      columns.putIfAbsent(names[i], i);
    }
  }

  /** {@return a stream over {@code file}}; throws {@link ReportDataException} when it is missing or unreadable. */
  public static TsvStream open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw ReportDataException.missing(file);
    }
    try {
      BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      String header = in.readLine();
      if (header == null) {
        in.close();
        throw ReportDataException.unreadable(file, "the file is empty (not even a header)");
      }
      return new TsvStream(file, in, header);
    } catch (IOException e) {
      throw ReportDataException.unreadable(file, e.getMessage());
    }
  }

  /** {@return the index of column {@code name}}; throws {@link ReportDataException} when the file has none. */
  public int column(String name) {
    Integer i = columns.get(name);
    if (i == null) {
      throw ReportDataException.missingColumn(file, name);
    }
    return i;
  }

  /** {@return whether the file has column {@code name}}. */
  public boolean hasColumn(String name) {
    return columns.containsKey(name);
  }

  /** Advances to the next row; {@return false at the end of the file}. */
  public boolean next() {
    try {
      String s;
      do {
        s = in.readLine();
        line++;
        if (s == null) {
          return false;
        }
      } while (s.isEmpty());
      cells = s.split("\t", -1);
      return true;
    } catch (IOException e) {
      throw ReportDataException.unreadable(file, e.getMessage());
    }
  }

  /** {@return the 1-based line number of the current row}. */
  public long line() {
    return line;
  }

  /** {@return the file}. */
  public Path file() {
    return file;
  }

  /** {@return the cell in column {@code i}, or {@code null} when it is empty}. */
  public String text(int i) {
    String s = i < cells.length ? cells[i] : "";
    return s.isEmpty() ? null : s;
  }

  /** {@return the cell in column {@code i} as a non-negative number}; an empty cell reads as 0. */
  public long number(int i) {
    String s = text(i);
    if (s == null) {
      return 0;
    }
    try {
      long v = Long.parseLong(s);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below, with the place
    }
    throw ReportDataException.badCell(file, line, names[i], s, "a non-negative whole number");
  }

  /** {@return the cell in column {@code i} as a 0/1 flag}; an empty cell reads as false. */
  public boolean flag(int i) {
    String s = text(i);
    if (s == null || s.equals("0")) {
      return false;
    }
    if (s.equals("1")) {
      return true;
    }
    throw ReportDataException.badCell(file, line, names[i], s, "1 or 0");
  }

  /** {@return the cell in column {@code i} as an instant, or {@code null} when it is empty}. */
  public Instant instant(int i) {
    String s = text(i);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeException e) {
      throw ReportDataException.badCell(file, line, names[i], s, "an ISO-8601 UTC timestamp");
    }
  }

  /** {@return a data error at the current row, for a cell a caller could not interpret}. */
  public ReportDataException bad(int i, String expected) {
    return ReportDataException.badCell(file, line, names[i], i < cells.length ? cells[i] : "", expected);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // read-only: nothing to lose
    }
  }
}
