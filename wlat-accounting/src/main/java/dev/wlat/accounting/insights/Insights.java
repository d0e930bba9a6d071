package dev.wlat.accounting.insights;

import dev.wlat.model.Charge;
import dev.wlat.model.TokenUsage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Finds the threads and calls that spent tokens in avoidable ways, and ranks them.
 *
 * <p>Calls are grouped by thread; each thread gets at most one insight of each kind. A rule's
 * {@code severity} is its measure divided by its threshold, at least 1 (a zero threshold has nothing
 * to measure against, so its severity is 1); the {@code score}, {@code tokensAtStake × severity},
 * ranks the insights, highest first, then by kind and thread id. The rules, with {@code t} the
 * {@link Thresholds}:
 *
 * <ul>
 *   <li>{@link InsightKind#CONTEXT_BLOAT}: the calls with a context window above 0 whose input is at
 *       least {@code t.highContextUse} of it. At stake: their input tokens; severity: the highest
 *       use over the threshold; the call: the one with the highest use.
 *   <li>{@link InsightKind#CACHE_MISSES}: a thread with input whose cached share of input is below
 *       {@code t.lowCacheRatio} and whose uncached input is at least {@code t.highUncachedInput}.
 *       At stake: the uncached input; severity: {@code t.lowCacheRatio / max(share, 0.01)}, at most
 *       100; no call, the whole thread is meant.
 *   <li>{@link InsightKind#RUNAWAY_THREAD}: a thread whose calls used at least
 *       {@code t.largeThreadTokens} in all. At stake: that total; severity: the total over the
 *       threshold; the call: the largest.
 *   <li>{@link InsightKind#REASONING_SPIKE}: the calls with at least {@code t.minReasoningOutput}
 *       output tokens (and at least one) whose reasoning is at least {@code t.reasoningRatio} of the
 *       output. At stake: their reasoning tokens; severity: the highest share over the threshold;
 *       the call: the one with the highest share, then the most reasoning tokens.
 *   <li>{@link InsightKind#EXPENSIVE_LOW_OUTPUT}: the priced calls costing at least
 *       {@code t.highCostUsd} that wrote fewer than {@code t.lowOutputTokens} output tokens. At
 *       stake: their input tokens; severity: the highest cost over the threshold; the call: the
 *       costliest.
 * </ul>
 *
 * <p>Comparisons against thresholds are exact ({@code input ≥ ratio × window} in decimals, never a
 * rounded quotient); token sums use {@link Math#addExact}. Any remaining tie between calls goes to
 * the earliest (by time, then event id, then the figures), so the result does not depend on the order
 * of the calls.
 */
public final class Insights {

  /** The cache share below which cache-miss severity stops growing: it is at most 1 / 0.01 = 100. */
  private static final double CACHE_RATIO_FLOOR = 0.01;
  private static final double MAX_CACHE_SEVERITY = 100;

  /** A total order of the calls of a thread: earliest first; the figures decide among equal ids. */
  private static final Comparator<Call> ORDER = Comparator.comparing(Call::at)
      .thenComparing(Call::eventId)
      .thenComparing(Call::model, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparingLong(c -> c.delta().inputTokens())
      .thenComparingLong(c -> c.delta().cachedInputTokens())
      .thenComparingLong(c -> c.delta().outputTokens())
      .thenComparingLong(c -> c.delta().reasoningOutputTokens())
      .thenComparingLong(c -> c.delta().totalTokens())
      .thenComparingLong(c -> c.delta().cacheWriteInputTokens())
      .thenComparing(Call::contextWindow, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(c -> c.usd().amount(), Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(c -> c.usd().basis(), Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparingLong(c -> c.usd().unpricedTokens());

  private static final Comparator<Insight> RANKING = Comparator.comparingDouble(Insight::score).reversed()
      .thenComparing(Insight::kind)
      .thenComparing(Insight::threadId);

  private Insights() {}

  /**
   * {@return the insights into {@code calls} past the thresholds {@code t}, highest score first}.
   *
   * @throws ArithmeticException if a thread's token sum overflows a {@code long}
   */
  public static List<Insight> of(List<Call> calls, Thresholds t) {
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(t, "t");
    Map<String, List<Call>> byThread = new LinkedHashMap<>();
    for (Call c : calls) {
      byThread.computeIfAbsent(c.threadId(), k -> new ArrayList<>()).add(c);
    }
    List<Insight> insights = new ArrayList<>();
    for (Map.Entry<String, List<Call>> e : byThread.entrySet()) {
      List<Call> thread = new ArrayList<>(e.getValue());
      thread.sort(ORDER);
      String id = e.getKey();
      contextBloat(id, thread, t).ifPresent(insights::add);
      cacheMisses(id, thread, t).ifPresent(insights::add);
      runawayThread(id, thread, t).ifPresent(insights::add);
      reasoningSpike(id, thread, t).ifPresent(insights::add);
      expensiveLowOutput(id, thread, t).ifPresent(insights::add);
    }
    insights.sort(RANKING);
    return List.copyOf(insights);
  }

  // ---------------------------------------------------------------------------------------------
  // Figures
  // ---------------------------------------------------------------------------------------------

  /** {@return the share of its context window that {@code c}'s input filled}, empty without a window above 0. */
  public static OptionalDouble contextUse(Call c) {
    Long window = c.contextWindow();
    if (window == null || window == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((double) c.delta().inputTokens() / window);
  }

  /** {@return the cached share of {@code u}'s input}, 0 when there was no input. */
  public static double cacheRatio(TokenUsage u) {
    return u.inputTokens() == 0 ? 0 : (double) u.cachedInputTokens() / u.inputTokens();
  }

  /** {@return the reasoning share of {@code u}'s output}, 0 when there was no output. */
  public static double reasoningRatio(TokenUsage u) {
    return u.outputTokens() == 0 ? 0 : (double) u.reasoningOutputTokens() / u.outputTokens();
  }

  /** {@return the sum of the deltas of {@code calls}}, exactly. */
  public static TokenUsage usage(List<Call> calls) {
    TokenUsage sum = TokenUsage.ZERO;
    for (Call c : calls) {
      sum = sum.plus(c.delta());
    }
    return sum;
  }

  /** {@return the sum of the charges of {@code calls}}, exactly. */
  public static Charge usd(List<Call> calls) {
    Charge sum = Charge.NONE;
    for (Call c : calls) {
      sum = sum.plus(c.usd());
    }
    return sum;
  }

  // ---------------------------------------------------------------------------------------------
  // Rules
  // ---------------------------------------------------------------------------------------------

  private static Optional<Insight> contextBloat(String threadId, List<Call> calls, Thresholds t) {
    int hits = 0;
    long stake = 0;
    Call worst = null;
    for (Call c : calls) {
      Long window = c.contextWindow();
      long input = c.delta().inputTokens();
      if (window == null || window == 0 || !atLeast(input, window, t.highContextUse())) {
        continue;
      }
      hits++;
      stake = Math.addExact(stake, input);
      if (worst == null || compareFractions(input, window, worst.delta().inputTokens(), worst.contextWindow()) > 0) {
        worst = c;
      }
    }
    if (worst == null) {
      return Optional.empty();
    }
    long input = worst.delta().inputTokens();
    long window = worst.contextWindow();
    String why = Wording.tokens(hits) + " of " + Wording.calls(calls.size()) + " used at least "
        + Wording.percent(t.highContextUse()) + " of the context window; the largest used "
        + Wording.percent(input, window) + " (" + Wording.tokens(input) + " of " + Wording.tokens(window)
        + " tokens).";
    return Optional.of(Insight.of(InsightKind.CONTEXT_BLOAT, threadId, worst.eventId(), stake,
        severity((double) input / window, t.highContextUse()), why));
  }

  private static Optional<Insight> cacheMisses(String threadId, List<Call> calls, Thresholds t) {
    long input = 0;
    long cached = 0;
    long uncached = 0;
    for (Call c : calls) {
      input = Math.addExact(input, c.delta().inputTokens());
      cached = Math.addExact(cached, c.delta().cachedInputTokens());
      uncached = Math.addExact(uncached, c.delta().uncachedInputTokens());
    }
    if (input == 0 || atLeast(cached, input, t.lowCacheRatio()) || uncached < t.highUncachedInput()) {
      return Optional.empty();
    }
    double ratio = (double) cached / input;
    double severity = Math.min(MAX_CACHE_SEVERITY, t.lowCacheRatio() / Math.max(ratio, CACHE_RATIO_FLOOR));
    String why = "The cache served " + Wording.percent(cached, input) + " of " + Wording.tokens(input)
        + " input tokens over " + Wording.calls(calls.size()) + ", below " + Wording.percent(t.lowCacheRatio())
        + "; " + Wording.tokens(uncached) + " were uncached.";
    return Optional.of(Insight.of(InsightKind.CACHE_MISSES, threadId, null, uncached, Math.max(1, severity), why));
  }

  private static Optional<Insight> runawayThread(String threadId, List<Call> calls, Thresholds t) {
    long total = 0;
    Call largest = null;
    for (Call c : calls) {
      total = Math.addExact(total, c.delta().totalTokens());
      if (largest == null || c.delta().totalTokens() > largest.delta().totalTokens()) {
        largest = c;
      }
    }
    if (largest == null || total < t.largeThreadTokens()) {
      return Optional.empty();
    }
    String why = Wording.calls(calls.size()) + " used " + Wording.tokens(total) + " tokens in all, at least the "
        + Wording.tokens(t.largeThreadTokens()) + " of a large thread; the largest call used "
        + Wording.tokens(largest.delta().totalTokens()) + ".";
    return Optional.of(Insight.of(InsightKind.RUNAWAY_THREAD, threadId, largest.eventId(), total,
        severity(total, t.largeThreadTokens()), why));
  }

  private static Optional<Insight> reasoningSpike(String threadId, List<Call> calls, Thresholds t) {
    int hits = 0;
    long stake = 0;
    Call worst = null;
    for (Call c : calls) {
      long output = c.delta().outputTokens();
      long reasoning = c.delta().reasoningOutputTokens();
      if (output == 0 || output < t.minReasoningOutput() || !atLeast(reasoning, output, t.reasoningRatio())) {
        continue;
      }
      hits++;
      stake = Math.addExact(stake, reasoning);
      if (worst == null) {
        worst = c;
        continue;
      }
      int share = compareFractions(reasoning, output, worst.delta().reasoningOutputTokens(),
          worst.delta().outputTokens());
      if (share > 0 || share == 0 && reasoning > worst.delta().reasoningOutputTokens()) {
        worst = c;
      }
    }
    if (worst == null) {
      return Optional.empty();
    }
    long output = worst.delta().outputTokens();
    long reasoning = worst.delta().reasoningOutputTokens();
    String why = Wording.tokens(hits) + " of " + Wording.calls(calls.size()) + " wrote at least "
        + Wording.tokens(t.minReasoningOutput()) + " output tokens, at least " + Wording.percent(t.reasoningRatio())
        + " of them reasoning; the highest share was " + Wording.percent(reasoning, output) + " ("
        + Wording.tokens(reasoning) + " of " + Wording.tokens(output) + " output tokens).";
    return Optional.of(Insight.of(InsightKind.REASONING_SPIKE, threadId, worst.eventId(), stake,
        severity((double) reasoning / output, t.reasoningRatio()), why));
  }

  private static Optional<Insight> expensiveLowOutput(String threadId, List<Call> calls, Thresholds t) {
    int hits = 0;
    long stake = 0;
    Call costliest = null;
    for (Call c : calls) {
      BigDecimal cost = c.usd().amount();
      if (cost == null || cost.compareTo(t.highCostUsd()) < 0 || c.delta().outputTokens() >= t.lowOutputTokens()) {
        continue;
      }
      hits++;
      stake = Math.addExact(stake, c.delta().inputTokens());
      if (costliest == null || cost.compareTo(costliest.usd().amount()) > 0) {
        costliest = c;
      }
    }
    if (costliest == null) {
      return Optional.empty();
    }
    BigDecimal cost = costliest.usd().amount();
    double severity = t.highCostUsd().signum() == 0 ? 1
        : Math.max(1, cost.divide(t.highCostUsd(), MathContext.DECIMAL64).doubleValue());
    String why = Wording.tokens(hits) + " of " + Wording.calls(calls.size()) + " cost at least "
        + Wording.usd(t.highCostUsd()) + " but wrote fewer than " + Wording.tokens(t.lowOutputTokens())
        + " output tokens; the costliest cost " + Wording.usd(cost) + " for "
        + Wording.tokens(costliest.delta().inputTokens()) + " input and "
        + Wording.tokens(costliest.delta().outputTokens()) + " output tokens.";
    return Optional.of(Insight.of(InsightKind.EXPENSIVE_LOW_OUTPUT, threadId, costliest.eventId(), stake, severity,
        why));
  }

  // ---------------------------------------------------------------------------------------------
  // Arithmetic
  // ---------------------------------------------------------------------------------------------

  /** {@return true when {@code num ≥ ratio × den}, exactly in decimals}. */
  private static boolean atLeast(long num, long den, double ratio) {
    return BigDecimal.valueOf(num).compareTo(BigDecimal.valueOf(ratio).multiply(BigDecimal.valueOf(den))) >= 0;
  }

  /** {@return the sign of {@code a / b − c / d}, exactly; both denominators are positive}. */
  private static int compareFractions(long a, long b, long c, long d) {
    return BigInteger.valueOf(a).multiply(BigInteger.valueOf(d))
        .compareTo(BigInteger.valueOf(c).multiply(BigInteger.valueOf(b)));
  }

  /** {@return {@code measure / threshold}, at least 1; 1 for a zero threshold}. */
  private static double severity(double measure, double threshold) {
    return threshold > 0 ? Math.max(1, measure / threshold) : 1;
  }
}
