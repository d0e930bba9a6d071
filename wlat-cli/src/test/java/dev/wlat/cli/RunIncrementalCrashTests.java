package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.testkit.CodexHomeGenerator;
import dev.wlat.testkit.HomeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * kill -9 at random points: the history grows between runs, each run is killed (SIGKILL, in a JVM
 * of its own) after a random delay, and after every kill each published data table is whole (ends
 * in a newline, every row as wide as its header). An uninterrupted run then finishes the job: its
 * facts equal a full backfill of the final history.
 */

/** A {@code wlat run-incremental} killed at any point loses nothing and leaves nothing half written. */
class RunIncrementalCrashTests {

  @TempDir Path temp;

  @Test
  void runsKilledAtRandomPointsLeaveWholeOutputsAndTheNextRunFinishesTheJob() throws Exception {
    Path source = temp.resolve("final-home");
    CodexHomeGenerator.generate(HomeSpec.builder().seed(31).start(LocalDate.of(2026, 9, 1)).days(12)
        .sessionsPerDay(2, 5).build(), source);
    Random r = new Random(31);
    RunIncrementalTests.Schedule schedule = RunIncrementalTests.Schedule.random(source, r);
    Path live = temp.resolve("home");
    Path out = temp.resolve("out");
    int kills = 0;
    for (int round = 0; round < 6; round++) {
      schedule.apply(Math.min(round, schedule.steps() - 1), live);
      Process p = launch(live, out);
      // the first kill lands before the JVM can have finished; the others anywhere in a run
      long delay = round == 0 ? 200 : 150 + r.nextInt(2500);
      if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly(); // SIGKILL
        kills++;
      }
      p.waitFor(30, TimeUnit.SECONDS);
      assertEveryPublishedTableIsWhole(out);
    }
    schedule.apply(schedule.steps() - 1, live);

    Cli.Result last = RunIncrementalTests.runIncremental(live, out);

    assertThat(last.exitCode()).as(last.describe()).isZero();
    assertThat(kills).as("runs killed before they finished").isPositive();
    Path full = temp.resolve("full");
    assertThat(RunIncrementalTests.backfillAll(live, full).exitCode()).isZero();
    assertThat(RunIncrementalTests.facts(out)).isEqualTo(RunIncrementalTests.facts(full));
  }

  private static void assertEveryPublishedTableIsWhole(Path out) throws IOException {
    Path data = out.resolve("data");
    if (!Files.isDirectory(data)) {
      return;
    }
    try (Stream<Path> s = Files.list(data)) {
      for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".tsv")).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        assertThat(bytes).as(f.toString()).isNotEmpty();
        assertThat(bytes[bytes.length - 1]).as("%s ends in a newline", f).isEqualTo((byte) '\n');
        List<String> lines = Files.readAllLines(f);
        int width = lines.get(0).split("\t", -1).length;
        for (int i = 1; i < lines.size(); i++) {
          assertThat(lines.get(i).split("\t", -1)).as("%s line %d", f, i + 1).hasSize(width);
        }
      }
    }
  }

  private static Process launch(Path home, Path out) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder b = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        "dev.wlat.cli.Main", "run-incremental", "--codex-home", home.toString(), "--output-root", out.toString(),
        "--skip-github", "-q");
    b.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    b.redirectError(ProcessBuilder.Redirect.DISCARD);
    return b.start();
  }
}
