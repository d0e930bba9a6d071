package dev.wlat.report.plot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * token_event_accounting.tsv has one row per raw token row: hundreds of thousands on a large
 * history. TsvReader.readAll would hold each as a map of every cell; this reads the file a line at a
 * time instead and keeps only the cells asked for. It reads the dialect TsvWriter writes (a cell
 * never holds a tab or line break, no quoting), and repeated cells (thread ids, repos, labels) are
 * shared so the plot's memory grows with the rows kept, not with their text.
 */

/** Streams the rows of one data fact file, naming its file, line and column in every error. */
final class FactRows implements AutoCloseable {

  private final Path file;
  private final BufferedReader in;
  private final Map<String, Integer> header = new HashMap<>();
  private final Map<String, String> shared = new HashMap<>();
  private String[] cells;
  private int line = 1;

  private FactRows(Path file, BufferedReader in, String headerLine) {
    this.file = file;
    this.in = in;
    String[] names = headerLine.split("\t", -1);
    for (int i = 0; i < names.length; i++) {
      header.putIfAbsent(names[i], i);
    }
  }

  /** {@return the rows of {@code file}}; a missing file fails with "run wlat backfill first". */
  static FactRows open(Path file) {
    requirePresent(file);
    try {
      BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      String first = in.readLine();
      if (first == null || first.isEmpty()) {
        in.close();
        throw PlotException.of(file + ":1: no header; run wlat backfill first");
      }
      return new FactRows(file, in, first.startsWith("\uFEFF") ? first.substring(1) : first);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Fails with "run wlat backfill first" when {@code file} is not a regular file. */
  static void requirePresent(Path file) {
    if (!Files.isRegularFile(file)) {
      throw PlotException.of(file + ": missing; run wlat backfill first");
    }
  }

  /** {@return the index of {@code column}}; fails naming it when the header lacks it. */
  int column(String column) {
    Integer i = header.get(column);
    if (i == null) {
      throw missingColumn(file, column);
    }
    return i;
  }

  static PlotException missingColumn(Path file, String column) {
    return PlotException.of(file + ":1: column " + column + ": missing from the header; rerun wlat backfill");
  }

  /** Moves to the next row; {@return false at the end}. */
  boolean next() {
    try {
      String l;
      do {
        l = in.readLine();
        line++;
      } while (l != null && l.isEmpty());
      if (l == null) {
        return false;
      }
      cells = l.split("\t", -1);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@return the cell at {@code column} of this row, shared with equal cells; "" when absent}. */
  String text(int column) {
    String c = column < cells.length ? cells[column] : "";
    return shared.computeIfAbsent(c, k -> k);
  }

  /** {@return the cell at {@code column} as a whole number; an empty cell is 0}. */
  long number(int column, String name) {
    String c = column < cells.length ? cells[column] : "";
    if (c.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(c);
    } catch (NumberFormatException e) {
      throw PlotException.of(file + ":" + line + ": column " + name + ": [" + c + "] is not a whole number");
    }
  }

  /** {@return the cell at {@code column} as an ISO instant}. */
  Instant instant(int column, String name) {
    String c = column < cells.length ? cells[column] : "";
    try {
      return Instant.parse(c);
    } catch (DateTimeException e) {
      throw PlotException.of(file + ":" + line + ": column " + name + ": [" + c + "] is not an ISO-8601 instant");
    }
  }

  /** Fails naming the file when the header lacks any of {@code columns}. */
  static void requireColumns(Path file, List<String> header, String... columns) {
    for (String c : columns) {
      if (!header.contains(c)) {
        throw missingColumn(file, c);
      }
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return file + " " + Arrays.toString(cells);
  }
}
