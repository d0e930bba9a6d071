package dev.wlat.accounting.value;

import dev.wlat.model.Entitlement;
import dev.wlat.model.UnpricedReason;
import dev.wlat.model.UsdAmount;
import dev.wlat.model.ValueAllocation;
import dev.wlat.model.ValueBucket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Totals of a set of {@link ValueAllocation}s: tokens and value per bucket, per entitlement window
 * and per repository and workstream. Amounts stay exact.
 *
 * @param tokens all allocated tokens
 * @param baseTokens tokens valued at a base subscription's rate
 * @param purchasedTokens tokens valued at a purchased rate
 * @param noWindowTokens unpriced tokens of rows outside every window
 * @param exhaustedTokens unpriced tokens beyond their window's base and purchased tokens
 * @param baseUsd the value of {@code baseTokens}
 * @param purchasedUsd the value of {@code purchasedTokens}
 * @param windows one entry per entitlement window given, in window order, used or not
 * @param byRepo per GitHub repository ({@code null} key for none), most tokens first
 * @param byWorkstream per workstream ({@code null} key for none), most tokens first
 */
public record ValueSummary(
    long tokens,
    long baseTokens,
    long purchasedTokens,
    long noWindowTokens,
    long exhaustedTokens,
    UsdAmount baseUsd,
    UsdAmount purchasedUsd,
    List<WindowUse> windows,
    List<GroupValue> byRepo,
    List<GroupValue> byWorkstream) {

  public ValueSummary {
    Objects.requireNonNull(baseUsd, "baseUsd");
    Objects.requireNonNull(purchasedUsd, "purchasedUsd");
    windows = List.copyOf(windows);
    byRepo = List.copyOf(byRepo);
    byWorkstream = List.copyOf(byWorkstream);
  }

  /**
   * The use of one entitlement window.
   *
   * @param entitlement the window
   * @param baseUsed base subscription tokens allocated
   * @param purchasedUsed purchased tokens allocated
   * @param exhaustedTokens tokens in the window beyond both
   * @param usd the value of the allocated tokens
   */
  public record WindowUse(Entitlement entitlement, long baseUsed, long purchasedUsed, long exhaustedTokens,
      UsdAmount usd) {}

  /**
   * Tokens and value of one group.
   *
   * @param key the group, or {@code null} for rows without one
   * @param tokens its allocated tokens
   * @param pricedTokens of them, those with a price
   * @param usd their value
   */
  public record GroupValue(String key, long tokens, long pricedTokens, UsdAmount usd) {}

  /** {@return the value of all priced tokens}. */
  public UsdAmount usd() {
    return baseUsd.plus(purchasedUsd);
  }

  /** {@return the unpriced tokens, for whatever reason}. */
  public long unpricedTokens() {
    return noWindowTokens + exhaustedTokens;
  }

  /** {@return the totals of {@code allocations}, with a row for every window of {@code entitlements}}. */
  public static ValueSummary of(List<Entitlement> entitlements, List<ValueAllocation> allocations) {
    long tokens = 0;
    long base = 0;
    long purchased = 0;
    long noWindow = 0;
    long exhausted = 0;
    UsdAmount baseUsd = UsdAmount.ZERO;
    UsdAmount purchasedUsd = UsdAmount.ZERO;
    Map<Entitlement, long[]> use = new LinkedHashMap<>();
    Map<Entitlement, UsdAmount> windowUsd = new LinkedHashMap<>();
    List<Entitlement> sorted = new ArrayList<>(entitlements);
    sorted.sort(Comparator.comparing(Entitlement::windowStart));
    for (Entitlement e : sorted) {
      use.put(e, new long[3]);
      windowUsd.put(e, UsdAmount.ZERO);
    }
    for (ValueAllocation a : allocations) {
      tokens = Math.addExact(tokens, a.tokens());
      if (a.bucket() == ValueBucket.BASE) {
        base = Math.addExact(base, a.tokens());
        baseUsd = baseUsd.plus(a.usd());
      } else if (a.bucket() == ValueBucket.PURCHASED) {
        purchased = Math.addExact(purchased, a.tokens());
        purchasedUsd = purchasedUsd.plus(a.usd());
      } else if (a.unpricedReason() == UnpricedReason.NO_ENTITLEMENT_WINDOW) {
        noWindow = Math.addExact(noWindow, a.tokens());
      } else {
        exhausted = Math.addExact(exhausted, a.tokens());
      }
      if (a.entitlement() != null) {
        long[] u = use.computeIfAbsent(a.entitlement(), k -> new long[3]);
        u[a.bucket().ordinal()] = Math.addExact(u[a.bucket().ordinal()], a.tokens());
        windowUsd.merge(a.entitlement(), a.usd(), UsdAmount::plus);
      }
    }
    List<WindowUse> windows = new ArrayList<>();
    use.forEach((e, u) -> windows.add(new WindowUse(e, u[0], u[1], u[2], windowUsd.get(e))));
    windows.sort(Comparator.comparing(w -> w.entitlement().windowStart()));
    return new ValueSummary(tokens, base, purchased, noWindow, exhausted, baseUsd, purchasedUsd, windows,
        groups(allocations, a -> a.spend().githubRepo()), groups(allocations, a -> a.spend().workstreamLabel()));
  }

  private static List<GroupValue> groups(List<ValueAllocation> allocations, Function<ValueAllocation, String> key) {
    Map<String, GroupValue> m = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
    for (ValueAllocation a : allocations) {
      long priced = a.bucket() == ValueBucket.UNPRICED ? 0 : a.tokens();
      m.merge(key.apply(a), new GroupValue(key.apply(a), a.tokens(), priced, a.usd()), (x, y) ->
          new GroupValue(x.key(), Math.addExact(x.tokens(), y.tokens()), Math.addExact(x.pricedTokens(), y.pricedTokens()),
              x.usd().plus(y.usd())));
    }
    List<GroupValue> out = new ArrayList<>(m.values());
    out.sort(Comparator.comparingLong(GroupValue::tokens).reversed()
        .thenComparing(GroupValue::key, Comparator.nullsLast(Comparator.naturalOrder())));
    return out;
  }
}
