package dev.wlat.report.plot;

import dev.wlat.report.plot.PlotData.Event;
import dev.wlat.report.plot.PlotData.ThreadInfo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * A table, not a chart: the busiest threads of the window with their redacted titles, where their
 * tokens went and a sparkline of their tokens per day. Each sparkline is a row of day bars scaled to
 * that thread's own peak (written beside it), since a common scale would flatten every thread but
 * the first; every bar's hover gives the day's exact tokens.
 */

/** {@code top_threads_sparklines}: the top threads with their daily tokens. */
final class TopThreadsSparklines {

  static final String NAME = "top_threads_sparklines";
  static final int TOP = 15;

  private static final double SPARK_W = 180;
  private static final double SPARK_H = 22;

  private TopThreadsSparklines() {}

  static String render(Frame f) {
    PlotData d = f.data();
    Html page = f.page("Top threads with tokens per day");
    if (d.isEmpty()) {
      page.empty(Frame.EMPTY);
      return f.finish(page, "");
    }
    List<LocalDate> days = d.days();
    long firstDay = days.get(0).toEpochDay();
    Map<String, long[]> daily = new HashMap<>();
    Map<String, Long> totals = new HashMap<>();
    for (Event e : d.events()) {
      daily.computeIfAbsent(e.threadId(), k -> new long[days.size()])[(int) (d.day(e.at()).toEpochDay() - firstDay)]
          += e.tokens();
      totals.merge(e.threadId(), e.tokens(), Long::sum);
    }
    List<Map.Entry<String, Long>> ranked = new ArrayList<>(totals.entrySet());
    ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    List<Map.Entry<String, Long>> top = ranked.subList(0, Math.min(TOP, ranked.size()));

    StringBuilder t = new StringBuilder("<table>\n<thead><tr><th class=\"num\">#</th><th>thread</th>"
        + "<th>repo / workstream</th><th>model</th><th class=\"num\">tokens</th><th class=\"num\">share</th>"
        + "<th class=\"num\">days</th><th>tokens per day<br/>" + Html.escape(Fmt.day(days.get(0))) + " – "
        + Html.escape(Fmt.day(days.get(days.size() - 1))) + " (" + Html.escape(f.zoneName())
        + ")</th><th class=\"num\">peak day</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < top.size(); i++) {
      String id = top.get(i).getKey();
      long tokens = top.get(i).getValue();
      ThreadInfo th = d.thread(id);
      long[] v = daily.get(id);
      int active = 0;
      int peak = 0;
      for (int k = 0; k < v.length; k++) {
        active += v[k] > 0 ? 1 : 0;
        peak = v[k] > v[peak] ? k : peak;
      }
      String where = !th.repo().isEmpty() ? th.repo() + topic(th) : th.workstream().isEmpty() ? "—" : th.workstream();
      t.append("<tr><td class=\"num\">").append(i + 1).append("</td><td>")
          .append(th.title().isEmpty() ? "<span class=\"id\">(untitled)</span>"
              : Html.escape(Fmt.shorten(th.title(), 56)))
          .append("<br/><span class=\"id\">").append(Html.escape(id))
          .append(th.kind().isEmpty() ? "" : " · " + Html.escape(th.kind())).append("</span></td><td>")
          .append(Html.escape(Fmt.shorten(where, 40))).append("</td><td>")
          .append(Html.escape(th.model().isEmpty() ? "—" : Fmt.shorten(th.model(), 24))).append("</td><td class=\"num\" title=\"")
          .append(Html.escape(Fmt.exact(tokens) + " tokens")).append("\">").append(Html.escape(Fmt.tokens(tokens)))
          .append("</td><td class=\"num\">").append(Html.escape(Fmt.share(tokens, d.totalTokens())))
          .append("</td><td class=\"num\">").append(active).append("</td><td>")
          .append(sparkline(th, days, v, peak)).append("</td><td class=\"num\">")
          .append(Html.escape(Fmt.tokens(v[peak]) + " " + Fmt.day(days.get(peak)))).append("</td></tr>\n");
    }
    long shown = top.stream().mapToLong(Map.Entry::getValue).sum();
    if (ranked.size() > top.size()) {
      t.append("<tr><td></td><td colspan=\"3\">").append(Html.escape(Fmt.count(ranked.size() - top.size(), "other thread")))
          .append("</td><td class=\"num\">").append(Html.escape(Fmt.tokens(d.totalTokens() - shown)))
          .append("</td><td class=\"num\">").append(Html.escape(Fmt.share(d.totalTokens() - shown, d.totalTokens())))
          .append("</td><td></td><td></td><td></td></tr>\n");
    }
    t.append("</tbody>\n</table>");
    page.legend(List.<String[]>of(new String[] {Palette.LINE,
        "tokens per day (each sparkline scaled to its own peak day; hover a bar for the day's tokens)"}));
    page.markup(t.toString());
    return f.finish(page, "Threads ranked by their tokens in the window. Titles are the thread names Codex"
        + " recorded, redacted (secrets and e-mail addresses masked) and cut to 80 characters; a thread without a"
        + " name shows the end of its id.");
  }

  private static String topic(ThreadInfo th) {
    String w = th.workstream();
    String prefix = th.repo() + ":";
    return w.startsWith(prefix) && w.length() > prefix.length() ? " : " + w.substring(prefix.length()) : "";
  }

  private static String sparkline(ThreadInfo th, List<LocalDate> days, long[] v, int peak) {
    Svg s = Svg.of(SPARK_W, SPARK_H, "tokens per day of " + th.label());
    double w = SPARK_W / v.length;
    double max = Math.max(1, v[peak]);
    s.line(0, SPARK_H - 0.5, SPARK_W, SPARK_H - 0.5, "stroke", "#d0d7de", "stroke-width", "1");
    for (int k = 0; k < v.length; k++) {
      double h = v[k] == 0 ? 0 : Math.max(1.5, (SPARK_H - 2) * v[k] / max);
      String hover = Fmt.isoDay(days.get(k)) + ": " + Fmt.exact(v[k]) + " tokens";
      s.open("g", "class", "hover");
      s.hoverRect(k * w, 0, w, SPARK_H, hover, "fill", "transparent", "data-day", days.get(k).toString(),
          "data-tokens", Long.toString(v[k]));
      if (h > 0) {
        s.rect(k * w + Math.min(0.5, w * 0.15), SPARK_H - 1 - h, Math.max(0.8, w - Math.min(1, w * 0.3)), h,
            "fill", Palette.LINE, "pointer-events", "none");
      }
      s.close();
    }
    return s.end();
  }
}
