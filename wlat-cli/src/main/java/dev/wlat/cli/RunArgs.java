package dev.wlat.cli;

import dev.wlat.attribution.AttributionException;
import dev.wlat.cli.job.BackfillJob;
import dev.wlat.cli.job.BackfillOptions;
import dev.wlat.cli.job.BackfillResult;
import dev.wlat.cli.job.Headlines;
import dev.wlat.cli.job.Progress;
import dev.wlat.github.GitHubException;
import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.IngestException;
import dev.wlat.model.TimeWindow;
import dev.wlat.report.RunLog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options {@code backfill} and {@code run-incremental} share, and the run itself: checks,
 * the job, the run log row (failed runs included) and what is printed.
 */
final class RunArgs {

  /** The current run's trace, once it began (for {@link RunLogged}). */
  RunLogged.Trace trace;

  @Option(names = "--codex-home", paramLabel = "DIR",
      description = "Codex home to read (default: $CODEX_HOME, else ~/.codex). Never written.")
  Path codexHome;

  @Option(names = "--output-root", paramLabel = "DIR",
      description = "Where data/, reports/, plots/ and runs/ go (default: <codex-home>/docs/codex-github-outcomes).")
  Path outputRoot;

  @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "IANA zone for day/week/month boundaries (default: ${DEFAULT-VALUE}).")
  String timezone;

  @Option(names = "--repo-root", paramLabel = "DIR", description = "A directory holding local git repositories (repeatable).")
  List<Path> repoRoots = new ArrayList<>();

  @Option(names = "--attribution-overrides", paramLabel = "FILE",
      description = "TSV mapping thread ids or path prefixes to repo, workstream and outcome"
          + " (default: <output-root>/config/attribution_overrides.tsv when it exists).")
  Path attributionOverrides;

  @Option(names = "--pricing", paramLabel = "FILE",
      description = "Your own prices (TSV, see `wlat pricing pin`), used before the bundled ones"
          + " (default: <output-root>/config/pricing.tsv when it exists).")
  Path pricing;

  @Option(names = "--privacy-mode", paramLabel = "MODE", defaultValue = "normal",
      description = "normal (default), redacted (no raw local path: rollouts by their place in the Codex home,"
          + " directories and unnamed projects hashed) or strict (also no path inside a repository, branch, tag"
          + " or thread title).")
  String privacyMode;

  @Option(names = "--skip-github", description = "Do not collect GitHub data (links then come from local git only).")
  boolean skipGithub;

  @Option(names = "--max-repos", paramLabel = "N", description = "Collect GitHub data for at most N repositories.")
  Integer maxRepos;

  @Option(names = "--gh", paramLabel = "FILE", description = "The gh executable to run (default: gh on the PATH).")
  Path gh;

  @Option(names = "--no-reports", negatable = false, description = "Do not write the report (summary and tables under reports/).")
  boolean noReports;

  @Option(names = "--no-plots", negatable = false, description = "Do not write the plots (HTML under plots/).")
  boolean noPlots;

  @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: the number of cores).")
  Integer threads;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Print more: every note, and stack traces on internal errors.")
  boolean verbose;

  dev.wlat.model.Privacy privacy() {
    return PrivacyOption.of(privacyMode);
  }

  ZoneId zone() {
    return TimeArgs.zone(timezone);
  }

  /**
   * Runs the job and prints its summary; {@return the exit code}. A run that fails is logged by
   * {@link Main} (see {@link RunLogged}).
   */
  int run(CommandSpec spec, String command, TimeWindow window, String sinceText, String untilText,
      boolean incremental, String readingsWindow, Instant now) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path home = codexHome != null ? codexHome : CodexHome.defaultLocation();
    Path outRoot = outputRoot != null ? outputRoot : home.resolve("docs").resolve("codex-github-outcomes");
    trace = RunLogged.Trace.of(command);
    trace.started(now);
    trace.root(outRoot);
    trace.privacy(privacy());
    String line = "wlat " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    BackfillOptions options = options(home, outRoot, window, sinceText, untilText, incremental, readingsWindow,
        line, now);
    boolean live = !quiet && System.console() != null;
    BackfillResult r;
    try {
      r = BackfillJob.run(options, live ? Progress.of(err, true) : Progress.silent());
    } catch (IngestException | AttributionException e) {
      throw WlatException.invalidInput(e.getMessage());
    } catch (GitHubException | java.io.UncheckedIOException e) {
      throw new WlatException(ExitCodes.UNEXPECTED_STATE, e.getMessage(), e);
    }
    RunLog.append(outRoot, new RunLog.Entry(r.runId(), command, now, r.seconds(), ExitCodes.OK,
        "runs/" + r.ledger().getFileName(), String.format(Locale.ROOT,
            "%,d files, %,d token rows, %,d threads, cumulative_delta_tokens %,d, %,d outcome links%s",
            r.filesRead(), r.tokenEvents(), r.threads(), r.cumulativeDeltaTokens(), r.outcomeLinks(),
            incremental ? String.format(Locale.ROOT, ", %,d new bytes parsed, %,d groups kept, %,d recomputed",
                r.bytesParsed(), r.groupsKept(), r.groupsRecomputed()) : "")));
    if (!quiet) {
      print(out, err, command, r, incremental, outRoot, readingsWindow);
    }
    return ExitCodes.OK;
  }

  private BackfillOptions options(Path home, Path outRoot, TimeWindow window, String sinceText, String untilText,
      boolean incremental, String readingsWindow, String commandLine, Instant now) {
    if (maxRepos != null && maxRepos < 1) {
      throw WlatException.invalidInput("--max-repos must be 1 or more, was " + maxRepos);
    }
    for (Path root : repoRoots) {
      if (!Files.isDirectory(root)) {
        throw WlatException.invalidInput("--repo-root: not a directory: " + root);
      }
    }
    Path overrides = attributionOverrides;
    if (overrides == null) {
      Path fallback = outRoot.resolve("config").resolve("attribution_overrides.tsv");
      overrides = Files.isRegularFile(fallback) ? fallback : null;
    } else if (!Files.isRegularFile(overrides)) {
      throw WlatException.invalidInput("--attribution-overrides: not a file: " + overrides);
    }
    if (gh != null && !Files.isExecutable(gh)) {
      throw WlatException.invalidInput("--gh: not an executable file: " + gh);
    }
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (n < 1) {
      throw WlatException.invalidInput("--threads must be 1 or more, was " + n);
    }
    return new BackfillOptions(home, outRoot, window, sinceText, untilText, zone(), repoRoots, skipGithub, maxRepos,
        overrides, gh, !noReports, !noPlots, n, commandLine, now, incremental, readingsWindow,
        PricingArgs.load(pricing, outRoot), ThresholdArgs.load(null, outRoot), privacy());
  }

  private void print(PrintWriter out, PrintWriter err, String command, BackfillResult r, boolean incremental,
      Path outRoot, String label) {
    out.printf(Locale.ROOT, "wlat %s: %,d files (%.1f MB), %,d token rows, %,d threads in %.1fs%n",
        command, r.filesRead(), r.bytesRead() / 1e6, r.tokenEvents(), r.threads(), r.seconds());
    if (incremental) {
      out.printf(Locale.ROOT, "  incremental: %,d new bytes parsed; %,d thread groups kept, %,d recomputed%n",
          r.bytesParsed(), r.groupsKept(), r.groupsRecomputed());
    }
    out.printf(Locale.ROOT, "  cumulative_delta_tokens %,d (observed_event_sum_tokens %,d, %s)%n",
        r.cumulativeDeltaTokens(), r.observedEventSumTokens(),
        r.cumulativeDeltaTokens() == 0 ? "no usage"
            : String.format(Locale.ROOT, "%.2fx inflated if summed naively", (double) r.observedEventSumTokens() / r.cumulativeDeltaTokens()));
    if (r.parseIssues() > 0) {
      out.printf(Locale.ROOT, "  %,d malformed or unexpected lines counted, none fatal; see the ledger%s%n",
          r.parseIssues(), verbose ? "" : " (or rerun with --verbose)");
      if (verbose) {
        for (String issue : r.issueSummary()) {
          err.println("wlat: input: " + issue);
        }
      }
    }
    List<String> headline = Headlines.lines(r.outcomes());
    out.printf(Locale.ROOT, "  attribution: %,d outcome links; %s%n", r.outcomeLinks(), headline.get(0));
    for (String h : headline.subList(1, headline.size())) {
      out.println("    " + h);
    }
    out.println("  data: " + outRoot.resolve("data"));
    if (!noReports) {
      out.println("  report: " + outRoot.resolve("reports").resolve("latest_" + label + "_summary.md"));
    }
    if (!noPlots) {
      out.println("  plots: " + outRoot.resolve("plots").resolve("latest_" + label + "_*.html"));
    }
    out.println("  ledger: " + r.ledger());
    for (String note : r.notes()) {
      err.println("wlat: note: " + note);
    }
  }
}
