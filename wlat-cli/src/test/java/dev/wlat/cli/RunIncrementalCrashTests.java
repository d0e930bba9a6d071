package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.testkit.CodexHomeGenerator;
import dev.wlat.testkit.HomeSpec;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * kill -9 at random points: the history grows between runs, each run (reports and plots on, so
 * reports/, plots/ and runs/ are written too) is killed with SIGKILL, in a JVM of its own, at a
 * point drawn from one of 16 slices of a clean run's measured duration, its end included (see
 * KilledRuns.killAndRecover). After every kill each file under the output root is whole, and an
 * uninterrupted run exits 0 with the state DB it found and leaves no temporary. After the last,
 * uninterrupted run the data facts and the report's tables equal those of a run of the final
 * history in a new root (and the facts those of a full backfill). The seed (history and kill points)
 * is 31 unless -Dwlat.crash.seed says otherwise; where a point lands in a run depends on the machine.
 */

/** A {@code wlat run-incremental} killed at any point loses nothing and leaves nothing half written. */
class RunIncrementalCrashTests {

  private static final int KILLS = 16;

  @TempDir Path temp;

  @Test
  void runsKilledAtRandomPointsLeaveWholeOutputsAndTheNextRunFinishesTheJob() throws Exception {
    long seed = Long.getLong("wlat.crash.seed", 31);
    Path source = temp.resolve("final-home");
    CodexHomeGenerator.generate(HomeSpec.builder().seed(seed).start(LocalDate.of(2026, 9, 1)).days(5)
        .sessionsPerDay(2, 4).build(), source);
    Random r = new Random(seed);
    RunIncrementalTests.Schedule schedule = RunIncrementalTests.Schedule.random(source, r);
    long clean = KilledRuns.cleanRunMillis(args(source, temp.resolve("clean")));
    Path live = temp.resolve("home");
    Path out = temp.resolve("out");

    int kills = KilledRuns.killAndRecover("run-incremental", seed, r, schedule, live, out, args(live, out), clean,
        KILLS, () -> runIncremental(live, out));

    schedule.apply(schedule.steps() - 1, live);
    Cli.Result last = runIncremental(live, out);
    String as = "seed " + seed + ", " + schedule;
    assertThat(last.exitCode()).as(as + "\n" + last.describe()).isZero();
    assertThat(kills).as(as + ": runs killed before they finished").isEqualTo(KILLS);
    assertThat(KilledRuns.temporaries(out)).as(as).isEmpty();
    Path fresh = temp.resolve("fresh");
    Cli.Result f = runIncremental(live, fresh);
    assertThat(f.exitCode()).as(f.describe()).isZero();
    assertThat(RunIncrementalTests.facts(out)).as(as).isEqualTo(RunIncrementalTests.facts(fresh));
    assertThat(KilledRuns.reportTables(out)).as(as).isNotEmpty().isEqualTo(KilledRuns.reportTables(fresh));
    Path full = temp.resolve("full");
    assertThat(RunIncrementalTests.backfillAll(live, full).exitCode()).isZero();
    assertThat(RunIncrementalTests.facts(out)).as(as).isEqualTo(RunIncrementalTests.facts(full));
  }

  private static List<String> args(Path home, Path out) {
    return List.of("run-incremental", "--window", "all", "--codex-home", home.toString(), "--output-root",
        out.toString(), "--skip-github", "-q");
  }

  private static Cli.Result runIncremental(Path home, Path out) {
    return Cli.run(args(home, out).toArray(String[]::new));
  }
}
