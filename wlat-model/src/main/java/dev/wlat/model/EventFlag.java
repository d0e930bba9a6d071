package dev.wlat.model;

/** Facts the parser observed about one raw token event; the accounting reads them. */
public enum EventFlag {
  /** {@code payload.info} was null: the row carries only rate limits. */
  INFO_MISSING("info_missing"),
  /** {@code info.last_token_usage} was absent. */
  LAST_USAGE_MISSING("last_usage_missing"),
  /** {@code info.total_token_usage} was absent. */
  TOTAL_USAGE_MISSING("total_usage_missing"),
  /** Same cumulative totals as the previous token row of the segment: a re-emit. */
  REPEATED_TOTAL("repeated_total"),
  /** A zero {@code last_token_usage} except for {@code total_tokens} (seen around compaction). */
  ZERO_LAST_USAGE("zero_last_usage"),
  /** Part of a fork's or subagent's replay of its parent's history: never the child's own usage. */
  REPLAYED("replayed"),
  /**
   * Looks replayed (it precedes the child's first own turn in a fork), but the evidence is
   * indirect: reported rather than silently counted.
   */
  REPLAY_UNVERIFIED("replay_unverified");

  private final String label;

  EventFlag(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV outputs}. */
  public String label() {
    return label;
  }
}
