package dev.wlat.cli;

import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.UsageJob;
import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.IngestException;
import dev.wlat.model.TimeWindow;
import dev.wlat.report.summary.ReportDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import picocli.CommandLine.Option;

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

  @Option(names = "--pricing", paramLabel = "FILE", description = "Your own prices (TSV), used before the bundled ones.")
  Path pricing;

  @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: the number of cores).")
  Integer threads;

  @Option(names = "--now", hidden = true, description = "The current time, for tests.")
  Instant now;

  ZoneId zone() {
    return timezone == null ? ZoneId.systemDefault() : TimeArgs.zone(timezone);
  }

  TimeWindow window() {
    try {
      return TimeWindow.parse(since, until, now != null ? now : Instant.now(), zone());
    } catch (IllegalArgumentException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
  }

  Pricing prices() {
    return PricingArgs.load(pricing, outputRoot);
  }

  /** {@return the accounted rows of {@code window}}, with their working directories when {@code withCwd}. */
  UsageJob.Result read(TimeWindow window, boolean withCwd) {
    try {
      if (outputRoot != null) {
        if (!Files.isDirectory(outputRoot.resolve("data"))) {
          throw WlatException.invalidInput("--output-root: no data/ under " + outputRoot
              + "; run wlat backfill or wlat run-incremental there first, or leave --output-root out");
        }
        return UsageJob.fromOutputRoot(outputRoot, window, withCwd);
      }
      int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      if (n < 1) {
        throw WlatException.invalidInput("--threads must be 1 or more, was " + n);
      }
      return UsageJob.fromHome(codexHome != null ? codexHome : CodexHome.defaultLocation(), window, n);
    } catch (IngestException | ReportDataException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
  }
}
