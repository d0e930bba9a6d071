package dev.wlat.accounting.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wlat.model.Charge;
import dev.wlat.model.PriceBasis;
import dev.wlat.model.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Each rule firing at its threshold and not just below it, with the numbers worked by hand. Unless a
 * test says otherwise, calls have their whole input cached, no reasoning, no window and no price, so
 * that only the rule under test can fire.
 */
class InsightsTests {

  private static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");
  private static final Thresholds DEFAULTS = Thresholds.defaults();
  private static final double EXACT = 1e-12;

  // ---------------------------------------------------------------------------------------------
  // Context bloat
  // ---------------------------------------------------------------------------------------------

  @Test
  void contextBloatCountsTheCallsAtOrAboveTheShareOfTheWindowAndPointsAtTheFullest() {
    List<Call> calls = List.of(
        // 272,000 × 0.60 = 163,200: exactly at the threshold, counted
        windowed("t", "e1", 1, 163_200, 272_000L),
        // 239,360 / 272,000 = 0.88, the fullest
        windowed("t", "e2", 2, 239_360, 272_000L),
        // one token short of 60%: not counted
        windowed("t", "e3", 3, 163_199, 272_000L),
        // no window: not counted however large
        windowed("t", "e4", 4, 250_000, null));

    Insight i = only(InsightKind.CONTEXT_BLOAT, Insights.of(calls, DEFAULTS));

    assertThat(i.threadId()).isEqualTo("t");
    assertThat(i.eventId()).isEqualTo("e2");
    // 163,200 + 239,360 = 402,560
    assertThat(i.tokensAtStake()).isEqualTo(402_560);
    // 0.88 / 0.60 = 22 / 15
    assertThat(i.severity()).isCloseTo(22.0 / 15, within(EXACT));
    // 402,560 × 22 / 15 = 590,421.33…
    assertThat(i.score()).isCloseTo(402_560 * 22.0 / 15, within(1e-6));
    assertThat(i.why()).isEqualTo("2 of 4 calls used at least 60% of the context window; the largest used 88%"
        + " (239,360 of 272,000 tokens).");
    assertThat(i.action()).isEqualTo(InsightKind.CONTEXT_BLOAT.action());
  }

  @Test
  void contextBloatAtExactlyTheThresholdHasSeverityOne() {
    Insight i = only(InsightKind.CONTEXT_BLOAT, Insights.of(List.of(windowed("t", "e1", 1, 163_200, 272_000L)),
        DEFAULTS));

    assertThat(i.severity()).isEqualTo(1.0);
    assertThat(i.score()).isEqualTo(163_200.0);
    assertThat(i.why()).isEqualTo("1 of 1 call used at least 60% of the context window; the largest used 60%"
        + " (163,200 of 272,000 tokens).");
  }

  @Test
  void contextBloatDoesNotFireJustBelowTheShareOrWithoutAWindow() {
    List<Call> calls = List.of(
        windowed("t", "e1", 1, 163_199, 272_000L),
        windowed("t", "e2", 2, 5, 0L),
        windowed("t", "e3", 3, 199_000, null));

    assertThat(kinds(Insights.of(calls, DEFAULTS))).doesNotContain(InsightKind.CONTEXT_BLOAT);
  }

  // ---------------------------------------------------------------------------------------------
  // Cache misses
  // ---------------------------------------------------------------------------------------------

  @Test
  void cacheMissesFireForAThreadJustBelowTheCachedShareWithEnoughUncachedInput() {
    List<Call> calls = List.of(
        call("t", "e1", 1, usage(12_000, 5_999, 100, 0), null, Charge.NONE),
        call("t", "e2", 2, usage(8_000, 0, 100, 0), null, Charge.NONE));

    Insight i = only(InsightKind.CACHE_MISSES, Insights.of(calls, DEFAULTS));

    // cached 5,999 of 20,000 = 0.29995 < 0.30; uncached 6,001 + 8,000 = 14,001 ≥ 10,000
    assertThat(i.eventId()).isNull();
    assertThat(i.tokensAtStake()).isEqualTo(14_001);
    // 0.30 / 0.29995 = 6,000 / 5,999
    assertThat(i.severity()).isCloseTo(6_000.0 / 5_999, within(EXACT));
    // 29.995% reads as 29%, rounded down, so it never reads as the 30% it is below
    assertThat(i.why()).isEqualTo("The cache served 29% of 20,000 input tokens over 2 calls, below 30%;"
        + " 14,001 were uncached.");
  }

  @Test
  void cacheMissesDoNotFireAtExactlyTheCachedShare() {
    // cached 6,000 of 20,000 = 0.30: not below
    List<Call> calls = List.of(call("t", "e1", 1, usage(20_000, 6_000, 100, 0), null, Charge.NONE));

    assertThat(kinds(Insights.of(calls, DEFAULTS))).doesNotContain(InsightKind.CACHE_MISSES);
  }

  @Test
  void cacheMissesNeedAtLeastTheUncachedInput() {
    List<Call> enough = List.of(call("t", "e1", 1, usage(10_000, 0, 100, 0), null, Charge.NONE));
    List<Call> short1 = List.of(call("t", "e1", 1, usage(9_999, 0, 100, 0), null, Charge.NONE));

    Insight i = only(InsightKind.CACHE_MISSES, Insights.of(enough, DEFAULTS));
    // nothing cached: the share is floored at 0.01, 0.30 / 0.01 = 30; 10,000 × 30 = 300,000
    assertThat(i.tokensAtStake()).isEqualTo(10_000);
    assertThat(i.severity()).isCloseTo(30.0, within(EXACT));
    assertThat(i.score()).isCloseTo(300_000.0, within(1e-6));
    assertThat(kinds(Insights.of(short1, DEFAULTS))).doesNotContain(InsightKind.CACHE_MISSES);
  }

  @Test
  void cacheMissSeverityIsAtMostOneHundred() {
    Thresholds t = new Thresholds(1.0, 0.6, 0, 200_000, 0.75, 500, BigDecimal.ONE, 1_000);
    List<Call> calls = List.of(call("t", "e1", 1, usage(50, 0, 1, 0), null, Charge.NONE));

    // 1.0 / 0.01 = 100, the cap
    assertThat(only(InsightKind.CACHE_MISSES, Insights.of(calls, t)).severity()).isCloseTo(100.0, within(EXACT));
  }

  // ---------------------------------------------------------------------------------------------
  // Runaway thread
  // ---------------------------------------------------------------------------------------------

  @Test
  void aThreadReachingTheLargeThreadTokensIsARunawayPointingAtItsLargestCall() {
    List<Call> calls = List.of(
        call("t", "e1", 1, usage(70_000, 70_000, 10_000, 0), null, Charge.NONE),
        call("t", "e2", 2, usage(110_000, 110_000, 10_000, 0), null, Charge.NONE));

    Insight i = only(InsightKind.RUNAWAY_THREAD, Insights.of(calls, DEFAULTS));

    // 80,000 + 120,000 = 200,000: exactly at the threshold
    assertThat(i.eventId()).isEqualTo("e2");
    assertThat(i.tokensAtStake()).isEqualTo(200_000);
    assertThat(i.severity()).isEqualTo(1.0);
    assertThat(i.why()).isEqualTo("2 calls used 200,000 tokens in all, at least the 200,000 of a large thread;"
        + " the largest call used 120,000.");
  }

  @Test
  void aThreadOneTokenShortIsNoRunaway() {
    List<Call> calls = List.of(
        call("t", "e1", 1, usage(70_000, 70_000, 9_999, 0), null, Charge.NONE),
        call("t", "e2", 2, usage(110_000, 110_000, 10_000, 0), null, Charge.NONE));

    assertThat(kinds(Insights.of(calls, DEFAULTS))).doesNotContain(InsightKind.RUNAWAY_THREAD);
  }

  @Test
  void runawaySeverityIsTheTotalOverTheThresholdAndTiesGoToTheEarlierCall() {
    List<Call> calls = List.of(
        call("t", "late", 9, usage(240_000, 240_000, 10_000, 0), null, Charge.NONE),
        call("t", "early", 1, usage(240_000, 240_000, 10_000, 0), null, Charge.NONE));

    Insight i = only(InsightKind.RUNAWAY_THREAD, Insights.of(calls, DEFAULTS));

    // 250,000 × 2 = 500,000; 500,000 / 200,000 = 2.5
    assertThat(i.severity()).isEqualTo(2.5);
    assertThat(i.score()).isEqualTo(1_250_000.0);
    assertThat(i.eventId()).isEqualTo("early");
  }

  // ---------------------------------------------------------------------------------------------
  // Reasoning spike
  // ---------------------------------------------------------------------------------------------

  @Test
  void reasoningSpikeCountsCallsWithEnoughOutputMostlyReasoningAndPointsAtTheHighestShare() {
    List<Call> calls = List.of(
        // 750 / 1,000 = 0.75 with 1,000 output tokens: both at the threshold, counted
        call("t", "a", 1, usage(0, 0, 1_000, 750), null, Charge.NONE),
        // 3,600 / 4,000 = 0.90
        call("t", "b", 2, usage(0, 0, 4_000, 3_600), null, Charge.NONE),
        // all reasoning but 999 output tokens: not counted
        call("t", "c", 3, usage(0, 0, 999, 999), null, Charge.NONE),
        // 1,499 / 2,000 = 0.7495: not counted
        call("t", "d", 4, usage(0, 0, 2_000, 1_499), null, Charge.NONE),
        // 7,200 / 8,000 = 0.90, the same share as b with more reasoning: the one pointed at
        call("t", "e", 5, usage(0, 0, 8_000, 7_200), null, Charge.NONE));

    Insight i = only(InsightKind.REASONING_SPIKE, Insights.of(calls, DEFAULTS));

    assertThat(i.eventId()).isEqualTo("e");
    // 750 + 3,600 + 7,200 = 11,550
    assertThat(i.tokensAtStake()).isEqualTo(11_550);
    // 0.90 / 0.75 = 1.2
    assertThat(i.severity()).isCloseTo(1.2, within(EXACT));
    assertThat(i.why()).isEqualTo("3 of 5 calls wrote at least 1,000 output tokens, at least 75% of them reasoning;"
        + " the highest share was 90% (7,200 of 8,000 output tokens).");
  }

  @Test
  void reasoningSpikeDoesNotFireJustBelowTheShareOrTheOutput() {
    List<Call> calls = List.of(
        call("t", "a", 1, usage(0, 0, 1_000, 749), null, Charge.NONE),
        call("t", "b", 2, usage(0, 0, 999, 999), null, Charge.NONE));

    assertThat(kinds(Insights.of(calls, DEFAULTS))).doesNotContain(InsightKind.REASONING_SPIKE);
  }

  @Test
  void aCallWithoutOutputIsNeverAReasoningSpikeEvenWithNoMinimum() {
    Thresholds t = new Thresholds(0.3, 0.6, 10_000, 200_000, 0.0, 500, BigDecimal.ONE, 0);

    assertThat(kinds(Insights.of(List.of(call("t", "a", 1, usage(0, 0, 0, 0), null, Charge.NONE)), t)))
        .doesNotContain(InsightKind.REASONING_SPIKE);
  }

  // ---------------------------------------------------------------------------------------------
  // Expensive, low output
  // ---------------------------------------------------------------------------------------------

  @Test
  void expensiveLowOutputCountsPricedCallsAtTheCostThatWroteLittleAndPointsAtTheCostliest() {
    List<Call> calls = List.of(
        // exactly $1.00 and one token under 500: counted
        call("t", "a", 1, usage(100_000, 100_000, 499, 0), null, usd("1.00")),
        call("t", "b", 2, usage(120_000, 120_000, 80, 0), null, usd("1.40")),
        // a cent short: not counted
        call("t", "c", 3, usage(90_000, 90_000, 10, 0), null, usd("0.99")),
        // 500 output tokens is not fewer than 500: not counted
        call("t", "d", 4, usage(300_000, 300_000, 500, 0), null, usd("5.00")),
        // unpriced: never counted
        call("t", "e", 5, usage(300_000, 300_000, 10, 0), null, Charge.unpriced(300_010)));

    Insight i = only(InsightKind.EXPENSIVE_LOW_OUTPUT, Insights.of(calls, DEFAULTS));

    assertThat(i.eventId()).isEqualTo("b");
    // 100,000 + 120,000 = 220,000
    assertThat(i.tokensAtStake()).isEqualTo(220_000);
    // $1.40 / $1.00 = 1.4; 220,000 × 1.4 = 308,000
    assertThat(i.severity()).isCloseTo(1.4, within(EXACT));
    assertThat(i.score()).isCloseTo(308_000.0, within(1e-6));
    assertThat(i.why()).isEqualTo("2 of 5 calls cost at least $1.00 but wrote fewer than 500 output tokens;"
        + " the costliest cost $1.40 for 120,000 input and 80 output tokens.");
  }

  @Test
  void expensiveLowOutputDoesNotFireJustBelowTheCostOrAtTheOutput() {
    List<Call> calls = List.of(
        call("t", "a", 1, usage(100_000, 100_000, 10, 0), null, usd("0.99")),
        call("t", "b", 2, usage(100_000, 100_000, 500, 0), null, usd("3.00")));

    assertThat(kinds(Insights.of(calls, DEFAULTS))).doesNotContain(InsightKind.EXPENSIVE_LOW_OUTPUT);
  }

  // ---------------------------------------------------------------------------------------------
  // Ranking and shape
  // ---------------------------------------------------------------------------------------------

  @Test
  void insightsRankByScoreThenKindThenThreadId() {
    Thresholds t = new Thresholds(0.3, 0.5, 10_000, 200_000, 0.75, 500, BigDecimal.ONE, 1_000);
    List<Call> calls = List.of(
        // thread c: 200,000 / 400,000 = 0.5 of the window (severity 1, score 200,000), and 200,000 in all
        // (severity 1, score 200,000)
        call("c", "c1", 1, usage(200_000, 200_000, 0, 0), 400_000L, Charge.NONE),
        // thread z: 400,000 in all, severity 2, score 800,000
        call("z", "z1", 2, usage(390_000, 390_000, 10_000, 0), null, Charge.NONE),
        // thread a: 200,000 in all, score 200,000
        call("a", "a1", 3, usage(190_000, 190_000, 10_000, 0), null, Charge.NONE));

    List<Insight> insights = Insights.of(calls, t);

    assertThat(insights).extracting(i -> i.threadId() + " " + i.kind().label() + " " + (long) i.score())
        .containsExactly(
            "z runaway_thread 800000",
            "c context_bloat 200000",
            "a runaway_thread 200000",
            "c runaway_thread 200000");
  }

  @Test
  void quietThreadsAndNoCallsGiveNoInsights() {
    assertThat(Insights.of(List.of(), DEFAULTS)).isEmpty();
    assertThat(Insights.of(List.of(call("t", "e1", 1, usage(5_000, 4_000, 300, 100), 272_000L, usd("0.02"))),
        DEFAULTS)).isEmpty();
  }

  @Test
  void aZeroThresholdFiresWithSeverityOne() {
    Thresholds t = new Thresholds(0.3, 0.6, 10_000, 0, 0.75, 500, BigDecimal.ONE, 1_000);

    Insight i = only(InsightKind.RUNAWAY_THREAD,
        Insights.of(List.of(call("t", "e1", 1, usage(10, 10, 5, 0), null, Charge.NONE)), t));

    // 15 tokens, nothing to divide by: severity 1, score 15
    assertThat(i.severity()).isEqualTo(1.0);
    assertThat(i.score()).isEqualTo(15.0);
  }

  @Test
  void theWhyHoldsNumbersOnlyNeverTheModelOrTheIds() {
    // the first call bloats, misses the cache, costs much for little output and makes the thread a runaway;
    // the second is all reasoning
    List<Call> calls = List.of(
        new Call("thread-secret-id", "event-secret-1", T0, "gpt-5-codex", usage(250_000, 0, 10, 0), 272_000L,
            usd("2.00")),
        new Call("thread-secret-id", "event-secret-2", T0, "gpt-5-codex", usage(0, 0, 2_000, 2_000), null,
            Charge.NONE));

    List<Insight> insights = Insights.of(calls, DEFAULTS);

    assertThat(kinds(insights)).containsExactlyInAnyOrder(InsightKind.values());
    assertThat(insights).allSatisfy(i -> assertThat(i.why())
        .doesNotContain("secret").doesNotContain("gpt").matches("[A-Za-z0-9 ,.;%$()]+"));
  }

  // ---------------------------------------------------------------------------------------------
  // Figures
  // ---------------------------------------------------------------------------------------------

  @Test
  void contextUseIsTheInputOverTheWindowAndEmptyWithoutOne() {
    assertThat(Insights.contextUse(windowed("t", "e", 1, 68_000, 272_000L))).isEqualTo(OptionalDouble.of(0.25));
    assertThat(Insights.contextUse(windowed("t", "e", 1, 68_000, 0L))).isEmpty();
    assertThat(Insights.contextUse(windowed("t", "e", 1, 68_000, null))).isEmpty();
  }

  @Test
  void cacheAndReasoningRatiosAreSharesAndZeroWithNothingToShare() {
    assertThat(Insights.cacheRatio(usage(400, 100, 0, 0))).isEqualTo(0.25);
    assertThat(Insights.cacheRatio(TokenUsage.ZERO)).isZero();
    assertThat(Insights.reasoningRatio(usage(0, 0, 800, 600))).isEqualTo(0.75);
    assertThat(Insights.reasoningRatio(TokenUsage.ZERO)).isZero();
  }

  @Test
  void usageAndChargeSumOverCalls() {
    List<Call> calls = List.of(
        call("t", "a", 1, usage(100, 40, 10, 5), null, usd("0.25")),
        call("t", "b", 2, usage(300, 60, 20, 0), null, Charge.unpriced(320)));

    // 100 + 300 = 400 input, 40 + 60 = 100 cached, 10 + 20 = 30 output, 5 reasoning, 110 + 320 = 430 total
    assertThat(Insights.usage(calls)).isEqualTo(usage(400, 100, 30, 5));
    assertThat(Insights.usd(calls)).isEqualTo(new Charge(new BigDecimal("0.25"), PriceBasis.UNPRICED, 320));
  }

  @Test
  void kindsHaveStableLabels() {
    assertThat(List.of(InsightKind.values())).extracting(InsightKind::label).containsExactly(
        "context_bloat", "cache_misses", "runaway_thread", "reasoning_spike", "expensive_low_output");
  }

  @Test
  void anInsightRejectsASeverityBelowOne() {
    assertThatThrownBy(() -> Insight.of(InsightKind.RUNAWAY_THREAD, "t", null, 10, 0.5, "x."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("severity must be finite and at least 1, was [0.5]");
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  /** A usage whose total is its input plus output, as Codex writes it. */
  static TokenUsage usage(long input, long cached, long output, long reasoning) {
    return TokenUsage.of(input, cached, output, reasoning, input + output);
  }

  static Call call(String thread, String event, int minute, TokenUsage delta, Long window, Charge usd) {
    return new Call(thread, event, T0.plusSeconds(60L * minute), "gpt-5-codex", delta, window, usd);
  }

  /** A call whose input, all cached, fills {@code input} of {@code window}, with 100 output tokens. */
  private static Call windowed(String thread, String event, int minute, long input, Long window) {
    return call(thread, event, minute, usage(input, input, 100, 0), window, Charge.NONE);
  }

  private static Charge usd(String amount) {
    return Charge.priced(new BigDecimal(amount), PriceBasis.LISTED);
  }

  private static List<InsightKind> kinds(List<Insight> insights) {
    return insights.stream().map(Insight::kind).toList();
  }

  private static Insight only(InsightKind kind, List<Insight> insights) {
    List<Insight> of = new ArrayList<>(insights.stream().filter(i -> i.kind() == kind).toList());
    assertThat(of).as("insights of kind " + kind).hasSize(1);
    return of.get(0);
  }
}
