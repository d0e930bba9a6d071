package dev.wlat.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParseDiagnosticsTests {

  @Test
  void countsEveryIssueButKeepsOnlyTheFirstFewLineNumbers() {
    ParseDiagnostics.Builder b = ParseDiagnostics.builder();
    for (long line = 1; line <= 9; line++) {
      b.add(IssueKind.MALFORMED_JSON, line);
    }
    ParseDiagnostics d = b.add(IssueKind.TRUNCATED_LAST_LINE, 10).build();

    assertThat(d.count(IssueKind.MALFORMED_JSON)).isEqualTo(9);
    assertThat(d.sampleLines().get(IssueKind.MALFORMED_JSON)).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(d.total()).isEqualTo(10);
  }

  @Test
  void plusAddsCountsOfBothSides() {
    ParseDiagnostics a = ParseDiagnostics.builder().add(IssueKind.UNKNOWN_LINE_TYPE, 3).build();
    ParseDiagnostics b = ParseDiagnostics.builder().add(IssueKind.UNKNOWN_LINE_TYPE, 7)
        .add(IssueKind.INVALID_NUMBER, 8).build();

    ParseDiagnostics sum = a.plus(b);
    assertThat(sum.count(IssueKind.UNKNOWN_LINE_TYPE)).isEqualTo(2);
    assertThat(sum.count(IssueKind.INVALID_NUMBER)).isEqualTo(1);
    assertThat(ParseDiagnostics.EMPTY.plus(a)).isEqualTo(a);
  }
}
