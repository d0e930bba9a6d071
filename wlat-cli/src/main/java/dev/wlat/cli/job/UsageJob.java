package dev.wlat.cli.job;

import dev.wlat.accounting.Reconciliation;
import dev.wlat.accounting.ThreadAccountant;
import dev.wlat.accounting.ThreadGrouping;
import dev.wlat.attribution.AttributionOverrides;
import dev.wlat.attribution.Attributor;
import dev.wlat.attribution.RepoIndex;
import dev.wlat.ingest.ChatProcesses;
import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.RolloutFile;
import dev.wlat.ingest.RolloutParser;
import dev.wlat.model.Attribution;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SessionSegment;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.TimeWindow;
import dev.wlat.model.TokenUsage;
import dev.wlat.report.summary.ReportDataException;
import dev.wlat.report.TsvStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The accounted token rows of a window, for {@code wlat usage}: read straight from a Codex home (only
 * the thread groups with a file modified since the window start, each whole, so resumed totals keep
 * their baseline), or from the data tables a backfill or incremental run wrote. Either way each row
 * is one accounted token row's delta ({@code cumulative_delta_tokens}), never a naive sum.
 */
public final class UsageJob {

  /**
   * One accounted token row with a delta.
   *
   * @param eventId its {@code event_id}
   * @param at its time
   * @param threadId its thread
   * @param sessionId its session segment
   * @param model its model, or {@code null}
   * @param repo its thread's GitHub repository ({@code owner/name}), or {@code null}
   * @param cwd its working directory, or {@code null}
   * @param outcome its thread's outcome label
   * @param delta its delta usage
   * @param contextWindow the model's context window the row reported, or {@code null}
   */
  public record Row(String eventId, Instant at, String threadId, String sessionId, String model, String repo,
      String cwd, String outcome, TokenUsage delta, Long contextWindow) {}

  /** The rows of the window and what was read for them. */
  public record Result(List<Row> rows, long filesRead, long threads, String source) {}

  private UsageJob() {}

  /** {@return the rows of {@code window} from the rollouts of {@code codexHome}}, parsed on {@code threads} threads. */
  public static Result fromHome(Path codexHome, TimeWindow window, int threads) {
    CodexHome home = CodexHome.open(codexHome);
    Map<String, List<RolloutFile>> groups = new TreeMap<>();
    for (RolloutFile f : home.rollouts(null)) {
      String key = f.threadIdFromName() != null ? f.threadIdFromName() : "path:" + f.relativePath();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
    }
    Instant since = window.since();
    List<List<RolloutFile>> work = new ArrayList<>();
    long files = 0;
    for (List<RolloutFile> g : groups.values()) {
      if (since == null || g.stream().anyMatch(f -> !f.lastModified().isBefore(since))) {
        work.add(g);
        files += g.size();
      }
    }
    AttributionStep attribution = new AttributionStep(
        Attributor.create(RepoIndex.empty(), AttributionOverrides.EMPTY, List.of()), List.of(), ChatProcesses.EMPTY);
    RolloutParser parser = RolloutParser.create();
    ThreadAccountant accountant = ThreadAccountant.create();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "wlat-usage");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<List<ThreadRows>>> done = new ArrayList<>(work.size());
      for (List<RolloutFile> g : work) {
        done.add(pool.submit(() -> group(g, window, parser, accountant, attribution)));
      }
      List<Row> rows = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Future<List<ThreadRows>> f : done) {
        for (ThreadRows t : Futures.get(f)) {
          if (seen.add(t.threadId())) { // a thread split over two groups: its first group counts, as in a backfill
            rows.addAll(t.rows());
          }
        }
      }
      return new Result(rows, files, seen.size(), home.path().toString());
    } finally {
      pool.shutdownNow();
    }
  }

  private record ThreadRows(String threadId, List<Row> rows) {}

  private static List<ThreadRows> group(List<RolloutFile> files, TimeWindow window, RolloutParser parser,
      ThreadAccountant accountant, AttributionStep attribution) {
    List<RolloutSegment> segments = new ArrayList<>(files.size());
    Map<String, SessionSegment> byId = new HashMap<>();
    for (RolloutFile f : files) {
      RolloutSegment s = parser.parse(f);
      segments.add(s);
      byId.put(s.segment().segmentId(), s.segment());
    }
    List<ThreadRows> out = new ArrayList<>(1);
    for (List<RolloutSegment> thread : ThreadGrouping.byThread(segments)) {
      ThreadAccounting t = accountant.account(thread);
      List<EventAccounting> inWindow = Reconciliation.eventsInWindow(t, window);
      List<Row> rows = new ArrayList<>();
      if (!inWindow.isEmpty()) {
        SessionSegment first = AttributionStep.firstSegment(t, byId);
        Attribution a = attribution.attribute(t, inWindow, first, null).attribution();
        for (EventAccounting e : inWindow) {
          if (!e.accountingIncluded() || e.delta().isZero()) {
            continue;
          }
          SessionSegment seg = byId.get(e.event().sessionSegmentId());
          String cwd = e.event().cwd() != null ? e.event().cwd() : seg == null ? null : seg.cwd();
          rows.add(new Row(e.event().eventId(), e.event().timestamp(), t.threadId(), e.event().sessionSegmentId(),
              e.event().model(), a.githubSlug(), cwd, a.outcome().label(), e.delta(), e.event().modelContextWindow()));
        }
      }
      out.add(new ThreadRows(t.threadId(), rows));
    }
    return out;
  }

  /**
   * {@return the rows of {@code window} from {@code outputRoot/data}}: the accounting table, and the
   * raw table beside it (same rows, same order) for the working directories when {@code withCwd}.
   *
   * @throws ReportDataException when a table is missing or malformed
   */
  public static Result fromOutputRoot(Path outputRoot, TimeWindow window, boolean withCwd) {
    Path data = outputRoot.resolve("data");
    List<Row> rows = new ArrayList<>();
    Set<String> threads = new HashSet<>();
    try (TsvStream acc = TsvStream.open(data.resolve("token_event_accounting.tsv"));
        TsvStream raw = withCwd ? TsvStream.open(data.resolve("raw_token_events.tsv")) : null) {
      int id = acc.column("event_id");
      int thread = acc.column("thread_id");
      int session = acc.column("session_segment_id");
      int at = acc.column("timestamp");
      int model = acc.column("model");
      int repo = acc.column("github_repo");
      int outcome = acc.column("outcome_type");
      int included = acc.column("accounting_included");
      int total = acc.column("cumulative_delta_tokens");
      int input = acc.column("delta_input_tokens");
      int cached = acc.column("delta_cached_input_tokens");
      int output = acc.column("delta_output_tokens");
      int reasoning = acc.column("delta_reasoning_output_tokens");
      int cacheWrite = acc.column("delta_cache_write_input_tokens");
      int contextWindow = acc.hasColumn("model_context_window") ? acc.column("model_context_window") : -1;
      int rawId = raw == null ? -1 : raw.column("event_id");
      int rawCwd = raw == null ? -1 : raw.column("cwd");
      while (acc.next()) {
        String cwd = null;
        if (raw != null) {
          if (!raw.next() || !String.valueOf(raw.text(rawId)).equals(String.valueOf(acc.text(id)))) {
            throw acc.bad(id, "the event id of the same line of raw_token_events.tsv (the two tables hold the"
                + " same rows in the same order)");
          }
          cwd = raw.text(rawCwd);
        }
        Instant when = acc.instant(at);
        if (when == null) {
          throw acc.bad(at, "an ISO-8601 UTC timestamp");
        }
        if (!acc.flag(included) || !window.contains(when) || acc.number(total) == 0) {
          continue;
        }
        TokenUsage d = new TokenUsage(acc.number(input), acc.number(cached), acc.number(output),
            acc.number(reasoning), acc.number(total), acc.number(cacheWrite));
        String o = acc.text(outcome);
        String w = contextWindow < 0 ? null : acc.text(contextWindow);
        rows.add(new Row(acc.text(id), when, acc.text(thread), acc.text(session), acc.text(model), acc.text(repo), cwd,
            o == null ? "unknown" : o, d, w == null ? null : acc.number(contextWindow)));
        threads.add(acc.text(thread));
      }
    }
    return new Result(rows, 0, threads.size(), data.toString());
  }
}
