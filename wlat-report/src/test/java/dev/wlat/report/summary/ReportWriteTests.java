package dev.wlat.report.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.AtomicFiles;
import dev.wlat.report.ReportWindow;
import dev.wlat.report.TsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report writes its summary and six TSVs twice, atomically, as latest and kept copies. */
class ReportWriteTests {

  private static final Instant AS_OF = Instant.parse("2026-09-10T00:00:00Z");
  private static final List<String> NAMES = List.of("summary.md", "thread_rollups.tsv",
      "repo_workstream_outcome_rollups.tsv", "daily_token_accounting.tsv", "weekly_token_accounting.tsv",
      "monthly_token_accounting.tsv", "attribution_confidence_summary.tsv");

  @TempDir Path root;

  @BeforeEach
  void data() {
    DataFixture.at(root).event("t", "s", Instant.parse("2026-09-08T10:00:00Z"), 70).write();
  }

  private Report report() {
    return Report.builder(ReportWindow.parse("7d", AS_OF, ZoneOffset.UTC)).read(root);
  }

  private List<String> listing() throws Exception {
    try (Stream<Path> s = Files.list(root.resolve("reports"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void eachOutputIsWrittenAsLatestAndAsAByteIdenticalKeptCopy() throws Exception {
    ReportFiles files = report().write(root, "20261201T100000Z");

    assertThat(listing()).containsExactlyInAnyOrderElementsOf(Stream.concat(
        NAMES.stream().map(n -> "latest_7d_" + n), NAMES.stream().map(n -> "20261201T100000Z_7d_" + n)).toList());
    assertThat(files.summary()).isEqualTo(root.resolve("reports/latest_7d_summary.md"));
    for (int i = 0; i < files.latest().size(); i++) {
      assertThat(Files.readAllBytes(files.latest().get(i))).isEqualTo(Files.readAllBytes(files.kept().get(i)));
    }
    assertThat(files.rows()).containsEntry("latest_7d_thread_rollups.tsv", 1L)
        .containsEntry("latest_7d_attribution_confidence_summary.tsv", 6L);
  }

  @Test
  void noTemporaryOrCsvIsLeftAndStaleTemporariesAreRemoved() throws Exception {
    Path stale = Files.createDirectories(root.resolve("reports")).resolve(".latest_7d_summary.md.4194304" + AtomicFiles.TEMP_SUFFIX);
    Files.writeString(stale, "half");

    report().write(root, "20261201T100000Z");

    assertThat(listing()).noneMatch(n -> n.endsWith(AtomicFiles.TEMP_SUFFIX) || n.endsWith(".csv"));
    assertThat(listing()).hasSize(14);
  }

  @Test
  void theSameDataAndAsOfGiveTheSameFiles() throws Exception {
    report().write(root, "20261201T100000Z");
    byte[] first = Files.readAllBytes(root.resolve("reports/latest_7d_summary.md"));
    byte[] daily = Files.readAllBytes(root.resolve("reports/latest_7d_daily_token_accounting.tsv"));

    report().write(root, "20261201T100001Z");

    assertThat(Files.readAllBytes(root.resolve("reports/latest_7d_summary.md"))).isEqualTo(first);
    assertThat(Files.readAllBytes(root.resolve("reports/latest_7d_daily_token_accounting.tsv"))).isEqualTo(daily);
  }

  @Test
  void tablesReadBackWithTheirDocumentedColumns() throws Exception {
    report().write(root, "r");

    assertThat(TsvReader.header(root.resolve("reports/latest_7d_daily_token_accounting.tsv")))
        .startsWith("grain", "group_key", "period_start", "period_end", "partial_period", "thread_count")
        .contains("cumulative_delta_tokens", "boundary_uncertain_tokens", "inflation_factor_current_vs_delta");
    assertThat(TsvReader.readAll(root.resolve("reports/latest_7d_thread_rollups.tsv"))).singleElement()
        .satisfies(t -> {
          assertThat(t.get("cumulative_delta_tokens")).isEqualTo("70");
          assertThat(t.get("full_history_cumulative_delta_tokens")).isEqualTo("70");
        });
  }
}
