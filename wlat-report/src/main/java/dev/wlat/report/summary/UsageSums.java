package dev.wlat.report.summary;

import dev.wlat.model.Charge;
import dev.wlat.model.TokenUsage;
import java.util.Objects;

/**
 * The figures of a set of accounted token rows inside a report's window: a thread's, a day's, a
 * repository's or the whole window's. Every field adds up row by row, so the sums over any partition
 * of the rows (days, weeks, months, threads) equal the window's.
 *
 * @param tokenEventCount token rows
 * @param observedEventSumTokens Σ {@code observed_event_sum_tokens}: what a naive sum reports
 * @param delta Σ of the delta fields; {@code delta.totalTokens()} is {@code cumulative_delta_tokens}
 * @param dedupedTurnTokens Σ {@code deduped_turn_tokens}
 * @param uniqueLastPerSessionTurnTokens Σ {@code unique_last_per_session_turn_tokens}
 * @param uniqueLastPerThreadTurnTokens Σ {@code unique_last_per_thread_turn_tokens}
 * @param cumulativeResetCount rows whose cumulative total dropped
 * @param boundaryUncertainEventCount rows flagged {@code boundary_uncertain}
 * @param boundaryUncertainTokens their {@code cumulative_delta_tokens}
 * @param usd the rows' cost in US dollars ({@link Charge#NONE} when the data has no cost columns)
 * @param credits their cost in Codex credits
 */
public record UsageSums(
    long tokenEventCount,
    long observedEventSumTokens,
    TokenUsage delta,
    long dedupedTurnTokens,
    long uniqueLastPerSessionTurnTokens,
    long uniqueLastPerThreadTurnTokens,
    long cumulativeResetCount,
    long boundaryUncertainEventCount,
    long boundaryUncertainTokens,
    Charge usd,
    Charge credits) {

  /** The figures of no rows. */
  public static final UsageSums ZERO = new UsageSums(0, 0, TokenUsage.ZERO, 0, 0, 0, 0, 0, 0, Charge.NONE, Charge.NONE);

  public UsageSums {
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(usd, "usd");
    Objects.requireNonNull(credits, "credits");
    long[] all = {tokenEventCount, observedEventSumTokens, dedupedTurnTokens, uniqueLastPerSessionTurnTokens,
        uniqueLastPerThreadTurnTokens, cumulativeResetCount, boundaryUncertainEventCount, boundaryUncertainTokens};
    for (long v : all) {
      if (v < 0) {
        throw new IllegalArgumentException("usage sums must not be negative, got [" + v + "]");
      }
    }
  }

  /** {@return {@code cumulative_delta_tokens}}. */
  public long cumulativeDeltaTokens() {
    return delta.totalTokens();
  }

  /** {@return the sums of both}. */
  public UsageSums plus(UsageSums o) {
    return new UsageSums(Math.addExact(tokenEventCount, o.tokenEventCount),
        Math.addExact(observedEventSumTokens, o.observedEventSumTokens), delta.plus(o.delta),
        Math.addExact(dedupedTurnTokens, o.dedupedTurnTokens),
        Math.addExact(uniqueLastPerSessionTurnTokens, o.uniqueLastPerSessionTurnTokens),
        Math.addExact(uniqueLastPerThreadTurnTokens, o.uniqueLastPerThreadTurnTokens),
        Math.addExact(cumulativeResetCount, o.cumulativeResetCount),
        Math.addExact(boundaryUncertainEventCount, o.boundaryUncertainEventCount),
        Math.addExact(boundaryUncertainTokens, o.boundaryUncertainTokens), usd.plus(o.usd), credits.plus(o.credits));
  }

  /** {@return observed over delta, {@code inflation_factor_current_vs_delta}, or {@code null} when the delta is 0}. */
  public Double inflationFactor() {
    return delta.totalTokens() == 0 ? null : (double) observedEventSumTokens / delta.totalTokens();
  }

  /** {@return cached input over input (0 when there is no input)}. */
  public double cacheRatio() {
    return delta.inputTokens() == 0 ? 0 : (double) delta.cachedInputTokens() / delta.inputTokens();
  }
}
