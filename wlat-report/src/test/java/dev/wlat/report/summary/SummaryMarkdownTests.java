package dev.wlat.report.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.ReportWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary says what was used, why the naive figures differ, and what the data lacks. */
class SummaryMarkdownTests {

  private static final Instant AS_OF = Instant.parse("2026-09-30T00:00:00Z");

  @TempDir Path root;

  private String summary(String label) {
    return Report.builder(ReportWindow.parse(label, AS_OF, ZoneOffset.UTC)).read(root).markdown();
  }

  private DataFixture usage() {
    return DataFixture.at(root)
        .event("t", "s", Instant.parse("2026-09-25T10:00:00Z"), 100)
        .event("t", "s", Instant.parse("2026-09-25T10:01:00Z"), 0, 100, "cumulative_delta", "repeated_total")
        .event("t", "s", Instant.parse("2026-09-25T10:02:00Z"), 0, 100, "cumulative_delta", "repeated_total")
        .event("t", "a", Instant.parse("2026-09-25T10:00:00Z"), 0, 100, "duplicate_segment", "duplicate_segment_excluded")
        .event("f", "fs", Instant.parse("2026-09-25T11:00:00Z"), 0, 100, "replayed", "replayed_prefix")
        .rolloutFile("sessions/2026/09/25/rollout-x.jsonl", 2, "malformed_json=1@lines:27;truncated_last_line=1@lines:40");
  }

  @Test
  void theSummaryGivesTheInflationFactorAndPutsTheGapDownToItsCauses() {
    usage().write();

    String md = summary("30d");

    assertThat(md).contains("**100 tokens** were used", "an **inflation factor of 5.00x**")
        .contains("exceeds `cumulative_delta_tokens` by 400 tokens")
        .contains("| re-emits | 2 | +200 | 50.0% |")
        .contains("| archived duplicates | 1 | +100 | 25.0% |")
        .contains("| replayed fork prefixes | 1 | +100 | 25.0% |")
        .contains("`repeated_total` 2");
  }

  @Test
  void theSummaryListsParserWarningsByKindWithTheirFirstPlaces() {
    usage().write();

    assertThat(summary("30d")).contains("| `malformed_json` | 1 | 1 | `sessions/2026/09/25/rollout-x.jsonl:27` |")
        .contains("counted 2 bad lines in the 1 rollout files");
  }

  @Test
  void dataStartingAfterTheWindowStartIsCalledOutFromTheBackfillLedger() {
    usage().ledger("7d (2026-09-20T00:00:00Z)", "(open)").write();

    assertThat(summary("30d")).contains("**The data covers less than the window.**")
        .contains("the backfill ran with --since 7d").contains("rerun wlat backfill --since 30d");
    assertThat(summary("7d")).doesNotContain("covers less than the window");
  }

  @Test
  void aLedgerOfAnotherCommandInTheSameSecondIsNotTakenForTheBackfills() throws Exception {
    usage().ledger("7d (2026-09-20T00:00:00Z)", "(open)").write();
    Path ledger = root.resolve("runs").resolve("20261201T100000Z_execution_ledger.md");
    Files.writeString(ledger, Files.readString(ledger).replace("wlat backfill", "wlat report"));

    assertThat(summary("30d")).doesNotContain("the backfill ran with --since 7d")
        .contains("The earliest token row in the data is 2026-09-25T10:00:00Z");
  }

  @Test
  void withoutALedgerTheEarliestRowAfterTheWindowStartIsCalledOut() {
    usage().write();

    assertThat(summary("30d")).contains("The earliest token row in the data is 2026-09-25T10:00:00Z");
    assertThat(summary("all")).doesNotContain("covers less than the window");
  }

  @Test
  void missingRepositoriesGitHubAndWeakAttributionEachGetASuggestion() {
    usage().write();

    assertThat(summary("30d")).contains("the backfill ran without `--repo-root`")
        .contains("the backfill ran with `--skip-github`")
        .contains("attributed weak or none").contains("overrides file");
  }

  @Test
  void anEmptyWindowSaysSo() {
    usage().write();

    String md = Report.builder(ReportWindow.parse("1d", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
        .read(root).markdown();

    assertThat(md).contains("No token rows fall inside this window");
  }

  @Test
  void dataWithoutAnyTokenRowsStillGivesAReportOfZeros() {
    DataFixture.at(root).write();

    Report r = Report.builder(ReportWindow.parse("all", AS_OF, ZoneOffset.UTC)).read(root);

    assertThat(r.total()).isEqualTo(UsageSums.ZERO);
    assertThat(r.confidenceSummary()).hasSize(6).allSatisfy(c -> assertThat(c.tokens()).isZero());
    assertThat(r.markdown()).contains("No token rows fall inside this window").contains("no token rows.");
    assertThat(r.write(root, "r").latest()).hasSize(7).allSatisfy(p -> assertThat(p).isRegularFile());
  }
}
