package dev.wlat.report;

import java.io.IOException;
import java.util.List;

/**
 * Encodes rows of one table into a {@link RowSink}. A text cell that is the very String of the row
 * before in its column (a thread's id, path, model and repository repeat on each of its rows) is
 * copied from that row's bytes while they are still buffered, instead of being checked and encoded
 * again.
 */
final class RowEncoder<T> {
  private final List<Column<T>> columns;
  private final Object[] cells;
  private final String[] last;
  private final long[] lastAt;
  private final int[] lastLength;

  RowEncoder(TsvTable<T> table) {
    this.columns = table.columns();
    int n = columns.size();
    this.cells = new Object[n];
    this.last = new String[n];
    this.lastAt = new long[n];
    this.lastLength = new int[n];
  }

  void encode(T row, RowSink sink) throws IOException {
    Object[] c = cells;
    for (int i = 0; i < c.length; i++) {
      c[i] = columns.get(i).value().apply(row); // every value first: a failing column writes nothing
    }
    for (int i = 0; i < c.length; i++) {
      if (i > 0) {
        sink.write('\t');
      }
      Object v = c[i];
      if (v instanceof String s) {
        if (s == last[i] && sink.repeat(lastAt[i], lastLength[i])) {
          continue;
        }
        long at = sink.position();
        TsvWriter.put(s, sink);
        last[i] = s;
        lastAt[i] = at;
        lastLength[i] = (int) (sink.position() - at);
      } else {
        TsvWriter.put(v, sink);
      }
    }
    sink.write('\n');
  }
}
