package dev.wlat.testkit;

import dev.wlat.testkit.internal.HomeWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Generates a realistic Codex home ({@code ~/.codex}) and returns what is true of it.
 *
 * <p>Output is deterministic: the same {@link HomeSpec} yields byte-identical rollout files
 * (the SQLite file's bytes may differ; its rows do not). Files are streamed to disk, so memory
 * stays bounded for homes of a gigabyte or more.
 *
 * <pre>{@code
 * GroundTruth truth = CodexHomeGenerator.generate(HomeSpec.defaults(), tempDir.resolve("codex"));
 * assertThat(myTotal).isEqualTo(truth.total().total());
 * }</pre>
 */
public final class CodexHomeGenerator {
  private CodexHomeGenerator() {}

  /**
   * Writes the home described by {@code spec} into {@code home} and returns its ground truth.
   *
   * @throws IllegalArgumentException if {@code home} exists and is not empty
   * @throws IOException if writing fails
   */
  public static GroundTruth generate(HomeSpec spec, Path home) throws IOException {
    return HomeWriter.write(spec, home);
  }
}
