package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backfill ends with the report and the plots of its window, unless told not to. */
class BackfillReadingsTests {

  private static final Path HOME = Path.of("..", "examples", "codex-home");

  @TempDir Path temp;

  private Cli.Result backfill(Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("backfill", "--since", "all", "--codex-home",
        HOME.toString(), "--output-root", out.toString(), "--skip-github"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aBackfillWritesTheReportAndPlotsOfItsWindowAndListsThemInTheLedger() {
    Path out = temp.resolve("out");
    Cli.Result r = backfill(out);

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).contains("report: " + out.resolve("reports").resolve("latest_all_summary.md"))
        .contains("plots: ");
    assertThat(out.resolve("reports").resolve("latest_all_summary.md")).isRegularFile();
    for (String plot : List.of("token_event_raster", "token_mix_stacked_area", "repo_outcome_heatmap",
        "cumulative_burnup_entitlements", "top_threads_sparklines")) {
      assertThat(out.resolve("plots").resolve("latest_all_" + plot + ".html")).isRegularFile();
    }
    List<Map<String, String>> daily = TsvReader.readAll(out.resolve("reports").resolve("latest_all_daily_token_accounting.tsv"));
    long total = daily.stream().mapToLong(d -> Long.parseLong(d.get("cumulative_delta_tokens"))).sum();
    assertThat(total).isEqualTo(Sums.sum(TsvReader.readAll(out.resolve("data").resolve("token_event_accounting.tsv"))).total());
    String ledger = OutputTree.files(out.resolve("runs")).stream()
        .filter(f -> f.getFileName().toString().endsWith("_execution_ledger.md")).map(OutputTree::readString)
        .findFirst().orElseThrow();
    assertThat(ledger).contains("latest_all_summary.md").contains("latest_all_token_mix_stacked_area.html")
        .doesNotContain("not available");
    assertThat(OutputTree.files(out)).noneMatch(f -> f.toString().endsWith(".csv"));
  }

  @Test
  void aRelativeWindowNamesTheFilesAndNoPlotsMeansNone() {
    Path out = temp.resolve("out-30d");
    Cli.Result r = Cli.run("backfill", "--since", "30d", "--codex-home", HOME.toString(), "--output-root",
        out.toString(), "--skip-github", "--no-plots", "-q");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(out.resolve("reports").resolve("latest_30d_summary.md")).isRegularFile();
    assertThat(out.resolve("plots")).doesNotExist();
  }
}
