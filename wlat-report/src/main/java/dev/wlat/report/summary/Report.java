package dev.wlat.report.summary;

import dev.wlat.model.AccountingWarning;
import dev.wlat.model.ConfidenceSummary;
import dev.wlat.model.OutcomeHeadline;
import dev.wlat.model.OutcomeRollup;
import dev.wlat.report.AtomicFiles;
import dev.wlat.report.ReportWindow;
import dev.wlat.report.RunLedger;
import dev.wlat.report.TsvTable;
import dev.wlat.report.TsvWriter;
import dev.wlat.report.summary.internal.Engine;
import dev.wlat.report.summary.internal.Facts;
import dev.wlat.report.summary.internal.SummaryMarkdown;
import dev.wlat.accounting.insights.Thresholds;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/*
 * A report reads the data facts a backfill wrote (never the Codex home), recomputes every view for its
 * own window from the token rows (see Engine for the rules), and writes a Markdown summary and six
 * TSVs. Everything it shows comes from the data TSVs, which hold counts, ids, paths and redacted
 * labels only; thread titles pass the redactor once more.
 *
 * The summary depends only on the data, the window (its --as-of) and the zone, not on the clock or
 * the run id, so two runs over the same data with the same --as-of write byte-identical files.
 */

/**
 * The report of one window: totals by every metric and why they differ, the split by token kind,
 * periods, top threads, repositories, workstreams and outcomes, boundary uncertainty, parser warnings
 * and attribution confidence.
 *
 * <pre>{@code
 * Report r = Report.builder(ReportWindow.parse("30d", asOf, zone)).zone(zone).top(10).read(outputRoot);
 * ReportFiles files = r.write(outputRoot, runId);
 * }</pre>
 */
public final class Report {

  private final ReportWindow window;
  private final ZoneId zone;
  private final int top;
  private final Path dataDir;
  private final Map<String, Long> inputRows;
  private final long rolloutFiles;
  private final Engine.Result v;

  private Report(ReportWindow window, ZoneId zone, int top, Thresholds thresholds, Facts facts) {
    this.window = window;
    this.zone = zone;
    this.top = top;
    this.dataDir = facts.dataDir();
    this.inputRows = facts.rowCounts();
    this.rolloutFiles = facts.rolloutFiles();
    this.v = Engine.compute(facts, window.window(), window.label(), zone, thresholds);
  }

  /** {@return a builder of the report of {@code window}}: UTC periods and the top 10 by default. */
  public static Builder builder(ReportWindow window) {
    return new Builder(window);
  }

  /** Sets a report's options, then reads the data. */
  public static final class Builder {
    private final ReportWindow window;
    private ZoneId zone = ZoneOffset.UTC;
    private int top = 10;
    private Thresholds thresholds = Thresholds.defaults();

    private Builder(ReportWindow window) {
      this.window = Objects.requireNonNull(window, "window");
    }

    /** Sets the zone of day, week and month boundaries. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Sets the insight thresholds (the built-in ones by default). */
    public Builder thresholds(Thresholds thresholds) {
      this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
      return this;
    }

    /** Sets how many threads, repositories and workstreams the summary lists; throws when below 1. */
    public Builder top(int top) {
      if (top < 1) {
        throw new IllegalArgumentException("top [" + top + "] must be 1 or more");
      }
      this.top = top;
      return this;
    }

    /**
     * {@return the report of the data facts under {@code outputRoot/data}}.
     *
     * @throws ReportDataException naming the first missing or unreadable data file
     */
    public Report read(Path outputRoot) {
      return new Report(window, zone, top, thresholds, Facts.read(outputRoot));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // what the report holds
  // ---------------------------------------------------------------------------------------------

  /** {@return the window}. */
  public ReportWindow window() {
    return window;
  }

  /** {@return the zone of day, week and month boundaries}. */
  public ZoneId zone() {
    return zone;
  }

  /** {@return how many threads, repositories and workstreams the summary lists}. */
  public int top() {
    return top;
  }

  /** {@return the data directory read}. */
  public Path dataDir() {
    return dataDir;
  }

  /** {@return rows read per data file}. */
  public Map<String, Long> inputRows() {
    return inputRows;
  }

  /** {@return the rollout files the backfill read ({@code rollout_files.tsv} rows)}. */
  public long rolloutFilesRead() {
    return rolloutFiles;
  }

  /** {@return the insights of the window's calls, the highest attention score first}. */
  public java.util.List<dev.wlat.accounting.insights.Insight> insights() {
    return v.insights();
  }

  /** {@return the figures per model, the most tokens first}. */
  public java.util.List<ModelUsage> models() {
    return v.models();
  }

  /** {@return whether the data carries cost columns} (tables of an earlier wlat do not). */
  public boolean priced() {
    return v.priced();
  }

  /** {@return the figures of every token row inside the window}. */
  public UsageSums total() {
    return v.total();
  }

  /** {@return threads with rows inside the window}. */
  public long threadCount() {
    return v.threadCount();
  }

  /** {@return Σ {@code final_session_total_tokens} of those threads, over their full history}. */
  public long finalSessionTotalTokens() {
    return v.finalSessionTotalTokens();
  }

  /** {@return Σ {@code final_thread_total_tokens} of those threads, over their full history}. */
  public long finalThreadTotalTokens() {
    return v.finalThreadTotalTokens();
  }

  /** {@return every thread with rows inside the window, most in-window tokens first (then by id)}. */
  public List<ThreadUsage> threads() {
    return v.threads();
  }

  /** {@return the days with rows, in time order}. */
  public List<PeriodUsage> days() {
    return v.days();
  }

  /** {@return the ISO weeks with rows, in time order}. */
  public List<PeriodUsage> weeks() {
    return v.weeks();
  }

  /** {@return the months with rows, in time order}. */
  public List<PeriodUsage> months() {
    return v.months();
  }

  /** {@return one rollup per (repo, workstream, outcome, confidence), by repo then workstream}. */
  public List<OutcomeRollup> rollups() {
    return v.rollups();
  }

  /** {@return one row per confidence level, strongest first, every level present}. */
  public List<ConfidenceSummary> confidenceSummary() {
    return v.confidence();
  }

  /** {@return the outcome headline figures: merged PRs, closed issues, releases and their tokens}. */
  public OutcomeHeadline headline() {
    return v.headline();
  }

  /** {@return why observed exceeds delta: one share per cause, summing to observed − delta}. */
  public List<InflationCause.Share> inflation() {
    return v.inflation();
  }

  /** {@return rows inside the window carrying each warning flag}. */
  public Map<AccountingWarning, Long> warningCounts() {
    return v.warningCounts();
  }

  /** {@return rows inside the window per {@code delta_source} label}. */
  public Map<String, Long> deltaSourceCounts() {
    return v.deltaSourceCounts();
  }

  /** {@return in-window tokens per GitHub repo (the empty name for threads without one), most first}. */
  public List<Ranked> repos() {
    return v.repos();
  }

  /** {@return in-window tokens per workstream, most first}. */
  public List<Ranked> workstreams() {
    return v.workstreams();
  }

  /** {@return in-window tokens per outcome type, most first}. */
  public List<Ranked> outcomeTypes() {
    return v.outcomes();
  }

  /** {@return the parser's bad lines by kind, over the files the backfill read}. */
  public List<ParserWarning> parserWarnings() {
    return v.parserWarnings();
  }

  /** {@return how much of the window the data covers}. */
  public Coverage coverage() {
    return v.coverage();
  }

  /** {@return what to do for better attribution, from what the data lacks}. */
  public List<String> suggestions() {
    return v.suggestions();
  }

  /** {@return disagreements between the data files (none when they agree)}. */
  public List<String> inconsistencies() {
    return v.inconsistencies();
  }

  /** {@return the Markdown summary}. */
  public String markdown() {
    return SummaryMarkdown.render(this);
  }

  // ---------------------------------------------------------------------------------------------
  // writing
  // ---------------------------------------------------------------------------------------------

  /**
   * Writes the summary and the six TSVs under {@code outputRoot/reports/}, each as the kept copy
   * {@code <runId>_<window>_<name>} and then as {@code latest_<window>_<name>}. Every file is written
   * to a temporary sibling and renamed into place; the kept copies are all complete before any
   * {@code latest_} file is replaced, and stale temporaries of a crashed run are removed first.
   *
   * @return the files written
   * @throws java.io.UncheckedIOException when a file cannot be written
   */
  public ReportFiles write(Path outputRoot, String runId) {
    Objects.requireNonNull(runId, "runId");
    Path dir = outputRoot.resolve("reports");
    AtomicFiles.removeStaleTemporaries(dir);
    List<Path> kept = new ArrayList<>();
    List<Path> latest = new ArrayList<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    Path summary = dir.resolve(window.kept(runId, ReportTables.SUMMARY));
    AtomicFiles.writeString(summary, markdown());
    kept.add(summary);
    latest.add(dir.resolve(window.latest(ReportTables.SUMMARY)));
    tsv(dir, runId, ReportTables.THREAD_ROLLUPS, ReportTables::threadRollups, threads(), kept, latest, rows);
    tsv(dir, runId, ReportTables.REPO_WORKSTREAM_OUTCOME_ROLLUPS, ReportTables::repoWorkstreamOutcomeRollups,
        rollups(), kept, latest, rows);
    tsv(dir, runId, ReportTables.DAILY, ReportTables::periods, days(), kept, latest, rows);
    tsv(dir, runId, ReportTables.WEEKLY, ReportTables::periods, weeks(), kept, latest, rows);
    tsv(dir, runId, ReportTables.MONTHLY, ReportTables::periods, months(), kept, latest, rows);
    tsv(dir, runId, ReportTables.CONFIDENCE, ReportTables::attributionConfidenceSummary, confidenceSummary(), kept,
        latest, rows);
    for (int i = 0; i < kept.size(); i++) {
      AtomicFiles.copy(kept.get(i), latest.get(i));
    }
    return new ReportFiles(latest.get(0), latest, kept, rows);
  }

  /**
   * {@return the execution ledger of a report run} that wrote {@code files} under {@code outputRoot}:
   * its command, window, inputs read, coverage, totals and outputs. Callers may add sections (timings)
   * before {@link RunLedger#writeTo writing} it.
   */
  public RunLedger ledger(String runId, String commandLine, Path outputRoot, ReportFiles files) {
    RunLedger l = RunLedger.create(runId, "wlat report run " + runId);
    l.section("Command").code(commandLine == null ? "wlat report --window " + window.label() : commandLine);
    List<String[]> params = RunLedger.rows();
    params.add(new String[] {"window", window.label()});
    params.add(new String[] {"since", window.window().since() == null ? "(all)" : window.window().since().toString()});
    params.add(new String[] {"until", window.window().until() == null ? "(open)" : window.window().until().toString()});
    params.add(new String[] {"as of", window.asOf().toString()});
    params.add(new String[] {"day boundaries", zone.getId()});
    params.add(new String[] {"top", Integer.toString(top)});
    params.add(new String[] {"output root", outputRoot.toString()});
    l.keyValues(params);

    l.section("Inputs read");
    List<String[]> inputs = RunLedger.rows();
    inputRows.forEach((name, n) -> inputs.add(new String[] {"data/" + name, String.format(Locale.ROOT, "%,d rows", n)}));
    l.table(List.of("file", "rows"), inputs);
    Coverage c = coverage();
    List<String[]> cov = RunLedger.rows();
    cov.add(new String[] {"backfill run", c.backfillRunId() == null ? "(unknown)" : c.backfillRunId()});
    cov.add(new String[] {"backfill since", c.backfillSinceText() == null ? "(no ledger)" : c.backfillSinceText()});
    cov.add(new String[] {"earliest token row", c.earliestEvent() == null ? "(none)" : c.earliestEvent().toString()});
    cov.add(new String[] {"latest token row", c.latestEvent() == null ? "(none)" : c.latestEvent().toString()});
    l.keyValues(cov);
    if (!c.gaps().isEmpty() || !inconsistencies().isEmpty()) {
      List<String> notes = new ArrayList<>(c.gaps());
      inconsistencies().forEach(i -> notes.add("The data files disagree: " + i));
      l.bullets(notes);
    }

    l.section("Totals in the window");
    UsageSums t = total();
    List<String[]> totals = RunLedger.rows();
    totals.add(new String[] {"threads", String.format(Locale.ROOT, "%,d", threadCount())});
    totals.add(new String[] {"token rows", String.format(Locale.ROOT, "%,d", t.tokenEventCount())});
    totals.add(new String[] {"cumulative_delta_tokens", String.format(Locale.ROOT, "%,d", t.cumulativeDeltaTokens())});
    totals.add(new String[] {"observed_event_sum_tokens", String.format(Locale.ROOT, "%,d", t.observedEventSumTokens())});
    totals.add(new String[] {"inflation observed / delta",
        t.inflationFactor() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", t.inflationFactor())});
    totals.add(new String[] {"boundary_uncertain rows (tokens)", String.format(Locale.ROOT, "%,d (%,d)",
        t.boundaryUncertainEventCount(), t.boundaryUncertainTokens())});
    l.keyValues(totals);

    l.section("Outputs");
    List<String[]> out = RunLedger.rows();
    for (int i = 0; i < files.latest().size(); i++) {
      String name = files.latest().get(i).getFileName().toString();
      Long n = files.rows().get(name);
      out.add(new String[] {"reports/" + name, "reports/" + files.kept().get(i).getFileName(),
          n == null ? "" : String.format(Locale.ROOT, "%,d rows", n)});
    }
    l.table(List.of("file", "kept as", "rows"), out);
    return l;
  }

  private <T> void tsv(Path dir, String runId, String name, Function<String, TsvTable<T>> schema,
      List<T> data, List<Path> kept, List<Path> latest, Map<String, Long> rows) {
    TsvTable<T> table = schema.apply(window.kept(runId, name));
    long n = TsvWriter.writeAll(dir, table, data);
    kept.add(dir.resolve(table.fileName()));
    latest.add(dir.resolve(window.latest(name)));
    rows.put(window.latest(name), n);
  }
}
