package dev.wlat.cli;

import dev.wlat.cli.job.BackfillJob;
import dev.wlat.cli.job.RunIds;
import dev.wlat.ingest.CodexHome;
import dev.wlat.report.ReportWindow;
import dev.wlat.report.RunLedger;
import dev.wlat.report.RunLog;
import dev.wlat.report.summary.Report;
import dev.wlat.report.summary.ReportDataException;
import dev.wlat.report.summary.ReportFiles;
import dev.wlat.report.summary.UsageSums;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wlat report}: reads the data facts a backfill wrote and writes a window's summary and tables. */
@Command(name = "report", sortOptions = false,
    description = "Summarize the data facts of a window (Markdown + TSV under reports/) from what wlat backfill wrote.")
final class ReportCommand implements Callable<Integer>, RunLogged {

  @Mixin HelpOption help;
  @Mixin PrivacyOption privacy;

  @Spec CommandSpec spec;

  @Option(names = "--window", paramLabel = "WINDOW", defaultValue = "30d",
      description = "The window: all, or a length before --as-of: 30d, 12h, 90m, 2w (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--output-root", paramLabel = "DIR",
      description = "Where the backfill wrote data/; reports/ and runs/ are written there too"
          + " (default: <codex-home>/docs/codex-github-outcomes).")
  Path outputRoot;

  @Option(names = "--codex-home", paramLabel = "DIR",
      description = "Codex home whose default output root to use (default: $CODEX_HOME, else ~/.codex). Never read.")
  Path codexHome;

  @Option(names = "--as-of", paramLabel = "INSTANT",
      description = "End of the window: an instant (2026-10-12T00:00:00Z) or a date (its start in --timezone)"
          + " (default: now). The same data and --as-of give the same report.")
  String asOf;

  @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "IANA zone for day/week/month boundaries (default: ${DEFAULT-VALUE}).")
  String timezone;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10",
      description = "Threads, repositories and workstreams listed in the summary (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--thresholds", paramLabel = "FILE",
      description = "Insight thresholds TSV (default: <output-root>/config/thresholds.tsv when it exists, else built in).")
  java.nio.file.Path thresholds;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces on internal errors.")
  boolean verbose;

  private final RunLogged.Trace trace = RunLogged.Trace.of("report");

  @Override
  public RunLogged.Trace runTrace() {
    return trace;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant started = Instant.now();
    trace.started(started);
    long t0 = System.nanoTime();
    ZoneId zone = TimeArgs.zone(timezone);
    Instant end = TimeArgs.asOf(asOf, zone, started);
    ReportWindow w;
    try {
      w = ReportWindow.parse(window, end, zone);
    } catch (IllegalArgumentException e) {
      throw WlatException.invalidInput("--window: [" + window + "] must be all or a length like 30d, 12h, 90m, 2w");
    }
    if (top < 1) {
      throw WlatException.invalidInput("--top must be 1 or more, was " + top);
    }
    Path home = codexHome != null ? codexHome : CodexHome.defaultLocation();
    Path root = outputRoot != null ? outputRoot : home.resolve("docs").resolve("codex-github-outcomes");
    trace.root(root);
    trace.privacy(privacy.privacy());

    Report report;
    try {
      report = Report.builder(w).zone(zone).top(top).thresholds(ThresholdArgs.load(thresholds, root)).read(root);
    } catch (ReportDataException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
    String runId = RunIds.free(root, started);
    ReportFiles files;
    Path ledger;
    try {
      files = report.write(root, runId);
      RunLedger l = report.ledger(runId, commandLine(), root, files);
      l.section("Timings").keyValues(List.<String[]>of(new String[] {"read, compute, write",
          String.format(Locale.ROOT, "%.3f s", (System.nanoTime() - t0) / 1e9)}));
      ledger = l.writeTo(root, privacy.filter(root));
      UsageSums t = report.total();
      RunLog.append(root, new RunLog.Entry(runId, "report", started, (System.nanoTime() - t0) / 1e9, ExitCodes.OK,
          "runs/" + ledger.getFileName(), String.format(Locale.ROOT, "window %s, %,d threads, cumulative_delta_tokens %,d",
              w.label(), report.threadCount(), t.cumulativeDeltaTokens())));
    } catch (UncheckedIOException e) {
      throw new WlatException(ExitCodes.UNEXPECTED_STATE, e.getMessage(), e);
    }
    if (!quiet) {
      UsageSums t = report.total();
      out.printf(Locale.ROOT, "wlat report %s: cumulative_delta_tokens %,d in %,d threads (%s)%n", w.label(),
          t.cumulativeDeltaTokens(), report.threadCount(), span(w));
      out.printf(Locale.ROOT, "  observed_event_sum_tokens %,d (%s)%n", t.observedEventSumTokens(),
          t.inflationFactor() == null ? "no usage"
              : String.format(Locale.ROOT, "%.2fx inflated if summed naively", t.inflationFactor()));
      out.println("  summary: " + files.summary());
      out.printf(Locale.ROOT, "  tables: %d TSVs beside it (%s), each also kept as %s%n", files.latest().size() - 1,
          w.latest("*.tsv"), w.kept(runId, "*"));
      out.println("  ledger: " + ledger);
      for (String gap : report.coverage().gaps()) {
        err.println("wlat: note: " + gap);
      }
      for (String i : report.inconsistencies()) {
        err.println("wlat: note: the data files disagree: " + i + "; rerun wlat backfill");
      }
    }
    return ExitCodes.OK;
  }

  /** {@return {@code --as-of} as an instant: an ISO instant or offset date-time, or a date's start in {@code zone}}. */

  private static String span(ReportWindow w) {
    if (w.window().isAll()) {
      return "all history";
    }
    return w.window().since() + " to " + w.window().until();
  }

  private String commandLine() {
    return "wlat " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
  }
}
