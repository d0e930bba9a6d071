package dev.wlat.report.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.report.ReportWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing or unreadable data facts fail with one line naming the file and the fix. */
class ReportDataTests {

  private static final Instant T = Instant.parse("2026-09-10T12:00:00Z");
  private static final List<String> REQUIRED = List.of("token_event_accounting.tsv", "token_thread_rollups.tsv",
      "codex_threads.tsv", "token_accounting_reconciliation.tsv", "repo_workstream_outcome_rollups.tsv",
      "attribution_confidence_summary.tsv", "token_outcome_links.tsv", "github_events.tsv", "rollout_files.tsv");

  @TempDir Path root;

  private Report read() {
    return Report.builder(ReportWindow.parse("all", T, ZoneOffset.UTC)).read(root);
  }

  private Path data() {
    return DataFixture.at(root).event("a", "s", T, 10).write().resolve("data");
  }

  @Test
  void aMissingDataDirectoryIsNamedWithTheFix() {
    assertThatThrownBy(this::read).isInstanceOf(ReportDataException.class)
        .hasMessageContaining(root.resolve("data").toString())
        .hasMessageContaining("run wlat backfill first")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
        .satisfies(e -> assertThat(((ReportDataException) e).file()).isEqualTo(root.resolve("data")));
  }

  @Test
  void eachMissingDataFileIsNamedWithTheFix() throws Exception {
    Path data = data();
    for (String name : REQUIRED) {
      Path file = data.resolve(name);
      Path aside = data.resolve(name + ".aside");
      Files.move(file, aside);
      assertThatThrownBy(this::read).as(name).isInstanceOf(ReportDataException.class)
          .hasMessageContaining(file.toString()).hasMessageContaining("run wlat backfill first");
      Files.move(aside, file);
    }
    assertThat(read().total().cumulativeDeltaTokens()).isEqualTo(10);
  }

  @Test
  void aFileWithoutANeededColumnIsNamedWithTheColumn() throws Exception {
    Path file = data().resolve("token_event_accounting.tsv");
    Files.writeString(file, Files.readString(file).replace("cumulative_delta_tokens", "delta_tokens"));

    assertThatThrownBy(this::read).isInstanceOf(ReportDataException.class)
        .hasMessageContaining("token_event_accounting.tsv: no column [cumulative_delta_tokens]");
  }

  @Test
  void aBadCellIsNamedWithItsLineAndColumn() throws Exception {
    Path file = data().resolve("token_event_accounting.tsv");
    Files.writeString(file, Files.readString(file).replace(T.toString(), "yesterday"));

    assertThatThrownBy(this::read).isInstanceOf(ReportDataException.class)
        .hasMessageContaining("token_event_accounting.tsv:2: column timestamp: [yesterday] is not an ISO-8601 UTC timestamp");
  }

  @Test
  void dataFilesThatDisagreeAreReportedNotTrusted() throws Exception {
    Path file = data().resolve("attribution_confidence_summary.tsv");
    Files.writeString(file, Files.readString(file).replace("\t10\t", "\t99\t"));

    assertThat(read().inconsistencies()).singleElement().asString()
        .contains("attribution_confidence_summary.tsv sums to 99");
    assertThat(read().markdown()).contains("The data files disagree");
  }
}
