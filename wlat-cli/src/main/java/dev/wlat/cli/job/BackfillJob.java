package dev.wlat.cli.job;

import dev.wlat.accounting.OutcomeAccounting;
import dev.wlat.accounting.Reconciliation;
import dev.wlat.accounting.ThreadAccountant;
import dev.wlat.accounting.ThreadGrouping;
import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.model.Privacy;
import dev.wlat.attribution.AttributionOverrides;
import dev.wlat.attribution.Attributor;
import dev.wlat.attribution.RepoIndex;
import dev.wlat.ingest.ChatProcesses;
import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.HomeInventory;
import dev.wlat.ingest.RolloutFile;
import dev.wlat.ingest.ResumedParse;
import dev.wlat.ingest.RolloutCheckpoint;
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
import dev.wlat.model.ReconciliationRow;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SegmentLocation;
import dev.wlat.model.SessionRollup;
import dev.wlat.model.SessionSegment;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TokenUsage;
import dev.wlat.model.TurnEstimate;
import dev.wlat.report.AtomicFiles;
import dev.wlat.report.FactTables;
import dev.wlat.report.OutcomeTables;
import dev.wlat.report.RunLedger;
import dev.wlat.report.ThreadRow;
import dev.wlat.report.TsvRows;
import dev.wlat.report.TsvTable;
import dev.wlat.report.TsvWriter;
import dev.wlat.report.TurnRows;
import dev.wlat.cli.Versions;
import java.io.UncheckedIOException;
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
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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

  private static final TsvTable<FactTables.RawRow> RAW = FactTables.rawTokenEvents("raw_token_events.tsv");
  private static final TsvTable<FactTables.AccountingRow> ACCOUNTING = FactTables.tokenEventAccounting();
  private static final TsvTable<TurnRows.TurnRow> TURNS = TurnRows.table();
  private static final TsvTable<FactTables.SessionRow> SESSIONS = FactTables.tokenSessionRollups();
  private static final TsvTable<FactTables.ThreadRollupRow> THREADS = FactTables.tokenThreadRollups();
  private static final TsvTable<ThreadRow> THREAD_ROWS = ThreadRow.table();
  private static final TsvTable<RolloutSegment> FILES = FactTables.rolloutFiles();
  private static final TsvTable<OutcomeTables.LinkRow> LINKS = OutcomeTables.tokenOutcomeLinks();

  /** The per-group tables, in the order of {@link Writers#all()} and of a {@link Layout} entry's blocks. */
  private static final List<TsvTable<?>> GROUP_TABLES =
      List.of(RAW, ACCOUNTING, TURNS, SESSIONS, THREADS, THREAD_ROWS, FILES, LINKS);

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

  // ---- incremental runs ----
  private IncrementalState state;
  private Map<String, IncrementalState.FileRow> keptFiles = Map.of();
  private Map<String, byte[]> keptSummaries = Map.of();
  private Layout keptLayout;
  private Path data;
  private final IncrementalState.Changes changes = new IncrementalState.Changes();
  private final Layout layout = Layout.empty(GROUP_TABLES.size());
  private long groupsKept;
  private long groupsRecomputed;
  private long filesResumed;
  private long filesParsedWhole;
  private long newBytes;
  private String stateNote;
  private final Map<String, Long> phases = new LinkedHashMap<>();
  private long phaseStart;
  private boolean attributionUnchanged;

  private BackfillJob(BackfillOptions options, Progress progress) {
    this.options = options;
    this.progress = progress;
    this.tables = Tables.of(options.privacy());
  }

  /** The tables whose paths depend on the run's privacy mode (the others are the constants above). */
  private record Tables(TsvTable<FactTables.RawRow> raw, TsvTable<FactTables.SessionRow> sessions,
      TsvTable<RolloutSegment> files) {

    static Tables of(Privacy p) {
      return p.isNormal() ? new Tables(RAW, SESSIONS, FILES) : new Tables(
          FactTables.rawTokenEvents("raw_token_events.tsv", p), FactTables.tokenSessionRollups(p),
          FactTables.rolloutFiles(p));
    }
  }

  private final Tables tables;

  /** Runs a backfill; {@return what it did}. Throws {@link dev.wlat.ingest.IngestException} for an unreadable home. */
  public static BackfillResult run(BackfillOptions options, Progress progress) {
    return new BackfillJob(options, progress).run();
  }

  /** {@return a run id for {@code now}: its UTC timestamp}. */
  public static String runIdOf(Instant now) {
    return RUN_ID.format(now);
  }

  private BackfillResult run() {
    if (!options.incremental()) {
      return runAll();
    }
    CodexHome.open(options.codexHome()); // a bad home is an error before anything is created
    try (RunLock lock = RunLock.acquire(options.outputRoot())) {
      return runAll();
    } finally {
      if (state != null) {
        state.close();
      }
    }
  }

  /** Ends the current phase of the run's timings as {@code label}. */
  private void phase(String label) {
    long now = System.nanoTime();
    phases.merge(label, now - phaseStart, Long::sum);
    phaseStart = now;
  }

  private BackfillResult runAll() {
    long t0 = System.nanoTime();
    phaseStart = t0;
    String runId = RunIds.free(options.outputRoot(), options.now()); // unique even for two runs in one second
    CodexHome home = CodexHome.open(options.codexHome());
    HomeInventory inventory = home.inventory();
    data = options.outputRoot().resolve("data");
    int stale = AtomicFiles.removeStaleTemporaries(data);
    // a run killed while writing its ledger or the run log leaves their temporaries in runs/
    // (reports/ and plots/ are swept when they are written)
    stale += AtomicFiles.removeStaleTemporaries(options.outputRoot().resolve("runs"));
    if (options.incremental()) {
      openState(home);
      phase("incremental state: load");
    }

    // ---- discovery and grouping by thread (file names only, no parsing) ----
    List<RolloutFile> all = home.rollouts(null);
    Map<String, List<RolloutFile>> groups = new TreeMap<>();
    for (RolloutFile f : all) {
      String key = f.threadIdFromName() != null ? f.threadIdFromName() : "path:" + f.relativePath();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
    }
    Instant since = options.window().since();
    List<Map.Entry<String, List<RolloutFile>>> work = new ArrayList<>();
    long plannedBytes = 0;
    int plannedFiles = 0;
    int skippedFiles = 0;
    for (Map.Entry<String, List<RolloutFile>> g : groups.entrySet()) {
      boolean touched = since == null || g.getValue().stream().anyMatch(f -> !f.lastModified().isBefore(since));
      if (touched) {
        work.add(g);
        for (RolloutFile f : g.getValue()) {
          plannedBytes += f.sizeBytes();
          plannedFiles++;
        }
      } else {
        skippedFiles += g.getValue().size();
      }
    }
    progress.plan(plannedFiles, plannedBytes);
    phase("discovery");

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
    phase("state DB, session index, processes");
    RepoIndex repoIndex = RepoIndex.discover(options.repoRoots());
    AttributionOverrides overrides = options.attributionOverrides() == null
        ? AttributionOverrides.EMPTY : AttributionOverrides.read(options.attributionOverrides());
    GitHubStep.Collected github = GitHubStep.run(options, repoIndex, stateThreads.values());
    AttributionStep attribution = new AttributionStep(Attributor.create(repoIndex, overrides, github.artifacts()),
        github.artifacts(), processes);
    if (state != null) {
      String f = Long.toHexString(AttributionStep.fingerprint(repoIndex, overrides, github.artifacts(), processes));
      attributionUnchanged = keptLayout != null && f.equals(state.meta("attribution_fingerprint"));
      changes.meta.put("attribution_fingerprint", f);
    }
    phase("repositories, overrides, GitHub");

    // ---- parse + account in parallel, consume in order ----
    Reconciliation.Builder reconciliation = Reconciliation.builder(options.window(), options.zone());
    Map<String, Long> outputs = new LinkedHashMap<>();
    Context ctx = new Context(attribution, stateThreads, names, runId, options.pricing(), tables, options.privacy());
    try (Writers w = Writers.open(data, tables)) {
      ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
        Thread t = new Thread(r, "wlat-parse");
        t.setDaemon(true);
        return t;
      });
      try {
        ArrayDeque<Future<GroupResult>> inFlight = new ArrayDeque<>();
        ArrayDeque<Map.Entry<String, List<RolloutFile>>> submitted = new ArrayDeque<>();
        int next = 0;
        int maxInFlight = options.threads() * 4;
        int filesDone = 0;
        while (next < work.size() || !inFlight.isEmpty()) {
          while (next < work.size() && inFlight.size() < maxInFlight) {
            Map.Entry<String, List<RolloutFile>> g = work.get(next++);
            submitted.add(g);
            inFlight.add(pool.submit(() -> process(g.getKey(), g.getValue(), ctx)));
          }
          GroupResult r = Futures.get(inFlight.poll());
          Map.Entry<String, List<RolloutFile>> g = submitted.poll();
          if (r.kept() != null && !splitsAsBefore(r)) {
            r = fresh(g.getKey(), g.getValue(), ctx); // a thread's split status changed: rows must be made again
          }
          consume(r, runId, reconciliation, w, ctx);
          filesDone += g.getValue().size();
          progress.update(filesDone, bytesRead, rawRows);
        }
      } finally {
        pool.shutdownNow();
        progress.done();
      }
      phase(state == null ? "parse, account, attribute, write rows" : "parse new bytes, account, attribute, write or copy rows");
      List<ReconciliationRow> recon = reconciliation.build();
      // Finish every file before publishing any, so a failure while writing leaves the previous
      // outputs as they were; only the renames below remain.
      for (TsvWriter<?> x : w.all()) {
        x.finish();
      }
      for (TsvWriter<?> x : w.all()) {
        outputs.put(x.target().toString(), x.commit());
      }
      phase("publish the row tables");
      long reconRows = TsvWriter.writeAll(data, FactTables.tokenAccountingReconciliation(), recon);
      outputs.put(data.resolve("token_accounting_reconciliation.tsv").toString(), reconRows);
    }
    outcomes = attribution.outcomes();
    List<OutcomeTables.EventRow> events = new ArrayList<>(github.artifacts().size());
    for (var a : github.artifacts()) {
      events.add(new OutcomeTables.EventRow(a, "gh", runId));
    }
    outputs.put(data.resolve("github_events.tsv").toString(),
        TsvWriter.writeAll(data, OutcomeTables.githubEvents(options.privacy()), events));
    outputs.put(data.resolve("repo_workstream_outcome_rollups.tsv").toString(),
        TsvWriter.writeAll(data, OutcomeTables.repoWorkstreamOutcomeRollups(), outcomes.rollups()));
    outputs.put(data.resolve("attribution_confidence_summary.tsv").toString(),
        TsvWriter.writeAll(data, OutcomeTables.attributionConfidenceSummary(), outcomes.confidenceSummary()));
    Path copy = data.resolve("codex_token_events.tsv");
    AtomicFiles.linkOrCopy(data.resolve("raw_token_events.tsv"), copy);
    outputs.put(copy + " (identical copy of raw_token_events.tsv)", rawRows);
    phase("reconciliation, outcome tables");
    if (state != null) {
      saveState(groups, runId);
      phase("incremental state: save");
    }
    ReadingsStep.run(options, runId, outputs, readingNotes);
    phase("reports and plots");

    // ---- the ledger ----
    // Read only now: walking a repository's history during attribution can add problems too.
    for (String p : repoIndex.problems()) {
      sideInputProblems.add("repository: " + p);
    }
    List<String> notes = notes(github);
    RunLedger ledger = ledger(runId, inventory, all.size(), skippedFiles, stale, stateThreads.size(),
        names, processes, repoIndex, overrides, github, attribution, outputs, notes);
    Path ledgerPath = ledger.writeTo(options.outputRoot(),
        LedgerPrivacy.filter(options.privacy(), options.codexHome(), options.outputRoot()));
    long issues = issueCounts.values().stream().mapToLong(Long::longValue).sum();
    List<String> issueSummary = new ArrayList<>();
    issueCounts.forEach((k, n) -> issueSummary.add(k.label() + ": " + n + " line(s), first at "
        + String.join(", ", issueExamples.getOrDefault(k, List.of()))));
    return new BackfillResult(runId, filesRead, bytesRead, rawRows, threadsWritten, observed, delta, issues,
        ledgerPath, notes, issueSummary, outcomes.headline(), attribution.linkCount(),
        (System.nanoTime() - t0) / 1e9, options.incremental() ? newBytes : bytesRead, groupsKept, groupsRecomputed);
  }

  // ---- incremental state ----

  /** The settings the kept rows and summaries depend on, besides what each group's digests cover. */
  private String fingerprint(CodexHome home) {
    StringBuilder headers = new StringBuilder();
    for (TsvTable<?> t : GROUP_TABLES) {
      headers.append(t.fileName()).append(':').append(String.join(",", t.header())).append(';');
    }
    return Long.toHexString(Blobs.digest(Versions.version(), home.path().toAbsolutePath().normalize().toString(),
        options.zone().getId(), headers.toString(), options.pricing().digest(), options.privacy().mode().label()));
  }

  private void openState(CodexHome home) {
    state = IncrementalState.open(options.outputRoot());
    if (state.problem() != null) {
      sideInputProblems.add(state.problem());
    }
    try {
      readState(home);
    } catch (UncheckedIOException | Blobs.Corrupt e) {
      state = state.startOver(e.getMessage());
      sideInputProblems.add(state.problem());
      keptFiles = Map.of();
      keptSummaries = Map.of();
      keptLayout = null;
      changes.replaceAll = true;
      stateNote = "the state DB could not be read: every file read whole";
    }
  }

  private void readState(CodexHome home) {
    String fingerprint = fingerprint(home);
    changes.meta.put("fingerprint", fingerprint);
    if (!fingerprint.equals(state.meta("fingerprint"))) {
      // another wlat version, Codex home or time zone: nothing kept applies
      changes.replaceAll = true;
      stateNote = state.meta("fingerprint") == null ? "no earlier state: every file read whole"
          : "settings or wlat version changed since the last run: every file read whole";
      return;
    }
    keptFiles = state.files();
    keptSummaries = state.summaries();
    Map<String, IncrementalState.OutputId> published = state.outputs();
    String why = null;
    for (TsvTable<?> t : GROUP_TABLES) {
      Path f = data.resolve(t.fileName());
      IncrementalState.OutputId now = IncrementalState.identify(f);
      if (now == null || !now.equals(published.get(t.fileName())) || !TsvWriter.hasHeader(f, t)) {
        why = f.getFileName() + " is not the file the last incremental run wrote";
        break;
      }
    }
    if (why == null) {
      try {
        byte[] blob = state.layout();
        keptLayout = blob == null ? null : Layout.fromBytes(blob, GROUP_TABLES.size());
      } catch (Blobs.Corrupt e) {
        why = "the kept row layout is unreadable (" + e.getMessage() + ")";
      }
    }
    if (why != null) {
      keptLayout = null;
      stateNote = why + ": every group's rows made again from the kept parse state (no file read twice)";
    }
  }

  private void saveState(Map<String, List<RolloutFile>> groups, String runId) {
    java.util.Set<String> present = new java.util.HashSet<>();
    for (List<RolloutFile> g : groups.values()) {
      for (RolloutFile f : g) {
        present.add(f.relativePath());
      }
    }
    for (String f : keptFiles.keySet()) {
      if (!present.contains(f)) {
        changes.removedFiles.add(f);
      }
    }
    for (String g : keptSummaries.keySet()) {
      if (!groups.containsKey(g)) {
        changes.removedGroups.add(g);
      }
    }
    for (TsvTable<?> t : GROUP_TABLES) {
      changes.outputs.put(t.fileName(), IncrementalState.identify(data.resolve(t.fileName())));
    }
    changes.layout = layout.toBytes();
    changes.meta.put("last_run", runId);
    state.save(changes);
  }

  // ---- worker side ----

  /** What every worker reads: thread-safe, read-only. */
  private record Context(AttributionStep attribution, Map<String, ThreadIndexEntry> stateThreads,
      SessionIndex names, String runId, Pricing pricing, Tables tables, Privacy privacy) {}

  /**
   * One active thread's rows of the per-group tables, rendered on the worker that accounted it, so
   * that the calling thread only appends bytes (in the group order it keeps).
   */
  private record ThreadRows(TsvRows<OutcomeTables.LinkRow> links, TsvRows<FactTables.RawRow> raw,
      TsvRows<FactTables.AccountingRow> acc, TsvRows<TurnRows.TurnRow> turns,
      TsvRows<FactTables.SessionRow> sessions, TsvRows<FactTables.ThreadRollupRow> threads,
      TsvRows<ThreadRow> threadRows) {

    static ThreadRows empty(Tables t) {
      return new ThreadRows(TsvRows.of(LINKS), TsvRows.of(t.raw()), TsvRows.of(ACCOUNTING), TsvRows.of(TURNS),
          TsvRows.of(t.sessions()), TsvRows.of(THREADS), TsvRows.of(THREAD_ROWS));
    }

    void appendTo(Writers w) {
      w.links().append(links);
      w.raw().append(raw);
      w.acc().append(acc);
      w.turns().append(turns);
      w.sessions().append(sessions);
      w.threads().append(threads);
      w.threadRows().append(threadRows);
    }
  }

  /**
   * One group, ready to consume: made fresh (segments and threads to write) or kept (rows to copy
   * from the last run's files); either way its summary, and the attribution of its active threads.
   */
  private record GroupResult(String key, GroupSummary summary, Map<String, AttributionStep.Result> results,
      TsvRows<RolloutSegment> fileRows, Map<String, ThreadRows> threadRows, Layout.Entry kept,
      Map<String, Parsed> checkpoints) {}

  /** One file of a fresh group in an incremental run: its new state, how it was read and how much. */
  private record Parsed(IncrementalState.FileState state, ResumedParse.Mode mode, long bytesRead) {}

  private GroupResult process(String key, List<RolloutFile> files, Context ctx) {
    if (keptLayout != null) {
      GroupResult kept = kept(key, files, ctx);
      if (kept != null) {
        return kept;
      }
    }
    return fresh(key, files, ctx);
  }

  /** {@return the group's kept rows and summary when nothing they depend on changed}, else {@code null}. */
  private GroupResult kept(String key, List<RolloutFile> files, Context ctx) {
    Layout.Entry entry = keptLayout.get(key);
    byte[] blob = keptSummaries.get(key);
    if (entry == null || blob == null) {
      return null;
    }
    GroupSummary summary;
    try {
      summary = GroupSummary.fromBytes(blob);
    } catch (Blobs.Corrupt e) {
      return null;
    }
    if (summary.files().size() != files.size()) {
      return null;
    }
    for (int i = 0; i < files.size(); i++) {
      RolloutFile f = files.get(i);
      IncrementalState.FileRow row = keptFiles.get(f.relativePath());
      if (!f.relativePath().equals(summary.files().get(i).relativePath()) || row == null || !key.equals(row.groupKey())
          || row.size() != f.sizeBytes() || row.modifiedNanos() != nanos(f.lastModified())) {
        return null;
      }
    }
    Map<String, AttributionStep.Result> results = new HashMap<>();
    for (GroupSummary.ThreadNote t : summary.threads()) {
      if (!t.active()) {
        continue;
      }
      ThreadIndexEntry db = ctx.stateThreads().get(t.threadId());
      if (rowInputsDigest(t.threadId(), db, ctx.names()) != t.rowInputsDigest()) {
        return null;
      }
      AttributionStep.Result r;
      if (attributionUnchanged && t.result() != null) {
        r = t.result(); // nothing attribution depends on changed: the kept result stands
      } else {
        r = AttributionStep.shown(ctx.attribution().attribute(t.evidence(), t.windowDelta(), db), ctx.privacy());
        if (AttributionStep.digest(r) != t.attributionDigest()) {
          return null;
        }
      }
      results.put(t.threadId(), r);
    }
    return new GroupResult(key, summary, results, null, Map.of(), entry, Map.of());
  }

  private GroupResult fresh(String key, List<RolloutFile> files, Context ctx) {
    List<RolloutSegment> segments = new ArrayList<>(files.size());
    Map<String, SessionSegment> segmentsById = new HashMap<>();
    Map<String, Parsed> checkpoints = new LinkedHashMap<>();
    for (RolloutFile f : files) {
      RolloutSegment s;
      if (state == null) {
        s = parser.parse(f);
      } else {
        RolloutCheckpoint from = null;
        IncrementalState.FileRow row = keptFiles.get(f.relativePath());
        if (row != null) {
          try {
            byte[] b = state.checkpoint(f.relativePath());
            from = b == null ? null : RolloutCheckpoint.fromBytes(b);
          } catch (IllegalArgumentException | UncheckedIOException e) {
            from = null; // unreadable: read the file whole
          }
        }
        ResumedParse p = parser.parseFrom(f, from);
        s = p.segment();
        checkpoints.put(f.relativePath(), new Parsed(new IncrementalState.FileState(key, p.checkpoint().fileSize(),
            nanos(p.checkpoint().lastModified()), p.checkpoint().toBytes()), p.mode(), p.bytesRead()));
      }
      segments.add(s);
      segmentsById.put(s.segment().segmentId(), s.segment());
    }
    Map<String, ThreadRows> rendered = new HashMap<>();
    Map<String, AttributionStep.Result> results = new HashMap<>();
    List<GroupSummary.ThreadNote> notes = new ArrayList<>(1);
    for (List<RolloutSegment> thread : ThreadGrouping.byThread(segments)) {
      ThreadAccounting t = accountant.account(thread);
      List<EventAccounting> inWindow = Reconciliation.eventsInWindow(t, options.window());
      boolean active = !inWindow.isEmpty() || options.window().isAll();
      SessionSegment first = AttributionStep.firstSegment(t, segmentsById);
      ThreadIndexEntry db = ctx.stateThreads().get(t.threadId());
      AttributionStep.Result raw = active ? ctx.attribution().attribute(t, inWindow, first, db) : null;
      AttributionStep.Result r = raw == null ? null : AttributionStep.shown(raw, ctx.privacy());
      if (r != null) {
        results.put(t.threadId(), r);
        rendered.put(t.threadId(), render(t, inWindow, first, r, raw.attribution().repoRoot(), segmentsById, db, ctx));
      }
      notes.add(note(t, inWindow, first, r, db, ctx.names()));
    }
    List<GroupSummary.FileNote> fileNotes = new ArrayList<>(segments.size());
    TsvRows<RolloutSegment> fileRows = TsvRows.of(ctx.tables().files());
    for (RolloutSegment s : segments) {
      fileRows.add(s);
      SessionSegment seg = s.segment();
      fileNotes.add(new GroupSummary.FileNote(seg.relativePath(), seg.sourcePath(), seg.basis(), seg.byteCount(),
          s.diagnostics().counts(), s.diagnostics().sampleLines()));
    }
    return new GroupResult(key, new GroupSummary(key, fileNotes, notes), results, fileRows, rendered, null,
        checkpoints);
  }

  private GroupSummary.ThreadNote note(ThreadAccounting t, List<EventAccounting> inWindow, SessionSegment first,
      AttributionStep.Result r, ThreadIndexEntry db, SessionIndex names) {
    long rows = 0;
    long obs = 0;
    long d = 0;
    EnumMap<EventFlag, Long> flags = new EnumMap<>(EventFlag.class);
    for (EventAccounting e : inWindow) {
      rows++;
      obs += e.observedTokens();
      d = Math.addExact(d, e.delta().totalTokens());
      for (EventFlag f : e.event().flags()) {
        flags.merge(f, 1L, Long::sum);
      }
    }
    long finals = 0;
    List<String> duplicates = new ArrayList<>();
    for (SessionRollup s : t.sessions()) {
      finals += s.finalSessionTotalTokens();
      if (s.duplicateSegmentOf() != null) {
        duplicates.add(s.sourcePath() + " duplicates " + s.duplicateSegmentOf());
      }
    }
    boolean active = r != null;
    return new GroupSummary.ThreadNote(t.threadId(), active, rows, obs, d, finals, flags, duplicates,
        Reconciliation.contribution(t, options.window(), options.zone()), AttributionStep.Inputs.of(t, first),
        active ? r.delta() : TokenUsage.ZERO, active ? AttributionStep.digest(r) : 0,
        rowInputsDigest(t.threadId(), db, names), r);
  }

  /**
   * {@return a 64-bit digest of what a thread's rows take from outside its files}: its state DB entry
   * and its name. Two independent 32-bit hashes of the fields (the record's own, and the fields in
   * reverse order): computed for every kept thread on every run, so no strings are built.
   */
  private static long rowInputsDigest(String threadId, ThreadIndexEntry db, SessionIndex names) {
    String name = names.nameOf(threadId).orElse(null);
    int a = 31 * Objects.hashCode(db) + Objects.hashCode(name);
    int b = db == null ? 0 : java.util.Arrays.hashCode(new Object[] {db.threadSource(), db.parentThreadId(),
        db.agentRole(), db.agentNickname(), db.cliVersion(), db.reasoningEffort(), db.model(), db.git(), db.archived(),
        db.tokensUsed(), db.cwd(), db.modelProvider(), db.source(), db.updatedAt(), db.createdAt(), db.rolloutPath(),
        db.id()});
    b = 131 * b + (name == null ? 7 : name.length() * 17 + name.hashCode() * 1_000_003);
    return ((long) a << 32) ^ (b & 0xFFFF_FFFFL);
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  // ---- consumer side (calling thread) ----

  /** The per-group tables being written. */
  private record Writers(TsvWriter<FactTables.RawRow> raw, TsvWriter<FactTables.AccountingRow> acc,
      TsvWriter<TurnRows.TurnRow> turns, TsvWriter<FactTables.SessionRow> sessions,
      TsvWriter<FactTables.ThreadRollupRow> threads, TsvWriter<ThreadRow> threadRows,
      TsvWriter<RolloutSegment> files, TsvWriter<OutcomeTables.LinkRow> links) implements AutoCloseable {

    static Writers open(Path data, Tables tables) {
      List<TsvWriter<?>> opened = new ArrayList<>();
      try {
        return new Writers(add(opened, TsvWriter.open(data, tables.raw())),
            add(opened, TsvWriter.open(data, ACCOUNTING)), add(opened, TsvWriter.open(data, TURNS)),
            add(opened, TsvWriter.open(data, tables.sessions())), add(opened, TsvWriter.open(data, THREADS)),
            add(opened, TsvWriter.open(data, THREAD_ROWS)), add(opened, TsvWriter.open(data, tables.files())),
            add(opened, TsvWriter.open(data, LINKS)));
      } catch (RuntimeException e) {
        opened.forEach(TsvWriter::close);
        throw e;
      }
    }

    private static <T> TsvWriter<T> add(List<TsvWriter<?>> opened, TsvWriter<T> w) {
      opened.add(w);
      return w;
    }

    /** In the order of {@link #GROUP_TABLES}. */
    List<TsvWriter<?>> all() {
      return List.of(raw, acc, turns, sessions, threads, threadRows, files, links);
    }

    @Override
    public void close() {
      all().forEach(TsvWriter::close);
    }
  }

  /** {@return true when the threads of a kept group are split off (or not) as when its rows were made}. */
  private boolean splitsAsBefore(GroupResult r) {
    java.util.Set<String> seenNow = new java.util.HashSet<>();
    List<String> skipped = new ArrayList<>();
    for (GroupSummary.ThreadNote t : r.summary().threads()) {
      if (seenThreads.contains(t.threadId()) || !seenNow.add(t.threadId())) {
        skipped.add(t.threadId());
      }
    }
    return skipped.equals(r.kept().skipped());
  }

  private void consume(GroupResult r, String runId, Reconciliation.Builder reconciliation, Writers w, Context ctx) {
    List<TsvWriter<?>> writers = w.all();
    long[] blocks = new long[3 * writers.size()];
    if (state != null) {
      for (int i = 0; i < writers.size(); i++) {
        blocks[3 * i] = writers.get(i).position();
        blocks[3 * i + 2] = writers.get(i).rowCount();
      }
    }
    List<String> skipped = new ArrayList<>();
    if (r.kept() != null) {
      groupsKept++;
      for (int i = 0; i < writers.size(); i++) {
        Layout.Entry e = r.kept();
        writers.get(i).copy(data.resolve(GROUP_TABLES.get(i).fileName()), e.offset(i), e.length(i), e.rows(i));
      }
    } else {
      groupsRecomputed++;
      w.files().append(r.fileRows());
      for (Map.Entry<String, Parsed> c : r.checkpoints().entrySet()) {
        Parsed p = c.getValue();
        changes.files.put(c.getKey(), p.state());
        if (p.mode() == ResumedParse.Mode.RESUMED) {
          filesResumed++;
        } else {
          filesParsedWhole++;
        }
        newBytes += p.bytesRead();
      }
      if (state != null) {
        changes.groups.put(r.key(), r.summary().toBytes());
      }
    }
    // the summary feeds every count, kept or fresh alike
    for (GroupSummary.FileNote f : r.summary().files()) {
      noteFile(f);
    }
    for (GroupSummary.ThreadNote t : r.summary().threads()) {
      if (!seenThreads.add(t.threadId())) {
        splitThreads.add(t.threadId());
        skipped.add(t.threadId());
        continue;
      }
      if (!t.active()) {
        continue; // no rows in the window
      }
      AttributionStep.Result attributed = r.results().get(t.threadId());
      reconciliation.add(t.reconciliation());
      ctx.attribution().count(attributed);
      rawRows += t.rawRows();
      observed += t.observed();
      delta = Math.addExact(delta, t.delta());
      finalSessionSum += t.finalSessionSum();
      t.flags().forEach((f, n) -> flagCounts.merge(f, n, Long::sum));
      duplicateSegments.addAll(t.duplicates());
      threadsWritten++;
      ThreadRows rows = r.threadRows().get(t.threadId());
      if (rows != null) {
        rows.appendTo(w);
      }
    }
    if (state != null) {
      for (int i = 0; i < writers.size(); i++) {
        blocks[3 * i + 1] = writers.get(i).position() - blocks[3 * i];
        blocks[3 * i + 2] = writers.get(i).rowCount() - blocks[3 * i + 2];
      }
      layout.put(new Layout.Entry(r.key(), blocks, skipped));
    }
  }

  private void noteFile(GroupSummary.FileNote f) {
    filesRead++;
    bytesRead += f.byteCount();
    basisCounts.merge(f.basis(), 1L, Long::sum);
    if (f.basis() == AccountingBasis.USAGE_RECORDS && nonDefaultBasisFiles.size() < 50) {
      nonDefaultBasisFiles.add(f.relativePath());
    }
    f.issueCounts().forEach((kind, count) -> {
      issueCounts.merge(kind, count, Long::sum);
      List<String> ex = issueExamples.computeIfAbsent(kind, k -> new ArrayList<>());
      for (Long line : f.issueLines().getOrDefault(kind, List.of())) {
        if (ex.size() < 5) {
          ex.add(f.sourcePath() + ":" + line);
        }
      }
    });
  }

  /** {@return an active thread's rows of the per-group tables}; runs on a worker. */
  private static ThreadRows render(ThreadAccounting t, List<EventAccounting> inWindow, SessionSegment first,
      AttributionStep.Result attributed, String rawRepoRoot, Map<String, SessionSegment> segmentsById,
      ThreadIndexEntry db, Context ctx) {
    String runId = ctx.runId();
    ThreadRows w = ThreadRows.empty(ctx.tables());
    Attribution a = attributed.attribution();
    // Rollups cover every event of the thread, rows those in the window (all of them, in the usual run).
    Pricing pricing = ctx.pricing();
    Map<String, Pricing.Priced> bySession = new HashMap<>();
    Pricing.Priced thread = Pricing.Priced.NONE;
    List<EventAccounting> events = t.events();
    Pricing.Priced[] priced = new Pricing.Priced[events.size()];
    for (int i = 0; i < priced.length; i++) {
      EventAccounting e = events.get(i);
      priced[i] = pricing.price(e.delta(), e.event().model(), e.event().timestamp());
      bySession.merge(e.event().sessionSegmentId(), priced[i], Pricing.Priced::plus);
      thread = thread.plus(priced[i]);
    }
    // the window's rows are the thread's events in order, some left out: walk both once
    int at = 0;
    AttributionStep.renderLinks(w.links(), attributed, runId);
    for (EventAccounting e : inWindow) {
      TokenEvent ev = e.event();
      SessionSegment seg = segmentsById.get(ev.sessionSegmentId());
      w.raw().add(new FactTables.RawRow(ev, seg == null ? SegmentLocation.OTHER : seg.location(), a, runId,
          rawRepoRoot));
      while (at < priced.length && events.get(at) != e) {
        at++;
      }
      Pricing.Priced p = at < priced.length ? priced[at++] : pricing.price(e.delta(), ev.model(), ev.timestamp());
      w.acc().add(new FactTables.AccountingRow(e, a, p, runId));
    }
    for (TurnRows.TurnRow turn : TurnRows.of(inWindow, a)) {
      w.turns().add(turn);
    }
    Map<String, TurnEstimate> estimates = new HashMap<>();
    for (TurnEstimate e : t.turnEstimates()) {
      estimates.put(e.sessionSegmentId(), e);
    }
    for (SessionRollup s : t.sessions()) {
      w.sessions().add(new FactTables.SessionRow(s, estimates.get(s.sessionSegmentId()), a,
          bySession.getOrDefault(s.sessionSegmentId(), Pricing.Priced.NONE)));
    }
    w.threads().add(FactTables.ThreadRollupRow.of(t.thread(), t.turnEstimates(), a, thread));
    w.threadRows().add(threadRow(t, first, db, ctx.names(), a, runId, ctx.privacy()));
    return w;
  }



  private static ThreadRow threadRow(ThreadAccounting t, SessionSegment first, ThreadIndexEntry db,
      SessionIndex names, Attribution attribution, String runId, Privacy p) {
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
    String root = attribution == null ? null : attribution.repoRoot(); // shown already: the raw root below
    String rawRoot = root == null || p.isNormal() ? root : null;
    String rolloutPath = db != null && db.rolloutPath() != null ? db.rolloutPath() : (f == null ? null : f.sourcePath());
    String rolloutInHome = f != null && (db == null || db.rolloutPath() == null || db.rolloutPath().endsWith(f.relativePath()))
        ? f.relativePath() : null;
    return new ThreadRow(
        t.threadId(),
        db != null && db.createdAt() != null ? db.createdAt() : (f == null ? null : f.startedAt()),
        db != null ? db.updatedAt() : null,
        p.sourcePath(rolloutPath, rolloutInHome),
        p.cwd(lastCwd != null ? lastCwd : (db != null ? db.cwd() : null), rawRoot),
        p.cwd(f == null ? null : f.cwd(), rawRoot),
        p.remoteUrl(f != null && f.git().repositoryUrl() != null ? f.git().repositoryUrl()
            : (db == null ? null : db.git().repositoryUrl())),
        p.branch(f != null && f.git().branch() != null ? f.git().branch() : (db == null ? null : db.git().branch())),
        f != null && f.git().commitHash() != null ? f.git().commitHash() : (db == null ? null : db.git().commitHash()),
        f != null && f.source() != null ? f.source() : (db == null ? null : db.source()),
        db == null ? null : db.threadSource(),
        f == null ? null : f.originator(),
        f != null && f.cliVersion() != null ? f.cliVersion() : (db == null ? null : db.cliVersion()),
        lastModel != null ? lastModel : (db == null ? null : db.model()),
        lastEffort != null ? lastEffort : (db == null ? null : db.reasoningEffort()),
        p.title(names.nameOf(t.threadId()).orElse(null)),
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
    if (stateNote != null) {
      notes.add("Incremental: " + stateNote + ".");
    }
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
      Map<String, Long> outputs, List<String> notes) {
    String command = options.incremental() ? "wlat run-incremental" : "wlat backfill";
    RunLedger l = RunLedger.create(runId, command + " run " + runId);
    l.section("Command").code(options.commandLine() == null ? command : options.commandLine());
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
    inputs.add(new String[] {state == null ? "rollout files read" : "rollout files accounted", Long.toString(filesRead)});
    inputs.add(new String[] {"rollout files skipped (not modified since the window start)", Integer.toString(skipped)});
    inputs.add(new String[] {state == null ? "bytes read" : "bytes of those files", String.format(Locale.ROOT, "%,d", bytesRead)});
    if (stale > 0) {
      inputs.add(new String[] {"stale temporaries removed from a crashed run", Integer.toString(stale)});
    }
    if (state != null) {
      inputs.add(new String[] {"incremental state", state.path().toString()});
      inputs.add(new String[] {"thread groups kept (rows copied from the last run)", String.format(Locale.ROOT, "%,d", groupsKept)});
      inputs.add(new String[] {"thread groups recomputed", String.format(Locale.ROOT, "%,d", groupsRecomputed)});
      inputs.add(new String[] {"files continued from their checkpoint", String.format(Locale.ROOT, "%,d", filesResumed)});
      inputs.add(new String[] {"files read from the start", String.format(Locale.ROOT, "%,d", filesParsedWhole)});
      inputs.add(new String[] {"new bytes parsed", String.format(Locale.ROOT, "%,d", newBytes)});
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
    phases.forEach((label, nanos) -> times.add(new String[] {label, String.format(Locale.ROOT, "%.3f s", nanos / 1e9)}));
    l.keyValues(times);

    l.section("Outputs");
    List<String[]> out = RunLedger.rows();
    outputs.forEach((p, n) -> out.add(new String[] {p, n == null ? "written" : String.format(Locale.ROOT, "%,d rows", n)}));
    l.table(List.of("file", "rows"), out);
    return l;
  }
}
