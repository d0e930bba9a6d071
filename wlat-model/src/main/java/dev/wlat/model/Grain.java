package dev.wlat.model;

/** The level at which a {@link ReconciliationRow} aggregates accounted token rows. */
public enum Grain {
  /** One session segment (one rollout file). */
  SESSION("session"),
  /** One logical thread (all its segments). */
  THREAD("thread"),
  /** One calendar day in the report's time zone. */
  DAY("day"),
  /** One ISO week (Monday start) in the report's time zone. */
  WEEK("week"),
  /** One calendar month in the report's time zone. */
  MONTH("month"),
  /** Everything in the window. */
  TOTAL("total");

  private final String label;

  Grain(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV outputs}. */
  public String label() {
    return label;
  }
}
