package dev.wlat.model;

/**
 * Where a token's value comes from: the order in which an entitlement window's tokens are used up.
 * Tokens go to {@link #BASE} until the window's subscription tokens are used up, then to
 * {@link #PURCHASED}, then to {@link #UNPRICED}.
 */
public enum ValueBucket {
  /** The tokens a subscription's base price buys. */
  BASE("base"),
  /** Tokens bought on top of the subscription (credits, top-ups). */
  PURCHASED("purchased"),
  /** Tokens with no price: outside every entitlement window, or beyond its base and purchased tokens. */
  UNPRICED("unpriced");

  private final String label;

  ValueBucket(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV outputs}. */
  public String label() {
    return label;
  }
}
