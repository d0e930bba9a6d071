package dev.wlat.model;

/**
 * How a price was found for a model, from the most to the least certain. A sum of charges carries
 * the weakest basis of its parts, so a figure that is partly estimated or partly unpriced says so.
 */
public enum PriceBasis {
  /** The model is listed under its own name in wlat's bundled table. */
  LISTED("listed"),
  /** The user's own pricing file priced it ({@code --pricing F}). */
  USER("user"),
  /** Priced as another model: an alias, a provider prefix or date suffix dropped, or a date before the table's. */
  ESTIMATED("estimated"),
  /** No price for the model: its tokens are counted, never valued at $0. */
  UNPRICED("unpriced");

  private final String label;

  PriceBasis(String label) {
    this.label = label;
  }

  /** {@return the name used in outputs}. */
  public String label() {
    return label;
  }

  /** {@return the less certain of this and {@code other}}. */
  public PriceBasis weaker(PriceBasis other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
