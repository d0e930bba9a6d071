package dev.wlat.model;

/** Why tokens went to {@link ValueBucket#UNPRICED}. */
public enum UnpricedReason {
  /** The row's timestamp lies in no entitlement window. */
  NO_ENTITLEMENT_WINDOW("no_entitlement_window"),
  /** The row's window had used up its base and purchased tokens. */
  ENTITLEMENT_EXHAUSTED("entitlement_exhausted");

  private final String label;

  UnpricedReason(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV outputs}. */
  public String label() {
    return label;
  }
}
