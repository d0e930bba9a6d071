package dev.wlat.report.summary.internal;

import dev.wlat.model.AccountingWarning;
import dev.wlat.model.ArtifactKind;
import dev.wlat.model.Confidence;
import dev.wlat.model.DeltaSource;
import dev.wlat.model.OutcomeType;
import dev.wlat.report.TsvStream;
import dev.wlat.report.summary.ReportDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/*
 * Everything a report reads from <output-root>/data/ (and, optionally, the backfill's ledger under
 * runs/), parsed once into compact rows. Token events are kept as small records with interned thread
 * and segment indices, so a history of hundreds of thousands of rows stays within tens of megabytes;
 * the per-thread, per-link and per-file tables are small.
 *
 * Every data file is required, even those the report recomputes rather than reads
 * (token_accounting_reconciliation.tsv, repo_workstream_outcome_rollups.tsv,
 * attribution_confidence_summary.tsv): their totals are cross-checked against the event rows, so a
 * data directory left half-written by hand or by different wlat versions is reported, not trusted.
 */

/** The data facts a report is computed from. */
public final class Facts {

  /** The data files a report needs, in the order they are read. */
  public static final List<String> REQUIRED = List.of(
      "token_event_accounting.tsv", "token_thread_rollups.tsv", "codex_threads.tsv",
      "token_accounting_reconciliation.tsv", "repo_workstream_outcome_rollups.tsv",
      "attribution_confidence_summary.tsv", "token_outcome_links.tsv", "github_events.tsv", "rollout_files.tsv");

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Sources of deltas, by ordinal, for {@link Event#source()}. */
  static final DeltaSource[] SOURCES = DeltaSource.values();
  static final dev.wlat.model.PriceBasis[] BASES = dev.wlat.model.PriceBasis.values();

  /**
   * One row of {@code token_event_accounting.tsv}.
   *
   * @param thread index into {@link Facts#threadIds()}
   * @param segment index of its session segment
   * @param at its timestamp, epoch milliseconds
   * @param line its line in the rollout, to order rows of equal time
   * @param source ordinal of its {@link DeltaSource}, or -1 for a label this version does not know
   * @param warnings bit mask of {@link AccountingWarning} ordinals
   * @param model index into {@link Facts#models()}, or -1 when the row names none
   * @param usd its {@code cost_usd}, or {@code null} (unpriced, or no cost columns)
   * @param usdBasis ordinal of its {@code cost_basis}, or -1 when it has none
   * @param credits its {@code credits}, or {@code null}
   * @param creditsBasis ordinal of its {@code credits_basis}, or -1
   * @param contextWindow its {@code model_context_window}, or -1 when it has none
   */
  public record Event(int thread, int segment, long at, long line, long observed, long total, long input,
      long cached, long output, long reasoning, long cacheWrite, long deduped, long perSessionTurn,
      long perThreadTurn, int source, boolean included, boolean reset, int warnings, int model,
      java.math.BigDecimal usd, byte usdBasis, java.math.BigDecimal credits, byte creditsBasis, long contextWindow) {

    /** {@return the row's cost in US dollars as a charge}. */
    public dev.wlat.model.Charge usdCharge() {
      return charge(usd, usdBasis);
    }

    /** {@return the row's cost in Codex credits as a charge}. */
    public dev.wlat.model.Charge creditsCharge() {
      return charge(credits, creditsBasis);
    }

    private dev.wlat.model.Charge charge(java.math.BigDecimal amount, byte basis) {
      if (basis < 0) {
        return dev.wlat.model.Charge.NONE;
      }
      dev.wlat.model.PriceBasis b = BASES[basis];
      return b == dev.wlat.model.PriceBasis.UNPRICED ? dev.wlat.model.Charge.unpriced(total)
          : dev.wlat.model.Charge.priced(amount == null ? java.math.BigDecimal.ZERO : amount, b);
    }

    /** {@return whether any delta field is positive}. */
    public boolean hasDelta() {
      return (total | input | cached | output | reasoning | cacheWrite) != 0;
    }

    /** {@return whether the row carries {@code w}}. */
    public boolean has(AccountingWarning w) {
      return (warnings & (1 << w.ordinal())) != 0;
    }

    /** {@return its delta source, or {@code null} for an unknown label}. */
    public DeltaSource deltaSource() {
      return source < 0 ? null : SOURCES[source];
    }
  }

  /** A thread's attribution as its event rows carry it. */
  public record Attributed(String githubRepo, String workstreamLabel, OutcomeType outcome, Confidence confidence) {}

  /** A thread's row of {@code token_thread_rollups.tsv}: its full history. */
  public record History(String parentThreadId, Instant firstEventAt, Instant lastEventAt, long tokenEventCount,
      long observed, long cumulativeDelta, long finalSession, long finalThread, String method) {}

  /** What {@code codex_threads.tsv} says of a thread. */
  public record ThreadMeta(String title, String parentThreadId, String repoRoot) {}

  /** One row of {@code token_outcome_links.tsv}. */
  public record Link(String threadId, String githubRepo, ArtifactKind kind, String artifactId, boolean merged,
      Confidence confidence) {

    /** {@return the artifact's key, as {@code GitHubArtifact.key()} forms it}. */
    public String key() {
      return githubRepo + "#" + kind.label() + ":" + artifactId;
    }
  }

  /** The bad lines of one kind the parser counted, over the rollout files read. */
  public record Issue(String kind, long lines, long files, List<String> firstPlaces) {}

  /** What the backfill's ledger says of its window, or {@code null}s when there is no ledger. */
  public record Backfill(String runId, Instant ranAt, String sinceText, Instant since, String untilText,
      Instant until, Path ledger) {}

  private final Path dataDir;
  private final List<String> threadIds;
  private final List<String> models;
  private final List<String> segmentIds;
  private final boolean costColumns;
  private final List<Event> events;
  private final List<Attributed> attribution;
  private final Map<String, History> histories;
  private final Map<String, ThreadMeta> meta;
  private final List<Link> links;
  private final Map<String, String> issueStates;
  private final Map<String, Boolean> pullRequestsMerged;
  private final long githubEventRows;
  private final List<Issue> issues;
  private final long rolloutFiles;
  private final List<String> inconsistencies;
  private final Backfill backfill;
  private final Map<String, Long> rowCounts;

  private Facts(Reader r, List<String> inconsistencies, Backfill backfill) {
    this.dataDir = r.dataDir;
    this.threadIds = List.copyOf(r.threadIds);
    this.models = List.copyOf(r.models);
    this.segmentIds = List.copyOf(r.segmentIds);
    this.costColumns = r.costColumns;
    this.events = List.copyOf(r.events);
    this.attribution = List.copyOf(r.attribution);
    this.histories = Map.copyOf(r.histories);
    this.meta = Map.copyOf(r.meta);
    this.links = List.copyOf(r.links);
    this.issueStates = Map.copyOf(r.issueStates);
    this.pullRequestsMerged = Map.copyOf(r.prsMerged);
    this.githubEventRows = r.githubEventRows;
    this.issues = List.copyOf(r.issues);
    this.rolloutFiles = r.rolloutFiles;
    this.inconsistencies = List.copyOf(inconsistencies);
    this.backfill = backfill;
    this.rowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(r.rowCounts));
  }

  /**
   * {@return the facts under {@code outputRoot/data}}; throws {@link ReportDataException} naming the
   * first missing or unreadable file.
   */
  public static Facts read(Path outputRoot) {
    Path data = outputRoot.resolve("data");
    if (!Files.isDirectory(data)) {
      throw ReportDataException.missing(data);
    }
    for (String name : REQUIRED) {
      if (!Files.isRegularFile(data.resolve(name))) {
        throw ReportDataException.missing(data.resolve(name));
      }
    }
    Reader r = new Reader(data);
    r.readAll();
    return new Facts(r, r.crossCheck(), backfill(outputRoot, r.runId));
  }

  // ---------------------------------------------------------------------------------------------
  // accessors
  // ---------------------------------------------------------------------------------------------

  /** {@return the data directory read}. */
  public Path dataDir() {
    return dataDir;
  }

  /** {@return the thread ids, indexed by {@link Event#thread()}}. */
  public List<String> threadIds() {
    return threadIds;
  }

  /** {@return the session segment ids of the token rows, indexed by {@link Event#segment()}}. */
  public List<String> segmentIds() {
    return segmentIds;
  }

  /** {@return the model ids the token rows name, indexed by {@link Event#model()}}. */
  public List<String> models() {
    return models;
  }

  /** {@return whether the accounting rows carry cost columns} (tables of an earlier wlat do not). */
  public boolean hasCosts() {
    return costColumns;
  }

  /** {@return every token event row, in file order}. */
  public List<Event> events() {
    return events;
  }

  /** {@return each thread's attribution (from its first event row), indexed like {@link #threadIds()}}. */
  public List<Attributed> attribution() {
    return attribution;
  }

  /** {@return full-history rollups by thread id}. */
  public Map<String, History> histories() {
    return histories;
  }

  /** {@return thread metadata by thread id}. */
  public Map<String, ThreadMeta> meta() {
    return meta;
  }

  /** {@return the outcome links, in file order (each thread's links in the order they were allocated)}. */
  public List<Link> links() {
    return links;
  }

  /** {@return the state of each collected issue, by artifact key}. */
  public Map<String, String> issueStates() {
    return issueStates;
  }

  /** {@return whether each collected pull request was merged, by artifact key}. */
  public Map<String, Boolean> pullRequestsMerged() {
    return pullRequestsMerged;
  }

  /** {@return the rows of {@code github_events.tsv}: 0 when GitHub was skipped or had nothing}. */
  public long githubEventRows() {
    return githubEventRows;
  }

  /** {@return the parser's bad lines by kind, most lines first}. */
  public List<Issue> issues() {
    return issues;
  }

  /** {@return the rollout files the backfill read}. */
  public long rolloutFiles() {
    return rolloutFiles;
  }

  /** {@return one line per disagreement between the data files (none when they agree)}. */
  public List<String> inconsistencies() {
    return inconsistencies;
  }

  /** {@return what the backfill that wrote the data says of its window}. */
  public Backfill backfill() {
    return backfill;
  }

  /** {@return rows read per data file}. */
  public Map<String, Long> rowCounts() {
    return rowCounts;
  }

  /** {@return whether any thread was found in a local repository (backfill ran with --repo-root)}. */
  public boolean anyRepoRoot() {
    return meta.values().stream().anyMatch(m -> m.repoRoot() != null);
  }

  // ---------------------------------------------------------------------------------------------
  // reading
  // ---------------------------------------------------------------------------------------------

  private static final class Reader {
    final Path dataDir;
    final List<String> threadIds = new ArrayList<>();
    final Map<String, Integer> threadIndex = new HashMap<>();
    final Map<String, Integer> segmentIndex = new HashMap<>();
    final List<String> segmentIds = new ArrayList<>();
    final List<String> models = new ArrayList<>();
    final Map<String, Integer> modelIndex = new HashMap<>();
    boolean costColumns;
    final List<Event> events = new ArrayList<>();
    final List<Attributed> attribution = new ArrayList<>();
    final Map<String, History> histories = new HashMap<>();
    final Map<String, ThreadMeta> meta = new HashMap<>();
    final List<Link> links = new ArrayList<>();
    final Map<String, String> issueStates = new HashMap<>();
    final Map<String, Boolean> prsMerged = new HashMap<>();
    final List<Issue> issues = new ArrayList<>();
    final Map<String, Long> rowCounts = new LinkedHashMap<>();
    final Map<String, DeltaSource> sources = new HashMap<>();
    final Map<String, AccountingWarning> warnings = new HashMap<>();
    long githubEventRows;
    long rolloutFiles;
    long eventDelta;
    long eventObserved;
    Long reconciledDelta;
    Long reconciledObserved;
    long rollupDelta;
    long confidenceDelta;
    String runId;

    Reader(Path dataDir) {
      this.dataDir = dataDir;
      for (DeltaSource s : DeltaSource.values()) {
        sources.put(s.label(), s);
      }
      for (AccountingWarning w : AccountingWarning.values()) {
        warnings.put(w.label(), w);
      }
    }

    void readAll() {
      events();
      threadRollups();
      threads();
      reconciliation();
      rollups();
      confidenceSummary();
      links();
      githubEvents();
      rolloutFiles();
    }

    private TsvStream open(String name) {
      return TsvStream.open(dataDir.resolve(name));
    }

    private void count(String name, long rows) {
      rowCounts.put(name, rows);
    }

    private int modelIndex(String name) {
      if (name == null) {
        return -1;
      }
      Integer i = modelIndex.get(name);
      if (i == null) {
        i = models.size();
        modelIndex.put(name, i);
        models.add(name);
      }
      return i;
    }

    private static java.math.BigDecimal amount(TsvStream t, int column) {
      if (column < 0) {
        return null;
      }
      String s = t.text(column);
      if (s == null) {
        return null;
      }
      try {
        java.math.BigDecimal d = new java.math.BigDecimal(s);
        if (d.signum() < 0) {
          throw t.bad(column, "a non-negative decimal amount");
        }
        return d;
      } catch (NumberFormatException e) {
        throw t.bad(column, "a decimal amount");
      }
    }

    private byte basis(TsvStream t, int column) {
      if (column < 0) {
        return -1;
      }
      String s = t.text(column);
      if (s == null) {
        return -1;
      }
      for (dev.wlat.model.PriceBasis b : BASES) {
        if (b.label().equals(s)) {
          return (byte) b.ordinal();
        }
      }
      throw t.bad(column, "listed, user, estimated or unpriced");
    }

    void events() {
      try (TsvStream t = open("token_event_accounting.tsv")) {
        int thread = t.column("thread_id");
        int segment = t.column("session_segment_id");
        int timestamp = t.column("timestamp");
        int line = t.column("line_number");
        int repo = t.column("github_repo");
        int workstream = t.column("workstream_label");
        int outcome = t.column("outcome_type");
        int confidence = t.column("attribution_confidence");
        int observed = t.column("observed_event_sum_tokens");
        int total = t.column("cumulative_delta_tokens");
        int input = t.column("delta_input_tokens");
        int cached = t.column("delta_cached_input_tokens");
        int output = t.column("delta_output_tokens");
        int reasoning = t.column("delta_reasoning_output_tokens");
        int cacheWrite = t.column("delta_cache_write_input_tokens");
        int source = t.column("delta_source");
        int included = t.column("accounting_included");
        int reset = t.column("cumulative_reset");
        int deduped = t.column("deduped_turn_tokens");
        int perSession = t.column("unique_last_per_session_turn_tokens");
        int perThread = t.column("unique_last_per_thread_turn_tokens");
        int flags = t.column("warning_flags");
        int run = t.hasColumn("inserted_by_run") ? t.column("inserted_by_run") : -1;
        // cost columns came with pricing: tables of an earlier wlat have none, and their rows no cost
        int model = t.hasColumn("model") ? t.column("model") : -1;
        int usd = t.hasColumn("cost_usd") ? t.column("cost_usd") : -1;
        int usdBasis = t.hasColumn("cost_basis") ? t.column("cost_basis") : -1;
        int credits = t.hasColumn("credits") ? t.column("credits") : -1;
        int creditsBasis = t.hasColumn("credits_basis") ? t.column("credits_basis") : -1;
        costColumns = usd >= 0 && usdBasis >= 0;
        int window = t.hasColumn("model_context_window") ? t.column("model_context_window") : -1;
        long rows = 0;
        while (t.next()) {
          rows++;
          String id = t.text(thread);
          if (id == null) {
            throw t.bad(thread, "a thread id");
          }
          Integer ti = threadIndex.get(id);
          if (ti == null) {
            ti = threadIds.size();
            threadIndex.put(id, ti);
            threadIds.add(id);
            attribution.add(attributed(t, repo, workstream, outcome, confidence));
          }
          String seg = t.text(segment);
          int si = segmentIndex.computeIfAbsent(seg == null ? "" : seg, k -> {
            segmentIds.add(k);
            return segmentIndex.size();
          });
          Instant at = t.instant(timestamp);
          if (at == null) {
            throw t.bad(timestamp, "an ISO-8601 UTC timestamp");
          }
          String src = t.text(source);
          int sourceOrdinal = -1;
          if (src != null && sources.containsKey(src)) {
            sourceOrdinal = sources.get(src).ordinal();
          }
          Event e = new Event(ti, si, at.toEpochMilli(), t.number(line), t.number(observed), t.number(total),
              t.number(input), t.number(cached), t.number(output), t.number(reasoning), t.number(cacheWrite),
              t.number(deduped), t.number(perSession), t.number(perThread), sourceOrdinal, t.flag(included),
              t.flag(reset), warningMask(t.text(flags)), modelIndex(model < 0 ? null : t.text(model)),
              amount(t, usd), basis(t, usdBasis), amount(t, credits), basis(t, creditsBasis),
              window < 0 || t.text(window) == null ? -1 : t.number(window));
          events.add(e);
          eventDelta = Math.addExact(eventDelta, e.total());
          eventObserved = Math.addExact(eventObserved, e.observed());
          if (runId == null && run >= 0) {
            runId = t.text(run);
          }
        }
        count("token_event_accounting.tsv", rows);
      }
    }

    private Attributed attributed(TsvStream t, int repo, int workstream, int outcome, int confidence) {
      String o = t.text(outcome);
      OutcomeType type;
      try {
        type = o == null ? OutcomeType.UNKNOWN : OutcomeType.ofLabel(o);
      } catch (IllegalArgumentException e) {
        throw t.bad(outcome, "an outcome type");
      }
      String c = t.text(confidence);
      Confidence level = c == null ? Confidence.NONE : confidence(c);
      if (level == null) {
        throw t.bad(confidence, "a confidence level (manual, exact, strong, derived, weak, none)");
      }
      String w = t.text(workstream);
      return new Attributed(t.text(repo), w == null ? "unknown" : w, type, level);
    }

    private int warningMask(String text) {
      if (text == null) {
        return 0;
      }
      int mask = 0;
      for (String label : text.split(";")) {
        AccountingWarning w = warnings.get(label);
        if (w != null) {
          mask |= 1 << w.ordinal();
        }
      }
      return mask;
    }

    void threadRollups() {
      try (TsvStream t = open("token_thread_rollups.tsv")) {
        int id = t.column("thread_id");
        int parent = t.column("parent_thread_id");
        int first = t.column("first_event_at");
        int last = t.column("last_event_at");
        int count = t.column("token_event_count");
        int observed = t.column("observed_event_sum_tokens");
        int delta = t.column("cumulative_delta_tokens");
        int finalSession = t.column("final_session_total_tokens");
        int finalThread = t.column("final_thread_total_tokens");
        int method = t.hasColumn("attribution_method") ? t.column("attribution_method") : -1;
        long rows = 0;
        while (t.next()) {
          rows++;
          histories.put(t.text(id), new History(t.text(parent), t.instant(first), t.instant(last), t.number(count),
              t.number(observed), t.number(delta), t.number(finalSession), t.number(finalThread),
              method < 0 ? null : t.text(method)));
        }
        count("token_thread_rollups.tsv", rows);
      }
    }

    void threads() {
      try (TsvStream t = open("codex_threads.tsv")) {
        int id = t.column("thread_id");
        int title = t.column("title");
        int parent = t.column("parent_thread_id");
        int root = t.column("repo_root");
        long rows = 0;
        while (t.next()) {
          rows++;
          meta.put(t.text(id), new ThreadMeta(t.text(title), t.text(parent), t.text(root)));
        }
        count("codex_threads.tsv", rows);
      }
    }

    void reconciliation() {
      try (TsvStream t = open("token_accounting_reconciliation.tsv")) {
        int grain = t.column("grain");
        int observed = t.column("observed_event_sum_tokens");
        int delta = t.column("cumulative_delta_tokens");
        long rows = 0;
        while (t.next()) {
          rows++;
          if ("total".equals(t.text(grain))) {
            reconciledDelta = t.number(delta);
            reconciledObserved = t.number(observed);
          }
        }
        count("token_accounting_reconciliation.tsv", rows);
      }
    }

    void rollups() {
      rollupDelta = sumColumn("repo_workstream_outcome_rollups.tsv", "cumulative_delta_tokens");
    }

    void confidenceSummary() {
      confidenceDelta = sumColumn("attribution_confidence_summary.tsv", "cumulative_delta_tokens");
    }

    private long sumColumn(String name, String column) {
      try (TsvStream t = open(name)) {
        int c = t.column(column);
        long rows = 0;
        long sum = 0;
        while (t.next()) {
          rows++;
          sum = Math.addExact(sum, t.number(c));
        }
        count(name, rows);
        return sum;
      }
    }

    void links() {
      try (TsvStream t = open("token_outcome_links.tsv")) {
        int thread = t.column("thread_id");
        int repo = t.column("github_repo");
        int kind = t.column("artifact_kind");
        int id = t.column("artifact_id");
        int merged = t.column("merged");
        int confidence = t.column("attribution_confidence");
        long rows = 0;
        while (t.next()) {
          rows++;
          ArtifactKind k = kind(t.text(kind));
          if (k == null) {
            throw t.bad(kind, "an artifact kind (commit, pull_request, issue, release, tag)");
          }
          Confidence c = t.text(confidence) == null ? null : confidence(t.text(confidence));
          if (c == null) {
            throw t.bad(confidence, "a confidence level (manual, exact, strong, derived, weak, none)");
          }
          links.add(new Link(t.text(thread), t.text(repo), k, t.text(id), t.flag(merged), c));
        }
        count("token_outcome_links.tsv", rows);
      }
    }

    void githubEvents() {
      try (TsvStream t = open("github_events.tsv")) {
        int repo = t.column("github_repo");
        int kind = t.column("artifact_kind");
        int id = t.column("artifact_id");
        int state = t.column("state");
        int merged = t.column("merged");
        long rows = 0;
        while (t.next()) {
          rows++;
          String key = t.text(repo) + "#" + t.text(kind) + ":" + t.text(id);
          if (ArtifactKind.ISSUE.label().equals(t.text(kind))) {
            issueStates.put(key, t.text(state));
          } else if (ArtifactKind.PULL_REQUEST.label().equals(t.text(kind))) {
            prsMerged.put(key, t.flag(merged));
          }
        }
        githubEventRows = rows;
        count("github_events.tsv", rows);
      }
    }

    void rolloutFiles() {
      Map<String, long[]> byKind = new TreeMap<>();
      Map<String, List<String>> places = new HashMap<>();
      try (TsvStream t = open("rollout_files.tsv")) {
        int path = t.column("relative_path");
        int count = t.column("issue_count");
        int text = t.column("issues");
        long rows = 0;
        while (t.next()) {
          rows++;
          if (t.number(count) == 0 || t.text(text) == null) {
            continue;
          }
          for (String part : t.text(text).split(";")) {
            // kind=n@lines:a,b,c
            int eq = part.indexOf('=');
            int at = part.indexOf('@', eq + 1);
            String kind = eq < 0 ? part : part.substring(0, eq);
            long n;
            try {
              n = eq < 0 ? 1 : Long.parseLong(part.substring(eq + 1, at < 0 ? part.length() : at));
            } catch (NumberFormatException e) {
              throw t.bad(text, "a list like malformed_json=1@lines:27");
            }
            long[] v = byKind.computeIfAbsent(kind, k -> new long[2]);
            v[0] += n;
            v[1]++;
            List<String> p = places.computeIfAbsent(kind, k -> new ArrayList<>());
            String lines = at < 0 ? "" : part.substring(at + 1).replace("lines:", "");
            if (p.size() < 3) {
              String first = lines.isEmpty() ? "" : ":" + lines.split(",")[0];
              p.add(t.text(path) + first);
            }
          }
        }
        rolloutFiles = rows;
        count("rollout_files.tsv", rows);
      }
      byKind.forEach((k, v) -> issues.add(new Issue(k, v[0], v[1], places.getOrDefault(k, List.of()))));
      issues.sort((a, b) -> a.lines() != b.lines() ? Long.compare(b.lines(), a.lines()) : a.kind().compareTo(b.kind()));
    }

    List<String> crossCheck() {
      List<String> out = new ArrayList<>();
      if (reconciledDelta == null) {
        if (!events.isEmpty()) {
          out.add("token_accounting_reconciliation.tsv has no total row");
        }
      } else if (reconciledDelta != eventDelta || reconciledObserved != eventObserved) {
        out.add(String.format(Locale.ROOT, "token_accounting_reconciliation.tsv totals %,d cumulative_delta_tokens,"
            + " token_event_accounting.tsv %,d", reconciledDelta, eventDelta));
      }
      if (rollupDelta != eventDelta) {
        out.add(String.format(Locale.ROOT, "repo_workstream_outcome_rollups.tsv sums to %,d cumulative_delta_tokens,"
            + " token_event_accounting.tsv to %,d", rollupDelta, eventDelta));
      }
      if (confidenceDelta != eventDelta) {
        out.add(String.format(Locale.ROOT, "attribution_confidence_summary.tsv sums to %,d cumulative_delta_tokens,"
            + " token_event_accounting.tsv to %,d", confidenceDelta, eventDelta));
      }
      for (String id : threadIds) {
        if (!histories.containsKey(id)) {
          out.add("thread " + id + " has token rows but no row in token_thread_rollups.tsv");
          break;
        }
      }
      return out;
    }
  }

  private static ArtifactKind kind(String label) {
    for (ArtifactKind k : ArtifactKind.values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    return null;
  }

  /** {@return the level labelled {@code label}, or {@code null}}. */
  static Confidence confidence(String label) {
    for (Confidence c : Confidence.values()) {
      if (c.label().equals(label)) {
        return c;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // the backfill's ledger (optional)
  // ---------------------------------------------------------------------------------------------

  private static Backfill backfill(Path outputRoot, String runId) {
    if (runId == null) {
      return new Backfill(null, null, null, null, null, null, null);
    }
    Instant ranAt;
    try {
      ranAt = Instant.from(RUN_ID.parse(runId));
    } catch (DateTimeParseException e) {
      ranAt = null;
    }
    Path ledger = outputRoot.resolve("runs").resolve(runId + "_execution_ledger.md");
    if (!Files.isRegularFile(ledger)) {
      return new Backfill(runId, ranAt, null, null, null, null, null);
    }
    String since = null;
    String until = null;
    try {
      List<String> lines = Files.readAllLines(ledger);
      if (lines.isEmpty() || !lines.get(0).startsWith("# wlat backfill run")) {
        // a report or other run that started in the same second: not the backfill's ledger
        return new Backfill(runId, ranAt, null, null, null, null, null);
      }
      for (String line : lines) {
        if (line.startsWith("| since | ")) {
          since = cell(line);
        } else if (line.startsWith("| until | ")) {
          until = cell(line);
        }
      }
    } catch (IOException e) {
      return new Backfill(runId, ranAt, null, null, null, null, null);
    }
    return new Backfill(runId, ranAt, since, bound(since), until, bound(until), ledger);
  }

  private static String cell(String line) {
    String[] parts = line.split(" \\| ");
    return parts.length < 2 ? null : parts[1].replace(" |", "").strip();
  }

  /** {@return the instant in parentheses in a ledger value like {@code 30d (2026-08-13T10:00:00Z)}, or null}. */
  private static Instant bound(String value) {
    if (value == null) {
      return null;
    }
    int open = value.lastIndexOf('(');
    int close = value.lastIndexOf(')');
    if (open < 0 || close < open) {
      return null;
    }
    try {
      return Instant.parse(value.substring(open + 1, close));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
