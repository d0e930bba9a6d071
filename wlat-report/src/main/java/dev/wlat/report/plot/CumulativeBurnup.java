package dev.wlat.report.plot;

import dev.wlat.report.plot.PlotData.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/*
 * The cumulative line sums cumulative_delta_tokens from the window's start, sampled at the end of
 * every 2 px slice of the time axis (so it has a bounded number of points on any history). An
 * entitlement period is drawn where it overlaps the window: a solid line at its base tokens and a
 * dashed one at base + purchased. Usage is only comparable with a period from the period's start,
 * so for a period that starts inside the window a dotted line counts usage from that start; a
 * period that started before the window is compared with usage from the window's start, which the
 * caption says undercounts it.
 */

/** {@code cumulative_burnup_entitlements}: cumulative tokens over the window, against entitlements. */
final class CumulativeBurnup {

  static final String NAME = "cumulative_burnup_entitlements";

  private static final double WIDTH = 1140;
  private static final double HEIGHT = 540;
  private static final double SLICE_PX = 2;

  private CumulativeBurnup() {}

  static String render(Frame f) {
    PlotData d = f.data();
    Entitlements ent = f.entitlements();
    Html page = f.page("Cumulative tokens" + (ent.given() ? " against entitlements" : ""));
    List<Entitlements.Period> periods = new ArrayList<>();
    for (Entitlements.Period e : ent.periods()) {
      if (e.start().isBefore(d.to()) && e.end().isAfter(d.from())) {
        periods.add(e);
      }
    }
    if (d.isEmpty() && periods.isEmpty()) {
      page.empty(Frame.EMPTY);
      return f.finish(page, entitlementNotes(f, periods));
    }
    double max = d.totalTokens();
    for (Entitlements.Period e : periods) {
      max = Math.max(max, e.totalTokens());
    }
    List<Double> yTicks = Ticks.linear(max * 1.04, 5);
    SvgPlot p = SvgPlot.create(WIDTH, HEIGHT, 72, 14, 26, 46, "Cumulative tokens over the window")
        .xDomain(d.from(), d.to()).yDomain(yTicks.get(yTicks.size() - 1));
    Svg svg = p.svg;
    List<Ticks.TimeTick> ticks = Ticks.time(d.from(), d.to(), d.zone(), 10);
    p.xGrid(ticks);
    p.yAxis(yTicks, "cumulative tokens");

    svg.path(cumulative(p, d.events(), d.from(), d.to(), true), "fill", Palette.LINE, "fill-opacity", "0.10",
        "stroke", "none");
    svg.path(cumulative(p, d.events(), d.from(), d.to(), false), "fill", "none", "stroke", Palette.LINE,
        "stroke-width", "2");

    boolean since = false;
    for (Entitlements.Period e : periods) {
      double x1 = p.x(e.start().isBefore(d.from()) ? d.from() : e.start());
      double x2 = p.x(e.end().isAfter(d.to()) ? d.to() : e.end());
      String span1 = Fmt.minute(e.start(), d.zone()) + " – " + Fmt.minute(e.end(), d.zone());
      if (e.baseTokens() > 0) {
        svg.open("g");
        svg.line(x1, p.y(e.baseTokens()), x2, p.y(e.baseTokens()), "stroke", Palette.BASE, "stroke-width", "2");
        svg.hoverRect(x1, p.y(e.baseTokens()) - 4, x2 - x1, 8, "base subscription: " + Fmt.exact(e.baseTokens())
            + " tokens\n" + span1 + " (line " + e.line() + ")", "class", "hover");
        svg.close();
        svg.text(x1 + 6, p.y(e.baseTokens()) - 5, "base " + Fmt.tokens(e.baseTokens()),
            "style", "fill:" + Palette.BASE, "font-size", "11");
      }
      if (e.purchasedTokens() > 0) {
        double y = p.y(e.totalTokens());
        svg.open("g");
        svg.line(x1, y, x2, y, "stroke", Palette.PURCHASED, "stroke-width", "2", "stroke-dasharray", "7 4");
        svg.hoverRect(x1, y - 4, x2 - x1, 8, "base + purchased: " + Fmt.exact(e.totalTokens()) + " tokens ("
            + Fmt.exact(e.purchasedTokens()) + " purchased)\n" + span1 + " (line " + e.line() + ")", "class", "hover");
        svg.close();
        svg.text(x1 + 6, y - 5, "base + purchased " + Fmt.tokens(e.totalTokens()),
            "style", "fill:" + Palette.PURCHASED, "font-size", "11");
      }
      if (e.start().isAfter(d.from())) {
        since = true;
        svg.line(x1, p.top, x1, p.plotBottom(), "stroke", Palette.SINCE, "stroke-width", "1", "stroke-dasharray", "3 3");
        svg.text(x1 + 4, p.top + 12, "period from " + Fmt.day(e.start().atZone(d.zone()).toLocalDate()), "class",
            "label");
        svg.path(cumulative(p, d.events(), e.start(), e.end().isAfter(d.to()) ? d.to() : e.end(), false), "fill", "none",
            "stroke", Palette.SINCE, "stroke-width", "1.8", "stroke-dasharray", "2 3");
      }
    }

    List<LocalDate> days = d.days();
    long[] perDay = new long[days.size()];
    LocalDate first = days.get(0);
    for (Event e : d.events()) {
      perDay[(int) (d.day(e.at()).toEpochDay() - first.toEpochDay())] += e.tokens();
    }
    svg.open("g", "class", "days");
    long cum = 0;
    for (int i = 0; i < days.size(); i++) {
      cum += perDay[i];
      Instant a = days.get(i).atStartOfDay(d.zone()).toInstant();
      Instant b = days.get(i).plusDays(1).atStartOfDay(d.zone()).toInstant();
      double x1 = p.x(a.isBefore(d.from()) ? d.from() : a);
      double x2 = p.x(b.isAfter(d.to()) ? d.to() : b);
      svg.hoverRect(x1, p.top, x2 - x1, p.plotHeight(), "through " + Fmt.isoDay(days.get(i)) + ": "
          + Fmt.exact(cum) + " tokens\nthat day: +" + Fmt.exact(perDay[i]), "class", "hover",
          "data-day", days.get(i).toString(), "data-cumulative", Long.toString(cum));
    }
    svg.close();
    p.xTimeAxis(ticks, "time (" + f.zoneName() + ")");
    if (!ent.given()) {
      svg.text(p.left + 12, p.top + 16, "no entitlements given", "class", "label");
    } else if (periods.isEmpty()) {
      svg.text(p.left + 12, p.top + 16, "no entitlement period in this window", "class", "label");
    }
    double endY = p.y(d.totalTokens());
    svg.text(p.plotRight() - 4, endY - 7, Fmt.tokens(d.totalTokens()), "text-anchor", "end", "font-weight", "600",
        "style", "fill:" + Palette.LINE);

    List<String[]> keys = new ArrayList<>();
    keys.add(new String[] {Palette.LINE, "cumulative tokens since the window start"});
    if (since) {
      keys.add(new String[] {Palette.SINCE, "cumulative tokens since an entitlement period's start (dotted)"});
    }
    if (periods.stream().anyMatch(e -> e.baseTokens() > 0)) {
      keys.add(new String[] {Palette.BASE, "base subscription tokens"});
    }
    if (periods.stream().anyMatch(e -> e.purchasedTokens() > 0)) {
      keys.add(new String[] {Palette.PURCHASED, "base + purchased tokens (dashed)"});
    }
    page.legend(keys);
    page.markup(p.end());
    return f.finish(page, "The line adds up the window's cumulative_delta_tokens from its start; hover a day for"
        + " the running total. " + entitlementNotes(f, periods));
  }

  private static String entitlementNotes(Frame f, List<Entitlements.Period> periods) {
    Entitlements ent = f.entitlements();
    PlotData d = f.data();
    if (!ent.given()) {
      return "Entitlements: no entitlements given (pass --entitlements FILE to draw your plan's base and purchased"
          + " tokens).";
    }
    String file = ent.source().getFileName().toString();
    if (periods.isEmpty()) {
      return "Entitlements: " + file + " has " + Fmt.count(ent.periods().size(), "period") + ", none in this window.";
    }
    StringBuilder b = new StringBuilder("Entitlements from ").append(file).append(':');
    for (Entitlements.Period e : periods) {
      long used = 0;
      Instant start = e.start().isBefore(d.from()) ? d.from() : e.start();
      for (Event ev : d.events()) {
        if (!ev.at().isBefore(start) && ev.at().isBefore(e.end())) {
          used += ev.tokens();
        }
      }
      b.append(" Period ").append(Fmt.minute(e.start(), d.zone())).append(" – ").append(Fmt.minute(e.end(), d.zone()))
          .append(": base ").append(Fmt.exact(e.baseTokens())).append(", purchased ")
          .append(Fmt.exact(e.purchasedTokens())).append(" tokens; used ").append(Fmt.exact(used));
      if (e.baseTokens() > 0) {
        b.append(" (").append(Fmt.share(used, e.baseTokens())).append(" of base");
        if (e.purchasedTokens() > 0) {
          b.append(", ").append(Fmt.share(used, e.totalTokens())).append(" of base + purchased");
        }
        b.append(')');
      }
      if (e.start().isBefore(d.from())) {
        b.append(", counted from the window start only: the period began before it");
      }
      b.append('.');
    }
    return b.toString();
  }

  /**
   * {@return the path of cumulative tokens from {@code start} to {@code end}}, sampled at the ends of
   * slices about 2 px wide; {@code closed} closes it down to zero, as an area.
   */
  private static String cumulative(SvgPlot p, List<Event> events, Instant start, Instant end, boolean closed) {
    double x0 = p.x(start);
    double x1 = p.x(end);
    int slices = (int) Math.max(1, Math.floor((x1 - x0) / SLICE_PX));
    double from = SvgPlot.seconds(start);
    double span = Math.max(1e-9, SvgPlot.seconds(end) - from);
    StringBuilder b = new StringBuilder();
    b.append('M').append(Svg.num(x0)).append(',').append(Svg.num(p.y(0)));
    long cum = 0;
    int i = 0;
    while (i < events.size() && events.get(i).at().isBefore(start)) {
      i++;
    }
    for (int s = 1; s <= slices; s++) {
      double sliceEnd = from + span * s / slices;
      long before = cum;
      while (i < events.size() && SvgPlot.seconds(events.get(i).at()) < sliceEnd && events.get(i).at().isBefore(end)) {
        cum += events.get(i).tokens();
        i++;
      }
      if (cum != before) {
        b.append('L').append(Svg.num(p.x(from + span * (s - 1) / slices))).append(',').append(Svg.num(p.y(before)));
        b.append('L').append(Svg.num(p.x(sliceEnd))).append(',').append(Svg.num(p.y(cum)));
      }
    }
    b.append('L').append(Svg.num(x1)).append(',').append(Svg.num(p.y(cum)));
    if (closed) {
      b.append('L').append(Svg.num(x1)).append(',').append(Svg.num(p.y(0))).append('Z');
    }
    return b.toString();
  }
}
