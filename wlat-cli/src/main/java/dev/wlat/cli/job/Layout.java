package dev.wlat.cli.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each thread group's rows are in the data tables a run published: per group and table, the
 * byte offset, byte length and row count of its rows (each table's rows of one group are
 * contiguous), and the threads of the group left out as split. The next incremental run copies
 * these ranges for the groups it does not recompute.
 */
final class Layout {

  private static final int VERSION = 1;

  /** One group's rows: {@code blocks[3 * table + 0|1|2]} is offset, length, rows. */
  record Entry(String key, long[] blocks, List<String> skipped) {

    Entry {
      skipped = List.copyOf(skipped);
    }

    long offset(int table) {
      return blocks[3 * table];
    }

    long length(int table) {
      return blocks[3 * table + 1];
    }

    long rows(int table) {
      return blocks[3 * table + 2];
    }
  }

  private final int tables;
  private final Map<String, Entry> entries;

  private Layout(int tables, Map<String, Entry> entries) {
    this.tables = tables;
    this.entries = entries;
  }

  static Layout empty(int tables) {
    return new Layout(tables, new LinkedHashMap<>());
  }

  Entry get(String key) {
    return entries.get(key);
  }

  void put(Entry e) {
    if (e.blocks().length != 3 * tables) {
      throw new IllegalArgumentException("entry of " + e.blocks().length / 3 + " tables, layout has " + tables);
    }
    entries.put(e.key(), e);
  }

  int size() {
    return entries.size();
  }

  byte[] toBytes() {
    Blobs.Out o = new Blobs.Out();
    o.varLong(VERSION).varLong(tables).varLong(entries.size());
    for (Entry e : entries.values()) {
      o.string(e.key());
      for (long v : e.blocks()) {
        o.varLong(v);
      }
      o.varLong(e.skipped().size());
      e.skipped().forEach(o::string);
    }
    return o.toBytes();
  }

  /** {@return the layout in {@code blob}}; throws {@link Blobs.Corrupt} when it is not a layout of {@code tables} tables. */
  static Layout fromBytes(byte[] blob, int tables) {
    Blobs.In in = new Blobs.In(blob);
    if (in.varLong() != VERSION || in.varLong() != tables) {
      throw new Blobs.Corrupt("layout of another version or table set");
    }
    int n = in.count();
    Map<String, Entry> m = new LinkedHashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      String key = in.string();
      long[] blocks = new long[3 * tables];
      for (int j = 0; j < blocks.length; j++) {
        blocks[j] = in.varLong();
        if (blocks[j] < 0) {
          throw new Blobs.Corrupt("negative offset in the layout");
        }
      }
      int s = in.count();
      String[] skipped = new String[s];
      for (int j = 0; j < s; j++) {
        skipped[j] = in.string();
      }
      m.put(key, new Entry(key, blocks, List.of(skipped)));
    }
    in.end();
    return new Layout(tables, m);
  }
}
