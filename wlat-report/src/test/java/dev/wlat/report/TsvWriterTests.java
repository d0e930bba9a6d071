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
    Files.writeString(dir.resolve(".rows.tsv.4194304" + AtomicFiles.TEMP_SUFFIX), "partial");
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

  @Test
  void positionsMarkWhereEachRowStartsInBytesEvenForMultiByteText() throws Exception {
    long[] at = new long[3];
    try (TsvWriter<Row> w = TsvWriter.open(dir, TABLE)) {
      at[0] = w.position();
      w.write(new Row("été ☃", 1L, true));
      at[1] = w.position();
      w.write(new Row("b", 2L, false));
      at[2] = w.position();
      w.commit();
    }
    byte[] bytes = Files.readAllBytes(dir.resolve("rows.tsv"));
    assertThat(at[0]).isEqualTo("name\tcount\tincluded\n".length());
    assertThat(new String(bytes, (int) at[1], (int) (at[2] - at[1]), StandardCharsets.UTF_8)).isEqualTo("b\t2\t0\n");
    assertThat(at[2]).isEqualTo(bytes.length);
  }

  @Test
  void copiedRangesOfAnEarlierFileLandBetweenNewRowsUnchanged() throws Exception {
    List<Row> old = List.of(new Row("a", 1L, true), new Row("b", 2L, true), new Row("c", 3L, true),
        new Row("d", 4L, true));
    long[] starts = new long[old.size() + 1];
    try (TsvWriter<Row> w = TsvWriter.open(dir, TABLE)) {
      for (int i = 0; i < old.size(); i++) {
        starts[i] = w.position();
        w.write(old.get(i));
      }
      starts[old.size()] = w.position();
      w.commit();
    }
    Path earlier = dir.resolve("earlier.tsv");
    Files.move(dir.resolve("rows.tsv"), earlier);

    try (TsvWriter<Row> w = TsvWriter.open(dir, TABLE)) {
      w.copy(earlier, starts[0], starts[2] - starts[0], 2); // a, b
      w.write(new Row("new", 9L, false));
      w.copy(earlier, starts[3], starts[4] - starts[3], 1); // d
      w.copy(earlier, starts[2], starts[3] - starts[2], 1); // c, out of order: not merged with d
      long end = w.position();
      assertThat(w.rowCount()).isEqualTo(5);
      w.commit();
      assertThat(end).isEqualTo(Files.size(dir.resolve("rows.tsv")));
    }
    assertThat(Files.readString(dir.resolve("rows.tsv")))
        .isEqualTo("name\tcount\tincluded\na\t1\t1\nb\t2\t1\nnew\t9\t0\nd\t4\t1\nc\t3\t1\n");
  }

  @Test
  void copyingPastTheEndOfTheEarlierFileFailsAndKeepsTheLastGoodFile() throws Exception {
    TsvWriter.writeAll(dir, TABLE, List.of(new Row("good", 1L, true)));
    Path earlier = dir.resolve("earlier.tsv");
    Files.writeString(earlier, "name\tcount\tincluded\nx\t1\t1\n");

    assertThatThrownBy(() -> {
      try (TsvWriter<Row> w = TsvWriter.open(dir, TABLE)) {
        w.copy(earlier, 20, 1000, 1);
        w.commit();
      }
    }).isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("earlier.tsv");
    assertThat(Files.readAllLines(dir.resolve("rows.tsv"))).containsExactly("name\tcount\tincluded", "good\t1\t1");
  }

  @Test
  void aFileHasTheHeaderOnlyWhenItStartsWithTheTablesHeaderLine() throws Exception {
    TsvWriter.writeAll(dir, TABLE, List.of(new Row("a", 1L, true)));
    Path other = dir.resolve("other.tsv");
    Files.writeString(other, "name\tcount\n");

    assertThat(TsvWriter.hasHeader(dir.resolve("rows.tsv"), TABLE)).isTrue();
    assertThat(TsvWriter.hasHeader(other, TABLE)).isFalse();
    assertThat(TsvWriter.hasHeader(dir.resolve("missing.tsv"), TABLE)).isFalse();
  }

  @Test
  void rowsAreTheBytesCommonsCsvPrintsInTheTsvDialect() throws Exception {
    java.util.Random r = new java.util.Random(5);
    String alphabet = "ab \u00e9\u2603\t\n\r\"',;\\=x\u007f\u0001~";
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = r.nextInt(12); n > 0; n--) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      rows.add(new Row(r.nextInt(5) == 0 ? null : b.toString(), r.nextBoolean() ? null : r.nextLong(),
          r.nextInt(3) == 0 ? null : r.nextBoolean()));
    }
    rows.add(new Row("min", Long.MIN_VALUE, true));
    rows.add(new Row("max", Long.MAX_VALUE, false));
    rows.add(new Row("x".repeat(70_000), 0L, null)); // longer than the write buffer
    TsvWriter.writeAll(dir, TABLE, rows);

    java.io.StringWriter expected = new java.io.StringWriter();
    try (org.apache.commons.csv.CSVPrinter p = new org.apache.commons.csv.CSVPrinter(expected, TsvWriter.FORMAT)) {
      p.printRecord(TABLE.header());
      for (Row row : rows) {
        p.printRecord(TsvWriter.cell(row.name()), TsvWriter.cell(row.count()), TsvWriter.cell(row.included()));
      }
    }
    assertThat(Files.readString(dir.resolve("rows.tsv"), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
  }
}
