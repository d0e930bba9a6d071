package dev.wlat.accounting;

import dev.wlat.accounting.internal.ThreadLedger;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.ThreadAccounting;
import java.util.List;

/**
 * Turns the raw token rows of one logical thread into honest views of its usage.
 *
 * <p>Every raw row is kept as evidence, with its delta and warnings. The basis of every time-based
 * number is {@code cumulative_delta_tokens}: the positive deltas of the cumulative totals, with one
 * baseline running across the thread's segments in time order. Re-emits add nothing; a drop of the
 * total is a restart from zero; replayed rows (a fork's or subagent's copy of its parent) add
 * nothing but set the baseline; rows without totals are skipped; an archived copy of a live rollout
 * is kept as a duplicate and not counted; segments that carry usage records count each
 * {@code response_id} once.
 *
 * <p>Stateless and thread-safe. The work holds only the given thread's rows.
 */
public final class ThreadAccountant {

  private static final ThreadAccountant INSTANCE = new ThreadAccountant();

  private ThreadAccountant() {}

  /** {@return the accountant}. */
  public static ThreadAccountant create() {
    return INSTANCE;
  }

  /**
   * {@return the accounting of one thread}: every raw row in thread time order, one turn estimate
   * and one session rollup per segment, and the thread's rollup.
   *
   * @param segmentsOfOneThread every segment of one thread (live, archived, resumed), in any order
   * @throws IllegalArgumentException if the list is empty, spans several threads or repeats a
   *     segment id
   * @throws ArithmeticException if a sum overflows a {@code long}
   */
  public ThreadAccounting account(List<RolloutSegment> segmentsOfOneThread) {
    return ThreadLedger.account(segmentsOfOneThread);
  }
}
