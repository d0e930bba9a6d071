package dev.wlat.cli;

import dev.wlat.attribution.AttributionException;
import dev.wlat.cli.job.BackfillJob;
import dev.wlat.cli.job.BackfillOptions;
import dev.wlat.cli.job.BackfillResult;
import dev.wlat.cli.job.Headlines;
import dev.wlat.cli.job.Progress;
import dev.wlat.cli.job.ReadingsStep;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wlat backfill}: reads the Codex home and writes the data facts and a run ledger. */
@Command(name = "backfill", sortOptions = false,
    description = "Read Codex rollouts and write honest token accounting facts (TSV) and a run ledger.")
final class BackfillCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  @Option(names = "--codex-home", paramLabel = "DIR",
      description = "Codex home to read (default: $CODEX_HOME, else ~/.codex). Never written.")
  Path codexHome;

  @Option(names = "--output-root", paramLabel = "DIR",
      description = "Where data/, reports/, plots/ and runs/ go (default: <codex-home>/docs/codex-github-outcomes).")
  Path outputRoot;

  @Option(names = "--since", paramLabel = "WHEN", defaultValue = "30d",
      description = "Window start: 30d, 12h, 90m, 2w, an ISO date (start of that day in --timezone) or instant, or all (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(names = "--until", paramLabel = "WHEN", description = "Window end (exclusive), same forms as --since (default: open).")
  String until;

  @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "IANA zone for day/week/month boundaries (default: ${DEFAULT-VALUE}).")
  String timezone;

  @Option(names = "--repo-root", paramLabel = "DIR", description = "A directory holding local git repositories (repeatable).")
  List<Path> repoRoots = new ArrayList<>();

  @Option(names = "--attribution-overrides", paramLabel = "FILE",
      description = "TSV mapping thread ids or path prefixes to repo, workstream and outcome"
          + " (default: <output-root>/config/attribution_overrides.tsv when it exists).")
  Path attributionOverrides;

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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (maxRepos != null && maxRepos < 1) {
      throw WlatException.invalidInput("--max-repos must be 1 or more, was " + maxRepos);
    }
    Instant now = Instant.now();
    ZoneId zone = TimeArgs.zone(timezone);
    TimeWindow window;
    try {
      window = TimeWindow.parse(since, until, now, zone);
    } catch (IllegalArgumentException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
    for (Path root : repoRoots) {
      if (!Files.isDirectory(root)) {
        throw WlatException.invalidInput("--repo-root: not a directory: " + root);
      }
    }
    Path home = codexHome != null ? codexHome : CodexHome.defaultLocation();
    Path outRoot = outputRoot != null ? outputRoot : home.resolve("docs").resolve("codex-github-outcomes");
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
    BackfillOptions options = new BackfillOptions(home, outRoot, window, since, until, zone, repoRoots,
        skipGithub, maxRepos, overrides, gh, !noReports, !noPlots, n, commandLine(), now);
    boolean live = !quiet && System.console() != null;
    BackfillResult r;
    try {
      r = BackfillJob.run(options, live ? Progress.of(err, true) : Progress.silent());
    } catch (IngestException | AttributionException e) {
      throw WlatException.invalidInput(e.getMessage());
    } catch (GitHubException e) {
      throw new WlatException(ExitCodes.UNEXPECTED_STATE, e.getMessage(), e);
    } catch (java.io.UncheckedIOException e) {
      throw new WlatException(ExitCodes.UNEXPECTED_STATE, e.getMessage(), e);
    }
    RunLog.append(outRoot, new RunLog.Entry(r.runId(), "backfill", now, r.seconds(), ExitCodes.OK,
        "runs/" + r.ledger().getFileName(), String.format(Locale.ROOT,
            "%,d files, %,d token rows, %,d threads, cumulative_delta_tokens %,d, %,d outcome links",
            r.filesRead(), r.tokenEvents(), r.threads(), r.cumulativeDeltaTokens(), r.outcomeLinks())));
    if (!quiet) {
      out.printf(Locale.ROOT, "wlat backfill: %,d files (%.1f MB), %,d token rows, %,d threads in %.1fs%n",
          r.filesRead(), r.bytesRead() / 1e6, r.tokenEvents(), r.threads(), r.seconds());
      out.printf(Locale.ROOT, "  cumulative_delta_tokens %,d (observed_event_sum_tokens %,d, %s)%n",
          r.cumulativeDeltaTokens(), r.observedEventSumTokens(),
          r.cumulativeDeltaTokens() == 0 ? "no usage"
              : String.format(Locale.ROOT, "%.2fx inflated if summed naively", (double) r.observedEventSumTokens() / r.cumulativeDeltaTokens()));
      if (r.parseIssues() > 0) {
        out.printf(Locale.ROOT, "  %,d malformed or unexpected lines counted, none fatal; see the ledger%s%n",
            r.parseIssues(), verbose ? "" : " (or rerun with --verbose)");
        if (verbose) {
          for (String line : r.issueSummary()) {
            err.println("wlat: input: " + line);
          }
        }
      }
      List<String> headline = Headlines.lines(r.outcomes());
      out.printf(Locale.ROOT, "  attribution: %,d outcome links; %s%n", r.outcomeLinks(), headline.get(0));
      for (String line : headline.subList(1, headline.size())) {
        out.println("    " + line);
      }
      out.println("  data: " + outRoot.resolve("data"));
      String label = ReadingsStep.label(since);
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
    return ExitCodes.OK;
  }

  private String commandLine() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    return "wlat " + String.join(" ", args);
  }
}
