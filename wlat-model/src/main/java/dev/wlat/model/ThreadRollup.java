package dev.wlat.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The views of one logical thread over its whole history (no time window).
 *
 * @param threadId the thread
 * @param parentThreadId the parent of a fork or subagent (from its first segment), or {@code null}
 * @param segmentCount segments (files) of the thread
 * @param includedSegmentCount segments counted (duplicates excluded)
 * @param firstEventAt the first raw row's timestamp, or {@code null} when it has none
 * @param lastEventAt the last raw row's timestamp, or {@code null} when it has none
 * @param tokenEventCount raw rows over every segment
 * @param observedEventSumTokens sum of {@code last.totalTokens} over every raw row of every segment
 * @param finalSessionTotalTokens sum of its segments' {@code final_session_total_tokens}
 * @param finalThreadTotalTokens the largest cumulative {@code total_tokens} over its counted
 *     segments (undercounts resumed threads whose totals restarted)
 * @param delta its positive deltas ({@code cumulative_delta_tokens} and per field)
 * @param uniqueLastPerThreadTurnTokens sum over distinct (thread, turn, last usage) groups
 * @param cumulativeResetCount rows whose cumulative total dropped
 * @param warnings the union of its rows' warnings, in label order
 */
public record ThreadRollup(
    String threadId,
    String parentThreadId,
    int segmentCount,
    int includedSegmentCount,
    Instant firstEventAt,
    Instant lastEventAt,
    long tokenEventCount,
    long observedEventSumTokens,
    long finalSessionTotalTokens,
    long finalThreadTotalTokens,
    TokenUsage delta,
    long uniqueLastPerThreadTurnTokens,
    long cumulativeResetCount,
    Set<AccountingWarning> warnings) {

  public ThreadRollup {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(delta, "delta");
    if (includedSegmentCount < 0 || includedSegmentCount > segmentCount) {
      throw new IllegalArgumentException("thread [" + threadId + "] counts " + includedSegmentCount
          + " of " + segmentCount + " segments");
    }
    warnings = AccountingWarning.setOf(warnings);
  }

  /** {@return {@code cumulative_delta_tokens}: the total of {@link #delta()}}. */
  public long cumulativeDeltaTokens() {
    return delta.totalTokens();
  }
}
