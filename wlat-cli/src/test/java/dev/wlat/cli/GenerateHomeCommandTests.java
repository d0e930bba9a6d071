package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wlat generate-home} writes a home and its truth, and {@code wlat backfill} agrees with that truth. */
class GenerateHomeCommandTests {

  @TempDir Path temp;

  @Test
  void generatedHomeBackfillsToTheTruthWrittenBesideIt() throws IOException {
    Path home = temp.resolve("codex-home");
    Path truth = temp.resolve("truth.json");

    Cli.Result generated = Cli.run("generate-home", "--output", home.toString(), "--seed", "3", "--days", "3",
        "--truth", truth.toString());
    Cli.Result backfilled = BackfillCommandTests.backfill(home, temp.resolve("out"));

    assertThat(generated.exitCode()).as(generated.describe()).isZero();
    assertThat(backfilled.exitCode()).as(backfilled.describe()).isZero();
    List<Map<String, String>> rows =
        TsvReader.readAll(BackfillCommandTests.data(temp.resolve("out")).resolve("token_event_accounting.tsv"));
    TruthJson expected = TruthJson.read(truth);
    assertThat(Sums.sum(rows)).isEqualTo(expected.total());
    assertThat(Sums.byUtcDay(rows)).isEqualTo(expected.byUtcDay());
  }

  @Test
  void generateHomeRefusesANonEmptyDirectory() throws IOException {
    Path home = Files.createDirectories(temp.resolve("codex-home"));
    Files.writeString(home.resolve("keep.txt"), "mine");

    Cli.Result r = Cli.run("generate-home", "--output", home.toString(), "--days", "1");

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(OutputTree.listing(home)).containsExactlyInAnyOrder("", "keep.txt");
  }
}
