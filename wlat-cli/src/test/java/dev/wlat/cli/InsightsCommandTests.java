package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wlat insights} on a hand-written home: one thread of two calls of gpt-5.1-codex in a
 * 258,400-token window.
 *
 *   call 1 (line 3): input 200,000 (cached 20,000), output 2,000: context use 200,000 / 258,400 = 77%
 *   call 2 (line 4): input 50,000 (cached 5,000), output 1,000
 *   thread: input 250,000, cached 25,000: cache ratio 10% (< 30%) with 225,000 uncached (>= 10,000);
 *   total 253,000 tokens (>= 200,000: a large thread)
 */
class InsightsCommandTests {

  private static final HandRollout R = HandRollout.on("2026-05-01");

  private static final String THREAD = "019a5555-0000-7000-8000-00000000eeee";

  @TempDir Path temp;
  Path home;

  @BeforeEach
  void writeHome() throws IOException {
    String text = R.sessionMeta("10:00:00", THREAD, "/work/proj")
        + R.turnContext("10:00:01", "turn-1", "/work/proj", "gpt-5.1-codex")
        + R.tokenCount("10:00:02", HandRollout.usage(200_000, 20_000, 2_000, 0, 202_000), HandRollout.usage(200_000, 20_000, 2_000, 0, 202_000))
        + R.tokenCount("10:05:00", HandRollout.usage(50_000, 5_000, 1_000, 0, 51_000), HandRollout.usage(250_000, 25_000, 3_000, 0, 253_000));
    Path day = Files.createDirectories(temp.resolve("home/sessions/2026/05/01"));
    Files.writeString(day.resolve("rollout-2026-05-01T10-00-00-" + THREAD + ".jsonl"), text);
    home = temp.resolve("home");
  }

  private Cli.Result insights(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("insights", "--codex-home", home.toString(), "--since", "all",
        "--now", "2026-05-02T00:00:00Z"));
    args.addAll(List.of(extra));
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r;
  }

  @Test
  void flagsContextBloatCacheMissesAndALargeThreadWithWhyAndWhatToDo() {
    List<String> rows = insights("--format", "tsv").out().lines().toList();

    assertThat(rows.get(0)).isEqualTo("rank\tkind\tthread_id\tevent_id\tscore\ttokens_at_stake\tseverity\twhy\taction");
    assertThat(rows.subList(1, rows.size())).extracting(l -> l.split("\t")[1])
        .containsExactlyInAnyOrder("context_bloat", "cache_misses", "runaway_thread");
    String bloat = rows.stream().filter(l -> l.contains("\tcontext_bloat\t")).findFirst().orElseThrow();
    // the worst call is line 3 of its segment; 200,000 input tokens at stake
    assertThat(bloat.split("\t")[3]).endsWith(":3");
    assertThat(bloat.split("\t")[5]).isEqualTo("200000");
    assertThat(bloat).contains("77%");
    String cache = rows.stream().filter(l -> l.contains("\tcache_misses\t")).findFirst().orElseThrow();
    assertThat(cache.split("\t")[5]).isEqualTo("225000");
    assertThat(cache).contains("10%");
    assertThat(String.join("\n", rows)).doesNotContain("/work/proj");
  }

  @Test
  void aThresholdsFileRaisesTheBarAndABadOneIsOneLineNamingItsLine() throws IOException {
    Path t = Files.writeString(temp.resolve("thresholds.tsv"), "name\tvalue\nhigh_context_use\t0.9\nlarge_thread_tokens\t1000000\n");
    List<String> rows = insights("--format", "tsv", "--thresholds", t.toString()).out().lines().toList();
    assertThat(rows.subList(1, rows.size())).extracting(l -> l.split("\t")[1]).containsExactly("cache_misses");

    Path bad = Files.writeString(temp.resolve("bad.tsv"), "name\tvalue\nhigh_context_use\tlots\n");
    Cli.Result r = Cli.run("insights", "--codex-home", home.toString(), "--thresholds", bad.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err().strip()).startsWith("wlat: " + bad + ":2: ").doesNotContain("\n");
  }

  @Test
  void showThresholdsPrintsAnEditableTsvOfTheValuesInForce() {
    List<String> rows = insights("--show-thresholds").out().lines().toList();

    assertThat(rows.get(0)).isEqualTo("name\tvalue\tnote");
    assertThat(rows).contains("low_cache_ratio\t0.3\tdefault", "large_thread_tokens\t200000\tdefault",
        "high_cost_usd\t1.00\tdefault");
  }

  @Test
  void theTableNamesEachFindingWithItsScoreAndJsonCarriesTheSame() {
    String table = insights().out();
    assertThat(table).contains("3 findings").contains("why:").contains("do:").contains("thread " + THREAD);

    String json = insights("--format", "json").out();
    assertThat(json).contains("\"findings\" : 3").contains("\"kind\" : \"cache_misses\"")
        .contains("\"tokens_at_stake\" : 225000");
  }

  @Test
  void theReportListsTheTopFindingsAtTheOutputRootsThresholdsAndTheCommandAgreesFromItsTables() throws IOException {
    Path out = temp.resolve("out");
    Cli.Result b = Cli.run("backfill", "--since", "all", "--codex-home", home.toString(), "--output-root",
        out.toString(), "--skip-github", "--no-plots", "-q");
    assertThat(b.exitCode()).as(b.describe()).isZero();
    String summary = Files.readString(out.resolve("reports/latest_all_summary.md"));
    assertThat(summary).contains("## Insights").contains("3 findings").contains("`cache_misses`")
        .contains("`context_bloat`").contains("`runaway_thread`");
    List<String> fromTables = Cli.run("insights", "--output-root", out.toString(), "--since", "all", "--format", "tsv")
        .out().lines().toList();
    assertThat(fromTables).isEqualTo(insights("--format", "tsv").out().lines().toList());

    Files.writeString(Files.createDirectories(out.resolve("config")).resolve("thresholds.tsv"),
        "name\tvalue\nlow_cache_ratio\t0.05\nhigh_context_use\t0.9\nlarge_thread_tokens\t1000000\n");
    Cli.Result r = Cli.run("report", "--window", "all", "--output-root", out.toString());
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(Files.readString(out.resolve("reports/latest_all_summary.md")))
        .contains("Nothing flagged: no thread or call of the window crossed a threshold");
  }
}
