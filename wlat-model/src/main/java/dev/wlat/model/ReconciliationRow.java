package dev.wlat.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The views of one aggregate (a session, thread, day, week, month or the whole window) side by
 * side, restricted to the rows inside a time window, with the factors by which naive views inflate.
 *
 * <p>Deltas, observed sums and per-turn views add up row by row, so for every window the sum over
 * days equals the sum over weeks, months, sessions and threads, and the total. Final cumulative
 * totals are allocated to the period (and segment) of the row where the maximum was reached, so
 * they add up the same way.
 *
 * @param grain the level of aggregation
 * @param key the segment id, thread id, {@code 2026-02-23}, {@code 2026-W09}, {@code 2026-02} or
 *     {@code total}
 * @param threadId the thread of a session or thread row, else {@code null}
 * @param periodStart start of a day, week or month (inclusive), of the window for the total (or
 *     the first row's time when unbounded), or the first row's time of a session or thread
 * @param periodEnd end of a day, week or month (exclusive), of the window for the total (or the
 *     last row's time when unbounded), or the last row's time of a session or thread
 * @param tokenEventCount raw rows in the aggregate
 * @param observedEventSumTokens sum of {@code last.totalTokens} over those rows
 * @param finalSessionTotalTokens sum of per-segment maxima of the cumulative total
 * @param finalThreadTotalTokens sum of per-thread maxima of the cumulative total
 * @param delta the positive deltas of the cumulative totals
 * @param uniqueLastPerSessionTurnTokens per-turn estimate keyed by (segment, turn, last usage)
 * @param uniqueLastPerThreadTurnTokens per-turn estimate keyed by (thread, turn, last usage)
 * @param dedupedTurnTokens sum of last usage over non-repeated, non-replayed, counted rows
 * @param cumulativeResetCount rows whose cumulative total dropped
 * @param warnings the union of the rows' warnings, in label order
 */
public record ReconciliationRow(
    Grain grain,
    String key,
    String threadId,
    Instant periodStart,
    Instant periodEnd,
    long tokenEventCount,
    long observedEventSumTokens,
    long finalSessionTotalTokens,
    long finalThreadTotalTokens,
    TokenUsage delta,
    long uniqueLastPerSessionTurnTokens,
    long uniqueLastPerThreadTurnTokens,
    long dedupedTurnTokens,
    long cumulativeResetCount,
    Set<AccountingWarning> warnings) {

  public ReconciliationRow {
    Objects.requireNonNull(grain, "grain");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(delta, "delta");
    long[] all = {tokenEventCount, observedEventSumTokens, finalSessionTotalTokens,
        finalThreadTotalTokens, uniqueLastPerSessionTurnTokens, uniqueLastPerThreadTurnTokens,
        dedupedTurnTokens, cumulativeResetCount};
    for (long v : all) {
      if (v < 0) {
        throw new IllegalArgumentException(
            grain.label() + " row [" + key + "] has a negative count [" + v + "]");
      }
    }
    warnings = AccountingWarning.setOf(warnings);
  }

  /** {@return {@code cumulative_delta_tokens}}. */
  public long cumulativeDeltaTokens() {
    return delta.totalTokens();
  }

  /** {@return {@code delta_input_tokens}}. */
  public long deltaInputTokens() {
    return delta.inputTokens();
  }

  /** {@return {@code delta_cached_input_tokens}}. */
  public long deltaCachedInputTokens() {
    return delta.cachedInputTokens();
  }

  /** {@return {@code delta_output_tokens}}. */
  public long deltaOutputTokens() {
    return delta.outputTokens();
  }

  /** {@return {@code delta_reasoning_output_tokens}}. */
  public long deltaReasoningOutputTokens() {
    return delta.reasoningOutputTokens();
  }

  /** {@return the deprecated {@code unique_last_per_turn_tokens}: the per-session value}. */
  public long uniqueLastPerTurnTokens() {
    return uniqueLastPerSessionTurnTokens;
  }

  /**
   * {@return {@code inflation_factor_current_vs_delta}: observed over delta, or {@code null} when
   * the delta is 0}.
   */
  public Double inflationFactorCurrentVsDelta() {
    return ratio(observedEventSumTokens, delta.totalTokens());
  }

  /**
   * {@return {@code inflation_factor_current_vs_max_cumulative}: observed over
   * {@link #finalSessionTotalTokens()}, or {@code null} when that is 0}.
   */
  public Double inflationFactorCurrentVsMaxCumulative() {
    return ratio(observedEventSumTokens, finalSessionTotalTokens);
  }

  private static Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }
}
