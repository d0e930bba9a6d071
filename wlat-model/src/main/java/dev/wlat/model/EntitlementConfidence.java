package dev.wlat.model;

/** How sure an {@link Entitlement}'s prices and token amounts are, surest first. */
public enum EntitlementConfidence {
  /** From an invoice, a receipt or the billing page. */
  EXACT("exact"),
  /** From a plan's published price and limits, or a rate worked out from them. */
  ESTIMATED("estimated"),
  /** A placeholder to replace when better evidence is at hand. */
  ASSUMED("assumed");

  private final String label;

  EntitlementConfidence(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV inputs and outputs}. */
  public String label() {
    return label;
  }

  /** {@return the confidence named {@code label}}; throws for an unknown label. */
  public static EntitlementConfidence ofLabel(String label) {
    for (EntitlementConfidence c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown entitlement confidence [" + label + "]; expected exact, estimated or assumed");
  }
}
