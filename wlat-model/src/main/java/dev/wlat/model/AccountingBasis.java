package dev.wlat.model;

/** Which rows a segment's usage is accounted from; the ledger says it for every file. */
public enum AccountingBasis {
  /** Positive deltas of {@code token_count.total_token_usage} (most files). */
  TOKEN_COUNT_TOTALS("token_count_totals"),
  /**
   * {@code token_usage_record} rows, deduplicated by {@code response_id} (newer files, whose
   * {@code token_count} totals may restart every turn).
   */
  USAGE_RECORDS("token_usage_records"),
  /** No usage rows at all (metadata-only or pre-2025-09 files). */
  NONE("none");

  private final String label;

  AccountingBasis(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV outputs and the ledger}. */
  public String label() {
    return label;
  }
}
