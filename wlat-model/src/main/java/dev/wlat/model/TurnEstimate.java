package dev.wlat.model;

import java.util.Objects;

/**
 * Per-turn estimates of one session segment ({@code token_turn_estimates}): what summing each
 * turn's last usage gives, under several dedup rules, beside the counts that explain them.
 *
 * <p>A row's turn key is its {@code turnId}, or its event id when no turn had started. Only
 * non-replayed rows on the accounting basis of a counted segment enter the per-turn views.
 *
 * @param sessionSegmentId the segment
 * @param threadId its thread
 * @param accountingIncluded false for a duplicate copy of another segment
 * @param tokenEventCount raw rows of the segment
 * @param repeatedLastUsageCount rows whose (turn, last usage) group already appeared in the segment
 * @param repeatedCumulativeCount rows repeating the previous row's cumulative totals (re-emits)
 * @param cumulativeResetCount rows whose cumulative {@code total_tokens} dropped
 * @param missingTurnIdCount rows with no turn id
 * @param zeroCumulativeEventCount rows whose cumulative {@code total_tokens} is 0
 * @param distinctTurnCount distinct non-null turn ids among the rows
 * @param observedEventSumTokens sum of {@code last.totalTokens} over every raw row
 * @param uniqueLastPerSessionTurnTokens sum over distinct (segment, turn, last usage) groups of
 *     {@code last.totalTokens}
 * @param uniqueLastPerThreadTurnTokens sum over the (thread, turn, last usage) groups first seen in
 *     this segment (in thread time order) of {@code last.totalTokens}
 * @param dedupedTurnTokens sum of {@code last.totalTokens} over rows that are neither re-emits,
 *     replayed, duplicate responses, {@code info: null}, nor in a duplicate segment
 * @param cumulativeDeltaTokens the segment's {@code cumulative_delta_tokens}
 * @param finalSessionTotalTokens the segment's largest cumulative {@code total_tokens}
 */
public record TurnEstimate(
    String sessionSegmentId,
    String threadId,
    boolean accountingIncluded,
    long tokenEventCount,
    long repeatedLastUsageCount,
    long repeatedCumulativeCount,
    long cumulativeResetCount,
    long missingTurnIdCount,
    long zeroCumulativeEventCount,
    long distinctTurnCount,
    long observedEventSumTokens,
    long uniqueLastPerSessionTurnTokens,
    long uniqueLastPerThreadTurnTokens,
    long dedupedTurnTokens,
    long cumulativeDeltaTokens,
    long finalSessionTotalTokens) {

  public TurnEstimate {
    Objects.requireNonNull(sessionSegmentId, "sessionSegmentId");
    Objects.requireNonNull(threadId, "threadId");
    long[] all = {tokenEventCount, repeatedLastUsageCount, repeatedCumulativeCount,
        cumulativeResetCount, missingTurnIdCount, zeroCumulativeEventCount, distinctTurnCount,
        observedEventSumTokens, uniqueLastPerSessionTurnTokens, uniqueLastPerThreadTurnTokens,
        dedupedTurnTokens, cumulativeDeltaTokens, finalSessionTotalTokens};
    for (long v : all) {
      if (v < 0) {
        throw new IllegalArgumentException(
            "turn estimate of [" + sessionSegmentId + "] has a negative count [" + v + "]");
      }
    }
  }

  /**
   * {@return the deprecated {@code unique_last_per_turn_tokens}, equal to
   * {@link #uniqueLastPerSessionTurnTokens()}}.
   */
  public long uniqueLastPerTurnTokens() {
    return uniqueLastPerSessionTurnTokens;
  }
}
