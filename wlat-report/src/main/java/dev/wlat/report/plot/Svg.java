package dev.wlat.report.plot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A small writer of SVG markup: elements with escaped attributes, text, native hover titles, and
 * coordinates to one decimal. Attributes are given as name, value pairs.
 */
final class Svg {

  /** The SVG namespace, the only URL a plot contains. */
  static final String NS = "http://www.w3.org/2000/svg";

  private final StringBuilder b = new StringBuilder(8192);
  private final Deque<String> open = new ArrayDeque<>();

  private Svg() {}

  /** {@return a drawing {@code width × height} px, described by {@code label} for screen readers}. */
  static Svg of(double width, double height, String label) {
    Svg s = new Svg();
    s.open("svg", "xmlns", NS, "width", num(width), "height", num(height),
        "viewBox", "0 0 " + num(width) + " " + num(height), "role", "img", "aria-label", label);
    return s;
  }

  /** Opens {@code tag}; close it with {@link #close()}. */
  Svg open(String tag, String... attrs) {
    start(tag, attrs);
    b.append('>');
    open.push(tag);
    return this;
  }

  /** Closes the innermost open element. */
  Svg close() {
    b.append("</").append(open.pop()).append('>');
    return this;
  }

  /** Writes an empty element {@code <tag …/>}. */
  Svg el(String tag, String... attrs) {
    start(tag, attrs);
    b.append("/>");
    return this;
  }

  /** Writes a hover title for the enclosing element. */
  Svg title(String text) {
    b.append("<title>").append(Html.escape(text)).append("</title>");
    return this;
  }

  /** Writes {@code text} at {@code (x, y)}. */
  Svg text(double x, double y, String text, String... attrs) {
    start("text", concat(new String[] {"x", num(x), "y", num(y)}, attrs));
    b.append('>').append(Html.escape(text)).append("</text>");
    return this;
  }

  /** Writes {@code text} at {@code (x, y)} with a hover title. */
  Svg hoverText(double x, double y, String text, String hover, String... attrs) {
    start("text", concat(new String[] {"x", num(x), "y", num(y)}, attrs));
    b.append('>').append("<title>").append(Html.escape(hover)).append("</title>").append(Html.escape(text))
        .append("</text>");
    return this;
  }

  /** Writes a line. */
  Svg line(double x1, double y1, double x2, double y2, String... attrs) {
    return el("line", concat(new String[] {"x1", num(x1), "y1", num(y1), "x2", num(x2), "y2", num(y2)}, attrs));
  }

  /** Writes a rectangle. */
  Svg rect(double x, double y, double w, double h, String... attrs) {
    return el("rect", concat(rectAttrs(x, y, w, h), attrs));
  }

  /** Writes a rectangle with a hover title. */
  Svg hoverRect(double x, double y, double w, double h, String hover, String... attrs) {
    return open("rect", concat(rectAttrs(x, y, w, h), attrs)).title(hover).close();
  }

  /** Writes a circle with a hover title. */
  Svg circle(double cx, double cy, double r, String hover, String... attrs) {
    return open("circle", concat(new String[] {"cx", num(cx), "cy", num(cy), "r", num(r)}, attrs)).title(hover)
        .close();
  }

  /** Writes a path. */
  Svg path(String d, String... attrs) {
    return el("path", concat(new String[] {"d", d}, attrs));
  }

  /** {@return the markup, closing every element still open}. */
  String end() {
    while (!open.isEmpty()) {
      close();
    }
    return b.toString();
  }

  /** {@return {@code v} to one decimal, without a trailing {@code .0}}. */
  static String num(double v) {
    long tenths = Math.round(v * 10);
    if (tenths % 10 == 0) {
      return Long.toString(tenths / 10);
    }
    return String.format(Locale.ROOT, "%.1f", tenths / 10.0);
  }

  private void start(String tag, String[] attrs) {
    if (attrs.length % 2 != 0) {
      throw new IllegalArgumentException("attributes of <" + tag + "> must come in name, value pairs");
    }
    b.append('<').append(tag);
    for (int i = 0; i < attrs.length; i += 2) {
      if (attrs[i + 1] != null) {
        b.append(' ').append(attrs[i]).append("=\"").append(Html.escape(attrs[i + 1])).append('"');
      }
    }
  }

  private static String[] rectAttrs(double x, double y, double w, double h) {
    return new String[] {"x", num(x), "y", num(y), "width", num(Math.max(0, w)), "height", num(Math.max(0, h))};
  }

  private static String[] concat(String[] a, String[] b) {
    String[] r = new String[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
