package dev.wlat.report.validate;

/** The data files the checks read, relative to the output root. */
final class DataFiles {
  static final String RAW = "data/raw_token_events.tsv";
  static final String COPY = "data/codex_token_events.tsv";
  static final String ACCOUNTING = "data/token_event_accounting.tsv";
  static final String RECONCILIATION = "data/token_accounting_reconciliation.tsv";
  static final String SESSIONS = "data/token_session_rollups.tsv";
  static final String LINKS = "data/token_outcome_links.tsv";
  static final String OUTCOME_ROLLUPS = "data/repo_workstream_outcome_rollups.tsv";
  static final String CONFIDENCE_SUMMARY = "data/attribution_confidence_summary.tsv";

  /**
   * The per-group figures compared between the reconciliation and the accounting rows, in this
   * order; an accounting row counts 1 toward {@code token_event_count}.
   */
  static final String[] SUMMED = {"token_event_count", "observed_event_sum_tokens", "cumulative_delta_tokens",
      "delta_input_tokens", "delta_cached_input_tokens", "delta_output_tokens", "delta_reasoning_output_tokens"};

  /** Index of {@code cumulative_delta_tokens} in {@link #SUMMED}. */
  static final int DELTA = 2;

  private DataFiles() {}
}
