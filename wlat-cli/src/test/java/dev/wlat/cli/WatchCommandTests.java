package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.WatchJob;
import dev.wlat.model.Privacy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wlat watch} against a rollout appended to while it runs. The baseline turn (written before
 * watching) is never printed; each appended turn is printed once, with its delta (never the
 * repeated cumulative total).
 *
 *   baseline turn-1: total 1,000 in (0 cached), 100 out
 *   appended turn-2: total 3,000 in (1,500 cached), 300 out: delta 2,000 in (1,500 cached), 200 out
 *     = 2,200 tokens, cached 75%, context 2,000 / 258,400 = 1%;
 *     cost 500 x 1.25 + 1,500 x 0.125 + 200 x 10 per million = 625 + 187.5 + 2,000 = $0.0028 (4 places)
 */
class WatchCommandTests {

  private static final HandRollout R = HandRollout.on("2026-05-01");
  private static final String THREAD = "019a9999-0000-7000-8000-00000000beef";

  @TempDir Path temp;
  Path home;
  Path file;

  @BeforeEach
  void writeBaseline() throws IOException {
    home = temp.resolve("home");
    Path day = Files.createDirectories(home.resolve("sessions/2026/05/01"));
    file = day.resolve("rollout-2026-05-01T10-00-00-" + THREAD + ".jsonl");
    Files.writeString(file, R.sessionMeta("10:00:00", THREAD, "/work/proj")
        + R.turnContext("10:00:01", "turn-1", "/work/proj", "gpt-5.1-codex")
        + R.tokenCount("10:00:02", HandRollout.usage(1000, 0, 100, 0, 1100), HandRollout.usage(1000, 0, 100, 0, 1100)));
  }

  private void appendTurn2() throws IOException {
    Files.writeString(file, R.envelope("10:05:00", "turn_context", "{\"turn_id\":\"turn-2\",\"cwd\":\"/work/proj\","
            + "\"model\":\"gpt-5.1-codex\"}")
        + R.tokenCount("10:05:02", HandRollout.usage(2000, 1500, 200, 0, 2200), HandRollout.usage(3000, 1500, 300, 0, 3300))
        // a re-emit of the same totals: adds nothing
        + R.tokenCount("10:05:03", HandRollout.usage(2000, 1500, 200, 0, 2200), HandRollout.usage(3000, 1500, 300, 0, 3300)),
        StandardOpenOption.APPEND);
  }

  @Test
  void eachAppendedTurnIsOneLineWithItsDeltaAndOnlyTheNewBytesAreRead() throws IOException {
    Instant t0 = Instant.parse("2026-05-01T12:00:00Z");
    WatchJob w = WatchJob.start(home, Pricing.bundled(), ZoneOffset.UTC, Privacy.NORMAL, Duration.ofSeconds(2), t0);
    long baselineBytes = w.bytesRead();
    assertThat(baselineBytes).isEqualTo(Files.size(file));
    assertThat(w.tick(t0.plusSeconds(2))).isEmpty(); // the baseline is not printed

    long before = Files.size(file);
    appendTurn2();
    List<String> lines = w.tick(t0.plusSeconds(10)); // the turn's last row is hours old: complete

    assertThat(lines).singleElement().asString()
        .startsWith("2026-05-01 10:05:03  cwd:work/proj  gpt-5.1-codex  2,200 tokens  cached 75%  context 1%  $0.0028");
    assertThat(w.bytesRead() - baselineBytes).isEqualTo(Files.size(file) - before);
    assertThat(w.tick(t0.plusSeconds(12))).isEmpty(); // printed once
  }

  @Test
  void aTurnStillReceivingRowsWaitsUntilItIsIdleOrTheNextTurnBegins() throws IOException {
    Instant t0 = Instant.parse("2026-05-01T10:04:00Z");
    WatchJob w = WatchJob.start(home, Pricing.bundled(), ZoneOffset.UTC, Privacy.NORMAL, Duration.ofSeconds(30), t0);
    appendTurn2();

    assertThat(w.tick(Instant.parse("2026-05-01T10:05:10Z"))).isEmpty(); // 7 s after its last row: open
    assertThat(w.tick(Instant.parse("2026-05-01T10:06:00Z"))).hasSize(1); // idle for the interval: complete
  }

  @Test
  void aThreadResumedInANewFileCountsFromItsOldSegmentsTotalHoweverOldThatFileIs() throws IOException {
    // the old segment: 1,000,000 in its total, last modified three days before watching starts
    Files.writeString(file, R.tokenCount("10:00:03", HandRollout.usage(998_900, 0, 0, 0, 998_900),
        HandRollout.usage(999_900, 0, 100, 0, 1_000_000)), StandardOpenOption.APPEND);
    Instant t0 = Instant.parse("2026-05-04T12:00:00Z");
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(t0.minus(Duration.ofDays(3))));
    WatchJob w = WatchJob.start(home, Pricing.bundled(), ZoneOffset.UTC, Privacy.NORMAL, Duration.ofSeconds(2), t0);

    // the resume: a new file of the same thread whose totals go on from 1,000,000 to 1,050,000
    HandRollout later = HandRollout.on("2026-05-04");
    Path resumed = Files.createDirectories(home.resolve("sessions/2026/05/04"))
        .resolve("rollout-2026-05-04T11-00-00-" + THREAD + ".jsonl");
    Files.writeString(resumed, later.sessionMeta("11:00:00", THREAD, "/work/proj")
        + later.turnContext("11:00:01", "turn-9", "/work/proj", "gpt-5.1-codex")
        + later.tokenCount("11:00:02", HandRollout.usage(40_000, 0, 10_000, 0, 50_000),
            HandRollout.usage(1_039_900, 0, 10_100, 0, 1_050_000)));

    assertThat(w.tick(t0.plusSeconds(10))).singleElement().asString().contains("  50,000 tokens");
  }

  @Test
  void theCommandFollowsAFileAppendedToWhileItRunsAndStopsCleanly() throws Exception {
    StringWriter buf = new StringWriter();
    Thread runner = new Thread(() -> Main.run(new PrintWriter(buf, true), new PrintWriter(new StringWriter(), true),
        "watch", "--codex-home", home.toString(), "--interval", "200ms", "--for", "2s", "--timezone", "UTC"));
    runner.start();
    Thread.sleep(600);
    appendTurn2();
    runner.join(10_000);

    String out = buf.toString();
    assertThat(out).startsWith("wlat watch: following " + home);
    assertThat(out).contains("2,200 tokens").doesNotContain("1,100 tokens");
    assertThat(out.strip()).endsWith("wlat watch: stopped after 1 turns");
  }

  @Test
  void ctrlCStopsItCleanlyWithItsLastLine() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "needs setsid");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process wlat = new ProcessBuilder("/usr/bin/setsid", javaBin, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "watch", "--codex-home", home.toString(), "--interval", "200ms")
        .redirectErrorStream(true).start();
    java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(wlat.getInputStream()));
    assertThat(out.readLine()).startsWith("wlat watch: following");
    new ProcessBuilder("kill", "-INT", "--", "-" + wlat.pid()).inheritIO().start().waitFor();

    assertThat(wlat.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(new String(wlat.getInputStream().readAllBytes()).strip()).isEqualTo("wlat watch: stopped after 0 turns");
  }

  @Test
  void aBadIntervalIsInvalidInput() {
    Cli.Result r = Cli.run("watch", "--codex-home", home.toString(), "--interval", "fast");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("is not a time like 500ms, 2s or 1m");
  }
}
