package dev.wlat.attribution.internal;

import dev.wlat.model.Confidence;

/** Comparing confidences: {@link Confidence} lists them strongest first. */
public final class Confidences {

  private Confidences() {}

  /** {@return true when {@code a} is strictly stronger than {@code b}}. */
  public static boolean stronger(Confidence a, Confidence b) {
    return a.ordinal() < b.ordinal();
  }

  /** {@return the weaker of the two}. */
  public static Confidence weaker(Confidence a, Confidence b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /**
   * {@return a link's confidence as reported}: an exact link stands on its own; any other is never
   * stronger than the repository match {@code cap}.
   */
  public static Confidence capped(Confidence link, Confidence cap) {
    return link == Confidence.EXACT ? link : weaker(link, cap);
  }
}
