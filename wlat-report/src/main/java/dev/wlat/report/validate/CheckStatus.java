package dev.wlat.report.validate;

/** The outcome of one validation check. */
public enum CheckStatus {
  /** The check ran and found nothing wrong. */
  OK("ok"),
  /** The check ran and found something wrong. */
  FAIL("fail"),
  /** The check's inputs are absent, so it did not run. */
  SKIPPED("skipped");

  private final String label;

  CheckStatus(String label) {
    this.label = label;
  }

  /** {@return the name used in {@code validation_summary.tsv}}. */
  public String label() {
    return label;
  }
}
