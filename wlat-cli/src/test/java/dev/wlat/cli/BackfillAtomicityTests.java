package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import dev.wlat.testkit.CodexHomeGenerator;
import dev.wlat.testkit.HomeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * A failed run must not damage the last good outputs. Two ways to fail: before anything is written
 * (a bad Codex home: every previous file stays byte-identical), and while committing (a directory
 * stands where token_thread_rollups.tsv goes, so renaming the finished temporary over it fails after
 * other tables were committed). Files are atomic one by one, not as a set, so in the second case a
 * file is either the previous one or a complete new one; no half file and no temporary remains.
 */

/** A failing {@code wlat backfill} leaves the previous outputs whole. */
class BackfillAtomicityTests {

  @TempDir Path temp;

  private Path home;
  private Path out;
  private Map<String, OutputTree.Bytes> previous;

  @BeforeEach
  void goodRun() throws IOException {
    home = temp.resolve("codex-home");
    out = temp.resolve("out");
    CodexHomeGenerator.generate(HomeSpec.builder().seed(5).start(LocalDate.of(2026, 9, 1)).days(4).build(), home);
    Cli.Result good = BackfillCommandTests.backfill(home, out);
    assertThat(good.exitCode()).as(good.describe()).isZero();
    previous = OutputTree.snapshot(out);
  }

  @Test
  void runRejectedBeforeWritingLeavesPreviousOutputsByteIdenticalAndIsLoggedAsFailed() {
    Cli.Result r = BackfillCommandTests.backfill(temp.resolve("no-such-home"), out);

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
    // only runs/ changes: the failed run's ledger and its run log row
    Map<String, OutputTree.Bytes> now = OutputTree.snapshot(out);
    now.keySet().removeIf(k -> k.startsWith("runs/"));
    Map<String, OutputTree.Bytes> before = new java.util.TreeMap<>(previous);
    before.keySet().removeIf(k -> k.startsWith("runs/"));
    assertThat(now).isEqualTo(before);
    var log = TsvReader.readAll(out.resolve("runs").resolve("run_log.tsv"));
    assertThat(log.get(log.size() - 1)).containsEntry("command", "backfill").containsEntry("exit_code", "2");
  }

  @Test
  void runFailingWhileCommittingLeavesNoTemporaryFile() throws IOException {
    blockThreadRollups();

    Cli.Result r = BackfillCommandTests.backfill(home, out);

    assertThat(r.exitCode()).as(r.describe()).isNotZero();
    assertThat(OutputTree.listing(out)).noneMatch(p -> p.endsWith(".wlat-tmp"));
  }

  @Test
  void runFailingWhileCommittingSaysWhichFileOnStderrWithoutAStackTrace() throws IOException {
    blockThreadRollups();

    Cli.Result r = BackfillCommandTests.backfill(home, out);

    assertThat(r.err()).as(r.describe()).startsWith("wlat: ").contains("token_thread_rollups.tsv");
    assertThat(r.err().lines()).as(r.describe()).noneMatch(l -> l.strip().startsWith("at "));
  }

  @Test
  void runFailingWhileCommittingLeavesEveryOtherTableWhole() throws IOException {
    blockThreadRollups();

    BackfillCommandTests.backfill(home, out);

    for (Map.Entry<String, OutputTree.Bytes> f : previous.entrySet()) {
      String name = f.getKey();
      if (!name.endsWith(".tsv") || name.endsWith("token_thread_rollups.tsv") || name.startsWith("runs/")) {
        continue;
      }
      Path now = out.resolve(name);
      Path before = Files.write(temp.resolve("previous.tsv"), f.getValue().bytes());
      assertThat(now).as(name).isRegularFile();
      assertThat(TsvReader.header(now)).as(name).isEqualTo(TsvReader.header(before));
      assertThat(TsvReader.readAll(now)).as(name).hasSameSizeAs(TsvReader.readAll(before));
    }
  }

  /** Puts a non-empty directory where {@code data/token_thread_rollups.tsv} goes. */
  private void blockThreadRollups() throws IOException {
    Path target = BackfillCommandTests.data(out).resolve("token_thread_rollups.tsv");
    Files.delete(target);
    Files.createDirectories(target.resolve("in-the-way"));
  }
}
