package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill values usage per row and sums it per session and thread. The home holds one thread of
 * two turns:
 *
 *   turn 1, gpt-5.1-codex: input 1,000,000 (cached 400,000), output 50,000 (reasoning 20,000)
 *     = 600,000 x 1.25 + 400,000 x 0.125 + 50,000 x 10 per million = 0.75 + 0.05 + 0.50 = 1.30 USD
 *   turn 2, mystery-model (in no price row): input 10,000, output 1,000 = 11,000 unpriced tokens
 *
 * The Codex credit card has no gpt-5.1-codex row, so no credits are priced at all.
 */
class PricingEndToEndTests {

  private static final HandRollout R = HandRollout.on("2026-05-01");

  private static final String THREAD = "019a3333-0000-7000-8000-00000000cccc";
  private static final String HEADER = "model\taliases\teffective_from\tinput_per_1m\tcached_input_per_1m"
      + "\toutput_per_1m\tsource\tretrieved\n";

  @TempDir Path temp;
  Path home;

  @BeforeEach
  void writeHome() throws IOException {
    String text = R.sessionMeta("10:00:00", THREAD, "/work/proj")
        + R.turnContext("10:00:01", "turn-1", "/work/proj", "gpt-5.1-codex")
        + R.tokenCount("10:00:02", HandRollout.usage(1_000_000, 400_000, 50_000, 20_000, 1_050_000),
            HandRollout.usage(1_000_000, 400_000, 50_000, 20_000, 1_050_000))
        + R.turnContext("10:01:00", "turn-2", "/work/proj", "mystery-model")
        + R.tokenCount("10:01:02", HandRollout.usage(10_000, 0, 1_000, 0, 11_000), HandRollout.usage(1_010_000, 400_000, 51_000, 20_000, 1_061_000));
    Path day = Files.createDirectories(temp.resolve("home/sessions/2026/05/01"));
    Files.writeString(day.resolve("rollout-2026-05-01T10-00-00-" + THREAD + ".jsonl"), text);
    home = temp.resolve("home");
  }

  private Path backfill(String... extra) {
    Path out = temp.resolve("out-" + extra.length);
    String[] args = new String[] {"backfill", "--since", "all", "--codex-home", home.toString(), "--output-root",
        out.toString(), "--skip-github", "--no-reports", "--no-plots", "-q"};
    String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    Cli.Result r = Cli.run(all);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return out;
  }

  @Test
  void eachRowIsPricedAndSessionAndThreadSumThemWithUnpricedTokensShownNeverAsZero() {
    Path out = backfill();

    List<Map<String, String>> rows = TsvReader.readAll(out.resolve("data/token_event_accounting.tsv"));
    assertThat(rows).extracting(r -> r.get("model")).containsExactly("gpt-5.1-codex", "mystery-model");
    assertThat(new BigDecimal(rows.get(0).get("cost_usd"))).isEqualByComparingTo("1.30");
    assertThat(rows.get(0).get("cost_basis")).isEqualTo("listed");
    // context use 1,000,000 / 258,400 = 3.8700 (the hand numbers overfill the window), cache 400,000 / 1,000,000
    assertThat(rows.get(0).get("context_use")).isEqualTo("3.8700");
    assertThat(rows.get(0).get("cache_ratio")).isEqualTo("0.4000");
    assertThat(rows.get(1).get("cache_ratio")).isEqualTo("0.0000");
    assertThat(rows.get(1).get("cost_usd")).isEmpty();
    assertThat(rows.get(1).get("cost_basis")).isEqualTo("unpriced");
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.get("credits")).isEmpty();
      assertThat(r.get("credits_basis")).isEqualTo("unpriced");
    });

    for (String table : List.of("token_session_rollups.tsv", "token_thread_rollups.tsv")) {
      Map<String, String> r = TsvReader.readAll(out.resolve("data/" + table)).get(0);
      assertThat(new BigDecimal(r.get("cost_usd"))).as(table).isEqualByComparingTo("1.30");
      assertThat(r.get("cost_basis")).as(table).isEqualTo("unpriced"); // partly unpriced: says so
      assertThat(r.get("unpriced_tokens")).as(table).isEqualTo("11000");
      assertThat(r.get("credits")).as(table).isEmpty();
      assertThat(r.get("cache_ratio")).as(table).isEqualTo("0.3960"); // 400,000 / 1,010,000
    }
  }

  @Test
  void theReportSumsCostPerDayAndSaysWhatIsUnpriced() throws IOException {
    Path out = backfill();
    Cli.Result r = Cli.run("report", "--window", "all", "--output-root", out.toString());
    assertThat(r.exitCode()).as(r.describe()).isZero();

    Map<String, String> day = TsvReader.readAll(out.resolve("reports/latest_all_daily_token_accounting.tsv")).get(0);
    assertThat(new BigDecimal(day.get("cost_usd"))).isEqualByComparingTo("1.30");
    assertThat(day.get("cost_basis")).isEqualTo("unpriced");
    assertThat(day.get("unpriced_tokens")).isEqualTo("11000");
    Map<String, String> thread = TsvReader.readAll(out.resolve("reports/latest_all_thread_rollups.tsv")).get(0);
    assertThat(new BigDecimal(thread.get("cost_usd"))).isEqualByComparingTo("1.30");

    String summary = Files.readString(out.resolve("reports/latest_all_summary.md"));
    assertThat(summary).contains("## Cost")
        .contains("would cost **$1.30 (partly unpriced)**")
        .contains("**11,000 tokens are unpriced** (`mystery-model`: no price row)")
        .contains("| `gpt-5.1-codex` | 1,050,000 | 40.0% | $1.30 | listed |");
  }

  @Test
  void theUsersPricingFilePricesWhatTheBundledTableDoesNot() throws IOException {
    // mystery-model at 1 / 0.1 / 2: 10,000 x 1 + 1,000 x 2 = 12,000 per million = 0.012; with turn 1, 1.312
    Path prices = Files.writeString(temp.resolve("prices.tsv"), HEADER
        + "mystery-model\t\t2026-01-01\t1\t0.1\t2\tour contract\t\n");
    Path out = backfill("--pricing", prices.toString());

    Map<String, String> thread = TsvReader.readAll(out.resolve("data/token_thread_rollups.tsv")).get(0);
    assertThat(new BigDecimal(thread.get("cost_usd"))).isEqualByComparingTo("1.312");
    assertThat(thread.get("cost_basis")).isEqualTo("user");
    assertThat(thread.get("unpriced_tokens")).isEqualTo("0");
  }

  @Test
  void anIncrementalRunValuesAgainWhenThePricesChange() throws IOException {
    Path out = temp.resolve("inc");
    String[] run = {"run-incremental", "--codex-home", home.toString(), "--output-root", out.toString(),
        "--skip-github", "--no-reports", "--no-plots", "-q"};
    assertThat(Cli.run(run).exitCode()).isZero();
    Path prices = Files.writeString(Files.createDirectories(out.resolve("config")).resolve("pricing.tsv"), HEADER
        + "mystery-model\t\t2026-01-01\t1\t0.1\t2\tour contract\t\n");
    assertThat(prices).exists();

    Cli.Result again = Cli.run(run); // <output-root>/config/pricing.tsv is used without --pricing
    assertThat(again.exitCode()).as(again.describe()).isZero();
    Map<String, String> thread = TsvReader.readAll(out.resolve("data/token_thread_rollups.tsv")).get(0);
    assertThat(new BigDecimal(thread.get("cost_usd"))).isEqualByComparingTo("1.312");
    assertThat(thread.get("cost_basis")).isEqualTo("user");
  }

  @Test
  void aMalformedPricingFileStopsTheRunWithOneLineNamingFileAndLine() throws IOException {
    Path prices = Files.writeString(temp.resolve("prices.tsv"), HEADER + "mystery-model\t\t2026-01-01\t1\t0.1\tlots\tus\t\n");
    Cli.Result r = Cli.run("backfill", "--since", "all", "--codex-home", home.toString(), "--output-root",
        temp.resolve("bad").toString(), "--skip-github", "--pricing", prices.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err().strip()).isEqualTo("wlat: " + prices + ":2: column output_per_1m: [lots] is not a decimal number"
        + " (e.g. 10 or 1.25)");
    assertThat(temp.resolve("bad/data")).doesNotExist();
  }

  @Test
  void pricingPinWritesATableThatPricesTheSameWhenPassedBack() throws IOException {
    Path pinned = temp.resolve("pinned.tsv");
    Cli.Result pin = Cli.run("pricing", "pin", "--output", pinned.toString());
    assertThat(pin.exitCode()).as(pin.describe()).isZero();
    assertThat(Files.readString(pinned)).contains("gpt-5.1-codex\t\t2025-11-13\t1.25\t0.125\t10\t");

    Map<String, String> thread = TsvReader.readAll(backfill("--pricing", pinned.toString())
        .resolve("data/token_thread_rollups.tsv")).get(0);
    assertThat(new BigDecimal(thread.get("cost_usd"))).isEqualByComparingTo("1.30");
    assertThat(thread.get("unpriced_tokens")).isEqualTo("11000");

    Cli.Result csv = Cli.run("pricing", "pin", "--output", temp.resolve("p.csv").toString());
    assertThat(csv.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(temp.resolve("p.csv")).doesNotExist();
  }

  @Test
  void pricingListShowsTheUsersRowsFirstThenTheBundledPricesAndCredits() throws IOException {
    Path prices = Files.writeString(temp.resolve("prices.tsv"), HEADER + "mystery-model\t\t2026-01-01\t1\t0.1\t2\tus\t\n");
    Cli.Result r = Cli.run("pricing", "list", "--format", "tsv", "--pricing", prices.toString());

    assertThat(r.exitCode()).as(r.describe()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(1)).startsWith("usd\tmystery-model\t\t2026-01-01\t1\t0.1\t2\tuser\tus");
    assertThat(lines).anyMatch(l -> l.startsWith("usd\tgpt-5.1-codex\t\t2025-11-13\t1.25\t0.125\t10\tbundled\t"));
    assertThat(lines).anyMatch(l -> l.startsWith("credits\tgpt-5.3-codex\t\t2026-04-02\t43.75\t4.375\t350\tbundled\t"));
  }
}
