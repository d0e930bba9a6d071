package dev.wlat.cli;

import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.UsageJob;
import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.IngestException;
import dev.wlat.ingest.claude.ClaudeHome;
import dev.wlat.ingest.claude.ClaudeLog;
import dev.wlat.ingest.claude.ClaudeUsage;
import dev.wlat.model.TimeWindow;
import dev.wlat.report.summary.ReportDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where {@code wlat usage} and {@code wlat insights} read accounted rows from, and for which window:
 * the Codex home straight (default) or an output root's data tables; the options both share.
 */
final class UsageSource {

  @Option(names = "--codex-home", paramLabel = "DIR", description = "The Codex home (default: $CODEX_HOME, else ~/.codex).")
  Path codexHome;

  @Option(names = "--output-root", paramLabel = "DIR",
      description = "Read the data tables a backfill or run-incremental wrote there instead of the Codex home.")
  Path outputRoot;

  @Option(names = "--since", paramLabel = "WHEN", defaultValue = "7d",
      description = "Window start: 7d, 12h, 2w, an ISO date or instant, or all (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(names = "--until", paramLabel = "WHEN", description = "Window end (exclusive), same forms (default: open).")
  String until;

  @Option(names = "--timezone", paramLabel = "ZONE",
      description = "Zone of days, weeks and months, and of a date given to --since (default: this machine's).")
  String timezone;

  @Option(names = "--provider", paramLabel = "NAME",
      description = "Whose logs: codex, claude (Claude Code) or all (default: codex, or all when --claude-home is given).")
  String provider;

  @Option(names = "--claude-home", paramLabel = "DIR",
      description = "Claude Code's folder, holding projects/ (default: $CLAUDE_CONFIG_DIR, else ~/.config/claude"
          + " and ~/.claude).")
  Path claudeHome;

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--pricing", paramLabel = "FILE", description = "Your own prices (TSV), used before the bundled ones.")
  Path pricing;

  @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: the number of cores).")
  Integer threads;

  @Option(names = "--now", hidden = true, description = "The current time, for tests.")
  Instant now;

  /** {@return the current time: {@code --now} in tests, else the clock}. */
  Instant now() {
    return now != null ? now : Instant.now();
  }

  ZoneId zone() {
    return timezone == null ? ZoneId.systemDefault() : TimeArgs.zone(timezone);
  }

  TimeWindow window() {
    try {
      return TimeWindow.parse(since, until, now(), zone());
    } catch (IllegalArgumentException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
  }

  Pricing prices() {
    return PricingArgs.load(pricing, outputRoot);
  }

  /** {@return the provider label asked for}: codex, claude or all. */
  String provider() {
    String p = provider != null ? provider : claudeHome != null ? "all" : UsageJob.CODEX;
    if (!List.of(UsageJob.CODEX, UsageJob.CLAUDE, "all").contains(p)) {
      throw WlatException.invalidInput("--provider must be codex, claude or all, was [" + p + "]");
    }
    return p;
  }

  /** {@return whether Claude Code's logs are read}. */
  boolean readsClaude() {
    return !provider().equals(UsageJob.CODEX);
  }

  private int threads() {
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (n < 1) {
      throw WlatException.invalidInput("--threads must be 1 or more, was " + n);
    }
    return n;
  }

  /** {@return the accounted rows of {@code window}}, with their working directories when {@code withCwd}. */
  UsageJob.Result read(TimeWindow window, boolean withCwd) {
    String p = provider();
    try {
      UsageJob.Result codex = null;
      if (!p.equals(UsageJob.CLAUDE)) {
        if (outputRoot != null) {
          if (!Files.isDirectory(outputRoot.resolve("data"))) {
            throw WlatException.invalidInput("--output-root: no data/ under " + outputRoot
                + "; run wlat backfill or wlat run-incremental there first, or leave --output-root out");
          }
          codex = UsageJob.fromOutputRoot(outputRoot, window, withCwd);
        } else {
          codex = UsageJob.fromHome(codexHome != null ? codexHome : CodexHome.defaultLocation(), window, threads());
        }
      }
      if (p.equals(UsageJob.CODEX)) {
        return codex;
      }
      return withClaude(codex, window);
    } catch (IngestException | ReportDataException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
  }

  /** {@return {@code codex} (may be {@code null}) with the Claude Code calls of {@code window}}, when they are read. */
  UsageJob.Result withClaude(UsageJob.Result codex, TimeWindow window) {
    String p = provider();
    if (p.equals(UsageJob.CODEX)) {
      return codex;
    }
    try {
      Optional<ClaudeHome> claude = claudeHome != null ? Optional.of(ClaudeHome.open(claudeHome)) : ClaudeHome.findDefault();
      if (claude.isEmpty()) {
        if (p.equals(UsageJob.CLAUDE)) {
          throw WlatException.invalidInput("--provider claude: no Claude Code logs found (looked at"
              + " $CLAUDE_CONFIG_DIR, ~/.config/claude/projects and ~/.claude/projects); pass --claude-home DIR");
        }
        return codex;
      }
      ClaudeLog log = ClaudeUsage.read(claude.get(), window.since(), threads());
      if (log.malformedLines() > 0 || log.unreadableFiles() > 0) {
        spec.commandLine().getErr().println("wlat: warning: Claude Code logs: " + count(log.malformedLines(),
            "malformed line") + " and " + count(log.unreadableFiles(), "unreadable file") + " left out (first: "
            + log.issues().get(0) + ")");
      }
      return UsageJob.withClaude(codex, log, window, claude.get().path().toString());
    } catch (IngestException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
  }

  private static String count(long n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
