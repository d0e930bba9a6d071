package dev.wlat.model;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Something a user should know about an accounted row or aggregate: why a view differs, or why a
 * number is uncertain.
 *
 * <p>The constants are declared in the alphabetical order of their labels, so an {@link EnumSet}
 * of warnings iterates as a sorted set of snake_case labels.
 */
public enum AccountingWarning {
  /** The row is the first with a positive delta after the window start in a segment that began before it. */
  BOUNDARY_UNCERTAIN("boundary_uncertain"),
  /** The cumulative {@code total_tokens} dropped: the row starts a new baseline from zero. */
  CUMULATIVE_RESET("cumulative_reset"),
  /** A usage record whose {@code response_id} was already counted in this thread. */
  DUPLICATE_RESPONSE("duplicate_response"),
  /** The row belongs to a duplicate copy of another segment (an archived copy) and is not counted. */
  DUPLICATE_SEGMENT_EXCLUDED("duplicate_segment_excluded"),
  /** {@code payload.info} was null: the row carries only rate limits. */
  INFO_MISSING("info_missing"),
  /** No turn had started before the row: per-turn estimates key it by its event id. */
  MISSING_TURN_ID("missing_turn_id"),
  /** Same turn and same last usage as an earlier row of the segment. */
  REPEATED_LAST_USAGE("repeated_last_usage"),
  /** Same cumulative totals as the previous row of the segment: a re-emit. */
  REPEATED_TOTAL("repeated_total"),
  /** Looks replayed from a parent, but unverified: reported, not counted. */
  REPLAY_UNVERIFIED("replay_unverified"),
  /** Replayed from the parent thread's history: never the child's own usage. */
  REPLAYED_PREFIX("replayed_prefix"),
  /** A {@code token_count} row of a segment accounted from its usage records. */
  SUPERSEDED_BY_USAGE_RECORDS("superseded_by_usage_records"),
  /** A {@code token_count} row with {@code info} but without {@code total_token_usage}. */
  TOTAL_MISSING("total_missing");

  private final String label;

  AccountingWarning(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV outputs}. */
  public String label() {
    return label;
  }

  /**
   * {@return an immutable copy of {@code warnings} that iterates in label order}.
   *
   * @param warnings any collection of warnings
   */
  public static Set<AccountingWarning> setOf(Collection<AccountingWarning> warnings) {
    if (warnings.isEmpty()) {
      return Set.of();
    }
    return Collections.unmodifiableSet(EnumSet.copyOf(warnings));
  }
}
