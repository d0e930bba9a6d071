package dev.wlat.ingest;

/** The bounds the log readers hold token counters to. */
public final class TokenCounts {

  /**
   * The largest token counter accepted from a log: 10<sup>15</sup> (one quadrillion). A real
   * thread's cumulative total is at most some 10<sup>9</sup>–10<sup>10</sup> tokens, so anything
   * above this is corrupt; and the accounting sums counters with {@link Math#addExact}, so values
   * near {@code Long.MAX_VALUE} would overflow it and stop the whole run. At this cap, more than
   * 9,000 such values must be added before a sum can overflow. A counter above it is an
   * {@code INVALID_NUMBER} issue and drops its usage, as a negative one does.
   */
  public static final long MAX = 1_000_000_000_000_000L;

  private TokenCounts() {}
}
