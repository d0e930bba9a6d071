package dev.wlat.accounting.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ThresholdsTests {

  private static final String HEADER = "name\tvalue\tnote\n";

  private static Thresholds parse(String text) {
    return Thresholds.parse("t.tsv", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void defaultsAreTheDocumentedValues() {
    Thresholds d = Thresholds.defaults();

    assertThat(d.lowCacheRatio()).isEqualTo(0.30);
    assertThat(d.highContextUse()).isEqualTo(0.60);
    assertThat(d.highUncachedInput()).isEqualTo(10_000);
    assertThat(d.largeThreadTokens()).isEqualTo(200_000);
    assertThat(d.reasoningRatio()).isEqualTo(0.75);
    assertThat(d.lowOutputTokens()).isEqualTo(500);
    assertThat(d.highCostUsd()).isEqualByComparingTo("1.00");
    assertThat(d.minReasoningOutput()).isEqualTo(1_000);
  }

  @Test
  void aFileOverridesOnlyTheThresholdsItNamesSkippingCommentsBlankLinesAndNotes() {
    Thresholds t = parse("# tuned for a big repo\r\n" + HEADER
        + "low_cache_ratio\t0.5\tstricter\r\n"
        + "\n"
        + "  # money\n"
        + " high_cost_usd \t 2.50 \n"
        + "large_thread_tokens\t1000000\t\n");

    assertThat(t).isEqualTo(new Thresholds(0.5, 0.60, 10_000, 1_000_000, 0.75, 500, new BigDecimal("2.50"), 1_000));
  }

  @Test
  void aHeaderWithoutTheNoteColumnAndAHeaderOnlyFileAreFine() {
    assertThat(parse("name\tvalue\n")).isEqualTo(Thresholds.defaults());
    assertThat(parse(HEADER)).isEqualTo(Thresholds.defaults());
    assertThat(parse("name\tvalue\nreasoning_ratio\t1\n").reasoningRatio()).isEqualTo(1.0);
    assertThat(parse("name\tvalue\nmin_reasoning_output\t0\n").minReasoningOutput()).isZero();
  }

  @Test
  void everyThresholdCanBeSetByItsName() {
    Thresholds t = parse(HEADER
        + "low_cache_ratio\t0.1\n"
        + "high_context_use\t0.9\n"
        + "high_uncached_input\t1\n"
        + "large_thread_tokens\t2\n"
        + "reasoning_ratio\t0\n"
        + "low_output_tokens\t3\n"
        + "high_cost_usd\t0\n"
        + "min_reasoning_output\t4\n");

    assertThat(t).isEqualTo(new Thresholds(0.1, 0.9, 1, 2, 0.0, 3, new BigDecimal("0"), 4));
  }

  @Test
  void malformedFilesNameTheFileLineAndColumnInOneLine() {
    assertAll(
        nope(HEADER + "cache_ratio\t0.5\n", "t.tsv:2: column name: [cache_ratio] is not a threshold; expected one of "
            + "low_cache_ratio, high_context_use, high_uncached_input, large_thread_tokens, reasoning_ratio, "
            + "low_output_tokens, high_cost_usd, min_reasoning_output"),
        nope(HEADER + "low_cache_ratio\t1.5\n",
            "t.tsv:2: column value: [1.5] for low_cache_ratio is not a ratio from 0 to 1 (e.g. 0.3)"),
        nope(HEADER + "\nhigh_context_use\t-0.1\n",
            "t.tsv:3: column value: [-0.1] for high_context_use is not a ratio from 0 to 1 (e.g. 0.3)"),
        nope(HEADER + "reasoning_ratio\t75%\n",
            "t.tsv:2: column value: [75%] for reasoning_ratio is not a ratio from 0 to 1 (e.g. 0.3)"),
        nope(HEADER + "high_uncached_input\t10k\n",
            "t.tsv:2: column value: [10k] for high_uncached_input is not a whole number of tokens (e.g. 10000)"),
        nope(HEADER + "low_output_tokens\t1.5\n",
            "t.tsv:2: column value: [1.5] for low_output_tokens is not a whole number of tokens (e.g. 10000)"),
        nope(HEADER + "large_thread_tokens\t99999999999999999999\n",
            "t.tsv:2: column value: [99999999999999999999] for large_thread_tokens is too large"),
        nope(HEADER + "high_cost_usd\t$1\n",
            "t.tsv:2: column value: [$1] for high_cost_usd is not a decimal amount of US dollars (e.g. 1.00)"),
        nope(HEADER + "reasoning_ratio\t0.5\n# again\nreasoning_ratio\t0.6\n",
            "t.tsv:4: column name: [reasoning_ratio] repeats line 2"),
        nope(HEADER + "min_reasoning_output\t\tnone\n",
            "t.tsv:2: column value: must not be empty for min_reasoning_output"),
        nope(HEADER + "\t0.5\n", "t.tsv:2: column name: must not be empty"),
        nope(HEADER + "low_cache_ratio\t0.5\tnote\textra\n",
            "t.tsv:2: column 4: unexpected; rows have at most 3 tab-separated columns"),
        nope("name\tvalue\nlow_cache_ratio\t0.5\tnote\n",
            "t.tsv:2: column 3: unexpected; rows have at most 2 tab-separated columns"),
        nope("# no header\nlow_cache_ratio\t0.5\n",
            "t.tsv:2: header: expected the tab-separated columns name, value, note; got [low_cache_ratio 0.5]"),
        nope("# only a comment\n\n", "t.tsv: no header line; expected the tab-separated columns name, value, note"),
        nope("", "t.tsv: no header line; expected the tab-separated columns name, value, note"));
  }

  @Test
  void textThatIsNotUtf8IsRejected() {
    assertThatThrownBy(() -> Thresholds.parse("t.tsv", new byte[] {(byte) 0xff, (byte) 0xfe, 'x'}))
        .isInstanceOf(InsightsException.class).hasMessage("t.tsv: not UTF-8 text");
  }

  @Test
  void aSecretTypedIntoACellIsNotEchoed() {
    String secret = "ghp_" + "a".repeat(36);

    assertThatThrownBy(() -> parse(HEADER + secret + "\t1\n"))
        .isInstanceOf(InsightsException.class)
        .hasMessageContaining("[redacted:github_token]")
        .hasMessageNotContaining(secret);
  }

  @Test
  void rowsListEveryThresholdWithItsValueAndDefaultAsAFileWouldWriteThem() {
    Thresholds t = parse(HEADER + "reasoning_ratio\t0.9\nhigh_cost_usd\t2.5\n");

    assertThat(t.rows()).containsExactly(
        new Thresholds.Row("low_cache_ratio", "0.3", "0.3"),
        new Thresholds.Row("high_context_use", "0.6", "0.6"),
        new Thresholds.Row("high_uncached_input", "10000", "10000"),
        new Thresholds.Row("large_thread_tokens", "200000", "200000"),
        new Thresholds.Row("reasoning_ratio", "0.9", "0.75"),
        new Thresholds.Row("low_output_tokens", "500", "500"),
        new Thresholds.Row("high_cost_usd", "2.5", "1.00"),
        new Thresholds.Row("min_reasoning_output", "1000", "1000"));
    assertThat(t.rows()).filteredOn(Thresholds.Row::overridden).extracting(Thresholds.Row::name)
        .containsExactly("reasoning_ratio", "high_cost_usd");
    assertThat(t.rows()).extracting(Thresholds.Row::name).isEqualTo(Thresholds.NAMES);
  }

  @Test
  void theConstructorRejectsValuesAFileCouldNotHold() {
    assertAll(
        () -> assertThatThrownBy(() -> new Thresholds(1.5, 0.6, 1, 1, 0.75, 1, BigDecimal.ONE, 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("low_cache_ratio must be a ratio from 0 to 1, was [1.5]"),
        () -> assertThatThrownBy(() -> new Thresholds(0.3, Double.NaN, 1, 1, 0.75, 1, BigDecimal.ONE, 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("high_context_use must be a ratio from 0 to 1, was [NaN]"),
        () -> assertThatThrownBy(() -> new Thresholds(0.3, 0.6, -1, 1, 0.75, 1, BigDecimal.ONE, 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("high_uncached_input must not be negative, was [-1]"),
        () -> assertThatThrownBy(() -> new Thresholds(0.3, 0.6, 1, 1, 0.75, 1, new BigDecimal("-0.01"), 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("high_cost_usd must not be negative, was [-0.01]"));
  }

  private static Executable nope(String text, String message) {
    return () -> assertThatThrownBy(() -> parse(text)).as(message)
        .isInstanceOf(InsightsException.class)
        .hasMessage(message);
  }
}
