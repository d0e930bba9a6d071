package dev.wlat.model;

import java.util.List;
import java.util.Objects;

/**
 * The accounting of one logical thread: every raw row with its delta, and the rollups.
 *
 * @param events every raw row of every segment, segments in time order, rows in file order
 * @param turnEstimates per-turn estimates, one per segment, in the same segment order
 * @param sessions one rollup per segment, in the same segment order
 * @param thread the thread's rollup
 */
public record ThreadAccounting(
    List<EventAccounting> events,
    List<TurnEstimate> turnEstimates,
    List<SessionRollup> sessions,
    ThreadRollup thread) {

  public ThreadAccounting {
    events = List.copyOf(events);
    turnEstimates = List.copyOf(turnEstimates);
    sessions = List.copyOf(sessions);
    Objects.requireNonNull(thread, "thread");
  }

  /** {@return the thread's id}. */
  public String threadId() {
    return thread.threadId();
  }
}
