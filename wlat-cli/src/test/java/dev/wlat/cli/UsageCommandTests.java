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
 * {@code wlat usage} on a hand-written home: one thread, three token rows.
 *
 *   2026-05-01 10:00 UTC  gpt-5.1-codex  last 1,000,000 in (400,000 cached), 50,000 out (20,000 reasoning)
 *                          delta 1,050,000; cost 600,000 x 1.25 + 400,000 x 0.125 + 50,000 x 10 = 1.30 USD
 *   2026-05-01 10:00 UTC  the same row re-emitted: delta 0 (a naive sum would count it again)
 *   2026-05-01 23:30 UTC  mystery-model  last 10,000 in, 1,000 out: delta 11,000, unpriced
 *                          (in Europe/Berlin, UTC+2 in May, that is 2026-05-02 01:30)
 */
class UsageCommandTests {

  private static final HandRollout R = HandRollout.on("2026-05-01");

  private static final String THREAD = "019a4444-0000-7000-8000-00000000dddd";
  private static final String NOW = "2026-05-03T00:00:00Z";

  @TempDir Path temp;
  Path home;

  @BeforeEach
  void writeHome() throws IOException {
    String text = R.sessionMeta("10:00:00", THREAD, "/work/proj")
        + R.turnContext("10:00:01", "turn-1", "/work/proj", "gpt-5.1-codex")
        + R.tokenCount("10:00:02", HandRollout.usage(1_000_000, 400_000, 50_000, 20_000, 1_050_000),
            HandRollout.usage(1_000_000, 400_000, 50_000, 20_000, 1_050_000))
        + R.tokenCount("10:00:03", HandRollout.usage(1_000_000, 400_000, 50_000, 20_000, 1_050_000),
            HandRollout.usage(1_000_000, 400_000, 50_000, 20_000, 1_050_000))
        + R.turnContext("23:30:00", "turn-2", "/work/proj", "mystery-model")
        + R.tokenCount("23:30:02", HandRollout.usage(10_000, 0, 1_000, 0, 11_000), HandRollout.usage(1_010_000, 400_000, 51_000, 20_000, 1_061_000));
    Path day = Files.createDirectories(temp.resolve("home/sessions/2026/05/01"));
    Files.writeString(day.resolve("rollout-2026-05-01T10-00-00-" + THREAD + ".jsonl"), text);
    home = temp.resolve("home");
  }

  private Cli.Result usageOf(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("usage", "--codex-home", home.toString(), "--now", NOW,
        "--no-color"));
    args.addAll(List.of(extra));
    for (String[] d : new String[][] {{"--timezone", "UTC"}, {"--since", "all"}}) {
      if (!args.contains(d[0])) {
        args.addAll(List.of(d));
      }
    }
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r;
  }

  @Test
  void aTableOfDeltaTokensAndCostWithATotalAndTheUnpricedTokensNamed() {
    String out = usageOf().out();

    assertThat(out).contains("cumulative_delta_tokens, never a naive sum");
    assertThat(out).containsPattern("(?m)^2026-05-01\\s+1\\s+1,061,000\\s+1,010,000\\s+400,000\\s+610,000\\s+51,000"
        + "\\s+20,000\\s+1\\.30\\s+unpriced\\s*$");
    assertThat(out).containsPattern("(?m)^total\\s+1\\s+1,061,000\\s");
    assertThat(out).contains("11,000 tokens have no price");
  }

  @Test
  void daysFollowTheTimezoneAndTheSplitByModelSeparatesPricedFromUnpriced() {
    List<String> rows = usageOf("--timezone", "Europe/Berlin", "--by", "model", "--format", "tsv").out().lines().toList();

    assertThat(rows.get(0)).isEqualTo("day\tmodel\tthreads\ttokens\tinput\tcached_input\tuncached_input\toutput"
        + "\treasoning\tcost_usd\tcost_basis\tcredits");
    assertThat(rows.subList(1, rows.size())).containsExactly(
        "2026-05-01\tgpt-5.1-codex\t1\t1050000\t1000000\t400000\t600000\t50000\t20000\t1.3\tlisted\t",
        "2026-05-02\tmystery-model\t1\t11000\t10000\t0\t10000\t1000\t0\t\tunpriced\t",
        "total\t\t1\t1061000\t1010000\t400000\t610000\t51000\t20000\t1.3\tunpriced\t");
  }

  @Test
  void theWindowLeavesOutOlderRows() {
    List<String> rows = usageOf("--since", "2026-05-01T12:00:00Z", "--format", "tsv").out().lines().toList();

    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).startsWith("2026-05-01\t1\t11000\t");
  }

  @Test
  void jsonHasEveryFigureWithNullForWhatHasNoPrice() {
    String json = usageOf("--group", "thread", "--format", "json").out();

    assertThat(json).contains("\"thread\" : \"" + THREAD + "\"")
        .contains("\"cumulative_delta_tokens\" : 1061000")
        .contains("\"uncached_input_tokens\" : 610000")
        .contains("\"cost_usd\" : 1.3")
        .contains("\"unpriced_tokens\" : 11000")
        .contains("\"credits\" : null");
  }

  @Test
  void anOutputRootsTablesGiveTheSameFiguresAsTheHome() {
    Path out = temp.resolve("out");
    Cli.Result b = Cli.run("backfill", "--since", "all", "--codex-home", home.toString(), "--output-root",
        out.toString(), "--skip-github", "--no-reports", "--no-plots", "-q");
    assertThat(b.exitCode()).as(b.describe()).isZero();

    for (String by : List.of("model", "cwd", "outcome", "repo")) {
      String fromHome = usageOf("--by", by, "--format", "tsv").out();
      Cli.Result fromRoot = Cli.run("usage", "--output-root", out.toString(), "--now", NOW, "--timezone", "UTC",
          "--since", "all", "--by", by, "--format", "tsv");
      assertThat(fromRoot.exitCode()).as(fromRoot.describe()).isZero();
      assertThat(fromRoot.out()).as(by).isEqualTo(fromHome);
    }
    assertThat(usageOf("--by", "cwd", "--format", "tsv").out()).contains("\t/work/proj\t");
  }

  @Test
  void redactedModeHashesTheWorkingDirectoriesItPrints() {
    String out = usageOf("--by", "cwd", "--format", "tsv", "--privacy-mode", "redacted").out();

    assertThat(out).doesNotContain("/work/proj").containsPattern("\tpath#[0-9a-f]{8}\t");
  }

  @Test
  void badChoicesAndAMissingHomeAreInvalidInput() {
    assertThat(Cli.run("usage", "--group", "year").exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(Cli.run("usage", "--by", "color").exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    Cli.Result missing = Cli.run("usage", "--codex-home", temp.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(missing.err()).contains("nope");
    Cli.Result noData = Cli.run("usage", "--output-root", temp.resolve("empty").toString());
    assertThat(noData.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noData.err()).contains("no data/ under");
  }
}
