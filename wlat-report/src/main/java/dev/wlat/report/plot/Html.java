package dev.wlat.report.plot;

import java.util.ArrayList;
import java.util.List;

/*
 * Every plot is one self-contained page: inline CSS, inline SVG, no script and nothing fetched
 * (no font, image, stylesheet or script from anywhere). The markup is also well-formed XML (every
 * element closed, only the five XML entities, numeric character references otherwise), so a test can
 * parse it with the JDK's XML parser, and hover values come from SVG <title> elements, which every
 * browser shows natively.
 */

/** A small builder of one self-contained plot page; every text it is given is escaped. */
final class Html {

  static final String STYLE = String.join("\n",
      ":root { color-scheme: light; }",
      "body { margin: 0; padding: 14px 22px; background: #ffffff; color: #1f2328;",
      "  font: 13px/1.4 system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif; }",
      "main { max-width: 1160px; }",
      "h1 { font-size: 19px; margin: 0 0 2px; font-weight: 600; }",
      "p { margin: 0; }",
      ".sub { color: #57606a; margin-bottom: 6px; }",
      ".caption { color: #57606a; margin-top: 6px; max-width: 1120px; font-size: 12px; }",
      ".caption b { color: #1f2328; font-weight: 600; }",
      ".foot { color: #8c959f; margin-top: 4px; font-size: 11px; }",
      ".empty { padding: 40px 0; font-size: 16px; color: #57606a; }",
      "svg { display: block; }",
      "svg text { font-family: inherit; fill: #1f2328; }",
      "svg .tick text, svg .label { fill: #57606a; font-size: 11px; }",
      "svg .axis-title { fill: #1f2328; font-size: 12px; font-weight: 600; }",
      "svg .grid { stroke: #eaeef2; stroke-width: 1; }",
      "svg .axis { stroke: #8c959f; stroke-width: 1; }",
      "svg .hover { fill: transparent; }",
      "svg .hover:hover { fill: rgba(31, 35, 40, 0.07); }",
      "svg .dot:hover, svg .cell:hover { stroke: #1f2328; stroke-width: 1.5; }",
      "table { border-collapse: collapse; margin-top: 6px; }",
      "th, td { padding: 2px 12px 2px 0; text-align: left; vertical-align: middle; border-bottom: 1px solid #eaeef2;",
      "  white-space: nowrap; line-height: 1.25; }",
      "th { font-size: 12px; color: #57606a; font-weight: 600; }",
      "td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }",
      "td .id { color: #8c959f; font-size: 10.5px; }",
      ".legend { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: center; margin: 2px 0 4px;",
      "  font-size: 12px; color: #1f2328; }",
      ".legend .key { display: inline-flex; align-items: center; gap: 5px; }",
      ".legend .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }");

  private final String title;
  private final List<String> parts = new ArrayList<>();

  private Html(String title) {
    this.title = title;
  }

  /** {@return a page titled {@code title}}. */
  static Html page(String title) {
    return new Html(title);
  }

  /** Adds the line under the title (window, totals). */
  Html subtitle(String text) {
    parts.add("<p class=\"sub\">" + escape(text) + "</p>");
    return this;
  }

  /** Adds a legend: one key per {@code (colour, label)} pair. */
  Html legend(List<String[]> keys) {
    return legend("", keys);
  }

  /** Adds a legend led by {@code lead}: one key per {@code (colour, label)} pair. */
  Html legend(String lead, List<String[]> keys) {
    StringBuilder b = new StringBuilder("<div class=\"legend\">");
    if (!lead.isEmpty()) {
      b.append("<span>").append(escape(lead)).append("</span>");
    }
    for (String[] k : keys) {
      b.append("<span class=\"key\"><span class=\"swatch\" style=\"background:").append(escape(k[0]))
          .append("\"></span>").append(escape(k[1])).append("</span>");
    }
    parts.add(b.append("</div>").toString());
    return this;
  }

  /** Adds a legend whose content is already markup (an inline SVG key, built with {@link Svg}). */
  Html legendMarkup(String markup) {
    parts.add("<div class=\"legend\">" + markup + "</div>");
    return this;
  }

  /** Adds markup built by {@link Svg} or {@link #table}. */
  Html markup(String markup) {
    parts.add(markup);
    return this;
  }

  /** Adds the "nothing to show" message in place of a chart. */
  Html empty(String text) {
    parts.add("<p class=\"empty\">" + escape(text) + "</p>");
    return this;
  }

  /** Adds the caption: a bold lead-in, then the rest. */
  Html caption(String lead, String text) {
    parts.add("<p class=\"caption\"><b>" + escape(lead) + "</b> " + escape(text) + "</p>");
    return this;
  }

  /** Adds the small footer line. */
  Html footer(String text) {
    parts.add("<p class=\"foot\">" + escape(text) + "</p>");
    return this;
  }

  /** {@return the page}. */
  String render() {
    StringBuilder b = new StringBuilder(16384);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n<main>\n")
        .append("<h1>").append(escape(title)).append("</h1>\n");
    for (String p : parts) {
      b.append(p).append('\n');
    }
    return b.append("</main>\n</body>\n</html>\n").toString();
  }

  /**
   * {@return {@code text} safe in element content and in quoted attribute values}: {@code & < > " '}
   * become entities, and control characters other than tab and line feed (invalid in XML) a space.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String rep = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> (c < 0x20 && c != '\n' && c != '\t') || c == 0xFFFE || c == 0xFFFF ? " " : null;
      };
      if (rep != null && b == null) {
        b = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (b != null) {
        if (rep != null) {
          b.append(rep);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? text : b.toString();
  }
}
