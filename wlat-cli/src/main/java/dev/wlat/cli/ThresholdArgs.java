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
    Path f = ConfigFile.resolve(file, outRoot, "thresholds.tsv", "--thresholds");
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
