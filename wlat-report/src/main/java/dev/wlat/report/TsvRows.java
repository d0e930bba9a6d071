package dev.wlat.report;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Rows of one {@link TsvTable} rendered into memory, for a {@link TsvWriter} of the same table to
 * {@link TsvWriter#append append} later: a worker thread renders its share of a table while one
 * writer keeps the file's order. The bytes are those the writer would have written row by row.
 *
 * @param <T> the row type
 */
public final class TsvRows<T> {
  private final TsvTable<T> table;
  private final RowEncoder<T> encoder;
  private final RowSink sink = RowSink.inMemory();
  private long rows;

  private TsvRows(TsvTable<T> table) {
    this.table = table;
    this.encoder = new RowEncoder<>(table);
  }

  /** {@return an empty block of {@code table}'s rows}. */
  public static <T> TsvRows<T> of(TsvTable<T> table) {
    return new TsvRows<>(table);
  }

  /** Renders one more row; {@return this block}. */
  public TsvRows<T> add(T row) {
    try {
      encoder.encode(row, sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // memory only: cannot happen
    }
    rows++;
    return this;
  }

  /** {@return the table these rows belong to}. */
  public TsvTable<T> table() {
    return table;
  }

  /** {@return how many rows the block holds}. */
  public long rowCount() {
    return rows;
  }

  /** {@return how many bytes the rows take}. */
  public long byteCount() {
    return sink.position();
  }

  void writeTo(RowSink to) throws IOException {
    sink.writeTo(to);
  }
}
