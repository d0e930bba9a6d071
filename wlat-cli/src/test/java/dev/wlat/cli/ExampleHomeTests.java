package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * examples/codex-home is committed with the truth its generator wrote beside it
 * (examples/codex-home.truth.json). Backfilling it must reproduce that truth, and must leave the
 * committed files as they are. Paths are relative to the module directory, where Surefire runs.
 */

/** The committed example home backfills to its committed ground truth. */
class ExampleHomeTests {

  private static final Path HOME = Path.of("..", "examples", "codex-home");
  private static final Path TRUTH = Path.of("..", "examples", "codex-home.truth.json");

  @TempDir static Path temp;

  private static Map<String, OutputTree.Bytes> homeBefore;
  private static List<String> listingBefore;
  private static Cli.Result run;
  private static List<Map<String, String>> accounting;

  @BeforeAll
  static void backfillTheExample() {
    homeBefore = OutputTree.snapshot(HOME);
    listingBefore = OutputTree.listing(HOME);
    run = BackfillCommandTests.backfill(HOME, temp.resolve("out"));
    accounting = TsvReader.readAll(BackfillCommandTests.data(temp.resolve("out")).resolve("token_event_accounting.tsv"));
  }

  @Test
  void exampleBackfillsToTheCommittedTotal() throws IOException {
    assertThat(run.exitCode()).as(run.describe()).isZero();

    assertThat(Sums.sum(accounting)).isEqualTo(TruthJson.read(TRUTH).total());
  }

  @Test
  void exampleBackfillsToTheCommittedTotalOfEachUtcDay() throws IOException {
    assertThat(Sums.byUtcDay(accounting)).isEqualTo(TruthJson.read(TRUTH).byUtcDay());
  }

  @Test
  void exampleHomeIsLeftAsCommitted() {
    assertThat(OutputTree.listing(HOME)).isEqualTo(listingBefore);
    assertThat(OutputTree.snapshot(HOME)).isEqualTo(homeBefore);
  }
}
