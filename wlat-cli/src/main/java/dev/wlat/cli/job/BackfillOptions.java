package dev.wlat.cli.job;

import dev.wlat.accounting.insights.Thresholds;
import dev.wlat.model.Privacy;
import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.model.TimeWindow;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything a backfill run needs, already validated.
 *
 * @param codexHome the Codex home to read (never written)
 * @param outputRoot where {@code data/}, {@code runs/} go
 * @param window the accounting window
 * @param sinceText {@code --since} as given, for the ledger
 * @param untilText {@code --until} as given, or {@code null}
 * @param zone the zone of day boundaries
 * @param repoRoots explicit repository roots
 * @param skipGithub true when GitHub collection was explicitly skipped
 * @param maxRepos cap on repositories, or {@code null}
 * @param attributionOverrides the attribution overrides TSV, or {@code null}
 * @param ghExecutable the {@code gh} to run, or {@code null} for {@code gh} on the PATH
 * @param reports whether reports were asked for
 * @param plots whether plots were asked for
 * @param threads parser threads
 * @param commandLine the command as typed, for the ledger
 * @param now the run's clock
 * @param incremental true for {@code run-incremental}: keep a state DB, read only what changed, and
 *     reuse the rows of unchanged thread groups (the window is then the whole history)
 * @param readingsWindow the window of the report and plots ({@code 30d}, {@code all}), or
 *     {@code null} for the one {@code --since} names
 */
public record BackfillOptions(
    Path codexHome,
    Path outputRoot,
    TimeWindow window,
    String sinceText,
    String untilText,
    ZoneId zone,
    List<Path> repoRoots,
    boolean skipGithub,
    Integer maxRepos,
    Path attributionOverrides,
    Path ghExecutable,
    boolean reports,
    boolean plots,
    int threads,
    String commandLine,
    Instant now,
    boolean incremental,
    String readingsWindow,
    Pricing pricing,
    Thresholds thresholds,
    Privacy privacy) {

  public BackfillOptions {
    Objects.requireNonNull(codexHome, "codexHome");
    Objects.requireNonNull(outputRoot, "outputRoot");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(pricing, "pricing");
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(privacy, "privacy");
    repoRoots = List.copyOf(repoRoots);
    if (incremental && !window.isAll()) {
      throw new IllegalArgumentException("an incremental run accounts the whole history, was " + window);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be 1 or more, was [" + threads + "]");
    }
  }
}
