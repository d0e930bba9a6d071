package dev.wlat.report.summary.internal;

import java.util.List;

/**
 * Builds a Markdown document. Text from the data (titles, workstream labels) goes through
 * {@link #escape}, so it can neither break a table nor inject HTML; the builder's own text may use
 * Markdown ({@code **bold**}, {@code `code`}).
 */
final class Markdown {

  private final StringBuilder md = new StringBuilder(8192);

  /** Adds a level-1 heading. */
  Markdown title(String text) {
    md.append("# ").append(text).append("\n\n");
    return this;
  }

  /** Adds a level-2 heading. */
  Markdown section(String text) {
    md.append("## ").append(text).append("\n\n");
    return this;
  }

  /** Adds a level-3 heading. */
  Markdown subsection(String text) {
    md.append("### ").append(text).append("\n\n");
    return this;
  }

  /** Adds a paragraph. */
  Markdown paragraph(String text) {
    md.append(text).append("\n\n");
    return this;
  }

  /** Adds a block quote of one paragraph per item. */
  Markdown quote(List<String> paragraphs) {
    for (int i = 0; i < paragraphs.size(); i++) {
      md.append(i == 0 ? "" : ">\n").append("> ").append(paragraphs.get(i)).append('\n');
    }
    md.append('\n');
    return this;
  }

  /** Adds a bulleted list. */
  Markdown bullets(List<String> items) {
    for (String item : items) {
      md.append("- ").append(item).append('\n');
    }
    md.append('\n');
    return this;
  }

  /** Adds a table; {@code rightAligned} columns hold numbers. */
  Markdown table(List<String> header, List<String[]> rows, int... rightAligned) {
    md.append('|');
    for (String h : header) {
      md.append(' ').append(h).append(" |");
    }
    md.append("\n|");
    for (int i = 0; i < header.size(); i++) {
      boolean right = false;
      for (int r : rightAligned) {
        right |= r == i;
      }
      md.append(right ? "---:|" : "---|");
    }
    md.append('\n');
    for (String[] row : rows) {
      md.append('|');
      for (String cell : row) {
        md.append(' ').append(cell == null ? "" : cell.replace("\n", " ")).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
    return this;
  }

  /** {@return the document}. */
  String text() {
    return md.toString();
  }

  /** {@return {@code s} safe as Markdown text: no table breaks, HTML, emphasis or links}. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '|', '\\', '`', '*', '_', '[', ']', '#' -> b.append('\\').append(c);
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '\n', '\r', '\t' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** {@return {@code s} as inline code (for ids and labels), with backticks removed}. */
  static String code(String s) {
    return s == null || s.isEmpty() ? "" : "`" + s.replace("`", "'").replace("|", "\\|") + "`";
  }
}
