package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Codex appends to a rollout while wlat reads it. A writer thread of the test appends, to three
 * rollouts of today, turns of realistic lines (a turn_context, then 2-4 token_count lines whose
 * totals only grow, in the shapes of HandRollout), in chunks of 1-160 bytes that cut lines anywhere,
 * with sleeps of 0-11 ms between chunks, so a reader often finds a half-written last line. Meanwhile
 * backfill (into one root) and run-incremental (into another) run in turn, over and over, and
 * `wlat watch` follows the home in a JVM of its own.
 *
 * Every token total the writer will write is known before it starts (per file, the sequence of
 * cumulative total_tokens of its token_count lines), and it counts the lines whose JSON object it
 * has written whole (an object whose newline is still missing is a line's whole content: the
 * readers may take it as a row, never consuming it; the next read parses it again). A
 * half line read as a row, or a line lost because a half of it was consumed, shows as a file's raw
 * rows not being, in line order, exactly the first k of its sequence, with k between the lines
 * finished before the run began and after it ended; and every run's accounted total must be the sum
 * of the last totals of those prefixes.
 *
 * After the writer stops, one more run of each must account exactly the writer's total (the sum of
 * each file's last total_tokens: each thread starts from nothing) and equal, fact for fact, a quiet
 * backfill into a new root. Watch's baseline is what the files held when it started (one turn each);
 * it must print each appended turn once, per thread in order, with the turn's own total (its last
 * total minus the previous turn's), so that its deltas sum to the total increase.
 */

/** {@code backfill}, {@code run-incremental} and {@code watch} read rollouts that are being written. */
class LiveWriterTests {

  private static final long SEED = Long.getLong("wlat.live.seed", 41);
  private static final int FILES = 3;
  private static final int TURNS = 24;
  private static final Pattern TURN_LINE = Pattern.compile("  cwd:work/live-(\\d)  .*  ([0-9,]+) tokens  ");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  @TempDir Path temp;

  /** One appended line, rendered when the writer begins it (so its timestamp is the time it is written). */
  private record Line(String turnId, String cwd, String last, String total) {
    boolean tokenCount() {
      return last != null;
    }

    String render(Instant at) {
      HandRollout r = HandRollout.on(DAY.format(at));
      String time = TIME.format(at);
      return tokenCount() ? r.tokenCount(time, last, total) : r.turnContext(time, turnId, cwd, "gpt-5.1-codex");
    }
  }

  /** What the writer writes to one rollout, decided in advance. */
  private static final class Script {
    final Path file;
    final String cwd;
    final List<Line> lines = new ArrayList<>();
    final List<Long> totals = new ArrayList<>(); // cumulative total_tokens of each token_count line, baseline first
    final List<Long> turnTotals = new ArrayList<>(); // per appended turn, its own tokens
    int next;
    byte[] pending = new byte[0];
    int at;

    Script(Path file, String cwd) {
      this.file = file;
      this.cwd = cwd;
    }

    long finalTotal() {
      return totals.get(totals.size() - 1);
    }
  }

  @Test
  void readersOfRolloutsBeingWrittenNeverConsumeAHalfLineAndEndAtTheWritersTotals() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "needs setsid");
    Random r = new Random(SEED);
    Path home = temp.resolve("home");
    Instant now = Instant.now();
    Path day = Files.createDirectories(home.resolve("sessions").resolve(DateTimeFormatter.ofPattern("yyyy/MM/dd")
        .withZone(ZoneOffset.UTC).format(now)));
    List<Script> scripts = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      String thread = "019a9999-0000-7000-8000-00000000100" + i;
      Script s = new Script(day.resolve("rollout-" + DAY.format(now) + "T10-00-0" + i + "-" + thread + ".jsonl"),
          "/work/live-" + i);
      // the baseline, there before anyone reads: the session and one turn of 1,100 tokens
      HandRollout h = HandRollout.on(DAY.format(now));
      String t = TIME.format(now);
      Files.writeString(s.file, h.sessionMeta(t, thread, s.cwd) + h.turnContext(t, "turn-0", s.cwd, "gpt-5.1-codex")
          + h.tokenCount(t, HandRollout.usage(1000, 0, 100, 0, 1100), HandRollout.usage(1000, 0, 100, 0, 1100)));
      s.totals.add(1100L);
      long in = 1000;
      long cached = 0;
      long out = 100;
      long reasoning = 0;
      for (int turn = 1; turn <= TURNS; turn++) {
        s.lines.add(new Line("turn-" + turn, s.cwd, null, null));
        long before = in + out;
        int rows = 2 + r.nextInt(3);
        for (int k = 0; k < rows; k++) {
          long dIn = 500 + r.nextInt(20_000);
          long dCached = r.nextInt((int) dIn);
          long dOut = 50 + r.nextInt(3000);
          long dReasoning = r.nextInt((int) dOut);
          in += dIn;
          cached += dCached;
          out += dOut;
          reasoning += dReasoning;
          s.lines.add(new Line(null, null, HandRollout.usage(dIn, dCached, dOut, dReasoning, dIn + dOut),
              HandRollout.usage(in, cached, out, reasoning, in + out)));
          s.totals.add(in + out);
        }
        s.turnTotals.add(in + out - before);
      }
      scripts.add(s);
    }
    long baseline = scripts.stream().mapToLong(s -> s.totals.get(0)).sum();
    long trueTotal = scripts.stream().mapToLong(Script::finalTotal).sum();
    String as = "seed " + SEED + " (-Dwlat.live.seed=" + SEED + ")";

    Process watch = startWatch(home);
    List<String> watched = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> readAll(watch, watched), "watch-output");
    reader.setDaemon(true);
    reader.start();
    try {
      waitFor(() -> !watched.isEmpty(), 20_000);
      assertThat(watched.get(0)).as(as).startsWith("wlat watch: following");

      // per file, the token_count lines whose JSON object is written whole, the baseline's included
      AtomicIntegerArray finished = new AtomicIntegerArray(FILES);
      for (int i = 0; i < FILES; i++) {
        finished.set(i, 1);
      }
      AtomicReference<Throwable> writerFailed = new AtomicReference<>();
      Thread writer = new Thread(() -> {
        try {
          write(scripts, finished, new Random(SEED + 1));
        } catch (Throwable e) {
          writerFailed.set(e);
        }
      }, "rollout-writer");
      writer.start();

      Path backfilled = temp.resolve("backfilled");
      Path incremental = temp.resolve("incremental");
      int runs = 0;
      int overlapped = 0; // runs during which the writer finished a line
      while (writer.isAlive()) {
        Path out = runs % 2 == 0 ? backfilled : incremental;
        int[] lo = snapshot(finished);
        Cli.Result res = runs % 2 == 0 ? backfill(home, out) : runIncremental(home, out);
        int[] hi = snapshot(finished);
        String run = as + ", run " + runs + " (" + (runs % 2 == 0 ? "backfill" : "run-incremental") + ")";
        assertThat(res.exitCode()).as(run + "\n" + res.describe()).isZero();
        assertRowsArePrefixesOfTheWritersLines(out, scripts, lo, hi, run);
        if (!java.util.Arrays.equals(lo, hi)) {
          overlapped++;
        }
        runs++;
      }
      System.out.printf("%s: %d runs while the writer wrote, %d of them while it finished lines%n", as, runs,
          overlapped);
      writer.join();
      assertThat(writerFailed.get()).as(as).isNull();
      assertThat(runs).as(as + ": runs while the writer wrote").isGreaterThanOrEqualTo(6);
      assertThat(overlapped).as(as + ": runs while the writer finished lines").isGreaterThanOrEqualTo(3);

      // the writer has stopped: one more run of each, and a quiet backfill into a new root
      int[] all = snapshot(finished);
      Cli.Result b = backfill(home, backfilled);
      Cli.Result i = runIncremental(home, incremental);
      Path quiet = temp.resolve("quiet");
      Cli.Result q = backfill(home, quiet);
      for (Cli.Result res : List.of(b, i, q)) {
        assertThat(res.exitCode()).as(as + "\n" + res.describe()).isZero();
      }
      for (Path out : List.of(backfilled, incremental, quiet)) {
        assertRowsArePrefixesOfTheWritersLines(out, scripts, all, all, as + ", after the writer stopped: " + out);
        assertThat(accountedTotal(out)).as(as + ": accounted total of " + out).isEqualTo(trueTotal);
      }
      assertThat(RunIncrementalTests.facts(incremental)).as(as).isEqualTo(RunIncrementalTests.facts(quiet));
      assertThat(RunIncrementalTests.facts(backfilled)).as(as).isEqualTo(RunIncrementalTests.facts(quiet));

      // watch: every appended turn once, per thread in order, with its own tokens
      int turns = FILES * TURNS;
      waitFor(() -> turnLines(watched).size() >= turns, 30_000);
      new ProcessBuilder("kill", "-INT", "--", "-" + watch.pid()).inheritIO().start().waitFor();
      assertThat(watch.waitFor(20, TimeUnit.SECONDS)).as(as + ": watch stopped").isTrue();
      reader.join(5_000);
      String output = String.join("\n", watched);
      Map<Integer, List<Long>> printed = new TreeMap<>();
      long sum = 0;
      for (Matcher m : turnLines(watched)) {
        long n = Long.parseLong(m.group(2).replace(",", ""));
        printed.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(n);
        sum += n;
      }
      Map<Integer, List<Long>> expected = new TreeMap<>();
      for (int f = 0; f < FILES; f++) {
        expected.put(f, scripts.get(f).turnTotals);
      }
      assertThat(printed).as(as + "\n" + output).isEqualTo(expected);
      assertThat(sum).as(as).isEqualTo(trueTotal - baseline);
      assertThat(watched.get(watched.size() - 1)).as(as + "\n" + output)
          .isEqualTo(String.format("wlat watch: stopped after %,d turns", turns));
    } finally {
      watch.destroyForcibly();
    }
  }

  /** Appends every script's lines in chunks that cut lines anywhere, interleaving the files; counts finished token lines. */
  private static void write(List<Script> scripts, AtomicIntegerArray finished, Random r)
      throws IOException, InterruptedException {
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < scripts.size(); i++) {
      open.add(i);
    }
    while (!open.isEmpty()) {
      int i = open.get(r.nextInt(open.size()));
      Script s = scripts.get(i);
      if (s.at == s.pending.length) {
        Line l = s.lines.get(s.next);
        s.pending = l.render(Instant.now()).getBytes(StandardCharsets.UTF_8);
        s.at = 0;
      }
      int n = 1 + r.nextInt(Math.min(160, s.pending.length - s.at));
      Files.write(s.file, java.util.Arrays.copyOfRange(s.pending, s.at, s.at + n), StandardOpenOption.APPEND);
      boolean objectWasOpen = s.at < s.pending.length - 1;
      s.at += n;
      if (objectWasOpen && s.at >= s.pending.length - 1 && s.lines.get(s.next).tokenCount()) {
        // the JSON object is whole (its newline may still be missing): a reader may take it as a row
        finished.incrementAndGet(i);
      }
      if (s.at == s.pending.length) {
        s.next++;
        if (s.next == s.lines.size()) {
          open.remove(Integer.valueOf(i));
        }
      }
      Thread.sleep(r.nextInt(12));
    }
  }

  /**
   * Asserts that each file's raw token rows, in line order, are exactly the first k totals of its
   * script, k between {@code lo} and {@code hi}, and that the accounted total is the sum of the last
   * of them.
   */
  private static void assertRowsArePrefixesOfTheWritersLines(Path out, List<Script> scripts, int[] lo, int[] hi,
      String as) {
    Map<Integer, TreeMap<Long, Long>> rows = new HashMap<>();
    for (Map<String, String> row : TsvReader.readAll(out.resolve("data").resolve("raw_token_events.tsv"))) {
      int file = -1;
      for (int f = 0; f < scripts.size(); f++) {
        if (row.get("source_path").endsWith(scripts.get(f).file.getFileName().toString())) {
          file = f;
        }
      }
      assertThat(file).as("%s: a row of an unknown file %s", as, row.get("source_path")).isNotNegative();
      assertThat(row.get("event_kind")).as(as).isEqualTo("token_count");
      rows.computeIfAbsent(file, k -> new TreeMap<>()).put(Long.parseLong(row.get("line_number")),
          Long.parseLong(row.get("cumulative_total_tokens")));
    }
    long expected = 0;
    for (int f = 0; f < scripts.size(); f++) {
      List<Long> seen = new ArrayList<>(rows.getOrDefault(f, new TreeMap<>()).values());
      List<Long> script = scripts.get(f).totals;
      assertThat(seen.size()).as("%s: token rows of file %d", as, f).isBetween(lo[f], hi[f]);
      assertThat(seen).as("%s: token rows of file %d", as, f).isEqualTo(script.subList(0, seen.size()));
      expected += seen.isEmpty() ? 0 : seen.get(seen.size() - 1);
    }
    assertThat(accountedTotal(out)).as("%s: accounted total", as).isEqualTo(expected);
  }

  /** {@return the sum of cumulative_delta_tokens over the included rows of data/token_event_accounting.tsv}. */
  private static long accountedTotal(Path out) {
    return TsvReader.readAll(out.resolve("data").resolve("token_event_accounting.tsv")).stream()
        .filter(row -> "1".equals(row.get("accounting_included")))
        .mapToLong(row -> Long.parseLong(row.get("cumulative_delta_tokens"))).sum();
  }

  private static List<Matcher> turnLines(List<String> watched) {
    List<Matcher> m = new ArrayList<>();
    for (String line : watched) {
      Matcher x = TURN_LINE.matcher(line);
      if (x.find()) {
        m.add(x);
      }
    }
    return m;
  }

  private static int[] snapshot(AtomicIntegerArray a) {
    int[] s = new int[a.length()];
    for (int i = 0; i < s.length; i++) {
      s[i] = a.get(i);
    }
    return s;
  }

  private static Process startWatch(Path home) throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // a turn is complete after 3 s without a row; the writer's rows of one turn come well within that
    return new ProcessBuilder("/usr/bin/setsid", javaBin, "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "watch", "--codex-home", home.toString(),
        "--interval", "3s", "--timezone", "UTC").redirectErrorStream(true).start();
  }

  private static void readAll(Process p, List<String> into) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        into.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier done, long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (!done.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
  }

  private static Cli.Result backfill(Path home, Path out) {
    return Cli.run("backfill", "--since", "all", "--codex-home", home.toString(), "--output-root", out.toString(),
        "--skip-github", "--no-reports", "--no-plots", "-q");
  }

  private static Cli.Result runIncremental(Path home, Path out) {
    return Cli.run("run-incremental", "--codex-home", home.toString(), "--output-root", out.toString(),
        "--skip-github", "--no-reports", "--no-plots", "-q");
  }
}
