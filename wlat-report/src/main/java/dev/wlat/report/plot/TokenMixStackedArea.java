package dev.wlat.report.plot;

import dev.wlat.report.plot.PlotData.Event;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * Codex's fields nest: input includes cached input, output includes reasoning output. Stacking them
 * as reported would count cached and reasoning tokens twice, so the bands are the disjoint parts:
 * uncached input (input − cached), cached input, non-reasoning output (output − reasoning) and
 * reasoning output. Their sum is input + output, which is cumulative_delta_tokens for every
 * consistent row, so a day's stack height is that day's cumulative_delta_tokens.
 *
 * The total and the field deltas are computed independently (a counter restart may drop one field
 * and not another), so a day's parts need not add up exactly. The stack must still show the
 * day's cumulative_delta_tokens: a shortfall is drawn as a grey "not split by field" band, and an
 * excess is clipped from the top band down; the caption says on how many days either happened.
 * Each day's values are embedded as data-* attributes and in its hover title.
 */

/** {@code token_mix_stacked_area}: tokens per day, split into their disjoint kinds. */
final class TokenMixStackedArea {

  static final String NAME = "token_mix_stacked_area";

  private static final double WIDTH = 1140;
  private static final double HEIGHT = 540;
  private static final String[] LABELS = {"uncached input", "cached input", "output (non-reasoning)",
      "reasoning output", "not split by field"};
  private static final String[] COLOURS = {Palette.UNCACHED_INPUT, Palette.CACHED_INPUT, Palette.OUTPUT,
      Palette.REASONING, Palette.UNSPLIT};
  private static final String[] DATA = {"data-uncached-input", "data-cached-input", "data-output",
      "data-reasoning", "data-unsplit"};

  private TokenMixStackedArea() {}

  /**
   * One day.
   *
   * @param day the day
   * @param total its cumulative_delta_tokens
   * @param parts uncached input, cached input, non-reasoning output, reasoning output and the part
   *     not split by field; they add up to {@code total}
   * @param clipped whether the field parts exceeded the total and were clipped to it
   */
  record Day(LocalDate day, long total, long[] parts, boolean clipped) {}

  /** {@return the days of the window with their parts}; exposed for tests. */
  static List<Day> days(PlotData d) {
    Map<LocalDate, long[]> sums = new HashMap<>();
    for (Event e : d.events()) {
      long[] s = sums.computeIfAbsent(d.day(e.at()), k -> new long[5]);
      s[0] += e.tokens();
      s[1] += e.input();
      s[2] += e.cached();
      s[3] += e.output();
      s[4] += e.reasoning();
    }
    List<Day> days = new ArrayList<>();
    for (LocalDate day : d.days()) {
      long[] s = sums.getOrDefault(day, new long[5]);
      long[] parts = {Math.max(0, s[1] - s[2]), s[2], Math.max(0, s[3] - s[4]), s[4], 0};
      long sum = parts[0] + parts[1] + parts[2] + parts[3];
      long total = s[0];
      boolean clipped = sum > total;
      if (sum < total) {
        parts[4] = total - sum;
      } else {
        long excess = sum - total;
        for (int i = 3; i >= 0 && excess > 0; i--) {
          long cut = Math.min(parts[i], excess);
          parts[i] -= cut;
          excess -= cut;
        }
      }
      days.add(new Day(day, total, parts, clipped));
    }
    return days;
  }

  static String render(Frame f) {
    PlotData d = f.data();
    Html page = f.page("Token mix per day");
    if (d.isEmpty()) {
      page.empty(Frame.EMPTY);
      return f.finish(page, "");
    }
    List<Day> days = days(d);
    int unsplit = 0;
    int clipped = 0;
    long max = 0;
    for (Day day : days) {
      max = Math.max(max, day.total());
      unsplit += day.parts()[4] > 0 ? 1 : 0;
      clipped += day.clipped() ? 1 : 0;
    }
    int bands = unsplit > 0 ? 5 : 4;
    List<Double> yTicks = Ticks.linear(max, 5);
    int n = days.size();
    SvgPlot p = SvgPlot.create(WIDTH, HEIGHT, 72, 10, 18, 46, "Tokens per day by kind")
        .xDomain(-0.5, n - 0.5).yDomain(yTicks.get(yTicks.size() - 1));
    Svg svg = p.svg;
    p.yAxis(yTicks, "tokens per day");

    double[] lower = new double[n];
    for (int b = 0; b < bands; b++) {
      double[] upper = new double[n];
      for (int i = 0; i < n; i++) {
        upper[i] = lower[i] + days.get(i).parts()[b];
      }
      svg.path(area(p, lower, upper), "fill", COLOURS[b], "fill-opacity", "0.9", "stroke", COLOURS[b],
          "stroke-width", "0.5", "class", "band");
      lower = upper;
    }
    svg.line(p.left, p.plotBottom(), p.plotRight(), p.plotBottom(), "class", "axis");

    List<Integer> labelled = Ticks.dayLabels(days.stream().map(Day::day).toList(), 15);
    svg.open("g", "class", "tick");
    for (int i : labelled) {
      double x = p.x(i);
      svg.line(x, p.plotBottom(), x, p.plotBottom() + 5, "class", "axis");
      svg.text(x, p.plotBottom() + 18, Fmt.day(days.get(i).day()), "text-anchor", "middle");
    }
    svg.close();
    p.xTitle("day (" + f.zoneName() + ")");

    double band = p.plotWidth() / n;
    svg.open("g", "class", "days");
    for (int i = 0; i < n; i++) {
      Day day = days.get(i);
      StringBuilder hover = new StringBuilder(Fmt.isoDay(day.day())).append('\n')
          .append(Fmt.exact(day.total())).append(" tokens (cumulative_delta_tokens)");
      for (int b = bands - 1; b >= 0; b--) {
        hover.append('\n').append(LABELS[b]).append(": ").append(Fmt.exact(day.parts()[b]));
      }
      List<String> attrs = new ArrayList<>(List.of("class", "hover", "data-day", day.day().toString(),
          "data-total", Long.toString(day.total())));
      for (int b = 0; b < 5; b++) {
        attrs.add(DATA[b]);
        attrs.add(Long.toString(day.parts()[b]));
      }
      svg.hoverRect(p.x(i) - band / 2, p.top, band, p.plotHeight(), hover.toString(), attrs.toArray(String[]::new));
    }
    svg.close();

    List<String[]> keys = new ArrayList<>();
    for (int b = bands - 1; b >= 0; b--) {
      keys.add(new String[] {COLOURS[b], LABELS[b]});
    }
    page.legend(keys);
    page.markup(p.end());
    String notes = "Input includes cached input and output includes reasoning, so the bands are the disjoint"
        + " parts (uncached input = input − cached; non-reasoning output = output − reasoning) and a day's stack"
        + " height is its cumulative_delta_tokens. Days run midnight to midnight " + f.zoneName()
        + "; hover a day for its exact values.";
    if (unsplit > 0) {
      notes += " On " + Fmt.count(unsplit, "day") + " the field deltas add up to less than the total (a counter"
          + " restart in one field): the difference is drawn as \"not split by field\".";
    }
    if (clipped > 0) {
      notes += " On " + Fmt.count(clipped, "day") + " they add up to more than the total: the top bands are"
          + " clipped to it.";
    }
    return f.finish(page, notes);
  }

  private static String area(SvgPlot p, double[] lower, double[] upper) {
    int n = upper.length;
    StringBuilder b = new StringBuilder();
    if (n == 1) {
      double x0 = p.x(-0.4);
      double x1 = p.x(0.4);
      return "M" + Svg.num(x0) + "," + Svg.num(p.y(lower[0])) + "L" + Svg.num(x0) + "," + Svg.num(p.y(upper[0]))
          + "L" + Svg.num(x1) + "," + Svg.num(p.y(upper[0])) + "L" + Svg.num(x1) + "," + Svg.num(p.y(lower[0])) + "Z";
    }
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? 'M' : 'L').append(Svg.num(p.x(i))).append(',').append(Svg.num(p.y(upper[i])));
    }
    for (int i = n - 1; i >= 0; i--) {
      b.append('L').append(Svg.num(p.x(i))).append(',').append(Svg.num(p.y(lower[i])));
    }
    return b.append('Z').toString();
  }
}
