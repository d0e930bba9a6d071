package dev.wlat.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvRowsTests {

  record Row(String name, Long count, String path) {}

  static final TsvTable<Row> TABLE = TsvTable.<Row>builder("rows.tsv")
      .column("name", Row::name)
      .column("count", Row::count)
      .column("path", Row::path)
      .build();

  static final TsvTable<Row> OTHER = TsvTable.<Row>builder("other.tsv").column("name", Row::name).build();

  @TempDir Path dir;

  /** Rows with the same String objects repeated (as a thread's rows repeat its id and path), and edge cells. */
  static List<Row> rows(int n) {
    String shared = "/home/dev/src/" + "x".repeat(40);
    String tabbed = "a\tb";
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = i % 7 == 0 ? tabbed : i % 5 == 0 ? "caf\u00e9 " + i : "thread-" + (i / 3);
      rows.add(new Row(name, i % 4 == 0 ? null : (long) i * 1_000_003L - 500, i % 3 == 0 ? null : shared));
    }
    return rows;
  }

  @Test
  void appendedBlocksGiveTheSameFileAsRowByRowWriting() throws Exception {
    List<Row> rows = rows(5_000);
    Path direct = Files.createDirectories(dir.resolve("direct"));
    TsvWriter.writeAll(direct, TABLE, rows);

    Path blocks = Files.createDirectories(dir.resolve("blocks"));
    try (TsvWriter<Row> w = TsvWriter.open(blocks, TABLE)) {
      for (int from = 0; from < rows.size(); from += 713) {
        TsvRows<Row> block = TsvRows.of(TABLE);
        rows.subList(from, Math.min(rows.size(), from + 713)).forEach(block::add);
        w.append(block);
      }
      assertThat(w.commit()).isEqualTo(5_000);
    }

    StringBuilder expected = new StringBuilder("name\tcount\tpath\n");
    for (Row r : rows) { // by hand: both writers share the encoder under test
      expected.append(r.name().replace('\t', ' ')).append('\t')
          .append(r.count() == null ? "" : r.count().toString()).append('\t')
          .append(r.path() == null ? "" : r.path()).append('\n');
    }
    byte[] want = expected.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(Files.readAllBytes(direct.resolve("rows.tsv"))).isEqualTo(want);
    assertThat(Files.readAllBytes(blocks.resolve("rows.tsv"))).isEqualTo(want);
  }

  @Test
  void aRepeatedCellIsWrittenAgainWhenItsBytesWereAlreadyFlushedToTheFile() throws Exception {
    String big = "p".repeat(70_000); // longer than the writer's buffer: flushed before the next row
    TsvWriter.writeAll(dir, TABLE, List.of(new Row(big, 1L, big), new Row(big, 2L, big)));

    List<String> lines = Files.readAllLines(dir.resolve("rows.tsv"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).isEqualTo(big + "\t1\t" + big);
    assertThat(lines.get(2)).isEqualTo(big + "\t2\t" + big);
  }

  @Test
  void countsRowsAndBytesOfTheBlock() {
    TsvRows<Row> block = TsvRows.of(TABLE).add(new Row("a", 12L, null)).add(new Row("bc", null, "d"));

    assertThat(block.rowCount()).isEqualTo(2);
    assertThat(block.byteCount()).isEqualTo("a\t12\t\nbc\t\td\n".length());
  }

  @Test
  void rowsOfAnotherTableAreRefused() {
    try (TsvWriter<Row> w = TsvWriter.open(dir, TABLE)) {
      assertThatThrownBy(() -> w.append(TsvRows.of(OTHER).add(new Row("a", 1L, null))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("other.tsv");
    }
  }
}
