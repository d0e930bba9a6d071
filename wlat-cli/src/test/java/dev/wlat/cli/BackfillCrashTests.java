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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * kill -9 at random points of `wlat backfill --since all` with its report and plots: the history
 * grows between runs, each run is killed (SIGKILL, in a JVM of its own) at a point drawn from one of
 * 16 slices of a clean run's measured duration, its end (publishing, ledger, run log) included (see
 * KilledRuns.killAndRecover). After every kill each file under the output root (data/, reports/,
 * plots/, runs/) is whole, and an uninterrupted backfill exits 0 and leaves no temporary; after the
 * last one its data facts and report tables equal those of a backfill of the final history into a
 * new root. The seed (history and kill points) is 37 unless -Dwlat.crash.seed says otherwise; where
 * a point lands in a run depends on the machine.
 *
 * A kill between writing a temporary and renaming it leaves the temporary; the kill window for the
 * run log and the ledger is a few milliseconds, so the second test plants such leftovers, named as a
 * dead process's, in every directory a run writes, and the next run must remove them all.
 */

/** A {@code wlat backfill} killed at any point leaves whole outputs, and the next run cleans up after it. */
class BackfillCrashTests {

  private static final int KILLS = 16;

  @TempDir Path temp;

  @Test
  void backfillsKilledAtRandomPointsLeaveWholeOutputsAndTheNextRunEqualsAFreshOne() throws Exception {
    long seed = Long.getLong("wlat.crash.seed", 37);
    Path source = temp.resolve("final-home");
    CodexHomeGenerator.generate(HomeSpec.builder().seed(seed).start(LocalDate.of(2026, 9, 1)).days(5)
        .sessionsPerDay(2, 4).build(), source);
    Random r = new Random(seed);
    RunIncrementalTests.Schedule schedule = RunIncrementalTests.Schedule.random(source, r);
    long clean = KilledRuns.cleanRunMillis(args(source, temp.resolve("clean")));
    Path live = temp.resolve("home");
    Path out = temp.resolve("out");

    int kills = KilledRuns.killAndRecover("backfill", seed, r, schedule, live, out, args(live, out), clean, KILLS,
        () -> backfill(live, out));

    schedule.apply(schedule.steps() - 1, live);
    Cli.Result last = backfill(live, out);
    String as = "seed " + seed + ", " + schedule;
    assertThat(last.exitCode()).as(as + "\n" + last.describe()).isZero();
    assertThat(kills).as(as + ": runs killed before they finished").isEqualTo(KILLS);
    assertThat(KilledRuns.temporaries(out)).as(as).isEmpty();
    Path fresh = temp.resolve("fresh");
    Cli.Result f = backfill(live, fresh);
    assertThat(f.exitCode()).as(f.describe()).isZero();
    assertThat(RunIncrementalTests.facts(out)).as(as).isEqualTo(RunIncrementalTests.facts(fresh));
    assertThat(KilledRuns.reportTables(out)).as(as).isNotEmpty().isEqualTo(KilledRuns.reportTables(fresh));
  }

  @ParameterizedTest
  @ValueSource(strings = {"backfill", "run-incremental"})
  void temporariesAKilledRunLeftInAnyOutputDirectoryAreRemovedByTheNextRun(String command) throws IOException {
    Path home = temp.resolve("home");
    CodexHomeGenerator.generate(HomeSpec.builder().seed(3).start(LocalDate.of(2026, 9, 1)).days(2).build(), home);
    Path out = temp.resolve("out");
    Cli.Result first = Cli.run(command, "--codex-home", home.toString(), "--output-root", out.toString(),
        "--skip-github", "-q");
    assertThat(first.exitCode()).as(first.describe()).isZero();
    // what a run killed while writing each of these leaves: "." + name + "." + its pid + ".wlat-tmp"
    long dead = 4_194_304L; // above Linux's largest pid: no live process has it
    for (String planted : List.of("data/.raw_token_events.tsv", "reports/.latest_30d_summary.md",
        "plots/.latest_30d_token_event_raster.html", "runs/.run_log.tsv", "runs/.20260901T000000Z_execution_ledger.md")) {
      Files.writeString(out.resolve(planted + "." + dead + ".wlat-tmp"), "half a fi");
    }

    Cli.Result next = Cli.run(command, "--codex-home", home.toString(), "--output-root", out.toString(),
        "--skip-github", "-q");

    assertThat(next.exitCode()).as(next.describe()).isZero();
    assertThat(KilledRuns.temporaries(out)).isEmpty();
  }

  private static List<String> args(Path home, Path out) {
    return List.of("backfill", "--since", "all", "--codex-home", home.toString(), "--output-root", out.toString(),
        "--skip-github", "-q");
  }

  private static Cli.Result backfill(Path home, Path out) {
    return Cli.run(args(home, out).toArray(String[]::new));
  }
}
