package dev.wlat.report.plot;

import java.time.Instant;
import java.util.List;

/**
 * A chart on an {@link Svg}: a plot area inside margins, linear x and y scales, and the axes, grid
 * lines, tick labels and axis titles drawn around it. The y scale runs from zero at the bottom.
 */
final class SvgPlot {

  final Svg svg;
  final double width;
  final double height;
  final double left;
  final double top;
  final double right;
  final double bottom;
  private double xMin;
  private double xMax = 1;
  private double yMax = 1;

  private SvgPlot(Svg svg, double width, double height, double left, double top, double right, double bottom) {
    this.svg = svg;
    this.width = width;
    this.height = height;
    this.left = left;
    this.top = top;
    this.right = right;
    this.bottom = bottom;
  }

  /**
   * {@return a chart {@code width × height} px whose plot area leaves the given margins}, described
   * by {@code label}.
   */
  static SvgPlot create(double width, double height, double left, double top, double right, double bottom,
      String label) {
    return new SvgPlot(Svg.of(width, height, label), width, height, left, top, right, bottom);
  }

  /** Sets the x domain {@code [min, max]}. */
  SvgPlot xDomain(double min, double max) {
    this.xMin = min;
    this.xMax = max > min ? max : min + 1;
    return this;
  }

  /** Sets the x domain to the time range {@code [from, to]} (in epoch seconds). */
  SvgPlot xDomain(Instant from, Instant to) {
    return xDomain(seconds(from), seconds(to));
  }

  /** Sets the y domain {@code [0, max]}. */
  SvgPlot yDomain(double max) {
    this.yMax = max > 0 ? max : 1;
    return this;
  }

  double plotWidth() {
    return width - left - right;
  }

  double plotHeight() {
    return height - top - bottom;
  }

  double plotBottom() {
    return height - bottom;
  }

  double plotRight() {
    return width - right;
  }

  /** {@return the x pixel of domain value {@code v}}. */
  double x(double v) {
    return left + (v - xMin) / (xMax - xMin) * plotWidth();
  }

  /** {@return the x pixel of instant {@code t}}. */
  double x(Instant t) {
    return x(seconds(t));
  }

  /** {@return the y pixel of value {@code v}}. */
  double y(double v) {
    return plotBottom() - v / yMax * plotHeight();
  }

  /** Draws horizontal grid lines and labels at {@code ticks}, and the y axis title. */
  SvgPlot yAxis(List<Double> ticks, String title) {
    svg.open("g", "class", "tick");
    for (double t : ticks) {
      double y = y(t);
      svg.line(left, y, plotRight(), y, "class", "grid");
      svg.text(left - 6, y + 4, Fmt.tokens(t), "text-anchor", "end");
    }
    svg.close();
    svg.line(left, top, left, plotBottom(), "class", "axis");
    double cy = top + plotHeight() / 2;
    svg.text(16, cy, title, "class", "axis-title", "text-anchor", "middle",
        "transform", "rotate(-90 16 " + Svg.num(cy) + ")");
    return this;
  }

  /** Draws the x axis line, ticks at {@code ticks} and the x axis title. */
  SvgPlot xTimeAxis(List<Ticks.TimeTick> ticks, String title) {
    svg.line(left, plotBottom(), plotRight(), plotBottom(), "class", "axis");
    svg.open("g", "class", "tick");
    for (Ticks.TimeTick t : ticks) {
      double x = x(t.at());
      svg.line(x, plotBottom(), x, plotBottom() + 5, "class", "axis");
      svg.text(x, plotBottom() + 18, t.label(), "text-anchor", "middle");
    }
    svg.close();
    xTitle(title);
    return this;
  }

  /** Draws vertical grid lines at {@code ticks} inside the plot area. */
  SvgPlot xGrid(List<Ticks.TimeTick> ticks) {
    for (Ticks.TimeTick t : ticks) {
      double x = x(t.at());
      svg.line(x, top, x, plotBottom(), "class", "grid");
    }
    return this;
  }

  /** Draws the x axis title centred under the plot area. */
  SvgPlot xTitle(String title) {
    svg.text(left + plotWidth() / 2, height - 6, title, "class", "axis-title", "text-anchor", "middle");
    return this;
  }

  /** {@return the finished SVG markup}. */
  String end() {
    return svg.end();
  }

  static double seconds(Instant t) {
    return t.getEpochSecond() + t.getNano() / 1e9;
  }
}
