package dev.wlat.accounting.internal;

import dev.wlat.accounting.Reconciliation;
import dev.wlat.model.AccountingWarning;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.Grain;
import dev.wlat.model.ReconciliationRow;
import dev.wlat.model.TokenUsage;
import java.time.Instant;
import java.util.EnumSet;

/**
 * Running sums of the accounted rows that fall into one session, thread or period; internal,
 * single-threaded.
 */
public final class Aggregate {
  private final Grain grain;
  private final String key;
  private final String threadId;
  private final Instant periodStart;
  private final Instant periodEnd;
  private final EnumSet<AccountingWarning> warnings = EnumSet.noneOf(AccountingWarning.class);
  private Instant firstAt;
  private Instant lastAt;
  private long count;
  private long observed;
  private long finalSessions;
  private long finalThreads;
  private long uniqueSession;
  private long uniqueThread;
  private long deduped;
  private long resets;
  private TokenUsage delta = TokenUsage.ZERO;

  /**
   * Creates an empty aggregate.
   *
   * @param grain its level
   * @param key its key
   * @param threadId the thread of a session or thread aggregate, else {@code null}
   * @param periodStart the start of a period, or {@code null} to use the first row's time
   * @param periodEnd the end of a period, or {@code null} to use the last row's time
   */
  public Aggregate(Grain grain, String key, String threadId, Instant periodStart, Instant periodEnd) {
    this.grain = grain;
    this.key = key;
    this.threadId = threadId;
    this.periodStart = periodStart;
    this.periodEnd = periodEnd;
  }

  /** Adds one accounted row. */
  public void add(EventAccounting row) {
    Instant t = row.timestamp();
    if (firstAt == null || t.isBefore(firstAt)) {
      firstAt = t;
    }
    if (lastAt == null || t.isAfter(lastAt)) {
      lastAt = t;
    }
    count++;
    observed = Math.addExact(observed, row.observedTokens());
    uniqueSession = Math.addExact(uniqueSession, row.uniqueLastPerSessionTurnTokens());
    uniqueThread = Math.addExact(uniqueThread, row.uniqueLastPerThreadTurnTokens());
    deduped = Math.addExact(deduped, row.dedupedTurnTokens());
    if (row.cumulativeReset()) {
      resets++;
    }
    delta = delta.plus(row.delta());
    warnings.addAll(row.warnings());
  }

  /** Adds a segment's final cumulative total, allocated here. */
  public void addFinalSession(long tokens) {
    finalSessions = Math.addExact(finalSessions, tokens);
  }

  /** Adds a thread's final cumulative total, allocated here. */
  public void addFinalThread(long tokens) {
    finalThreads = Math.addExact(finalThreads, tokens);
  }

  /** Folds in another aggregate's snapshot of the same key: sums add, times widen, warnings unite. */
  public void merge(Reconciliation.Part p) {
    if (p.firstAt() != null && (firstAt == null || p.firstAt().isBefore(firstAt))) {
      firstAt = p.firstAt();
    }
    if (p.lastAt() != null && (lastAt == null || p.lastAt().isAfter(lastAt))) {
      lastAt = p.lastAt();
    }
    count = Math.addExact(count, p.tokenEventCount());
    observed = Math.addExact(observed, p.observedEventSumTokens());
    finalSessions = Math.addExact(finalSessions, p.finalSessionTotalTokens());
    finalThreads = Math.addExact(finalThreads, p.finalThreadTotalTokens());
    uniqueSession = Math.addExact(uniqueSession, p.uniqueLastPerSessionTurnTokens());
    uniqueThread = Math.addExact(uniqueThread, p.uniqueLastPerThreadTurnTokens());
    deduped = Math.addExact(deduped, p.dedupedTurnTokens());
    resets = Math.addExact(resets, p.cumulativeResetCount());
    delta = delta.plus(p.delta());
    warnings.addAll(p.warnings());
  }

  /** {@return a snapshot of this aggregate, to merge elsewhere}. */
  public Reconciliation.Part part() {
    return new Reconciliation.Part(grain, key, threadId, periodStart, periodEnd, firstAt, lastAt, count, observed,
        finalSessions, finalThreads, uniqueSession, uniqueThread, deduped, resets, delta, warnings);
  }

  /** {@return the first row's time, or null}. */
  public Instant firstAt() {
    return firstAt;
  }

  /** {@return the row so far}. */
  public ReconciliationRow toRow() {
    return new ReconciliationRow(grain, key, threadId,
        periodStart != null ? periodStart : firstAt, periodEnd != null ? periodEnd : lastAt,
        count, observed, finalSessions, finalThreads, delta, uniqueSession, uniqueThread, deduped,
        resets, warnings);
  }
}
