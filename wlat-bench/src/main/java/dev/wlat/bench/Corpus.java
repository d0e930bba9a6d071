package dev.wlat.bench;

import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.RolloutFile;
import dev.wlat.testkit.CodexHomeGenerator;
import dev.wlat.testkit.HomeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** A generated Codex home for the benchmarks: deterministic, realistic shapes, about 32 MB. */
final class Corpus {

  private Corpus() {}

  /** {@return the rollouts of a fresh home generated into a temporary directory}, largest first. */
  static List<RolloutFile> rollouts(long targetBytes) {
    try {
      Path home = Files.createTempDirectory("wlat-bench-home");
      CodexHomeGenerator.generate(HomeSpec.builder().seed(42).start(LocalDate.of(2026, 9, 1))
          .targetBytes(targetBytes).build(), home);
      return CodexHome.open(home).rollouts(null).stream()
          .filter(f -> !f.compressed())
          .sorted(Comparator.comparingLong(RolloutFile::sizeBytes).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
