package dev.wlat.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table for the terminal: columns padded to their widest cell, numbers (and blanks) aligned to the
 * right, two spaces between columns, a rule under the header. Cells are plain text: callers group
 * digits and shorten what must be short.
 */
final class TextTable {

  private final List<String> header;
  private final boolean[] right;
  private final List<String[]> rows = new ArrayList<>();

  private TextTable(List<String> header, boolean[] right) {
    this.header = header;
    this.right = right;
  }

  /** {@return a table of {@code header}}; columns named in {@code rightAligned} hold numbers. */
  static TextTable of(List<String> header, List<String> rightAligned) {
    boolean[] r = new boolean[header.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = rightAligned.contains(header.get(i));
    }
    return new TextTable(List.copyOf(header), r);
  }

  TextTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("a row of " + header.size() + " cells was given " + cells.length);
    }
    String[] c = new String[cells.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = cells[i] == null ? "" : cells[i].replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
    rows.add(c);
    return this;
  }

  void print(PrintWriter out) {
    int[] w = new int[header.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = header.get(i).length();
    }
    for (String[] r : rows) {
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    out.println(line(header.toArray(String[]::new), w));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
    }
    out.println(rule);
    for (String[] r : rows) {
      out.println(line(r, w));
    }
  }

  private String line(String[] cells, int[] w) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append("  ");
      }
      String pad = " ".repeat(w[i] - cells[i].length());
      b.append(right[i] ? pad + cells[i] : i == cells.length - 1 ? cells[i] : cells[i] + pad);
    }
    return b.toString();
  }
}
