package dev.wlat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.IssueKind;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked-in corpus of hostile lines ({@code src/test/resources/dev/wlat/ingest/hostile}):
 * each file is parsed alone and must give exactly the issues (kind and line) and the token rows
 * its line in {@code cases.tsv} expects. The expectations were written from the format and the
 * {@link IssueKind} definitions, by hand, one per case.
 */
class HostileCorpusTests {

  private static final String THREAD = "019a3333-0000-7000-8000-00000000dddd";
  private static final Path DIR = corpusDir();

  /** One line of the manifest. */
  record Case(String file, Map<IssueKind, List<Long>> issues, List<String> rows, String why) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Case> cases() {
    return manifest().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Timeout(20)
  void eachHostileFileGivesExactlyTheExpectedIssuesAndRows(Case c) {
    RolloutSegment s = RolloutParser.create().parse(RolloutFile.of(DIR.resolve(c.file())));

    assertThat(s.diagnostics().sampleLines()).as(c.why()).isEqualTo(c.issues());
    Map<IssueKind, Long> counts = new EnumMap<>(IssueKind.class);
    c.issues().forEach((k, v) -> counts.put(k, (long) v.size()));
    assertThat(s.diagnostics().counts()).as(c.why()).isEqualTo(counts);
    assertThat(s.events()).map(HostileCorpusTests::row).as(c.why()).isEqualTo(c.rows());
    assertThat(s.segment().threadId()).isEqualTo(THREAD);
  }

  @Test
  void everyFileOfTheCorpusHasAnExpectation() throws IOException {
    List<String> listed = manifest().stream().map(Case::file).sorted().toList();
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
          .sorted().toList()).isEqualTo(listed);
    }
  }

  @Test
  void corpusFilesKeepTheBytesTheirCasesAreAbout() throws IOException {
    byte[] crlf = Files.readAllBytes(DIR.resolve("crlf.jsonl"));
    byte[] bom = Files.readAllBytes(DIR.resolve("byte-order-mark.jsonl"));
    byte[] nul = Files.readAllBytes(DIR.resolve("nul-bytes.jsonl"));

    assertThat(new String(crlf, StandardCharsets.ISO_8859_1).split("\r\n", -1)).hasSize(5);
    assertThat(Arrays.copyOf(bom, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(nul).contains((byte) 0);
  }

  private static String row(TokenEvent e) {
    return e.lineNumber() + ":" + tokens(e.total()) + ":" + tokens(e.last());
  }

  private static String tokens(TokenUsage u) {
    return u == null ? "-" : Long.toString(u.totalTokens());
  }

  private static List<Case> manifest() {
    List<Case> cases = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(DIR.resolve("cases.tsv"), StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (cells.length != 4) {
          throw new IllegalStateException("cases.tsv: 4 cells expected in [" + line + "]");
        }
        cases.add(new Case(cells[0], issues(cells[1]), rows(cells[2]), cells[3]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  private static Map<IssueKind, List<Long>> issues(String cell) {
    Map<IssueKind, List<Long>> issues = new EnumMap<>(IssueKind.class);
    if (cell.equals("none")) {
      return issues;
    }
    for (String kind : cell.split(",")) {
      String[] parts = kind.split("@");
      issues.put(IssueKind.valueOf(parts[0]),
          Arrays.stream(parts[1].split(";")).map(Long::valueOf).toList());
    }
    return issues;
  }

  private static List<String> rows(String cell) {
    return cell.equals("none") ? List.of() : List.of(cell.split(","));
  }

  private static Path corpusDir() {
    try {
      return Path.of(HostileCorpusTests.class.getResource("hostile/cases.tsv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
