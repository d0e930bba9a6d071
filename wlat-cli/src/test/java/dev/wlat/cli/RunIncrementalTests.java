package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.report.TsvReader;
import dev.wlat.testkit.CodexHomeGenerator;
import dev.wlat.testkit.HomeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * The promise of run-incremental: after any history of appends (cut anywhere, mid-line included),
 * truncations and new files, its data facts equal, row for row, those of a full `backfill --since
 * all` of the same bytes. The columns naming the run that wrote a row (inserted_by_run,
 * updated_by_run, collected_by_run) are left out of the comparison: an incremental run keeps the
 * rows it did not recompute, with the run that wrote them.
 */

/** {@code wlat run-incremental} gives the outputs of a full backfill, reading only what changed. */
class RunIncrementalTests {

  @TempDir static Path shared;
  private static Path finalHome;

  @TempDir Path temp;

  private static dev.wlat.testkit.GroundTruth truth;

  @BeforeAll
  static void generateTheFinalHistory() throws IOException {
    finalHome = shared.resolve("final-home");
    truth = CodexHomeGenerator.generate(HomeSpec.builder().seed(23).start(LocalDate.of(2026, 9, 1)).days(4)
        .sessionsPerDay(1, 3).build(), finalHome);
  }

  // ---------------------------------------------------------------------------------------------
  // Equality with a full backfill
  // ---------------------------------------------------------------------------------------------

  @Test
  void afterAnyScheduleOfAppendsAndTruncationsTheFactsEqualAFullBackfill() {
    qt().withExamples(8).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
      Path dir = newDir("schedule-" + Long.toHexString(seed));
      Schedule schedule = Schedule.random(finalHome, new Random(seed));
      Path live = dir.resolve("home");
      Path inc = dir.resolve("incremental");
      for (int step = 0; step < schedule.steps(); step++) {
        schedule.apply(step, live);
        Cli.Result r = runIncremental(live, inc);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        Path full = dir.resolve("full-" + step);
        Cli.Result b = backfillAll(live, full);
        assertThat(b.exitCode()).as(b.describe()).isZero();
        assertThat(facts(inc)).as("step %d of %s", step, schedule).isEqualTo(facts(full));
      }
    });
  }

  @Test
  void aRunAfterAnAppendParsesOnlyTheNewBytesAndKeepsTheOtherGroups() throws IOException {
    Path live = temp.resolve("home");
    copyTree(finalHome, live);
    Path inc = temp.resolve("out");
    assertThat(runIncremental(live, inc).exitCode()).isZero();
    Path grown = largestRollout(live);
    long before = Files.size(grown);
    // append a copy of the file's own last complete line: a valid, repeated token row or event
    List<String> lines = Files.readAllLines(grown);
    String last = lines.get(lines.size() - 1) + "\n";
    Files.writeString(grown, last, StandardOpenOption.APPEND);

    Cli.Result r = runIncremental(live, inc);

    assertThat(r.exitCode()).as(r.describe()).isZero();
    String ledger = Files.readString(ledgerOf(r));
    assertThat(ledger).contains("| new bytes parsed | " + String.format("%,d", last.getBytes().length) + " |");
    assertThat(ledger).containsPattern("\\| thread groups recomputed \\| 1 \\|");
    assertThat(ledger).containsPattern("\\| thread groups kept \\(rows copied from the last run\\) \\| [1-9][0-9,]* \\|");
    assertThat(facts(inc)).isEqualTo(facts(backfillAllInto(live, temp.resolve("full"))));
    assertThat(Files.size(grown)).isGreaterThan(before);
  }

  @Test
  void aSessionMovedToTheArchiveIsReadOnceFromItsNewPlaceAndForgottenAtTheOld() throws IOException {
    Path live = temp.resolve("home");
    copyTree(finalHome, live);
    Path out = temp.resolve("out");
    assertThat(runIncremental(live, out).exitCode()).isZero();
    Path moved = largestRollout(live);
    Path archived = Files.createDirectories(live.resolve("archived_sessions")).resolve(moved.getFileName());
    Files.move(moved, archived);

    Cli.Result r = runIncremental(live, out);

    assertThat(r.exitCode()).as(r.describe()).isZero();
    String ledger = Files.readString(ledgerOf(r));
    assertThat(ledger).contains("| files read from the start | 1 |")
        .contains("| new bytes parsed | " + String.format("%,d", Files.size(archived)) + " |");
    assertThat(facts(out)).isEqualTo(facts(backfillAllInto(live, temp.resolve("full"))));
    assertThat(String.join("\n", facts(out).get("rollout_files.tsv")))
        .contains("archived_sessions/" + moved.getFileName()).doesNotContain(live.relativize(moved).toString());
  }

  @Test
  void aBackfillIntoTheSameOutputRootIsNoticedAndTheNextRunStillEqualsAFullOne() throws IOException {
    Path live = temp.resolve("home");
    copyTree(finalHome, live);
    Path out = temp.resolve("out");
    assertThat(runIncremental(live, out).exitCode()).isZero();
    // a windowed backfill replaces the data files with fewer rows
    Cli.Result b = Cli.run("backfill", "--since", "2026-09-03", "--codex-home", live.toString(), "--output-root",
        out.toString(), "--skip-github", "--no-reports", "--no-plots", "--quiet");
    assertThat(b.exitCode()).as(b.describe()).isZero();

    Cli.Result r = runIncremental(live, out);

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.err()).contains("is not the file the last incremental run wrote");
    assertThat(facts(out)).isEqualTo(facts(backfillAllInto(live, temp.resolve("full"))));
  }

  @Test
  void whenAttributionChangesTheThreadsItMovesAreWrittenAgainWithoutReadingTheirFiles() throws IOException {
    Path live = temp.resolve("home");
    copyTree(finalHome, live);
    Path out = temp.resolve("out");
    assertThat(runIncremental(live, out).exitCode()).isZero();
    Path overrides = temp.resolve("overrides.tsv");
    Files.writeString(overrides, "match_kind\tmatch_value\tgithub_repo\tworkstream_label\toutcome_type\tnote\n"
        + "path_prefix\t/home/dev/Downloads\t\tchores:downloads\tinfra\tmoved by the test\n");

    Cli.Result r = Cli.run("run-incremental", "--codex-home", live.toString(), "--output-root", out.toString(),
        "--skip-github", "--no-reports", "--no-plots", "--attribution-overrides", overrides.toString());

    assertThat(r.exitCode()).as(r.describe()).isZero();
    String ledger = Files.readString(ledgerOf(r));
    assertThat(ledger).contains("| new bytes parsed | 0 |");
    assertThat(ledger).containsPattern("\\| thread groups recomputed \\| [1-9][0-9,]* \\|");
    Path full = temp.resolve("full");
    Cli.Result b = Cli.run("backfill", "--since", "all", "--codex-home", live.toString(), "--output-root",
        full.toString(), "--skip-github", "--no-reports", "--no-plots", "--quiet", "--attribution-overrides",
        overrides.toString());
    assertThat(b.exitCode()).as(b.describe()).isZero();
    assertThat(facts(out)).isEqualTo(facts(full));
    assertThat(String.join("\n", facts(out).get("codex_threads.tsv"))).contains("chores:downloads");
  }

  @Test
  void anUnreadableStateIsSetAsideAndEverythingIsReadAgain() throws IOException {
    Path live = temp.resolve("home");
    copyTree(finalHome, live);
    Path out = temp.resolve("out");
    assertThat(runIncremental(live, out).exitCode()).isZero();
    Path db = out.resolve("state").resolve("wlat_state.sqlite");
    Files.write(db, "this is not a SQLite database, it was overwritten by accident".getBytes());

    Cli.Result r = runIncremental(live, out);

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.err()).contains("was unreadable").contains("set aside");
    try (Stream<Path> s = Files.list(out.resolve("state"))) {
      assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("wlat_state.sqlite.unreadable-"));
    }
    assertThat(facts(out)).isEqualTo(facts(backfillAllInto(live, temp.resolve("full"))));
  }

  @Test
  void theReportAndPlotsCoverTheWindowWhileTheFactsCoverTheWholeHistory() throws IOException {
    Path live = temp.resolve("home");
    copyTree(finalHome, live);
    Path out = temp.resolve("out");

    Cli.Result r = Cli.run("run-incremental", "--window", "2w", "--codex-home", live.toString(), "--output-root",
        out.toString(), "--skip-github");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(out.resolve("reports").resolve("latest_2w_summary.md")).isRegularFile();
    assertThat(out.resolve("plots").resolve("latest_2w_token_event_raster.html")).isRegularFile();
    assertThat(r.out()).contains("latest_2w_summary.md");
    assertThat(facts(out)).isEqualTo(facts(backfillAllInto(live, temp.resolve("full"))));
  }

  @Test
  void aFailedRunIsInTheRunLogOfAnExistingOutputRootWithItsExitCodeAndALedger() throws IOException {
    Path out = Files.createDirectories(temp.resolve("out"));

    Cli.Result r = runIncremental(temp.resolve("no-such-home"), out);

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
    List<Map<String, String>> log = TsvReader.readAll(out.resolve("runs").resolve("run_log.tsv"));
    assertThat(log).hasSize(1);
    assertThat(log.get(0)).containsEntry("command", "run-incremental").containsEntry("exit_code", "2");
    assertThat(out.resolve(log.get(0).get("ledger"))).content().contains("(failed)").contains("no-such-home");
    Path fresh = temp.resolve("never-made");
    assertThat(runIncremental(temp.resolve("no-such-home"), fresh).exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(fresh).doesNotExist();
  }

  @Test
  void neitherTheOutputsNorTheStateHoldAPlantedSecretAndValidatePassesStrictMode() throws IOException {
    Path out = temp.resolve("out");
    assertThat(runIncremental(finalHome, out).exitCode()).isZero();
    List<String> secrets = truth.plantedSecretValues();
    assertThat(secrets).isNotEmpty();
    assertThat(out.resolve("state").resolve("wlat_state.sqlite")).isRegularFile();

    for (Path f : OutputTree.files(out)) {
      String bytes = new String(OutputTree.read(f), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(secrets).as("secrets in %s", out.relativize(f)).noneMatch(bytes::contains);
    }
    Cli.Result v = Cli.run("validate", "--output-root", out.toString(), "--privacy-mode", "strict");
    assertThat(v.out()).contains("binary files scanned as bytes");
    assertThat(v.out()).doesNotContain("not scanned as text");
  }

  @Test
  void aSecondRunOnTheSameOutputRootStopsAtOnceWhileTheFirstHoldsTheLock() throws IOException {
    Path out = temp.resolve("out");
    Path lockFile = Files.createDirectories(out.resolve("state")).resolve("run.lock");
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         java.nio.channels.FileLock held = ch.lock()) {
      Cli.Result r = runIncremental(finalHome, out);

      assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.UNEXPECTED_STATE);
      assertThat(r.err().strip()).doesNotContain("\n").contains("another wlat run-incremental is running")
          .doesNotContain("Exception");
      assertThat(out.resolve("data")).doesNotExist();
    }
    Cli.Result after = runIncremental(finalHome, out);
    assertThat(after.exitCode()).as(after.describe()).isZero();
  }

  @Test
  void anUnknownWindowIsAnInvalidInput() {
    Cli.Result r = Cli.run("run-incremental", "--window", "fortnight", "--codex-home", finalHome.toString(),
        "--output-root", temp.resolve("out").toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("--window").contains("fortnight");
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  static Cli.Result runIncremental(Path home, Path out) {
    return Cli.run("run-incremental", "--codex-home", home.toString(), "--output-root", out.toString(),
        "--skip-github", "--no-reports", "--no-plots");
  }

  static Cli.Result backfillAll(Path home, Path out) {
    return Cli.run("backfill", "--since", "all", "--codex-home", home.toString(), "--output-root", out.toString(),
        "--skip-github", "--no-reports", "--no-plots", "--quiet");
  }

  private static Path backfillAllInto(Path home, Path out) {
    Cli.Result b = backfillAll(home, out);
    assertThat(b.exitCode()).as(b.describe()).isZero();
    return out;
  }

  private static Path ledgerOf(Cli.Result r) {
    String line = r.out().lines().filter(l -> l.trim().startsWith("ledger: ")).findFirst().orElseThrow();
    return Path.of(line.trim().substring("ledger: ".length()));
  }

  private Path newDir(String name) {
    Path d = temp.resolve(name);
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  /** {@return every data table of {@code out}, each as its lines without the run-naming columns}. */
  static Map<String, List<String>> facts(Path out) {
    return tables(out.resolve("data"), f -> f.toString().endsWith(".tsv"), column -> column.endsWith("_by_run"));
  }

  /** {@return the TSV files of {@code dir} that {@code file} takes, each as its lines without the columns {@code drop} names}. */
  static Map<String, List<String>> tables(Path dir, java.util.function.Predicate<Path> file,
      java.util.function.Predicate<String> drop) {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(file).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        List<String> header = List.of(lines.get(0).split("\t", -1));
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
          if (!drop.test(header.get(i))) {
            keep.add(i);
          }
        }
        List<String> rows = new ArrayList<>(lines.size());
        for (String line : lines) {
          String[] cells = line.split("\t", -1);
          StringBuilder b = new StringBuilder();
          for (int i : keep) {
            b.append(i < cells.length ? cells[i] : "<missing>").append('\t');
          }
          rows.add(b.toString());
        }
        tables.put(f.getFileName().toString(), rows);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tables;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  private static Path largestRollout(Path home) throws IOException {
    try (Stream<Path> s = Files.walk(home.resolve("sessions"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
          .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
    }
  }

  /**
   * How a history grows into the final home: per step, how many bytes of each file exist. Rollouts
   * (plain .jsonl under sessions/ and archived_sessions/) appear at a random step and grow at random
   * cut points; one may be truncated (to a shorter prefix of itself) and grow again. Everything else
   * (the state DB, the session index, compressed archives) is there from the first step.
   */
  record Schedule(Path source, Map<String, long[]> lengths, Map<String, String> sources, int steps,
      String description) {

    static Schedule random(Path source, Random r) {
      int steps = 2 + r.nextInt(3);
      Map<String, long[]> lengths = new TreeMap<>();
      StringBuilder d = new StringBuilder(steps + " steps");
      List<String> rollouts = new ArrayList<>();
      try (Stream<Path> s = Files.walk(source)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          String rel = source.relativize(p).toString();
          long size = Files.size(p);
          long[] l = new long[steps];
          boolean rollout = (rel.startsWith("sessions/") || rel.startsWith("archived_sessions/"))
              && rel.endsWith(".jsonl");
          if (!rollout) {
            Arrays.fill(l, size);
          } else {
            rollouts.add(rel);
            int appear = r.nextInt(steps);
            Arrays.fill(l, 0, appear, -1);
            long[] cuts = new long[steps - 1 - appear];
            for (int i = 0; i < cuts.length; i++) {
              cuts[i] = size == 0 ? 0 : (long) (r.nextDouble() * size);
            }
            Arrays.sort(cuts);
            for (int i = 0; i < cuts.length; i++) {
              l[appear + i] = cuts[i];
            }
            l[steps - 1] = size;
          }
          lengths.put(rel, l);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, String> sources = new HashMap<>();
      if (steps > 2 && !rollouts.isEmpty() && r.nextBoolean()) {
        // Codex archives a session: the file leaves sessions/ and appears, whole, in archived_sessions/
        String moved = rollouts.get(r.nextInt(rollouts.size()));
        if (moved.startsWith("sessions/")) {
          long[] l = lengths.get(moved);
          int at = 1 + r.nextInt(steps - 1);
          String archived = "archived_sessions/" + moved.substring(moved.lastIndexOf('/') + 1);
          if (!lengths.containsKey(archived)) {
            long[] a = new long[steps];
            for (int i = 0; i < steps; i++) {
              a[i] = i < at ? -1 : l[steps - 1];
              if (i >= at) {
                l[i] = DELETED;
              }
            }
            lengths.put(archived, a);
            sources.put(archived, moved);
            d.append(", ").append(moved).append(" archived at step ").append(at);
          }
        }
      }
      if (steps > 2 && !rollouts.isEmpty() && r.nextBoolean()) {
        String victim = rollouts.get(r.nextInt(rollouts.size()));
        long[] l = lengths.get(victim);
        int at = 1 + r.nextInt(steps - 2);
        if (l[at - 1] > 1) {
          l[at] = l[at - 1] / 2; // shrinks below what the last run consumed
          d.append(", ").append(victim).append(" truncated at step ").append(at);
        }
      }
      return new Schedule(source, lengths, sources, steps, d.toString());
    }

    /** A length meaning: the file is gone at this step. */
    static final long DELETED = -2;

    /** Brings {@code live} to step {@code step}: appends (never rewrites) what grew, truncates what shrank. */
    void apply(int step, Path live) {
      try {
        for (Map.Entry<String, long[]> e : lengths.entrySet()) {
          long want = e.getValue()[step];
          Path dst = live.resolve(e.getKey());
          if (want == DELETED) {
            Files.deleteIfExists(dst);
            continue;
          }
          if (want < 0) {
            continue;
          }
          Path src = source.resolve(sources.getOrDefault(e.getKey(), e.getKey()));
          Files.createDirectories(dst.getParent());
          long have = Files.exists(dst) ? Files.size(dst) : -1;
          if (have == want) {
            continue;
          }
          try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
               FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (want < have) {
              out.truncate(want);
            } else {
              long from = Math.max(0, have);
              out.position(from);
              ByteBuffer b = ByteBuffer.allocate((int) (want - from));
              in.read(b, from);
              b.flip();
              while (b.hasRemaining()) {
                out.write(b);
              }
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
