package dev.wlat.report.plot;

import dev.wlat.model.Redaction;
import dev.wlat.report.ReportWindow;
import dev.wlat.report.TsvReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/*
 * Every number a plot draws is cumulative_delta_tokens (and its per-field deltas) of
 * token_event_accounting.tsv rows whose timestamp lies in the plot's window, never a raw row sum:
 * re-emits, replayed fork prefixes and archived duplicates have zero deltas there and so add
 * nothing. The thread-level files only describe threads (title, model, attribution); the outcome
 * rollups only lend link counts to the heatmap's hover text, since their tokens cover the backfill's
 * window, which need not be the plot's.
 */

/**
 * The data facts one set of plots is drawn from: the token rows of a window with their usage, the
 * threads they belong to, and the outcome rollups, read from a backfill's {@code data/} directory.
 */
public final class PlotData {

  /** The fact files a plot reads, all written by {@code wlat backfill}. */
  public static final List<String> FILES = List.of("token_event_accounting.tsv", "codex_threads.tsv",
      "token_thread_rollups.tsv", "repo_workstream_outcome_rollups.tsv");

  /**
   * One token row in the window with usage.
   *
   * @param at its timestamp
   * @param threadId its thread
   * @param tokens {@code cumulative_delta_tokens}
   * @param input {@code delta_input_tokens} (includes cached)
   * @param cached {@code delta_cached_input_tokens}
   * @param output {@code delta_output_tokens} (includes reasoning)
   * @param reasoning {@code delta_reasoning_output_tokens}
   * @param repo its thread's GitHub repo, or ""
   * @param workstream its thread's workstream label
   * @param outcome its thread's outcome type
   */
  record Event(Instant at, String threadId, long tokens, long input, long cached, long output, long reasoning,
      String repo, String workstream, String outcome) {}

  /**
   * A thread as plots name it.
   *
   * @param id the thread id
   * @param title its redacted name, or "" when it has none
   * @param model its model, or ""
   * @param repo its GitHub repo, or ""
   * @param workstream its workstream label, or ""
   * @param confidence its attribution confidence, or ""
   * @param kind "fork", "subagent" or ""
   */
  record ThreadInfo(String id, String title, String model, String repo, String workstream, String confidence,
      String kind) {

    /** {@return the title, or "untitled …" and the end of the id}. */
    String label() {
      return title.isEmpty() ? "untitled …" + id.substring(Math.max(0, id.length() - 8)) : title;
    }
  }

  /**
   * Links of one (repo, workstream, outcome) over the backfill's window, summed over confidences.
   *
   * @param commits linked commits
   * @param pullRequests linked pull requests
   * @param merged linked merged pull requests
   * @param closedIssues linked closed issues
   * @param releases linked releases
   */
  record Links(long commits, long pullRequests, long merged, long closedIssues, long releases) {
    Links plus(Links o) {
      return new Links(commits + o.commits, pullRequests + o.pullRequests, merged + o.merged,
          closedIssues + o.closedIssues, releases + o.releases);
    }

    boolean isEmpty() {
      return commits + pullRequests + closedIssues + releases == 0;
    }
  }

  private final ReportWindow window;
  private final ZoneId zone;
  private final Instant from;
  private final Instant to;
  private final List<Event> events;
  private final Map<String, ThreadInfo> threads;
  private final Map<String, Links> links;
  private final int rowsRead;
  private final long totalTokens;

  private PlotData(ReportWindow window, ZoneId zone, List<Event> events, Map<String, ThreadInfo> threads,
      Map<String, Links> links, int rowsRead) {
    this.window = window;
    this.zone = zone;
    this.events = List.copyOf(events);
    this.threads = Collections.unmodifiableMap(new LinkedHashMap<>(threads));
    this.links = Map.copyOf(links);
    this.rowsRead = rowsRead;
    long sum = 0;
    for (Event e : this.events) {
      sum = Math.addExact(sum, e.tokens());
    }
    this.totalTokens = sum;
    this.to = window.asOf();
    if (window.window().since() != null) {
      this.from = window.window().since();
    } else {
      Instant first = this.events.isEmpty() ? to.minusSeconds(86400) : this.events.get(0).at();
      Instant dayStart = first.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
      this.from = dayStart.isBefore(to) ? dayStart : to.minusSeconds(86400);
    }
  }

  /**
   * {@return the facts under {@code dataDir} for {@code window}}, days counted in {@code zone}.
   *
   * @throws PlotException naming the file when one is missing ("run wlat backfill first") or malformed
   */
  public static PlotData load(Path dataDir, ReportWindow window, ZoneId zone) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(zone, "zone");
    for (String f : FILES) {
      FactRows.requirePresent(dataDir.resolve(f));
    }
    List<Event> events = new ArrayList<>();
    int read = 0;
    try (FactRows rows = FactRows.open(dataDir.resolve("token_event_accounting.tsv"))) {
      int ts = rows.column("timestamp");
      int thread = rows.column("thread_id");
      int tokens = rows.column("cumulative_delta_tokens");
      int input = rows.column("delta_input_tokens");
      int cached = rows.column("delta_cached_input_tokens");
      int output = rows.column("delta_output_tokens");
      int reasoning = rows.column("delta_reasoning_output_tokens");
      int repo = rows.column("github_repo");
      int workstream = rows.column("workstream_label");
      int outcome = rows.column("outcome_type");
      while (rows.next()) {
        read++;
        long t = rows.number(tokens, "cumulative_delta_tokens");
        long in = rows.number(input, "delta_input_tokens");
        long ca = rows.number(cached, "delta_cached_input_tokens");
        long out = rows.number(output, "delta_output_tokens");
        long re = rows.number(reasoning, "delta_reasoning_output_tokens");
        if (t == 0 && in == 0 && ca == 0 && out == 0 && re == 0) {
          continue;
        }
        Instant at = rows.instant(ts, "timestamp");
        if (!window.window().contains(at) || !at.isBefore(window.asOf())) {
          continue;
        }
        events.add(new Event(at, rows.text(thread), t, in, ca, out, re, rows.text(repo), rows.text(workstream),
            rows.text(outcome)));
      }
    }
    events.sort(Comparator.comparing(Event::at));
    return new PlotData(window, zone, events, threads(dataDir), links(dataDir), read);
  }

  private static Map<String, ThreadInfo> threads(Path dataDir) {
    Path rollupFile = dataDir.resolve("token_thread_rollups.tsv");
    List<Map<String, String>> rollups = TsvReader.readAll(rollupFile);
    FactRows.requireColumns(rollupFile, TsvReader.header(rollupFile), "thread_id", "github_repo",
        "workstream_label", "attribution_confidence");
    Map<String, Map<String, String>> byId = new HashMap<>();
    for (Map<String, String> r : rollups) {
      byId.put(r.get("thread_id"), r);
    }
    Path threadFile = dataDir.resolve("codex_threads.tsv");
    FactRows.requireColumns(threadFile, TsvReader.header(threadFile), "thread_id", "title", "model");
    Map<String, ThreadInfo> threads = new LinkedHashMap<>();
    for (Map<String, String> t : TsvReader.readAll(threadFile)) {
      String id = t.get("thread_id");
      Map<String, String> r = byId.getOrDefault(id, Map.of());
      String kind = !cell(t, "agent_role").isEmpty() || !cell(t, "agent_nickname").isEmpty() ? "subagent"
          : !cell(t, "forked_from_id").isEmpty() ? "fork" : "";
      String repo = cell(r, "github_repo").isEmpty() ? cell(t, "github_repo") : cell(r, "github_repo");
      String workstream = cell(r, "workstream_label").isEmpty() ? cell(t, "workstream_label")
          : cell(r, "workstream_label");
      String title = Redaction.snippet(cell(t, "title"));
      threads.put(id, new ThreadInfo(id, title == null ? "" : title, cell(t, "model"), repo, workstream,
          cell(r, "attribution_confidence").isEmpty() ? cell(t, "attribution_confidence")
              : cell(r, "attribution_confidence"), kind));
    }
    for (Map<String, String> r : rollups) {
      threads.computeIfAbsent(r.get("thread_id"), id -> new ThreadInfo(id, "", "", cell(r, "github_repo"),
          cell(r, "workstream_label"), cell(r, "attribution_confidence"), ""));
    }
    return threads;
  }

  private static Map<String, Links> links(Path dataDir) {
    Path file = dataDir.resolve("repo_workstream_outcome_rollups.tsv");
    FactRows.requireColumns(file, TsvReader.header(file), "github_repo", "workstream_label", "outcome_type",
        "linked_commit_count", "linked_pull_request_count", "linked_merged_pull_request_count",
        "linked_closed_issue_count", "linked_release_count");
    Map<String, Links> m = new HashMap<>();
    for (Map<String, String> r : TsvReader.readAll(file)) {
      Links l = new Links(count(file, r, "linked_commit_count"), count(file, r, "linked_pull_request_count"),
          count(file, r, "linked_merged_pull_request_count"), count(file, r, "linked_closed_issue_count"),
          count(file, r, "linked_release_count"));
      m.merge(linkKey(cell(r, "github_repo"), cell(r, "workstream_label"), cell(r, "outcome_type")), l, Links::plus);
    }
    return m;
  }

  private static long count(Path file, Map<String, String> r, String column) {
    String v = cell(r, column);
    try {
      return v.isEmpty() ? 0 : Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw PlotException.of(file + ": column " + column + ": [" + v + "] is not a whole number");
    }
  }

  private static String cell(Map<String, String> row, String column) {
    String v = row.get(column);
    return v == null ? "" : v;
  }

  static String linkKey(String repo, String workstream, String outcome) {
    return repo + "\t" + workstream + "\t" + outcome;
  }

  // ---- the window ----

  /** {@return the window plotted}. */
  public ReportWindow window() {
    return window;
  }

  /** {@return the zone days are counted in}. */
  public ZoneId zone() {
    return zone;
  }

  /** {@return where the time axes start: the window's start, or for {@code all} the first day with usage}. */
  public Instant from() {
    return from;
  }

  /** {@return where the time axes end: the window's as-of instant}. */
  public Instant to() {
    return to;
  }

  /** {@return the days of {@code [from, to)} in the zone, in order}. */
  public List<LocalDate> days() {
    LocalDate first = from.atZone(zone).toLocalDate();
    LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  // ---- the facts ----

  /** {@return how many rows {@code token_event_accounting.tsv} held}. */
  public int rowsRead() {
    return rowsRead;
  }

  /** {@return how many of them lie in the window with usage}. */
  public int tokenRows() {
    return events.size();
  }

  /** {@return Σ {@code cumulative_delta_tokens} over the window}. */
  public long totalTokens() {
    return totalTokens;
  }

  /** {@return how many threads have usage in the window}. */
  public int threadCount() {
    return (int) events.stream().map(Event::threadId).distinct().count();
  }

  /** {@return true when the window holds no usage}. */
  public boolean isEmpty() {
    return events.isEmpty();
  }

  List<Event> events() {
    return events;
  }

  ThreadInfo thread(String id) {
    ThreadInfo t = threads.get(id);
    return t != null ? t : new ThreadInfo(id, "", "", "", "", "", "");
  }

  Links links(String repo, String workstream, String outcome) {
    return links.get(linkKey(repo, workstream, outcome));
  }

  /** {@return the day of {@code t} in the zone}. */
  LocalDate day(Instant t) {
    return t.atZone(zone).toLocalDate();
  }
}
