package dev.wlat.model;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the accounting made of one raw token row: its delta and its share of each per-turn view.
 *
 * <p>Every raw row of a thread gets one, counted or not, so the rows stay as evidence. The
 * {@code delta} is the row's contribution to {@code cumulative_delta_tokens}; the three per-turn
 * contributions are non-zero only on the row that first represents its group, so summing any
 * column over rows gives that view's total.
 *
 * @param event the raw row
 * @param accountingIncluded true when the row's segment is counted and the row lies on the
 *     segment's accounting basis (replayed rows included, with a zero delta)
 * @param duplicateSegmentOf the segment this row's segment duplicates, or {@code null}
 * @param deltaSource how the delta was derived
 * @param previousTotal the thread's cumulative baseline before this row, or {@code null} when none
 * @param delta the row's positive delta ({@link TokenUsage#ZERO} when not counted)
 * @param cumulativeReset true when the row's {@code total_tokens} dropped below the baseline
 * @param dedupedTurnTokens {@code last.totalTokens} when the row counts toward
 *     {@code deduped_turn_tokens}, else 0
 * @param uniqueLastPerSessionTurnTokens {@code last.totalTokens} when the row is the first of its
 *     (segment, turn, last usage) group, else 0
 * @param uniqueLastPerThreadTurnTokens {@code last.totalTokens} when the row is the first of its
 *     (thread, turn, last usage) group, else 0
 * @param warnings what a reader should know about the row, in label order
 */
public record EventAccounting(
    TokenEvent event,
    boolean accountingIncluded,
    String duplicateSegmentOf,
    DeltaSource deltaSource,
    TokenUsage previousTotal,
    TokenUsage delta,
    boolean cumulativeReset,
    long dedupedTurnTokens,
    long uniqueLastPerSessionTurnTokens,
    long uniqueLastPerThreadTurnTokens,
    Set<AccountingWarning> warnings) {

  public EventAccounting {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(deltaSource, "deltaSource");
    Objects.requireNonNull(delta, "delta");
    requireNonNegative("dedupedTurnTokens", dedupedTurnTokens);
    requireNonNegative("uniqueLastPerSessionTurnTokens", uniqueLastPerSessionTurnTokens);
    requireNonNegative("uniqueLastPerThreadTurnTokens", uniqueLastPerThreadTurnTokens);
    if (accountingIncluded && duplicateSegmentOf != null) {
      throw new IllegalArgumentException("row [" + event.eventId()
          + "] of a duplicate segment of [" + duplicateSegmentOf + "] cannot be accounted");
    }
    if (!accountingIncluded && !delta.isZero()) {
      throw new IllegalArgumentException(
          "row [" + event.eventId() + "] is not accounted but has a delta [" + delta + "]");
    }
    warnings = AccountingWarning.setOf(warnings);
  }

  /** {@return the row's id, {@code <sessionSegmentId>:<lineNumber>}}. */
  public String eventId() {
    return event.eventId();
  }

  /** {@return the row's envelope timestamp}. */
  public Instant timestamp() {
    return event.timestamp();
  }

  /** {@return the row's contribution to {@code observed_event_sum_tokens}: its {@code last.totalTokens}}. */
  public long observedTokens() {
    return event.lastTotalTokens();
  }

  /** {@return true when the row carries {@code warning}}. */
  public boolean has(AccountingWarning warning) {
    return warnings.contains(warning);
  }

  /** {@return a copy of this row with {@code warning} added}. */
  public EventAccounting withWarning(AccountingWarning warning) {
    if (warnings.contains(warning)) {
      return this;
    }
    EnumSet<AccountingWarning> more = EnumSet.noneOf(AccountingWarning.class);
    more.addAll(warnings);
    more.add(warning);
    return new EventAccounting(event, accountingIncluded, duplicateSegmentOf, deltaSource,
        previousTotal, delta, cumulativeReset, dedupedTurnTokens, uniqueLastPerSessionTurnTokens,
        uniqueLastPerThreadTurnTokens, more);
  }

  private static void requireNonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was [" + value + "]");
    }
  }
}
