package dev.wlat.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams rows of one {@link TsvTable} into a file, atomically: rows go to a temporary sibling and
 * {@link #commit()} renames it over the target. Closing without committing discards the temporary,
 * so the last good file stays in place.
 *
 * <p>The dialect is commons-csv's tab-delimited format with quoting and escaping turned off: a cell
 * never contains a tab, carriage return or line feed (each is replaced by a space), so every line is
 * one row and any TSV reader (Python's {@code csv} with {@code QUOTE_NONE}, {@code cut}, pandas)
 * reads it back unchanged. wlat never writes CSV.
 *
 * @param <T> the row type
 */
public final class TsvWriter<T> implements AutoCloseable {

  static final CSVFormat FORMAT = CSVFormat.TDF.builder()
      .setQuote(null)
      .setEscape(null)
      .setRecordSeparator('\n')
      .setTrim(false)
      .setIgnoreSurroundingSpaces(false)
      .get();

  private final TsvTable<T> table;
  private final Path target;
  private final Path tmp;
  private final CSVPrinter printer;
  private final Object[] cells;
  private long rows;
  private boolean done;
  private boolean finished;

  private TsvWriter(TsvTable<T> table, Path target) throws IOException {
    this.table = table;
    this.target = target;
    Files.createDirectories(target.toAbsolutePath().getParent());
    this.tmp = AtomicFiles.temporaryFor(target);
    BufferedWriter out = new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16);
    this.printer = new CSVPrinter(out, FORMAT);
    this.cells = new Object[table.columns().size()];
    printer.printRecord(table.header());
  }

  /** {@return a writer of {@code table} into {@code dir/table.fileName()}}. */
  public static <T> TsvWriter<T> open(Path dir, TsvTable<T> table) {
    try {
      return new TsvWriter<>(table, dir.resolve(table.fileName()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(table.fileName()) + ": " + e.getMessage(), e);
    }
  }

  /** Writes every row of {@code rows} to {@code dir/table.fileName()} atomically; {@return the row count}. */
  public static <T> long writeAll(Path dir, TsvTable<T> table, Iterable<? extends T> rows) {
    try (TsvWriter<T> w = open(dir, table)) {
      for (T row : rows) {
        w.write(row);
      }
      return w.commit();
    }
  }

  /** Appends one row. */
  public void write(T row) {
    List<Column<T>> columns = table.columns();
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cell(columns.get(i).value().apply(row));
    }
    try {
      printer.printRecord(cells);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp + ": " + e.getMessage(), e);
    }
    rows++;
  }

  /** {@return rows written so far}. */
  public long rowCount() {
    return rows;
  }

  /** {@return the file this writer produces}. */
  public Path target() {
    return target;
  }

  /**
   * Flushes and closes the temporary file without publishing it, so a run can finish every file
   * before it renames any; {@link #commit()} then only renames.
   */
  public void finish() {
    if (finished) {
      return;
    }
    try {
      printer.close(true);
      finished = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Finishes the file if needed and renames it over the target; {@return the row count}. */
  public long commit() {
    finish();
    try {
      AtomicFiles.commit(tmp, target);
      done = true;
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Discards the temporary file unless {@link #commit()} ran. */
  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    try {
      printer.close();
    } catch (IOException ignored) {
      // the temporary is deleted below; the target was never touched
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // a stale temporary is removed by the next run
    }
  }

  /** Renders a cell: null → empty, and no tab, CR or LF can survive into the file. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value instanceof Boolean b ? (b ? "1" : "0") : value.toString();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\t' || c == '\n' || c == '\r') {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
      }
    }
    return s;
  }
}
