package dev.wlat.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTests {

  @TempDir Path root;

  @Test
  void eachRunAppendsOneRowKeepingTheEarlierOnes() {
    RunLog.append(root, new RunLog.Entry("20261201T100000Z", "backfill", Instant.parse("2026-12-01T10:00:00Z"),
        1.5, 0, "runs/20261201T100000Z_execution_ledger.md", "70 files, 12,183,734 tokens"));
    RunLog.append(root, new RunLog.Entry("20261201T110000Z", "report", Instant.parse("2026-12-01T11:00:00Z"),
        0.25, 2, null, null));

    List<Map<String, String>> rows = RunLog.read(root);

    assertThat(rows).extracting(r -> r.get("run_id") + " " + r.get("command") + " " + r.get("exit_code"))
        .containsExactly("20261201T100000Z backfill 0", "20261201T110000Z report 2");
    assertThat(rows.get(0).get("summary")).isEqualTo("70 files, 12,183,734 tokens");
    assertThat(rows.get(1).get("seconds")).isEqualTo("0.250");
  }

  @Test
  void noLogReadsAsEmptyAndLeavesNoTemporaries() throws Exception {
    assertThat(RunLog.read(root)).isEmpty();
    RunLog.append(root, new RunLog.Entry("r", "validate", Instant.EPOCH, 0, 0, null, null));
    try (var files = Files.list(root.resolve("runs"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("run_log.tsv");
    }
  }
}
