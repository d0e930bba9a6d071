package dev.wlat.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class TokenUsageTests {

  static Gen<TokenUsage> usages() {
    Gen<Long> small = longs().between(0, 1L << 40);
    return small.zip(small, small, small, (a, b, c, d) -> TokenUsage.of(a + b, b, c + d, d, a + b + c + d));
  }

  @Test
  void zeroIsTheIdentityOfPlus() {
    qt().forAll(usages()).checkAssert(u -> {
      assertThat(u.plus(TokenUsage.ZERO)).isEqualTo(u);
      assertThat(TokenUsage.ZERO.plus(u)).isEqualTo(u);
    });
  }

  @Test
  void plusIsCommutativeAndAssociative() {
    qt().forAll(usages(), usages(), usages()).checkAssert((a, b, c) -> {
      assertThat(a.plus(b)).isEqualTo(b.plus(a));
      assertThat(a.plus(b).plus(c)).isEqualTo(a.plus(b.plus(c)));
    });
  }

  @Test
  void deltaOfAGrowingCumulativeAddsBackUpToIt() {
    qt().forAll(usages(), usages()).checkAssert((before, growth) -> {
      TokenUsage after = before.plus(growth);
      assertThat(after.deltaSince(before)).isEqualTo(growth);
    });
  }

  @Test
  void repeatedCumulativeTotalsGiveZeroDelta() {
    TokenUsage t = TokenUsage.of(14812, 7296, 175, 64, 14987);
    assertThat(t.deltaSince(t)).isEqualTo(TokenUsage.ZERO);
  }

  @Test
  void aDropStartsANewBaselineAtZeroInsteadOfNegativeUsage() {
    TokenUsage before = TokenUsage.of(1000, 800, 50, 10, 1050);
    TokenUsage after = TokenUsage.of(300, 100, 20, 5, 320);

    assertThat(after.dropsBelow(before)).isTrue();
    assertThat(after.deltaSince(before)).isEqualTo(after);
  }

  @Test
  void uncachedInputIsInputMinusCachedBecauseInputIncludesCached() {
    TokenUsage u = TokenUsage.of(22474, 14848, 300, 128, 22774);
    assertThat(u.uncachedInputTokens()).isEqualTo(7626);
    assertThat(u.nonReasoningOutputTokens()).isEqualTo(172);
  }

  @Test
  void negativeFieldsAreRejectedNamingTheField() {
    assertThatThrownBy(() -> TokenUsage.of(1, -2, 0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cached_input_tokens must not be negative, was [-2]");
  }

  @Test
  void overflowFailsLoudlyInsteadOfSaturating() {
    TokenUsage big = TokenUsage.of(Long.MAX_VALUE, 0, 0, 0, Long.MAX_VALUE);
    assertThatThrownBy(() -> big.plus(TokenUsage.of(1, 0, 0, 0, 1))).isInstanceOf(ArithmeticException.class);
  }
}
