package dev.wlat.report.plot;

import dev.wlat.model.OutcomeType;
import dev.wlat.report.plot.PlotData.Event;
import dev.wlat.report.plot.PlotData.Links;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/*
 * Rows are workstreams (repo:topic), grouped by repository, the busiest repository first and the
 * work outside any GitHub repository last; columns are outcome types in the taxonomy's order (most
 * specific first), only those with usage, then the row total. Cell darkness is logarithmic over
 * three decades, so a 10k cell next to a 5M one is visible but clearly lighter; the cell's value is
 * written in it. Beyond the busiest rows, the rest fold into one "other workstreams" row, so the
 * rows always add up to the window's total.
 */

/** {@code repo_outcome_heatmap}: tokens per workstream and outcome type. */
final class RepoOutcomeHeatmap {

  static final String NAME = "repo_outcome_heatmap";
  static final int MAX_ROWS = 22;

  private static final double WIDTH = 1140;
  private static final double LEFT = 300;
  private static final double ROW_H = 22;
  private static final double HEAD = 44;

  private RepoOutcomeHeatmap() {}

  /** One row of the heatmap. */
  private static final class Row {
    final String repo;
    final String workstream;
    final String group;
    final Map<String, Long> cells = new HashMap<>();
    final Map<String, Set<String>> threads = new HashMap<>();
    long total;
    int folded;

    Row(String repo, String workstream) {
      this.repo = repo;
      this.workstream = workstream;
      this.group = group(repo, workstream);
    }

    void add(String outcome, long tokens, String threadId) {
      cells.merge(outcome, tokens, Long::sum);
      threads.computeIfAbsent(outcome, k -> new HashSet<>()).add(threadId);
      total += tokens;
    }

    void fold(Row r) {
      r.cells.forEach((outcome, tokens) -> cells.merge(outcome, tokens, Long::sum));
      r.threads.forEach((outcome, ids) -> threads.computeIfAbsent(outcome, k -> new HashSet<>()).addAll(ids));
      total += r.total;
      folded++;
    }
  }

  static String render(Frame f) {
    PlotData d = f.data();
    Html page = f.page("Tokens by workstream and outcome");
    if (d.isEmpty()) {
      page.empty(Frame.EMPTY);
      return f.finish(page, "");
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    Map<String, Long> groupTotals = new HashMap<>();
    Set<String> outcomes = new HashSet<>();
    for (Event e : d.events()) {
      Row r = rows.computeIfAbsent(e.repo() + "\t" + e.workstream(), k -> new Row(e.repo(), e.workstream()));
      r.add(e.outcome(), e.tokens(), e.threadId());
      groupTotals.merge(r.group, e.tokens(), Long::sum);
      outcomes.add(e.outcome());
    }
    List<Row> ordered = new ArrayList<>(rows.values());
    ordered.sort(Comparator.<Row>comparingInt(r -> r.repo.isEmpty() ? 1 : 0)
        .thenComparing(r -> -groupTotals.get(r.group))
        .thenComparing(r -> r.group)
        .thenComparing(r -> -r.total)
        .thenComparing(r -> r.workstream));
    if (ordered.size() > MAX_ROWS) {
      List<Row> kept = new ArrayList<>(ordered);
      kept.sort(Comparator.comparingLong((Row r) -> -r.total).thenComparing(r -> r.workstream));
      Set<Row> keep = new HashSet<>(kept.subList(0, MAX_ROWS - 1));
      Row other = new Row("", "");
      List<Row> shown = new ArrayList<>();
      for (Row r : ordered) {
        if (keep.contains(r)) {
          shown.add(r);
        } else {
          other.fold(r);
        }
      }
      shown.add(other);
      ordered = shown;
    }
    List<String> columns = columns(outcomes);

    long maxCell = 1;
    for (Row r : ordered) {
      for (long v : r.cells.values()) {
        maxCell = Math.max(maxCell, v);
      }
    }
    double totalW = 84;
    double colW = Math.min(96, (WIDTH - LEFT - 20 - totalW) / columns.size());
    double height = HEAD + ROW_H * (ordered.size() + 1) + 34;
    Svg svg = Svg.of(WIDTH, height, "Tokens by workstream and outcome type");
    double gridRight = LEFT + colW * columns.size();

    svg.text(LEFT + colW * columns.size() / 2, 14, "outcome type", "class", "axis-title", "text-anchor", "middle");
    svg.open("g", "class", "tick");
    for (int c = 0; c < columns.size(); c++) {
      svg.text(LEFT + (c + 0.5) * colW, HEAD - 8, columns.get(c), "text-anchor", "middle");
    }
    svg.text(gridRight + 8 + totalW / 2, HEAD - 8, "total", "text-anchor", "middle");
    svg.close();
    double midY = HEAD + ROW_H * ordered.size() / 2;
    svg.text(14, midY, "workstream (repo:topic)", "class", "axis-title", "text-anchor", "middle",
        "transform", "rotate(-90 14 " + Svg.num(midY) + ")");

    Map<String, Long> colTotals = new HashMap<>();
    String previousGroup = null;
    for (int i = 0; i < ordered.size(); i++) {
      Row r = ordered.get(i);
      double y = HEAD + i * ROW_H;
      if (previousGroup != null && !previousGroup.equals(r.group)) {
        svg.line(24, y, gridRight + 8 + totalW, y, "stroke", "#8c959f", "stroke-width", "1");
      }
      previousGroup = r.group;
      String label = r.folded > 0 ? "other workstreams (" + r.folded + ")"
          : r.workstream.isEmpty() ? "(no workstream)" : r.workstream;
      String rowHover = label + (r.repo.isEmpty() ? "\nno GitHub repo" : "\nrepo " + r.repo) + "\n"
          + Fmt.exact(r.total) + " tokens, " + Fmt.share(r.total, d.totalTokens()) + " of the window";
      svg.hoverText(LEFT - 8, y + ROW_H / 2 + 4, Fmt.shorten(label, 44), rowHover,
          "text-anchor", "end", "class", "label");
      for (int c = 0; c < columns.size(); c++) {
        String outcome = columns.get(c);
        long v = r.cells.getOrDefault(outcome, 0L);
        colTotals.merge(outcome, v, Long::sum);
        double x = LEFT + c * colW;
        if (v == 0) {
          svg.rect(x + 1, y + 1, colW - 2, ROW_H - 2, "fill", "#f6f8fa");
          continue;
        }
        double t = Palette.logShare(v, maxCell);
        StringBuilder hover = new StringBuilder(label).append(" × ").append(outcome).append('\n')
            .append(Fmt.exact(v)).append(" tokens, ").append(Fmt.share(v, d.totalTokens())).append(" of the window, ")
            .append(Fmt.count(r.threads.get(outcome).size(), "thread"));
        Links l = r.folded > 0 ? null : d.links(r.repo, r.workstream, outcome);
        if (l != null && !l.isEmpty()) {
          hover.append("\nlinked (backfill window): ").append(Fmt.count(l.commits(), "commit")).append(", ")
              .append(Fmt.count(l.pullRequests(), "pull request")).append(" (").append(l.merged()).append(" merged), ")
              .append(Fmt.count(l.closedIssues(), "closed issue")).append(", ").append(Fmt.count(l.releases(), "release"));
        }
        svg.open("g", "class", "cell");
        svg.hoverRect(x + 1, y + 1, colW - 2, ROW_H - 2, hover.toString(), "fill", Palette.ramp(t),
            "data-tokens", Long.toString(v));
        svg.text(x + colW / 2, y + ROW_H / 2 + 4, Fmt.tokens(v), "text-anchor", "middle", "font-size", "11",
            "pointer-events", "none", "style", Palette.darkAt(t) ? "fill:#ffffff" : "fill:#1f2328");
        svg.close();
      }
      svg.text(gridRight + 8 + totalW / 2, y + ROW_H / 2 + 4, Fmt.tokens(r.total), "text-anchor", "middle",
          "font-weight", "600");
    }
    double ty = HEAD + ordered.size() * ROW_H;
    svg.line(24, ty, gridRight + 8 + totalW, ty, "stroke", "#1f2328", "stroke-width", "1");
    svg.text(LEFT - 8, ty + ROW_H / 2 + 4, "total", "text-anchor", "end", "font-weight", "600");
    for (int c = 0; c < columns.size(); c++) {
      long v = colTotals.getOrDefault(columns.get(c), 0L);
      svg.hoverText(LEFT + (c + 0.5) * colW, ty + ROW_H / 2 + 4, Fmt.tokens(v),
          columns.get(c) + ": " + Fmt.exact(v) + " tokens, " + Fmt.share(v, d.totalTokens()) + " of the window",
          "text-anchor", "middle", "font-weight", "600");
    }
    svg.text(gridRight + 8 + totalW / 2, ty + ROW_H / 2 + 4, Fmt.tokens(d.totalTokens()), "text-anchor", "middle",
        "font-weight", "600");

    List<String[]> keys = new ArrayList<>();
    for (double t : new double[] {0.04, 0.25, 0.5, 0.75, 1.0}) {
      long v = Math.round(maxCell * Math.pow(10, 3 * (t - 1)));
      keys.add(new String[] {Palette.ramp(t), (t == 0.04 ? "≤ " : "") + Fmt.tokens(Math.max(1, v))});
    }
    page.legend("tokens per cell (log scale):", keys);
    page.markup(svg.end());
    String notes = "A cell is the tokens of the threads attributed to that workstream whose outcome type (of the"
        + " thread's strongest link, else its branch name) is the column; rows are grouped by repository, work"
        + " outside any GitHub repository last.";
    if (ordered.get(ordered.size() - 1).folded > 0) {
      notes += " The " + (MAX_ROWS - 1) + " busiest workstreams are shown; the rest are summed in the last row.";
    }
    return f.finish(page, notes + " Hover a cell for exact tokens, threads and the links backfill found.");
  }

  /**
   * {@return the group a row is drawn in}: its GitHub repo, else its workstream without the topic
   * ({@code local:notes}, {@code cwd}), so local repositories and plain folders stay together.
   */
  static String group(String repo, String workstream) {
    if (!repo.isEmpty()) {
      return repo;
    }
    int colon = workstream.lastIndexOf(':');
    return "\t" + (colon > 0 ? workstream.substring(0, colon) : workstream);
  }

  private static List<String> columns(Set<String> outcomes) {
    List<String> cols = new ArrayList<>();
    for (OutcomeType t : OutcomeType.values()) {
      if (outcomes.contains(t.label())) {
        cols.add(t.label());
      }
    }
    for (String o : new TreeSet<>(outcomes)) {
      if (!cols.contains(o)) {
        cols.add(o.isEmpty() ? "" : o);
      }
    }
    return cols;
  }
}
