package dev.wlat.cli.job;

import dev.wlat.accounting.OutcomeAccounting;
import dev.wlat.accounting.Reconciliation;
import dev.wlat.accounting.ThreadAccountant;
import dev.wlat.accounting.ThreadGrouping;
import dev.wlat.attribution.AttributionOverrides;
import dev.wlat.attribution.Attributor;
import dev.wlat.attribution.RepoIndex;
import dev.wlat.ingest.ChatProcesses;
import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.HomeInventory;
import dev.wlat.ingest.RolloutFile;
import dev.wlat.ingest.RolloutParser;
import dev.wlat.ingest.SessionIndex;
import dev.wlat.ingest.StateDb;
import dev.wlat.ingest.ThreadIndexEntry;
import dev.wlat.model.AccountingBasis;
import dev.wlat.model.Attribution;
import dev.wlat.model.ConfidenceSummary;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.EventFlag;
import dev.wlat.model.IssueKind;
import dev.wlat.model.ParseDiagnostics;
import dev.wlat.model.ReconciliationRow;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SegmentLocation;
import dev.wlat.model.SessionRollup;
import dev.wlat.model.SessionSegment;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TurnEstimate;
import dev.wlat.report.AtomicFiles;
import dev.wlat.report.FactTables;
import dev.wlat.report.OutcomeTables;
import dev.wlat.report.RunLedger;
import dev.wlat.report.ThreadRow;
import dev.wlat.report.TsvWriter;
import dev.wlat.report.TurnRows;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/*
 * The backfill pipeline: discover rollouts, group them by thread (from their file names, before any
 * parsing), parse and account each thread group on a worker, and consume the groups in a fixed order
 * on the calling thread, streaming rows into the TSV writers. At most a few groups are in flight, so
 * memory is bounded by the largest thread, never by the size of the history. Deltas are computed over
 * each thread's full history and then allocated to the window: a group is read whole when any of its
 * files changed since the window start, and skipped when none did (it cannot hold newer events).
 */

/** Runs {@code wlat backfill}: Codex rollouts in, data facts and a run ledger out. */
public final class BackfillJob {

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final BackfillOptions options;
  private final Progress progress;
  private final RolloutParser parser = RolloutParser.create();
  private final ThreadAccountant accountant = ThreadAccountant.create();

  // ---- run statistics (calling thread only) ----
  private final EnumMap<IssueKind, Long> issueCounts = new EnumMap<>(IssueKind.class);
  private final EnumMap<IssueKind, List<String>> issueExamples = new EnumMap<>(IssueKind.class);
  private final EnumMap<AccountingBasis, Long> basisCounts = new EnumMap<>(AccountingBasis.class);
  private final List<String> nonDefaultBasisFiles = new ArrayList<>();
  private final EnumMap<EventFlag, Long> flagCounts = new EnumMap<>(EventFlag.class);
  private final List<String> duplicateSegments = new ArrayList<>();
  private final java.util.Set<String> seenThreads = new java.util.HashSet<>();
  private final List<String> splitThreads = new ArrayList<>();
  private final List<String> sideInputProblems = new ArrayList<>();
  private final List<String> readingNotes = new ArrayList<>();
  private long filesRead;
  private long bytesRead;
  private long rawRows;
  private long observed;
  private long delta;
  private long finalSessionSum;
  private long threadsWritten;
  private OutcomeAccounting outcomes;

  private BackfillJob(BackfillOptions options, Progress progress) {
    this.options = options;
    this.progress = progress;
  }

  /** Runs a backfill; {@return what it did}. Throws {@link dev.wlat.ingest.IngestException} for an unreadable home. */
  public static BackfillResult run(BackfillOptions options, Progress progress) {
    return new BackfillJob(options, progress).run();
  }

  /** {@return a run id for {@code now}: its UTC timestamp}. */
  public static String runIdOf(Instant now) {
    return RUN_ID.format(now);
  }

  private BackfillResult run() {
    long t0 = System.nanoTime();
    String runId = runIdOf(options.now());
    CodexHome home = CodexHome.open(options.codexHome());
    HomeInventory inventory = home.inventory();
    Path data = options.outputRoot().resolve("data");
    int stale = AtomicFiles.removeStaleTemporaries(data);

    // ---- discovery and grouping by thread (file names only, no parsing) ----
    List<RolloutFile> all = home.rollouts(null);
    Map<String, List<RolloutFile>> groups = new TreeMap<>();
    for (RolloutFile f : all) {
      String key = f.threadIdFromName() != null ? f.threadIdFromName() : "path:" + f.relativePath();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
    }
    Instant since = options.window().since();
    List<List<RolloutFile>> work = new ArrayList<>();
    long plannedBytes = 0;
    int plannedFiles = 0;
    int skippedFiles = 0;
    for (List<RolloutFile> g : groups.values()) {
      boolean touched = since == null || g.stream().anyMatch(f -> !f.lastModified().isBefore(since));
      if (touched) {
        work.add(g);
        for (RolloutFile f : g) {
          plannedBytes += f.sizeBytes();
          plannedFiles++;
        }
      } else {
        skippedFiles += g.size();
      }
    }
    progress.plan(plannedFiles, plannedBytes);
    long tDiscovered = System.nanoTime();

    // ---- side inputs ----
    // Side inputs enrich the thread facts; a broken one is reported and the run goes on without it.
    Map<String, ThreadIndexEntry> stateThreads = new HashMap<>();
    try {
      Optional<StateDb> stateDb = StateDb.openNewest(home.path());
      if (stateDb.isPresent()) {
        try (StateDb db = stateDb.get()) {
          for (ThreadIndexEntry t : db.threads()) {
            stateThreads.put(t.id(), t);
          }
        }
      }
    } catch (RuntimeException e) {
      sideInputProblems.add("state DB unreadable, thread metadata from it left out: " + e.getMessage());
    }
    SessionIndex names = SessionIndex.EMPTY;
    try {
      names = SessionIndex.read(home.path());
    } catch (RuntimeException e) {
      sideInputProblems.add("session_index.jsonl unreadable, thread names left out: " + e.getMessage());
    }
    ChatProcesses processes = ChatProcesses.EMPTY;
    try {
      processes = ChatProcesses.read(home.path());
    } catch (RuntimeException e) {
      sideInputProblems.add("process_manager/chat_processes.json unreadable, left out: " + e.getMessage());
    }

    // ---- attribution and GitHub (before any output is written: a gh failure leaves them intact) ----
    long tSide = System.nanoTime();
    RepoIndex repoIndex = RepoIndex.discover(options.repoRoots());
    AttributionOverrides overrides = options.attributionOverrides() == null
        ? AttributionOverrides.EMPTY : AttributionOverrides.read(options.attributionOverrides());
    GitHubStep.Collected github = GitHubStep.run(options, repoIndex, stateThreads.values());
    AttributionStep attribution = new AttributionStep(Attributor.create(repoIndex, overrides, github.artifacts()),
        github.artifacts(), processes);
    long tAttributionReady = System.nanoTime();

    // ---- parse + account in parallel, consume in order ----
    Reconciliation.Builder reconciliation = Reconciliation.builder(options.window(), options.zone());
    Map<String, Long> outputs = new LinkedHashMap<>();
    try (TsvWriter<FactTables.RawRow> raw = TsvWriter.open(data, FactTables.rawTokenEvents("raw_token_events.tsv"));
         TsvWriter<FactTables.AccountingRow> acc = TsvWriter.open(data, FactTables.tokenEventAccounting());
         TsvWriter<TurnRows.TurnRow> turns = TsvWriter.open(data, TurnRows.table());
         TsvWriter<FactTables.SessionRow> sessions = TsvWriter.open(data, FactTables.tokenSessionRollups());
         TsvWriter<FactTables.ThreadRollupRow> threads = TsvWriter.open(data, FactTables.tokenThreadRollups());
         TsvWriter<ThreadRow> threadRows = TsvWriter.open(data, ThreadRow.table());
         TsvWriter<RolloutSegment> files = TsvWriter.open(data, FactTables.rolloutFiles());
         TsvWriter<OutcomeTables.LinkRow> links = TsvWriter.open(data, OutcomeTables.tokenOutcomeLinks())) {
      ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
        Thread t = new Thread(r, "wlat-parse");
        t.setDaemon(true);
        return t;
      });
      try {
        ArrayDeque<Future<GroupResult>> inFlight = new ArrayDeque<>();
        int next = 0;
        int maxInFlight = options.threads() * 4;
        int filesDone = 0;
        while (next < work.size() || !inFlight.isEmpty()) {
          while (next < work.size() && inFlight.size() < maxInFlight) {
            List<RolloutFile> g = work.get(next++);
            inFlight.add(pool.submit(() -> process(g, attribution, stateThreads)));
          }
          GroupResult r = await(inFlight.poll());
          for (RolloutSegment s : r.segments()) {
            noteSegment(s);
            files.write(s);
            filesDone++;
          }
          for (ThreadWork t : r.threads()) {
            if (!seenThreads.add(t.accounting().threadId())) {
              splitThreads.add(t.accounting().threadId());
              continue;
            }
            consume(t, r, runId, reconciliation, raw, acc, turns, sessions, threads, threadRows, links,
                attribution, stateThreads, names);
          }
          progress.update(filesDone, bytesRead, rawRows);
        }
      } finally {
        pool.shutdownNow();
        progress.done();
      }
      List<ReconciliationRow> recon = reconciliation.build();
      // Finish every file before publishing any, so a failure while writing leaves the previous
      // outputs as they were; only the renames below remain.
      for (TsvWriter<?> w : List.of(raw, acc, turns, sessions, threads, threadRows, files, links)) {
        w.finish();
      }
      outputs.put(raw.target().toString(), raw.commit());
      outputs.put(acc.target().toString(), acc.commit());
      outputs.put(turns.target().toString(), turns.commit());
      outputs.put(sessions.target().toString(), sessions.commit());
      outputs.put(threads.target().toString(), threads.commit());
      outputs.put(threadRows.target().toString(), threadRows.commit());
      outputs.put(files.target().toString(), files.commit());
      outputs.put(links.target().toString(), links.commit());
      long reconRows = TsvWriter.writeAll(data, FactTables.tokenAccountingReconciliation(), recon);
      outputs.put(data.resolve("token_accounting_reconciliation.tsv").toString(), reconRows);
    }
    outcomes = attribution.outcomes();
    List<OutcomeTables.EventRow> events = new ArrayList<>(github.artifacts().size());
    for (var a : github.artifacts()) {
      events.add(new OutcomeTables.EventRow(a, "gh", runId));
    }
    outputs.put(data.resolve("github_events.tsv").toString(),
        TsvWriter.writeAll(data, OutcomeTables.githubEvents(), events));
    outputs.put(data.resolve("repo_workstream_outcome_rollups.tsv").toString(),
        TsvWriter.writeAll(data, OutcomeTables.repoWorkstreamOutcomeRollups(), outcomes.rollups()));
    outputs.put(data.resolve("attribution_confidence_summary.tsv").toString(),
        TsvWriter.writeAll(data, OutcomeTables.attributionConfidenceSummary(), outcomes.confidenceSummary()));
    Path copy = data.resolve("codex_token_events.tsv");
    AtomicFiles.copy(data.resolve("raw_token_events.tsv"), copy);
    outputs.put(copy + " (identical copy of raw_token_events.tsv)", rawRows);
    long tData = System.nanoTime();
    ReadingsStep.run(options, runId, outputs, readingNotes);
    long tDone = System.nanoTime();

    // ---- the ledger ----
    // Read only now: walking a repository's history during attribution can add problems too.
    for (String p : repoIndex.problems()) {
      sideInputProblems.add("repository: " + p);
    }
    List<String> notes = notes(github);
    RunLedger ledger = ledger(runId, inventory, all.size(), skippedFiles, stale, stateThreads.size(),
        names, processes, repoIndex, overrides, github, attribution, outputs, notes, tDiscovered - t0,
        tAttributionReady - tSide, tData - tAttributionReady, tDone - tData);
    Path ledgerPath = ledger.writeTo(options.outputRoot());
    long issues = issueCounts.values().stream().mapToLong(Long::longValue).sum();
    List<String> issueSummary = new ArrayList<>();
    issueCounts.forEach((k, n) -> issueSummary.add(k.label() + ": " + n + " line(s), first at "
        + String.join(", ", issueExamples.getOrDefault(k, List.of()))));
    return new BackfillResult(runId, filesRead, bytesRead, rawRows, threadsWritten, observed, delta, issues,
        ledgerPath, notes, issueSummary, outcomes.headline(), attribution.linkCount(),
        (System.nanoTime() - t0) / 1e9);
  }

  // ---- worker side ----

  /** One thread of a group: its accounting, its rows in the window, and (when active) its attribution. */
  private record ThreadWork(ThreadAccounting accounting, List<EventAccounting> inWindow, SessionSegment first,
      AttributionStep.Result attributed) {}

  private record GroupResult(List<RolloutSegment> segments, Map<String, SessionSegment> segmentsById,
      List<ThreadWork> threads) {}

  private GroupResult process(List<RolloutFile> files, AttributionStep attribution,
      Map<String, ThreadIndexEntry> stateThreads) {
    List<RolloutSegment> segments = new ArrayList<>(files.size());
    Map<String, SessionSegment> segmentsById = new HashMap<>();
    for (RolloutFile f : files) {
      RolloutSegment s = parser.parse(f);
      segments.add(s);
      segmentsById.put(s.segment().segmentId(), s.segment());
    }
    List<ThreadWork> threads = new ArrayList<>(1);
    for (List<RolloutSegment> thread : ThreadGrouping.byThread(segments)) {
      ThreadAccounting t = accountant.account(thread);
      List<EventAccounting> inWindow = Reconciliation.eventsInWindow(t, options.window());
      boolean active = !inWindow.isEmpty() || options.window().isAll();
      SessionSegment first = firstSegment(t, segmentsById);
      threads.add(new ThreadWork(t, inWindow, first,
          active ? attribution.attribute(t, inWindow, first, stateThreads.get(t.threadId())) : null));
    }
    return new GroupResult(segments, segmentsById, threads);
  }

  private static GroupResult await(Future<GroupResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  // ---- consumer side (calling thread) ----

  private void noteSegment(RolloutSegment s) {
    SessionSegment seg = s.segment();
    filesRead++;
    bytesRead += seg.byteCount();
    basisCounts.merge(seg.basis(), 1L, Long::sum);
    if (seg.basis() == AccountingBasis.USAGE_RECORDS && nonDefaultBasisFiles.size() < 50) {
      nonDefaultBasisFiles.add(seg.relativePath());
    }
    ParseDiagnostics d = s.diagnostics();
    d.counts().forEach((kind, count) -> {
      issueCounts.merge(kind, count, Long::sum);
      List<String> ex = issueExamples.computeIfAbsent(kind, k -> new ArrayList<>());
      for (Long line : d.sampleLines().getOrDefault(kind, List.of())) {
        if (ex.size() < 5) {
          ex.add(seg.sourcePath() + ":" + line);
        }
      }
    });
  }

  private void consume(ThreadWork work, GroupResult r, String runId, Reconciliation.Builder reconciliation,
      TsvWriter<FactTables.RawRow> raw, TsvWriter<FactTables.AccountingRow> acc,
      TsvWriter<TurnRows.TurnRow> turns, TsvWriter<FactTables.SessionRow> sessions,
      TsvWriter<FactTables.ThreadRollupRow> threads, TsvWriter<ThreadRow> threadRows,
      TsvWriter<OutcomeTables.LinkRow> links, AttributionStep attribution,
      Map<String, ThreadIndexEntry> stateThreads, SessionIndex names) {
    if (work.attributed() == null) {
      return; // no rows in the window
    }
    ThreadAccounting t = work.accounting();
    Map<String, SessionSegment> segmentsById = r.segmentsById();
    List<EventAccounting> inWindow = work.inWindow();
    SessionSegment first = work.first();
    ThreadIndexEntry db = stateThreads.get(t.threadId());
    reconciliation.add(t);
    AttributionStep.Result attributed = work.attributed();
    attribution.count(attributed);
    Attribution a = attributed.attribution();
    AttributionStep.writeLinks(links, attributed, runId);
    for (EventAccounting e : inWindow) {
      TokenEvent ev = e.event();
      SessionSegment seg = segmentsById.get(ev.sessionSegmentId());
      raw.write(new FactTables.RawRow(ev, seg == null ? SegmentLocation.OTHER : seg.location(), a, runId));
      acc.write(new FactTables.AccountingRow(e, a, runId));
      rawRows++;
      observed += e.observedTokens();
      delta = Math.addExact(delta, e.delta().totalTokens());
      for (EventFlag f : ev.flags()) {
        flagCounts.merge(f, 1L, Long::sum);
      }
    }
    for (TurnRows.TurnRow turn : TurnRows.of(inWindow, a)) {
      turns.write(turn);
    }
    Map<String, TurnEstimate> estimates = new HashMap<>();
    for (TurnEstimate e : t.turnEstimates()) {
      estimates.put(e.sessionSegmentId(), e);
    }
    for (SessionRollup s : t.sessions()) {
      sessions.write(new FactTables.SessionRow(s, estimates.get(s.sessionSegmentId()), a));
      finalSessionSum += s.finalSessionTotalTokens();
      if (s.duplicateSegmentOf() != null) {
        duplicateSegments.add(s.sourcePath() + " duplicates " + s.duplicateSegmentOf());
      }
    }
    threads.write(FactTables.ThreadRollupRow.of(t.thread(), t.turnEstimates(), a));
    threadRows.write(threadRow(t, first, db, names, a, runId));
    threadsWritten++;
  }

  /** {@return the thread's first counted segment (else its first segment), or {@code null}}. */
  private static SessionSegment firstSegment(ThreadAccounting t, Map<String, SessionSegment> segmentsById) {
    SessionSegment first = null;
    for (SessionRollup s : t.sessions()) {
      SessionSegment seg = segmentsById.get(s.sessionSegmentId());
      if (seg != null && (first == null || s.accountingIncluded())) {
        first = seg;
        if (s.accountingIncluded()) {
          break;
        }
      }
    }
    return first;
  }

  private static ThreadRow threadRow(ThreadAccounting t, SessionSegment first, ThreadIndexEntry db,
      SessionIndex names, Attribution attribution, String runId) {
    String lastModel = null;
    String lastEffort = null;
    String lastCwd = null;
    for (EventAccounting e : t.events()) {
      if (e.event().model() != null) {
        lastModel = e.event().model();
      }
      if (e.event().effort() != null) {
        lastEffort = e.event().effort();
      }
      if (e.event().cwd() != null) {
        lastCwd = e.event().cwd();
      }
    }
    SessionSegment f = first;
    return new ThreadRow(
        t.threadId(),
        db != null && db.createdAt() != null ? db.createdAt() : (f == null ? null : f.startedAt()),
        db != null ? db.updatedAt() : null,
        db != null && db.rolloutPath() != null ? db.rolloutPath() : (f == null ? null : f.sourcePath()),
        lastCwd != null ? lastCwd : (db != null ? db.cwd() : null),
        f == null ? null : f.cwd(),
        f != null && f.git().repositoryUrl() != null ? f.git().repositoryUrl() : (db == null ? null : db.git().repositoryUrl()),
        f != null && f.git().branch() != null ? f.git().branch() : (db == null ? null : db.git().branch()),
        f != null && f.git().commitHash() != null ? f.git().commitHash() : (db == null ? null : db.git().commitHash()),
        f != null && f.source() != null ? f.source() : (db == null ? null : db.source()),
        db == null ? null : db.threadSource(),
        f == null ? null : f.originator(),
        f != null && f.cliVersion() != null ? f.cliVersion() : (db == null ? null : db.cliVersion()),
        lastModel != null ? lastModel : (db == null ? null : db.model()),
        lastEffort != null ? lastEffort : (db == null ? null : db.reasoningEffort()),
        names.nameOf(t.threadId()).orElse(null),
        db == null ? null : db.tokensUsed(),
        t.thread().tokenEventCount(),
        t.thread().firstEventAt(),
        t.thread().lastEventAt(),
        t.thread().parentThreadId(),
        f == null ? null : f.forkedFromId(),
        f == null ? null : f.agentNickname(),
        f == null ? null : f.agentRole(),
        t.thread().segmentCount(),
        t.thread().cumulativeDeltaTokens(),
        t.thread().finalThreadTotalTokens(),
        attribution,
        runId);
  }

  // ---- notes and ledger ----

  private List<String> notes(GitHubStep.Collected github) {
    List<String> notes = new ArrayList<>(github.notes());
    notes.addAll(readingNotes);
    if (options.repoRoots().isEmpty()) {
      notes.add("Attribution: no --repo-root given, so threads are attributed from the git facts Codex recorded"
          + " and their cwd only; pass --repo-root DIR (repeatable) for local repos, branches and commits.");
    }
    for (String p : sideInputProblems) {
      notes.add("Warning: " + p);
    }
    if (!splitThreads.isEmpty()) {
      notes.add("Warning: " + splitThreads.size() + " thread(s) appear in rollout files named for another thread;"
          + " the files met after the first were left out of this run's accounting: " 
          + String.join(", ", splitThreads.subList(0, Math.min(5, splitThreads.size()))));
    }
    return notes;
  }

  private RunLedger ledger(String runId, HomeInventory inv, int discovered, int skipped, int stale,
      int stateThreads, SessionIndex names, ChatProcesses processes, RepoIndex repoIndex,
      AttributionOverrides overrides, GitHubStep.Collected github, AttributionStep attribution,
      Map<String, Long> outputs, List<String> notes, long discoverNanos, long attributionNanos, long processNanos,
      long readingsNanos) {
    RunLedger l = RunLedger.create(runId, "wlat backfill run " + runId);
    l.section("Command").code(options.commandLine() == null ? "wlat backfill" : options.commandLine());
    List<String[]> params = RunLedger.rows();
    params.add(new String[] {"codex home", options.codexHome().toString()});
    params.add(new String[] {"output root", options.outputRoot().toString()});
    params.add(new String[] {"since", options.sinceText() + (options.window().since() == null ? "" : " (" + options.window().since() + ")")});
    params.add(new String[] {"until", options.untilText() == null ? "(open)" : options.untilText() + " (" + options.window().until() + ")"});
    params.add(new String[] {"day boundaries", options.zone().getId()});
    params.add(new String[] {"parser threads", Integer.toString(options.threads())});
    l.keyValues(params);

    l.section("Inputs found");
    List<String[]> inputs = RunLedger.rows();
    inputs.add(new String[] {"sessions/", inv.sessionsDir() ? "found" : "missing"});
    inputs.add(new String[] {"archived_sessions/", inv.archivedSessionsDir() ? "found" : "missing"});
    inputs.add(new String[] {"state DB", inv.stateDb() == null ? "missing" : inv.stateDb() + " (" + stateThreads + " threads, read-only)"});
    inputs.add(new String[] {"session_index.jsonl", inv.sessionIndex() ? names.names().size() + " thread names (" + names.malformedLines() + " malformed lines)" : "missing"});
    inputs.add(new String[] {"process_manager/chat_processes.json", inv.chatProcesses() ? processes.processes().size() + " processes (" + processes.malformedEntries() + " malformed entries)" : "missing"});
    inputs.add(new String[] {"rollout files discovered", Long.toString(discovered)});
    inputs.add(new String[] {"rollout files read", Long.toString(filesRead)});
    inputs.add(new String[] {"rollout files skipped (not modified since the window start)", Integer.toString(skipped)});
    inputs.add(new String[] {"bytes read", String.format(Locale.ROOT, "%,d", bytesRead)});
    if (stale > 0) {
      inputs.add(new String[] {"stale temporaries removed from a crashed run", Integer.toString(stale)});
    }
    l.keyValues(inputs);

    l.section("Accounting basis per file");
    List<String[]> basis = RunLedger.rows();
    basisCounts.forEach((b, n) -> basis.add(new String[] {b.label(), Long.toString(n)}));
    l.table(List.of("basis", "files"), basis);
    if (!nonDefaultBasisFiles.isEmpty()) {
      l.paragraph("Files accounted from token_usage_record rows (deduplicated by response_id); every file's basis is in data/rollout_files.tsv:");
      l.bullets(nonDefaultBasisFiles);
    }

    l.section("Accounting in the window");
    List<String[]> acc = RunLedger.rows();
    acc.add(new String[] {"raw token rows", String.format(Locale.ROOT, "%,d", rawRows)});
    acc.add(new String[] {"threads", String.format(Locale.ROOT, "%,d", threadsWritten)});
    acc.add(new String[] {"observed_event_sum_tokens (diagnostic, overstates)", String.format(Locale.ROOT, "%,d", observed)});
    acc.add(new String[] {"cumulative_delta_tokens (basis of every period number)", String.format(Locale.ROOT, "%,d", delta)});
    acc.add(new String[] {"sum of final_session_total_tokens (full history of these sessions)", String.format(Locale.ROOT, "%,d", finalSessionSum)});
    acc.add(new String[] {"inflation observed / delta", delta == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) observed / delta)});
    for (EventFlag f : EventFlag.values()) {
      acc.add(new String[] {"rows flagged " + f.label(), String.format(Locale.ROOT, "%,d", flagCounts.getOrDefault(f, 0L))});
    }
    acc.add(new String[] {"duplicate segments excluded", Integer.toString(duplicateSegments.size())});
    l.keyValues(acc);
    if (!duplicateSegments.isEmpty()) {
      l.bullets(duplicateSegments.subList(0, Math.min(50, duplicateSegments.size())));
    }

    l.section("Attribution");
    List<String[]> at = RunLedger.rows();
    at.add(new String[] {"repository roots", options.repoRoots().isEmpty() ? "(none)" : options.repoRoots().toString()});
    at.add(new String[] {"local repositories found (worktrees included)", Integer.toString(repoIndex.repos().size())});
    at.add(new String[] {"attribution overrides", options.attributionOverrides() == null ? "(none)"
        : options.attributionOverrides() + " (" + overrides.rows().size() + " rows)"});
    at.add(new String[] {"GitHub repositories collected", Integer.toString(github.repos().size())});
    at.add(new String[] {"GitHub artifacts", String.format(Locale.ROOT, "%,d", github.artifacts().size())});
    at.add(new String[] {"outcome links", String.format(Locale.ROOT, "%,d", attribution.linkCount())});
    l.keyValues(at);
    List<String[]> levels = RunLedger.rows();
    for (ConfidenceSummary c : outcomes.confidenceSummary()) {
      levels.add(new String[] {c.confidence().label(), String.format(Locale.ROOT, "%,d", c.threadCount()),
          String.format(Locale.ROOT, "%,d", c.tokens()), String.format(Locale.ROOT, "%.1f%%", 100 * c.tokenShare()),
          String.format(Locale.ROOT, "%,d", c.linkCount())});
    }
    l.table(List.of("confidence", "threads", "cumulative_delta_tokens", "share", "links"), levels);
    l.bullets(Headlines.lines(outcomes.headline()));
    if (!github.repos().isEmpty()) {
      List<String[]> gh = RunLedger.rows();
      for (var c : github.repos()) {
        gh.add(new String[] {c.repo().slug(), Integer.toString(c.artifacts().size()), Integer.toString(c.requests()),
            Integer.toString(c.cachedPages())});
      }
      l.table(List.of("GitHub repository", "artifacts", "gh requests", "pages from cache"), gh);
    }

    l.section("Warnings by kind");
    if (issueCounts.isEmpty()) {
      l.paragraph("No malformed, truncated or unknown lines.");
    } else {
      List<String[]> w = RunLedger.rows();
      issueCounts.forEach((k, n) -> w.add(new String[] {k.label(), Long.toString(n), String.join(", ", issueExamples.getOrDefault(k, List.of()))}));
      l.table(List.of("kind", "lines", "first places (file:line)"), w);
    }

    l.section("Steps");
    l.bullets(notes.isEmpty() ? List.of("All requested steps ran.") : notes);

    l.section("Timings");
    List<String[]> times = RunLedger.rows();
    times.add(new String[] {"discovery", String.format(Locale.ROOT, "%.3f s", discoverNanos / 1e9)});
    times.add(new String[] {"repositories, overrides, GitHub", String.format(Locale.ROOT, "%.3f s", attributionNanos / 1e9)});
    times.add(new String[] {"parse, account, attribute, write", String.format(Locale.ROOT, "%.3f s", processNanos / 1e9)});
    times.add(new String[] {"reports and plots", String.format(Locale.ROOT, "%.3f s", readingsNanos / 1e9)});
    l.keyValues(times);

    l.section("Outputs");
    List<String[]> out = RunLedger.rows();
    outputs.forEach((p, n) -> out.add(new String[] {p, n == null ? "written" : String.format(Locale.ROOT, "%,d rows", n)}));
    l.table(List.of("file", "rows"), out);
    return l;
  }
}
