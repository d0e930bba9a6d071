package dev.wlat.model;

/** Which kind of rollout line a {@link TokenEvent} came from. */
public enum EventKind {
  /** An {@code event_msg} with {@code payload.type == "token_count"}: cumulative and last usage. */
  TOKEN_COUNT("token_count"),
  /** A {@code token_usage_record} line (newer Codex): per-response usage keyed by {@code response_id}. */
  USAGE_RECORD("token_usage_record");

  private final String label;

  EventKind(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV outputs}. */
  public String label() {
    return label;
  }
}
