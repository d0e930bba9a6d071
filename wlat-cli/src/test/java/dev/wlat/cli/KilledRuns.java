package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/*
 * What the crash tests share: a `wlat` run in a JVM of its own (so it can be killed with SIGKILL),
 * kill delays spread over a clean run's measured duration, and the checks made after each kill: every
 * file under the output root is absent or complete. Complete means, by kind: a TSV is non-empty, ends
 * in a newline and has every row as wide as its header; Markdown starts with a "# " title and ends in
 * a newline; HTML starts with its doctype and ends with </html>. Temporaries (*.wlat-tmp) are not
 * published files and may be left by a kill; the run after it must remove them. Under state/ only the
 * SQLite state, its rollback journal and the lock file may be.
 */

/** Helpers of the tests that kill {@code wlat} runs at random points. */
final class KilledRuns {

  private KilledRuns() {}

  /** {@return a started {@code wlat args…} in a JVM of its own (C1 only, as the launcher runs it), output discarded}. */
  static Process launch(List<String> args) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args);
    ProcessBuilder b = new ProcessBuilder(cmd);
    b.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    b.redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      return b.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@return how long an uninterrupted {@code wlat args…} takes in a JVM of its own, in ms}: the
   * second of two runs (the first warms the file cache, as the killed runs find it); both must exit 0.
   */
  static long cleanRunMillis(List<String> args) throws InterruptedException {
    long took = 0;
    for (int i = 0; i < 2; i++) {
      long t0 = System.nanoTime();
      Process p = launch(args);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("clean run of %s finished", args).isTrue();
      assertThat(p.exitValue()).as("clean run of %s", args).isZero();
      took = (System.nanoTime() - t0) / 1_000_000;
    }
    return took;
  }

  /**
   * {@return {@code n} kill points as fractions of a clean run: one in each of {@code n} equal slices
   * of {@code [0.02, 1.0)}, shuffled}, so the kills cover the whole run, its last slice (publishing,
   * ledger and run log) included.
   */
  static List<Double> fractions(Random r, int n) {
    List<Double> d = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      d.add(0.02 + 0.98 * (i + r.nextDouble()) / n);
    }
    Collections.shuffle(d, r);
    return d;
  }

  /**
   * Starts {@code wlat args…} and kills it (SIGKILL) after {@code delayMillis}; {@return -1 when it
   * was killed, else how long it took to finish (exit 0) in ms}.
   */
  static long runAndKill(List<String> args, long delayMillis) throws InterruptedException {
    long t0 = System.nanoTime();
    Process p = launch(args);
    if (!p.waitFor(delayMillis, TimeUnit.MILLISECONDS)) {
      p.destroyForcibly(); // SIGKILL on Linux
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the killed run ended").isTrue();
      return -1;
    }
    long took = (System.nanoTime() - t0) / 1_000_000;
    assertThat(p.exitValue()).as("an unkilled run of %s", args).isZero();
    return took;
  }

  /**
   * Kills one {@code args} run at each of {@code kills} {@link #fractions} of a clean run's
   * duration, which starts as {@code cleanMillis}: a run that finishes before its kill tells how long
   * runs take now (the machine is shared, the history grows), and the fraction is tried again of
   * that, 3% earlier each time, up to four times in all. Before each run the history is brought to its step of {@code
   * schedule}; after each, every file under {@code out} is checked whole, and {@code next} (the same
   * command, uninterrupted) must exit 0 without setting aside the state DB. {@return the kills}.
   */
  static int killAndRecover(String what, long seed, Random r, RunIncrementalTests.Schedule schedule, Path live,
      Path out, List<String> args, long cleanMillis, int kills, java.util.function.Supplier<Cli.Result> next)
      throws InterruptedException {
    long clean = cleanMillis;
    int killed = 0;
    int round = -1;
    List<Double> fractions = fractions(r, kills);
    for (int i = 0; i < fractions.size(); i++) {
      schedule.apply(Math.min(schedule.steps() - 1, i * schedule.steps() / kills), live);
      for (int attempt = 0; attempt < 4; attempt++) {
        round++;
        double fraction = fractions.get(i) * (1 - 0.03 * attempt);
        long delay = Math.round(fraction * clean);
        String context = String.format(java.util.Locale.ROOT, "%s, seed %d (-Dwlat.crash.seed=%d), run %d, kill"
            + " at %.3f of a %d ms clean run: %d ms", what, seed, seed, round, fraction, clean, delay);
        List<Path> before = OutputTree.files(out);
        long took = runAndKill(args, delay);
        assertEveryFileIsWhole(out, context);
        // where the kill landed, for the reader of the test's output: what the killed run had written
        List<Path> now = OutputTree.files(out);
        System.out.printf("%s: %s; new files %s%n", context, took < 0 ? "killed" : "finished in " + took + " ms",
            now.stream().filter(f -> !before.contains(f) || f.getFileName().toString().startsWith("."))
                .map(f -> out.relativize(f).toString().replaceAll("\\.\\d+\\.wlat-tmp$", ".*.wlat-tmp")).toList());
        Cli.Result after = next.get();
        assertThat(after.exitCode()).as("%s: the next run\n%s", context, after.describe()).isZero();
        assertThat(after.err()).as("%s: the next run", context).doesNotContain("unreadable");
        assertThat(setAsideStates(out)).as("%s: states set aside", context).isEmpty();
        assertEveryFileIsWhole(out, context + ", after the next run");
        assertThat(temporaries(out)).as("%s: temporaries after the next run", context).isEmpty();
        if (took < 0) {
          killed++;
          break;
        }
        clean = took;
      }
    }
    return killed;
  }

  /** Asserts every file under {@code out} is whole (see above); {@code context} names the kill for the message. */
  static void assertEveryFileIsWhole(Path out, String context) {
    for (Path f : OutputTree.files(out)) {
      String rel = out.relativize(f).toString();
      String name = f.getFileName().toString();
      String as = context + ": " + rel;
      if (name.endsWith(".wlat-tmp")) {
        continue; // never published; the next run removes it (checked at the end)
      }
      if (rel.startsWith("state/")) {
        assertThat(name).as(as).matches("wlat_state\\.sqlite(-journal)?|run\\.lock");
        continue;
      }
      byte[] bytes = OutputTree.read(f);
      assertThat(bytes).as(as).isNotEmpty();
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (name.endsWith(".tsv")) {
        assertThat(text).as("%s ends in a newline", as).endsWith("\n");
        List<String> lines = text.lines().toList();
        int width = lines.get(0).split("\t", -1).length;
        for (int i = 1; i < lines.size(); i++) {
          assertThat(lines.get(i).split("\t", -1)).as("%s line %d", as, i + 1).hasSize(width);
        }
      } else if (name.endsWith(".md")) {
        assertThat(text).as(as).startsWith("# ").endsWith("\n");
      } else if (name.endsWith(".html")) {
        assertThat(text).as(as).startsWith("<!DOCTYPE html>");
        assertThat(text.strip()).as(as).endsWith("</html>");
      } else {
        fail("%s: a file of a kind this test cannot check for completeness", as);
      }
    }
  }

  /** {@return the temporaries under {@code out}, relative to it}. */
  static List<String> temporaries(Path out) {
    if (!Files.exists(out)) {
      return List.of();
    }
    return OutputTree.listing(out).stream().filter(p -> p.endsWith(".wlat-tmp")).toList();
  }

  /** {@return the files under {@code out}/state/ that a state set aside as unreadable leaves}. */
  static List<String> setAsideStates(Path out) {
    Path state = out.resolve("state");
    if (!Files.isDirectory(state)) {
      return List.of();
    }
    return OutputTree.listing(state).stream().filter(p -> p.contains("unreadable")).toList();
  }

  /**
   * {@return the report's latest TSV tables of {@code out}, each as its lines without the columns
   * naming a run or a time of writing} ({@code *_by_run}, {@code run_id}, {@code generated_at}).
   */
  static Map<String, List<String>> reportTables(Path out) {
    return RunIncrementalTests.tables(out.resolve("reports"), f -> f.getFileName().toString().startsWith("latest_")
        && f.toString().endsWith(".tsv"), h -> h.endsWith("_by_run") || h.equals("run_id") || h.equals("generated_at"));
  }
}
