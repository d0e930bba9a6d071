package dev.wlat.cli;

import dev.wlat.accounting.insights.InsightsException;
import dev.wlat.accounting.insights.Thresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the insight thresholds: a named file, else {@code <output-root>/config/thresholds.tsv}, else the defaults. */
final class ThresholdArgs {

  private ThresholdArgs() {}

  static Thresholds load(Path file, Path outRoot) {
    Path f = file;
    if (f == null && outRoot != null) {
      Path fallback = outRoot.resolve("config").resolve("thresholds.tsv");
      f = Files.isRegularFile(fallback) ? fallback : null;
    } else if (f != null && !Files.isRegularFile(f)) {
      throw WlatException.invalidInput("--thresholds: not a file: " + f);
    }
    if (f == null) {
      return Thresholds.defaults();
    }
    try {
      return Thresholds.parse(f.toString(), Files.readAllBytes(f));
    } catch (IOException e) {
      throw WlatException.invalidInput(f + ": cannot read the thresholds file (" + e.getClass().getSimpleName() + ")");
    } catch (InsightsException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
  }
}
