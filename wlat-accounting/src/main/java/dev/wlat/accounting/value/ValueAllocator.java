package dev.wlat.accounting.value;

import dev.wlat.model.Entitlement;
import dev.wlat.model.TokenSpend;
import dev.wlat.model.UnpricedReason;
import dev.wlat.model.UsdAmount;
import dev.wlat.model.ValueAllocation;
import dev.wlat.model.ValueBucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.TreeMap;

/*
 * The allocation, in one pass over the rows in time order (timestamp, then event id, so the result
 * never depends on the order rows were given in):
 *
 * 1. A row lies in the entitlement window that contains its timestamp ([start, end)); windows never
 *    overlap, so there is at most one. A row in none is unpriced, no_entitlement_window.
 * 2. Inside its window the row's tokens go first to the base subscription tokens still left, then to
 *    the purchased tokens still left, then to unpriced (entitlement_exhausted). A row that crosses a
 *    boundary is split exactly, one allocation per bucket it touches.
 * 3. The value of n tokens of a bucket is n * usd / tokens of that bucket, kept as an exact fraction
 *    (UsdAmount), so a bucket used up completely is worth exactly its price.
 *
 * Rate-limit percentages and credit balances are never consulted: they say how close a limit is,
 * not how many tokens a price buys.
 */

/**
 * Allocates token rows to the base subscription, purchased and unpriced buckets of entitlement
 * windows, and values them.
 */
public final class ValueAllocator {

  /** The order rows are allocated in. */
  public static final Comparator<TokenSpend> TIME_ORDER =
      Comparator.comparing(TokenSpend::timestamp).thenComparing(TokenSpend::eventId);

  private ValueAllocator() {}

  /**
   * {@return the allocations of {@code spends} to {@code entitlements}, in time order}: one per
   * (row, bucket) the row's tokens reach; rows with no tokens give none. The allocations of a row sum
   * to its tokens; a window's base and purchased allocations never exceed its tokens, and its
   * purchased tokens are reached only once its base tokens are used up.
   *
   * @param entitlements the windows, in any order; they must not overlap
   * @param spends the rows, in any order; their event ids must be distinct
   * @throws IllegalArgumentException if windows overlap or an event id repeats
   */
  public static List<ValueAllocation> allocate(Collection<Entitlement> entitlements, Collection<TokenSpend> spends) {
    TreeMap<Instant, Entitlement> byStart = windows(entitlements);
    List<TokenSpend> ordered = new ArrayList<>(spends);
    ordered.sort(TIME_ORDER);
    Set<String> ids = new HashSet<>();
    Map<Entitlement, long[]> left = new HashMap<>();
    List<ValueAllocation> out = new ArrayList<>();
    for (TokenSpend s : ordered) {
      if (!ids.add(s.eventId())) {
        throw new IllegalArgumentException("row [" + s.eventId() + "] given twice");
      }
      if (s.tokens() == 0) {
        continue;
      }
      Entry<Instant, Entitlement> floor = byStart.floorEntry(s.timestamp());
      Entitlement e = floor == null || !floor.getValue().contains(s.timestamp()) ? null : floor.getValue();
      if (e == null) {
        out.add(new ValueAllocation(s, null, ValueBucket.UNPRICED, s.tokens(), UsdAmount.ZERO,
            UnpricedReason.NO_ENTITLEMENT_WINDOW));
        continue;
      }
      long[] remaining = left.computeIfAbsent(e, k -> new long[] {k.baseSubscriptionTokens(), k.purchasedTokens()});
      long rest = s.tokens();
      long base = Math.min(rest, remaining[0]);
      remaining[0] -= base;
      rest -= base;
      long purchased = Math.min(rest, remaining[1]);
      remaining[1] -= purchased;
      rest -= purchased;
      if (base > 0) {
        out.add(priced(s, e, ValueBucket.BASE, base));
      }
      if (purchased > 0) {
        out.add(priced(s, e, ValueBucket.PURCHASED, purchased));
      }
      if (rest > 0) {
        out.add(new ValueAllocation(s, e, ValueBucket.UNPRICED, rest, UsdAmount.ZERO,
            UnpricedReason.ENTITLEMENT_EXHAUSTED));
      }
    }
    return out;
  }

  private static ValueAllocation priced(TokenSpend s, Entitlement e, ValueBucket bucket, long tokens) {
    UsdAmount usd = e.usd(bucket).times(tokens).dividedBy(e.tokens(bucket));
    return new ValueAllocation(s, e, bucket, tokens, usd, null);
  }

  private static TreeMap<Instant, Entitlement> windows(Collection<Entitlement> entitlements) {
    List<Entitlement> sorted = new ArrayList<>(entitlements);
    sorted.sort(Comparator.comparing(Entitlement::windowStart));
    TreeMap<Instant, Entitlement> byStart = new TreeMap<>();
    Entitlement previous = null;
    for (Entitlement e : sorted) {
      if (previous != null && previous.overlaps(e)) {
        throw new IllegalArgumentException("entitlement windows " + describe(previous) + " and " + describe(e)
            + " overlap");
      }
      byStart.put(e.windowStart(), e);
      previous = e;
    }
    return byStart;
  }

  private static String describe(Entitlement e) {
    return "[" + e.windowStart() + ", " + e.windowEnd() + ")" + (e.line() > 0 ? " (line " + e.line() + ")" : "");
  }
}
