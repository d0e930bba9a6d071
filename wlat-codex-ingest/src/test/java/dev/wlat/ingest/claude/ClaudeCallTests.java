package dev.wlat.ingest.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.model.TokenUsage;
import org.junit.jupiter.api.Test;

class ClaudeCallTests {

  @Test
  void inputIncludesCacheWritesAndReadsCachedIsTheReadsAndTotalIsInputPlusOutput() {
    // input_tokens 12, cache_creation 3,000, cache_read 20,000, output 450:
    // input 12 + 3,000 + 20,000 = 23,012; cached 20,000; cache writes 3,000; total 23,012 + 450 = 23,462
    TokenUsage u = ClaudeCall.tokenUsage(12, 3_000, 20_000, 450);

    assertThat(u).isEqualTo(new TokenUsage(23_012, 20_000, 450, 0, 23_462, 3_000));
    // uncached input is what was neither read from the cache: 12 + 3,000
    assertThat(u.uncachedInputTokens()).isEqualTo(3_012);
    assertThat(ClaudeCall.tokenUsage(0, 0, 0, 0).isZero()).isTrue();
  }

  @Test
  void negativeCountsAreRejectedAndOverflowFailsLoudly() {
    assertThatThrownBy(() -> ClaudeCall.tokenUsage(-1, 5, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input_tokens");
    assertThatThrownBy(() -> ClaudeCall.tokenUsage(Long.MAX_VALUE, 1, 0, 0)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> ClaudeCall.tokenUsage(Long.MAX_VALUE, 0, 0, 1)).isInstanceOf(ArithmeticException.class);
  }
}
