package dev.wlat.model;

/** How the accounting derived (or declined to derive) the delta of one raw row. */
public enum DeltaSource {
  /** Positive delta of {@code total_token_usage} since the thread's previous cumulative total. */
  CUMULATIVE_DELTA("cumulative_delta"),
  /** A usage record's own usage, counted once per {@code response_id}. */
  USAGE_RECORD("usage_record"),
  /** A usage record whose {@code response_id} was already counted: zero. */
  DUPLICATE_RESPONSE("duplicate_response"),
  /** Replayed from the parent: zero, but its total becomes the baseline. */
  REPLAYED("replayed"),
  /** Possibly replayed, unverified: zero, its total becomes the baseline, and it is reported. */
  REPLAY_UNVERIFIED("replay_unverified"),
  /** No usable usage on the row ({@code info: null}, or no total / last usage): zero, baseline kept. */
  NO_USAGE("no_usage"),
  /** The row's segment is a duplicate copy of another segment: zero. */
  DUPLICATE_SEGMENT("duplicate_segment"),
  /** A {@code token_count} row of a segment accounted from its usage records: zero. */
  SUPERSEDED_BY_USAGE_RECORDS("superseded_by_usage_records"),
  /** A usage record in a segment accounted from {@code token_count} totals: evidence only, zero. */
  NOT_ON_BASIS("not_on_basis");

  private final String label;

  DeltaSource(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV outputs}. */
  public String label() {
    return label;
  }
}
