package dev.wlat.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The views of one session segment over its whole history (no time window).
 *
 * @param sessionSegmentId the segment
 * @param threadId its thread
 * @param sourcePath the rollout file's path
 * @param location live, archived or other
 * @param basis which rows the segment is accounted from
 * @param accountingIncluded false for a duplicate copy of another segment
 * @param duplicateSegmentOf the counted segment this one duplicates, or {@code null}
 * @param firstEventAt the first raw row's timestamp, or {@code null} when it has none
 * @param lastEventAt the last raw row's timestamp, or {@code null} when it has none
 * @param tokenEventCount raw rows
 * @param observedEventSumTokens sum of {@code last.totalTokens} over every raw row
 * @param finalSessionTotalTokens the largest cumulative {@code total_tokens} on its accounting basis,
 *     replayed rows included (0 when not counted)
 * @param delta its positive deltas ({@code cumulative_delta_tokens} and per field)
 * @param cumulativeResetCount rows whose cumulative total dropped
 * @param warnings the union of its rows' warnings, in label order
 */
public record SessionRollup(
    String sessionSegmentId,
    String threadId,
    String sourcePath,
    SegmentLocation location,
    AccountingBasis basis,
    boolean accountingIncluded,
    String duplicateSegmentOf,
    Instant firstEventAt,
    Instant lastEventAt,
    long tokenEventCount,
    long observedEventSumTokens,
    long finalSessionTotalTokens,
    TokenUsage delta,
    long cumulativeResetCount,
    Set<AccountingWarning> warnings) {

  public SessionRollup {
    Objects.requireNonNull(sessionSegmentId, "sessionSegmentId");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(sourcePath, "sourcePath");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(delta, "delta");
    if (accountingIncluded == (duplicateSegmentOf != null)) {
      throw new IllegalArgumentException("segment [" + sessionSegmentId
          + "] must be either counted or a duplicate of another, was duplicate of ["
          + duplicateSegmentOf + "] and included=" + accountingIncluded);
    }
    warnings = AccountingWarning.setOf(warnings);
  }

  /** {@return {@code cumulative_delta_tokens}: the total of {@link #delta()}}. */
  public long cumulativeDeltaTokens() {
    return delta.totalTokens();
  }
}
