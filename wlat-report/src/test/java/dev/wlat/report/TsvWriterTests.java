package dev.wlat.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvWriterTests {

  record Row(String name, Long count, Boolean included) {}

  static final TsvTable<Row> TABLE = TsvTable.<Row>builder("rows.tsv")
      .column("name", Row::name)
      .column("count", Row::count)
      .column("included", Row::included)
      .build();

  @TempDir Path dir;

  @Test
  void writesHeaderThenOneLinePerRowWithTabsBetweenCells() throws Exception {
    TsvWriter.writeAll(dir, TABLE, List.of(new Row("a", 3L, true), new Row("b", null, false)));

    assertThat(Files.readString(dir.resolve("rows.tsv"), StandardCharsets.UTF_8))
        .isEqualTo("name\tcount\tincluded\na\t3\t1\nb\t\t0\n");
  }

  @Test
  void tabsAndLineBreaksInsideACellBecomeSpacesSoEveryLineIsOneRow() throws Exception {
    TsvWriter.writeAll(dir, TABLE, List.of(new Row("x\ty\nz\rw", 1L, true)));

    List<String> lines = Files.readAllLines(dir.resolve("rows.tsv"));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo("x y z w\t1\t1");
  }

  @Test
  void quotesAreWrittenVerbatimNotWrappedInCsvQuoting() throws Exception {
    TsvWriter.writeAll(dir, TABLE, List.of(new Row("say \"hi\", ok", 1L, true)));

    assertThat(Files.readAllLines(dir.resolve("rows.tsv")).get(1)).isEqualTo("say \"hi\", ok\t1\t1");
  }

  @Test
  void readerGivesBackWhatWriterWrote() {
    TsvWriter.writeAll(dir, TABLE, List.of(new Row("a b", 42L, false)));

    assertThat(TsvReader.readAll(dir.resolve("rows.tsv")))
        .containsExactly(Map.of("name", "a b", "count", "42", "included", "0"));
  }

  @Test
  void closingWithoutCommitKeepsTheLastGoodFileAndLeavesNoTemporary() throws Exception {
    TsvWriter.writeAll(dir, TABLE, List.of(new Row("good", 1L, true)));
    try (TsvWriter<Row> w = TsvWriter.open(dir, TABLE)) {
      w.write(new Row("half", 2L, true));
      // crash before commit
    }

    assertThat(Files.readAllLines(dir.resolve("rows.tsv"))).containsExactly("name\tcount\tincluded", "good\t1\t1");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("rows.tsv");
    }
  }

  @Test
  void staleTemporariesFromACrashedRunAreRemoved() throws Exception {
    Files.writeString(dir.resolve(".rows.tsv.123" + AtomicFiles.TEMP_SUFFIX), "partial");
    Files.writeString(dir.resolve("rows.tsv"), "kept");

    assertThat(AtomicFiles.removeStaleTemporaries(dir)).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("rows.tsv"))).isEqualTo("kept");
  }

  @Test
  void duplicateColumnNamesAreRejected() {
    assertThatThrownBy(() -> TsvTable.<Row>builder("t.tsv").column("a", Row::name).column("a", Row::count).build())
        .hasMessageContaining("Duplicate column [a]");
  }

  @Test
  void csvFileNamesAreRejected() {
    assertThatThrownBy(() -> TsvTable.<Row>builder("t.csv").build()).hasMessageContaining("must end in .tsv");
  }
}
