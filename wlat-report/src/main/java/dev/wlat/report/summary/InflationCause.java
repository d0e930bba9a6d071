package dev.wlat.report.summary;

/**
 * Why a naive sum of token rows ({@code observed_event_sum_tokens}) differs from the real usage
 * ({@code cumulative_delta_tokens}). Each token row's difference (observed − delta) is put down to the
 * first cause, in declaration order, that its {@code delta_source} and {@code warning_flags} show, so
 * the causes share out the whole difference exactly.
 */
public enum InflationCause {
  /** {@code delta_source = duplicate_segment}: a row of an archived copy of a live rollout. */
  ARCHIVED_DUPLICATES("archived duplicates", "rows of archived copies of live rollouts (counted once, from the live copy)"),
  /** {@code delta_source = replayed} or {@code replay_unverified}: a fork's or subagent's copy of its parent's history. */
  REPLAYED_PREFIXES("replayed fork prefixes", "rows a fork or subagent replays from its parent's history (the parent's usage, not the child's)"),
  /** {@code superseded_by_usage_records}, {@code duplicate_response}, {@code not_on_basis}: the other basis of a file. */
  USAGE_RECORDS("usage-record files", "token_count rows of files accounted from their token_usage_record rows, and repeated response ids"),
  /** {@code cumulative_reset}: a counter restart, whose row counts its whole new total. */
  RESETS("counter resets", "rows after a counter restart, which count their whole new total (can make the gap smaller)"),
  /** {@code repeated_total}: the same cumulative totals again, which Codex writes after tool calls. */
  RE_EMITS("re-emits", "token_count rows that repeat the previous cumulative total (Codex writes one after each tool call)"),
  /** Any other row whose last usage differs from its delta. */
  OTHER("other", "other rows whose last usage differs from the increase of their cumulative total");

  private final String label;
  private final String description;

  InflationCause(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /** {@return a short name}. */
  public String label() {
    return label;
  }

  /** {@return what the rows are, in a sentence fragment}. */
  public String description() {
    return description;
  }

  /**
   * The rows put down to one cause and the difference they make.
   *
   * @param cause the cause
   * @param rows token rows put down to it
   * @param tokens Σ (observed − delta) over them; negative where resets count more than the rows' last usage
   */
  public record Share(InflationCause cause, long rows, long tokens) {}
}
