package dev.wlat.accounting.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.model.Charge;
import dev.wlat.model.PriceBasis;
import dev.wlat.model.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Invariants of {@link Insights} over random calls of up to four threads. The figures straddle the
 * default thresholds (windows of 272,000 tokens, inputs up to 300,000, outputs up to 3,000, costs up to
 * $3.00), half the time drawn from a few values at the thresholds so that calls often tie, and every
 * rule fires in some examples and not in others; the thresholds are the defaults or drawn at random,
 * zeros included.
 */
class InsightsPropertiesTests {

  private static final int EXAMPLES = 300;
  private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
  /** Figures at and around the default thresholds, drawn half the time so that calls often tie. */
  private static final long[] INPUTS = {0, 9_999, 10_000, 163_199, 163_200, 200_000, 272_000};
  private static final long[] OUTPUTS = {0, 499, 500, 999, 1_000, 2_000};

  @Test
  void insightsMentionOnlyInputThreadsAndCallsAndScoreAtLeastTheirTokens() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      List<Call> calls = calls(r);
      List<Insight> insights = Insights.of(calls, thresholds(r));

      Set<String> threads = calls.stream().map(Call::threadId).collect(Collectors.toSet());
      Set<String> events = calls.stream().map(c -> c.threadId() + "/" + c.eventId()).collect(Collectors.toSet());
      Set<String> seen = new HashSet<>();
      for (Insight i : insights) {
        assertThat(threads).contains(i.threadId());
        if (i.eventId() != null) {
          assertThat(events).contains(i.threadId() + "/" + i.eventId());
        }
        assertThat(i.severity()).isGreaterThanOrEqualTo(1.0);
        assertThat(i.score()).isGreaterThanOrEqualTo(i.tokensAtStake());
        assertThat(seen.add(i.threadId() + "/" + i.kind())).as("one insight per thread and kind").isTrue();
        assertThat(i.action()).isEqualTo(i.kind().action());
      }
      for (int k = 1; k < insights.size(); k++) {
        assertThat(insights.get(k - 1).score()).isGreaterThanOrEqualTo(insights.get(k).score());
      }
    });
  }

  @Test
  void theOrderOfTheCallsNeverChangesTheInsights() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      List<Call> calls = calls(r);
      Thresholds t = thresholds(r);
      List<Call> shuffled = new ArrayList<>(calls);
      Collections.shuffle(shuffled, r);

      assertThat(Insights.of(shuffled, t)).isEqualTo(Insights.of(calls, t));
    });
  }

  private static List<Call> calls(Random r) {
    int threads = 1 + r.nextInt(4);
    int n = r.nextInt(13);
    List<Call> calls = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      long input = r.nextBoolean() ? pick(r, INPUTS) : r.nextInt(300_001);
      long cached = r.nextBoolean() ? input : (long) (input * r.nextDouble());
      long output = r.nextBoolean() ? pick(r, OUTPUTS) : r.nextInt(3_001);
      long reasoning = r.nextBoolean() ? output : (long) (output * r.nextDouble());
      Long window = switch (r.nextInt(3)) {
        case 0 -> null;
        case 1 -> 0L;
        default -> 272_000L;
      };
      Charge usd = switch (r.nextInt(3)) {
        case 0 -> Charge.NONE;
        case 1 -> Charge.unpriced(input + output);
        default -> Charge.priced(BigDecimal.valueOf(r.nextInt(301), 2), PriceBasis.LISTED);
      };
      // few distinct instants, so that ties between calls are common
      calls.add(new Call("t" + r.nextInt(threads), "e" + k, T0.plusSeconds(r.nextInt(4)), "gpt-5-codex",
          TokenUsage.of(input, cached, output, reasoning, input + output), window, usd));
    }
    return calls;
  }

  private static long pick(Random r, long[] values) {
    return values[r.nextInt(values.length)];
  }

  private static Thresholds thresholds(Random r) {
    if (r.nextBoolean()) {
      return Thresholds.defaults();
    }
    return new Thresholds(r.nextInt(101) / 100.0, r.nextInt(101) / 100.0, r.nextInt(20_001),
        r.nextInt(400_001), r.nextInt(101) / 100.0, r.nextInt(1_001), BigDecimal.valueOf(r.nextInt(301), 2),
        r.nextInt(2_001));
  }
}
