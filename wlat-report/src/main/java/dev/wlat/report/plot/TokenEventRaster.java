package dev.wlat.report.plot;

import dev.wlat.report.plot.PlotData.Event;
import dev.wlat.report.plot.PlotData.ThreadInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/*
 * Time × thread: one row per thread (the busiest first), a dot wherever it used tokens. A long window
 * holds far more rows than pixels, so the time axis is cut into slices about 3 px wide and a dot sums
 * a thread's rows within one slice, at their mean time: the drawing stays a few thousand elements on
 * any history, and the hover says how many rows and tokens a dot holds. Dot area and darkness both
 * grow with tokens (area ∝ tokens; darkness on a log scale, so small dots stay visible).
 */

/** {@code token_event_raster}: when each of the top threads used its tokens. */
final class TokenEventRaster {

  static final String NAME = "token_event_raster";
  static final int TOP = 25;

  private static final double WIDTH = 1140;
  private static final double LEFT = 290;
  private static final double RIGHT = 70;
  private static final double TOP_MARGIN = 8;
  private static final double BOTTOM = 44;
  private static final double SLICE_PX = 3;

  private TokenEventRaster() {}

  /** A dot: a thread's rows within one slice. */
  private static final class Dot {
    long tokens;
    int rows;
    double secondsSum;
    Instant first;
    Instant last;
  }

  static String render(Frame f) {
    PlotData d = f.data();
    Html page = f.page("Token events by thread over time");
    if (d.isEmpty()) {
      page.empty(Frame.EMPTY);
      return f.finish(page, "");
    }
    Map<String, Long> perThread = new HashMap<>();
    for (Event e : d.events()) {
      perThread.merge(e.threadId(), e.tokens(), Long::sum);
    }
    List<Map.Entry<String, Long>> ranked = new ArrayList<>(perThread.entrySet());
    ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    List<Map.Entry<String, Long>> top = ranked.subList(0, Math.min(TOP, ranked.size()));
    Map<String, Integer> rowOf = new HashMap<>();
    for (int i = 0; i < top.size(); i++) {
      rowOf.put(top.get(i).getKey(), i);
    }
    double rowH = Math.max(15, Math.min(24, 520.0 / top.size()));
    double height = TOP_MARGIN + rowH * top.size() + BOTTOM;
    SvgPlot p = SvgPlot.create(WIDTH, height, LEFT, TOP_MARGIN, RIGHT, BOTTOM,
        "Token events of the top " + top.size() + " threads over time").xDomain(d.from(), d.to());
    double span = Math.max(1, SvgPlot.seconds(d.to()) - SvgPlot.seconds(d.from()));
    long slice = sliceSeconds(span / (p.plotWidth() / SLICE_PX));
    int slices = (int) Math.max(1, Math.ceil(span / slice));
    List<TreeMap<Integer, Dot>> dots = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      dots.add(new TreeMap<>());
    }
    long maxDot = 1;
    for (Event e : d.events()) {
      Integer row = rowOf.get(e.threadId());
      if (row == null || e.tokens() <= 0) {
        continue;
      }
      double s = SvgPlot.seconds(e.at());
      int at = (int) Math.min(slices - 1, Math.floor((s - SvgPlot.seconds(d.from())) / slice));
      Dot dot = dots.get(row).computeIfAbsent(at, k -> new Dot());
      dot.tokens += e.tokens();
      dot.rows++;
      dot.secondsSum += s;
      dot.first = dot.first == null ? e.at() : dot.first;
      dot.last = e.at();
      maxDot = Math.max(maxDot, dot.tokens);
    }

    List<Ticks.TimeTick> ticks = Ticks.time(d.from(), d.to(), d.zone(), 10);
    Svg svg = p.svg;
    for (int i = 0; i < top.size(); i++) {
      if (i % 2 == 1) {
        svg.rect(p.left, TOP_MARGIN + i * rowH, p.plotWidth(), rowH, "fill", "#f6f8fa");
      }
    }
    p.xGrid(ticks);
    double maxR = Math.max(3, Math.min(rowH / 2 - 1, 10));
    svg.open("g", "class", "tick");
    for (int i = 0; i < top.size(); i++) {
      ThreadInfo t = d.thread(top.get(i).getKey());
      double cy = TOP_MARGIN + (i + 0.5) * rowH;
      String label = Fmt.shorten(t.label(), 40);
      svg.hoverText(LEFT - 8, cy + 4, label, describe(t, top.get(i).getValue(), d.totalTokens()),
          "text-anchor", "end");
      svg.text(p.plotRight() + 6, cy + 4, Fmt.tokens(top.get(i).getValue()));
    }
    svg.close();
    svg.open("g", "class", "dots");
    for (int i = 0; i < top.size(); i++) {
      ThreadInfo t = d.thread(top.get(i).getKey());
      double cy = TOP_MARGIN + (i + 0.5) * rowH;
      for (Dot dot : dots.get(i).values()) {
        double x = p.x(dot.secondsSum / dot.rows);
        double r = Math.max(1.6, maxR * Math.sqrt((double) dot.tokens / maxDot));
        String when = dot.first.equals(dot.last) ? Fmt.minute(dot.first, d.zone())
            : Fmt.minute(dot.first, d.zone()) + "–" + Fmt.clock(dot.last, d.zone());
        String hover = t.label() + "\n" + when + " " + f.zoneName() + "\n" + Fmt.exact(dot.tokens) + " tokens in "
            + Fmt.count(dot.rows, "token row");
        svg.circle(x, cy, r, hover, "class", "dot", "fill", colour(dot.tokens, maxDot), "fill-opacity", "0.85",
            "data-tokens", Long.toString(dot.tokens));
      }
    }
    svg.close();
    p.xTimeAxis(ticks, "time (" + f.zoneName() + ")");
    svg.line(p.left, TOP_MARGIN, p.left, p.plotBottom(), "class", "axis");
    double cy = TOP_MARGIN + (height - TOP_MARGIN - BOTTOM) / 2;
    svg.text(14, cy, "thread (top " + top.size() + " of " + ranked.size() + " by tokens)", "class", "axis-title",
        "text-anchor", "middle", "transform", "rotate(-90 14 " + Svg.num(cy) + ")");
    svg.text(p.plotRight() + 6, height - 6, "tokens", "class", "axis-title");

    page.legendMarkup(legend(maxDot, maxR, sliceText(slice)));
    page.markup(p.end());
    long shown = top.stream().mapToLong(Map.Entry::getValue).sum();
    String rest = ranked.size() > top.size()
        ? " The other " + Fmt.count(ranked.size() - top.size(), "thread") + " (" + Fmt.exact(d.totalTokens() - shown)
            + " tokens) are not shown."
        : "";
    return f.finish(page, "Each dot sums one thread's token rows within a " + sliceText(slice)
        + " slice of the time axis (area ∝ tokens, darker = more); hover a dot for its time, rows and exact tokens,"
        + " a name for the thread's totals. Right: the thread's tokens in the window." + rest);
  }

  private static String colour(long tokens, long max) {
    return Palette.ramp(0.25 + 0.75 * Palette.logShare(tokens, max));
  }

  private static String legend(long maxDot, double maxR, String slice) {
    List<Long> values = new ArrayList<>();
    for (long v = maxDot; v >= 1 && values.size() < 4; v /= 10) {
      values.add(v);
    }
    double w = 30 + values.size() * 70;
    Svg s = Svg.of(w, 2 * maxR + 4, "dot size key");
    double x = 4;
    for (long v : values) {
      double r = Math.max(1.6, maxR * Math.sqrt((double) v / maxDot));
      s.circle(x + maxR, maxR + 2, r, Fmt.exact(v) + " tokens", "fill", colour(v, maxDot));
      s.text(x + 2 * maxR + 4, maxR + 6, Fmt.tokens(v), "class", "label");
      x += 70;
    }
    return "<span>tokens per dot (one " + Html.escape(slice) + " slice):</span>" + s.end();
  }

  private static final long[] NICE_SLICES = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
      21600, 43200, 86400, 2 * 86400, 7 * 86400};

  /** {@return the shortest round duration (1 s … 1 week, then whole weeks) of at least {@code raw} seconds}. */
  static long sliceSeconds(double raw) {
    for (long s : NICE_SLICES) {
      if (s >= raw) {
        return s;
      }
    }
    return 7 * 86400 * (long) Math.ceil(raw / (7 * 86400));
  }

  static String sliceText(double seconds) {
    Duration d = Duration.ofSeconds(Math.max(1, Math.round(seconds)));
    if (d.toDays() >= 1 && d.toHoursPart() == 0) {
      return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
    }
    if (d.toHours() >= 1) {
      long m = d.toMinutesPart();
      return d.toHours() + " h" + (m == 0 ? "" : " " + m + " min");
    }
    if (d.toMinutes() >= 1) {
      return d.toMinutes() + " min";
    }
    return d.toSeconds() + " s";
  }

  static String describe(ThreadInfo t, long tokens, long total) {
    StringBuilder b = new StringBuilder(t.label()).append('\n').append(t.id());
    if (!t.kind().isEmpty()) {
      b.append(" (").append(t.kind()).append(')');
    }
    b.append('\n').append(Fmt.exact(tokens)).append(" tokens, ").append(Fmt.share(tokens, total))
        .append(" of the window");
    if (!t.repo().isEmpty()) {
      b.append("\nrepo ").append(t.repo());
    }
    if (!t.workstream().isEmpty()) {
      b.append("\nworkstream ").append(t.workstream());
    }
    if (!t.model().isEmpty()) {
      b.append("\nmodel ").append(t.model());
    }
    return b.toString();
  }
}
