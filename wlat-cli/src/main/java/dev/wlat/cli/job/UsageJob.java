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
import dev.wlat.ingest.SessionIndex;
import dev.wlat.ingest.claude.ClaudeCall;
import dev.wlat.ingest.claude.ClaudeLog;
import dev.wlat.model.Attribution;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.EventFlag;
import dev.wlat.model.RateLimitSnapshot;
import dev.wlat.model.RateLimitWindow;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SessionSegment;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TimeWindow;
import dev.wlat.model.TokenUsage;
import dev.wlat.report.summary.ReportDataException;
import dev.wlat.report.TsvStream;
import java.nio.file.Files;
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

  /** The Codex provider's label. */
  public static final String CODEX = "codex";
  /** The Claude Code provider's label. */
  public static final String CLAUDE = "claude";

  /**
   * One accounted token row with a delta.
   *
   * @param eventId its {@code event_id}
   * @param at its time
   * @param provider {@value #CODEX}, or {@code claude} for a Claude Code call
   * @param threadId its thread (a Claude Code session)
   * @param sessionId its session segment
   * @param model its model, or {@code null}
   * @param effort its reasoning effort, or {@code null}
   * @param repo its thread's GitHub repository ({@code owner/name}), or {@code null}
   * @param cwd its working directory, or {@code null}
   * @param outcome its thread's outcome label
   * @param delta its delta usage
   * @param contextWindow the model's context window the row reported, or {@code null}
   * @param sourcePath the log file that holds it, or {@code null} when read from tables without it
   * @param line its line in {@code sourcePath} (1-based), or 0
   */
  public record Row(String eventId, Instant at, String provider, String threadId, String sessionId, String model,
      String effort, String repo, String cwd, String outcome, TokenUsage delta, Long contextWindow, String sourcePath,
      long line) {}

  /**
   * What a thread is, beside its rows.
   *
   * @param threadId the thread
   * @param provider its provider label
   * @param parentThreadId the thread that spawned it (a subagent's parent), or {@code null}
   * @param agent its agent role or nickname when it is a subagent, or {@code null}
   * @param title its title as the Codex state DB holds it, or {@code null}
   */
  public record ThreadInfo(String threadId, String provider, String parentThreadId, String agent, String title) {}

  /**
   * The latest rate-limit snapshot read, and when it was taken.
   *
   * @param at the time of the row that carried it
   * @param snapshot the snapshot, never empty
   */
  public record Limits(Instant at, RateLimitSnapshot snapshot) {

    /** {@return the later of {@code a} and {@code b}, either may be {@code null}}. */
    static Limits later(Limits a, Limits b) {
      return a == null ? b : b == null || a.at().isAfter(b.at()) ? a : b;
    }
  }

  /**
   * The rows of the window, their threads, and what was read for them.
   *
   * @param rows the accounted rows with a delta
   * @param filesRead the log files read for them
   * @param threads how many threads were read
   * @param source where they were read from
   * @param threadInfo what each thread is, by id (may lack threads)
   * @param limits the latest rate-limit snapshot read (from a live row, not a replayed one), or {@code null}
   */
  public record Result(List<Row> rows, long filesRead, long threads, String source, Map<String, ThreadInfo> threadInfo,
      Limits limits) {

    /** {@return a result without thread details or limits}. */
    public Result(List<Row> rows, long filesRead, long threads, String source) {
      this(rows, filesRead, threads, source, Map.of(), null);
    }
  }

  private UsageJob() {}

  /** {@return the rows of {@code window} from the rollouts of {@code codexHome}}, parsed on {@code threads} threads. */
  public static Result fromHome(Path codexHome, TimeWindow window, int threads) {
    CodexHome home = CodexHome.open(codexHome);
    List<List<RolloutFile>> work = groupsSince(home, window.since());
    long files = work.stream().mapToLong(List::size).sum();
    RolloutParser parser = RolloutParser.create();
    Accounting accounting = new Accounting();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "wlat-usage");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<List<ThreadRows>>> done = new ArrayList<>(work.size());
      for (List<RolloutFile> g : work) {
        done.add(pool.submit(() -> accounting.rows(g.stream().map(parser::parse).toList(), window)));
      }
      List<List<ThreadRows>> groups = new ArrayList<>(done.size());
      for (Future<List<ThreadRows>> f : done) {
        groups.add(Futures.get(f));
      }
      return named(assemble(groups, files, home.path().toString()), SessionIndex.read(home.path()));
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * {@return the rollout files of {@code home} grouped by the thread their names carry}, only the
   * groups with a file modified since {@code since} (all when {@code null}), each group whole.
   */
  static List<List<RolloutFile>> groupsSince(CodexHome home, Instant since) {
    Map<String, List<RolloutFile>> groups = new TreeMap<>();
    for (RolloutFile f : home.rollouts(null)) {
      groups.computeIfAbsent(groupKey(f), k -> new ArrayList<>()).add(f);
    }
    List<List<RolloutFile>> work = new ArrayList<>();
    for (List<RolloutFile> g : groups.values()) {
      if (since == null || g.stream().anyMatch(f -> !f.lastModified().isBefore(since))) {
        work.add(g);
      }
    }
    return work;
  }

  /**
   * {@return {@code r} with the Claude Code calls of {@code log} in {@code window} added}: each a
   * row of provider {@value #CLAUDE} whose thread is its session; {@code r} may be {@code null} (no
   * Codex rows). Claude Code's usage lines are per call already, deduplicated by the parser. A call's
   * repository is the one Codex's rows name for the same working directory, or for the nearest
   * folder above it (Claude Code records no remote); else none.
   */
  public static Result withClaude(Result r, ClaudeLog log, TimeWindow window, String source) {
    List<Row> rows = new ArrayList<>(r == null ? List.of() : r.rows());
    Map<String, ThreadInfo> info = new HashMap<>(r == null ? Map.of() : r.threadInfo());
    Map<String, String> repoOfCwd = new HashMap<>();
    for (Row row : rows) {
      if (row.cwd() != null && row.repo() != null) {
        repoOfCwd.putIfAbsent(row.cwd(), row.repo());
      }
    }
    Map<String, String> repoOfClaudeCwd = new HashMap<>();
    Set<String> sessions = new HashSet<>();
    for (ClaudeCall c : log.calls()) {
      if (!window.contains(c.at()) || c.usage().isZero()) {
        continue;
      }
      String session = c.sessionId() != null ? c.sessionId() : "claude:" + c.file().getFileName();
      String repo = c.cwd() == null ? null : repoOfClaudeCwd.computeIfAbsent(c.cwd(), cwd -> repoAt(cwd, repoOfCwd));
      rows.add(new Row(c.id(), c.at(), CLAUDE, session, session, c.model(), null, repo, c.cwd(), "unknown",
          c.usage(), null, c.file().toString(), c.line()));
      sessions.add(session);
      info.putIfAbsent(session, new ThreadInfo(session, CLAUDE, null, null, null));
    }
    String from = r == null ? source : r.source() + " + " + source;
    return new Result(List.copyOf(rows), (r == null ? 0 : r.filesRead()) + log.filesRead(),
        (r == null ? 0 : r.threads()) + sessions.size(), from, Map.copyOf(info), r == null ? null : r.limits());
  }

  /** {@return the repository of {@code cwd} or of its nearest folder above in {@code repoOfCwd}}, or {@code null}. */
  private static String repoAt(String cwd, Map<String, String> repoOfCwd) {
    for (String dir = cwd; !dir.isEmpty(); ) {
      String repo = repoOfCwd.get(dir);
      if (repo != null) {
        return repo;
      }
      int slash = Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\'));
      if (slash <= 0) {
        return null;
      }
      dir = dir.substring(0, slash);
    }
    return null;
  }

  /** {@return {@code r} with each thread's name from Codex's session index as its title}. */
  static Result named(Result r, SessionIndex names) {
    if (names.names().isEmpty()) {
      return r;
    }
    Map<String, ThreadInfo> info = new HashMap<>(r.threadInfo());
    info.replaceAll((id, t) -> new ThreadInfo(id, t.provider(), t.parentThreadId(), t.agent(),
        names.nameOf(id).orElse(t.title())));
    return new Result(r.rows(), r.filesRead(), r.threads(), r.source(), Map.copyOf(info), r.limits());
  }

  /** {@return the key that groups {@code f} with the other files of its thread}. */
  static String groupKey(RolloutFile f) {
    return f.threadIdFromName() != null ? f.threadIdFromName() : "path:" + f.relativePath();
  }

  /** One thread's rows in the window, what it is, and its latest rate-limit snapshot (or {@code null}). */
  record ThreadRows(ThreadInfo info, List<Row> rows, Limits limits) {}

  /** {@return the result of thread groups in key order}: a thread split over two groups counts in its first, as in a backfill. */
  static Result assemble(Iterable<List<ThreadRows>> groups, long files, String source) {
    List<Row> rows = new ArrayList<>();
    Map<String, ThreadInfo> info = new HashMap<>();
    Limits limits = null;
    for (List<ThreadRows> g : groups) {
      for (ThreadRows t : g) {
        limits = Limits.later(limits, t.limits());
        if (info.putIfAbsent(t.info().threadId(), t.info()) == null) {
          rows.addAll(t.rows());
        }
      }
    }
    return new Result(List.copyOf(rows), files, info.size(), source, Map.copyOf(info), limits);
  }

  /** Accounts parsed segments into rows: the same for a whole read and for a live refresh. */
  static final class Accounting {
    private final ThreadAccountant accountant = ThreadAccountant.create();
    private final AttributionStep attribution = new AttributionStep(
        Attributor.create(RepoIndex.empty(), AttributionOverrides.EMPTY, List.of()), List.of(), ChatProcesses.EMPTY);

    /** {@return the rows of {@code window} of each thread in {@code segments}} (one file group). */
    List<ThreadRows> rows(List<RolloutSegment> segments, TimeWindow window) {
      Map<String, SessionSegment> byId = new HashMap<>();
      for (RolloutSegment s : segments) {
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
            rows.add(new Row(e.event().eventId(), e.event().timestamp(), CODEX, t.threadId(),
                e.event().sessionSegmentId(), e.event().model(), e.event().effort(), a.githubSlug(), cwd,
                a.outcome().label(), e.delta(), e.event().modelContextWindow(), e.event().sourcePath(),
                e.event().lineNumber()));
          }
        }
        String parent = null;
        String agent = null;
        Limits limits = null;
        for (RolloutSegment s : thread) {
          SessionSegment g = s.segment();
          parent = parent != null ? parent : g.parentThreadId();
          agent = agent != null ? agent : g.agentRole() != null ? g.agentRole() : g.agentNickname();
          for (TokenEvent e : s.events()) {
            if (e.rateLimits() != null && !e.rateLimits().isEmpty() && !e.has(EventFlag.REPLAYED)
                && !e.has(EventFlag.REPLAY_UNVERIFIED) && (limits == null || e.timestamp().isAfter(limits.at()))) {
              limits = new Limits(e.timestamp(), e.rateLimits());
            }
          }
        }
        out.add(new ThreadRows(new ThreadInfo(t.threadId(), CODEX, parent, agent, null), rows, limits));
      }
      return out;
    }
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
    Limits limits = null;
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
      int rawEffort = raw == null ? -1 : raw.column("reasoning_effort");
      int rawPath = raw == null ? -1 : raw.column("source_path");
      int rawLine = raw == null ? -1 : raw.column("line_number");
      LimitColumns limitColumns = raw == null ? null : LimitColumns.of(raw);
      while (acc.next()) {
        String cwd = null;
        String effort = null;
        String path = null;
        long line = 0;
        if (raw != null) {
          if (!raw.next() || !String.valueOf(raw.text(rawId)).equals(String.valueOf(acc.text(id)))) {
            throw acc.bad(id, "the event id of the same line of raw_token_events.tsv (the two tables hold the"
                + " same rows in the same order)");
          }
          cwd = raw.text(rawCwd);
          effort = raw.text(rawEffort);
          path = raw.text(rawPath);
          line = raw.text(rawLine) == null ? 0 : raw.number(rawLine);
          limits = Limits.later(limits, limitColumns.read(raw, acc.instant(at)));
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
        rows.add(new Row(acc.text(id), when, CODEX, acc.text(thread), acc.text(session), acc.text(model), effort,
            acc.text(repo), cwd, o == null ? "unknown" : o, d, w == null ? null : acc.number(contextWindow), path, line));
        threads.add(acc.text(thread));
      }
    }
    return new Result(rows, 0, threads.size(), data.toString(), threadInfo(data.resolve("codex_threads.tsv"), threads),
        limits);
  }

  /** The rate-limit columns of {@code raw_token_events.tsv}. */
  private record LimitColumns(int flags, int pUsed, int pMinutes, int pResets, int sUsed, int sMinutes, int sResets,
      int plan, int hasCredits, int unlimited, int balance, int reached) {

    static LimitColumns of(TsvStream raw) {
      return new LimitColumns(raw.column("event_flags"), raw.column("primary_used_percent"),
          raw.column("primary_window_minutes"), raw.column("primary_resets_at"), raw.column("secondary_used_percent"),
          raw.column("secondary_window_minutes"), raw.column("secondary_resets_at"), raw.column("plan_type"),
          raw.column("credits_has_credits"), raw.column("credits_unlimited"), raw.column("credits_balance"),
          raw.column("rate_limit_reached_type"));
    }

    /** {@return the snapshot of the current row taken {@code at}}, or {@code null} without one or on a replayed row. */
    Limits read(TsvStream raw, Instant at) {
      if (at == null || (raw.text(pUsed) == null && raw.text(sUsed) == null)) {
        return null;
      }
      String f = raw.text(flags);
      if (f != null && (f.contains(EventFlag.REPLAYED.label()) || f.contains(EventFlag.REPLAY_UNVERIFIED.label()))) {
        return null;
      }
      RateLimitSnapshot s = new RateLimitSnapshot(window(raw, pUsed, pMinutes, pResets),
          window(raw, sUsed, sMinutes, sResets), raw.text(plan), bool(raw, hasCredits), bool(raw, unlimited),
          raw.text(balance), null, raw.text(reached));
      return s.isEmpty() ? null : new Limits(at, s);
    }

    private static RateLimitWindow window(TsvStream raw, int used, int minutes, int resets) {
      String u = raw.text(used);
      if (u == null) {
        return null;
      }
      try {
        return new RateLimitWindow(Double.parseDouble(u),
            raw.text(minutes) == null ? null : Math.toIntExact(raw.number(minutes)), raw.instant(resets));
      } catch (NumberFormatException | ArithmeticException e) {
        throw raw.bad(used, "a percentage and whole window minutes");
      }
    }

    private static Boolean bool(TsvStream raw, int i) {
      return raw.text(i) == null ? null : raw.flag(i);
    }
  }

  /** {@return what {@code codexThreads} (when there) says of each of {@code threads}}. */
  private static Map<String, ThreadInfo> threadInfo(Path codexThreads, Set<String> threads) {
    Map<String, ThreadInfo> info = new HashMap<>();
    if (Files.isRegularFile(codexThreads)) {
      try (TsvStream t = TsvStream.open(codexThreads)) {
        int id = t.column("thread_id");
        int parent = t.column("parent_thread_id");
        int role = t.column("agent_role");
        int nickname = t.column("agent_nickname");
        int title = t.column("title");
        while (t.next()) {
          String thread = t.text(id);
          if (threads.contains(thread)) {
            String agent = t.text(role) != null ? t.text(role) : t.text(nickname);
            info.put(thread, new ThreadInfo(thread, CODEX, t.text(parent), agent, t.text(title)));
          }
        }
      }
    }
    for (String thread : threads) {
      info.putIfAbsent(thread, new ThreadInfo(thread, CODEX, null, null, null));
    }
    return info;
  }
}
