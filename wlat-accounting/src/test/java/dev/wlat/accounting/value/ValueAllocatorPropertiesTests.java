package dev.wlat.accounting.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.model.Entitlement;
import dev.wlat.model.EntitlementConfidence;
import dev.wlat.model.TokenSpend;
import dev.wlat.model.UnpricedReason;
import dev.wlat.model.UsdAmount;
import dev.wlat.model.ValueAllocation;
import dev.wlat.model.ValueBucket;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the value allocation over random entitlement windows (adjacent or with gaps, with
 * and without purchased tokens, some tiny so they run out) and random rows (inside, between and
 * outside the windows, ties in time included).
 */
class ValueAllocatorPropertiesTests {

  private static final int EXAMPLES = 300;
  private static final Instant EPOCH = Instant.parse("2026-09-01T00:00:00Z");

  /** Random entitlements and rows from one seed. */
  private record Case(List<Entitlement> entitlements, List<TokenSpend> spends) {}

  private static Case randomCase(long seed) {
    Random r = new Random(seed);
    List<Entitlement> entitlements = new ArrayList<>();
    Instant t = EPOCH.plus(Duration.ofHours(r.nextInt(48)));
    int windows = r.nextInt(4);
    for (int i = 0; i < windows; i++) {
      Instant end = t.plus(Duration.ofHours(1 + r.nextInt(10 * 24)));
      long baseTokens = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 500 : 2_000_000);
      long purchasedTokens = r.nextBoolean() ? 0 : 1 + r.nextInt(r.nextBoolean() ? 300 : 1_000_000);
      BigDecimal baseUsd = baseTokens == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(r.nextInt(30_000), r.nextInt(3));
      BigDecimal purchasedUsd = purchasedTokens == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(r.nextInt(5_000), 2);
      entitlements.add(new Entitlement(t, end, baseUsd, baseTokens, purchasedUsd, purchasedTokens, "test",
          EntitlementConfidence.ASSUMED, null, i + 2));
      t = r.nextBoolean() ? end : end.plus(Duration.ofHours(1 + r.nextInt(72)));
    }
    List<TokenSpend> spends = new ArrayList<>();
    int rows = r.nextInt(60);
    long span = Duration.between(EPOCH, t).toSeconds() + 3 * 24 * 3600;
    Instant previous = EPOCH;
    for (int i = 0; i < rows; i++) {
      Instant at = r.nextInt(5) == 0 ? previous : EPOCH.minus(Duration.ofDays(1)).plusSeconds((long) (r.nextDouble() * span));
      long tokens = r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 200 : 300_000);
      spends.add(new TokenSpend("e" + i, "t" + r.nextInt(3), at, tokens, r.nextBoolean() ? "acme/api" : null,
          r.nextBoolean() ? "acme/api:main" : null));
      previous = at;
    }
    return new Case(entitlements, spends);
  }

  private static List<ValueAllocation> allocate(Case c) {
    return ValueAllocator.allocate(c.entitlements(), c.spends());
  }

  @Test
  void allocationsOfEachRowSumToItsTokens() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Case c = randomCase(seed);
      Map<String, Long> allocated = new HashMap<>();
      for (ValueAllocation a : allocate(c)) {
        allocated.merge(a.spend().eventId(), a.tokens(), Long::sum);
      }
      for (TokenSpend s : c.spends()) {
        assertThat(allocated.getOrDefault(s.eventId(), 0L)).as("row %s", s.eventId()).isEqualTo(s.tokens());
      }
      assertThat(allocate(c).stream().mapToLong(ValueAllocation::tokens).sum())
          .isEqualTo(c.spends().stream().mapToLong(TokenSpend::tokens).sum());
    });
  }

  @Test
  void aWindowsBaseAndPurchasedAllocationsNeverExceedItsTokens() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Case c = randomCase(seed);
      List<ValueAllocation> all = allocate(c);
      for (Entitlement e : c.entitlements()) {
        assertThat(used(all, e, ValueBucket.BASE)).isLessThanOrEqualTo(e.baseSubscriptionTokens());
        assertThat(used(all, e, ValueBucket.PURCHASED)).isLessThanOrEqualTo(e.purchasedTokens());
      }
    });
  }

  @Test
  void purchasedTokensAreReachedOnlyOnceTheBaseIsUsedUpAndUnpricedOnlyOnceBothAre() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Case c = randomCase(seed);
      Map<Entitlement, long[]> running = new LinkedHashMap<>();
      for (ValueAllocation a : allocate(c)) {
        if (a.entitlement() == null) {
          continue;
        }
        Entitlement e = a.entitlement();
        long[] u = running.computeIfAbsent(e, k -> new long[2]);
        if (a.bucket() == ValueBucket.PURCHASED) {
          assertThat(u[0]).as("base used before purchased").isEqualTo(e.baseSubscriptionTokens());
        } else if (a.bucket() == ValueBucket.UNPRICED) {
          assertThat(a.unpricedReason()).isEqualTo(UnpricedReason.ENTITLEMENT_EXHAUSTED);
          assertThat(u).as("base and purchased used before unpriced")
              .containsExactly(e.baseSubscriptionTokens(), e.purchasedTokens());
        }
        if (a.bucket() != ValueBucket.UNPRICED) {
          u[a.bucket().ordinal()] += a.tokens();
        }
      }
    });
  }

  @Test
  void theOrderOfInputRowsAndWindowsNeverChangesTheAllocation() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Case c = randomCase(seed);
      List<TokenSpend> shuffled = new ArrayList<>(c.spends());
      Collections.shuffle(shuffled, new Random(~seed));
      List<Entitlement> windows = new ArrayList<>(c.entitlements());
      Collections.reverse(windows);

      assertThat(ValueAllocator.allocate(windows, shuffled)).isEqualTo(allocate(c));
    });
  }

  @Test
  void rowsInsideNoWindowAreUnpricedForThatReasonAndRowsInsideOneStayInIt() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Case c = randomCase(seed);
      for (ValueAllocation a : allocate(c)) {
        List<Entitlement> containing = c.entitlements().stream().filter(e -> e.contains(a.spend().timestamp())).toList();
        if (containing.isEmpty()) {
          assertThat(a.bucket()).isEqualTo(ValueBucket.UNPRICED);
          assertThat(a.unpricedReason()).isEqualTo(UnpricedReason.NO_ENTITLEMENT_WINDOW);
        } else {
          assertThat(a.entitlement()).isEqualTo(containing.get(0));
        }
      }
    });
  }

  @Test
  void aBucketsValueIsExactlyItsPriceTimesTheShareOfItsTokensUsed() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Case c = randomCase(seed);
      List<ValueAllocation> all = allocate(c);
      ValueSummary summary = ValueSummary.of(c.entitlements(), all);
      UsdAmount expected = UsdAmount.ZERO;
      for (Entitlement e : c.entitlements()) {
        for (ValueBucket b : List.of(ValueBucket.BASE, ValueBucket.PURCHASED)) {
          long used = used(all, e, b);
          UsdAmount value = all.stream().filter(a -> e.equals(a.entitlement()) && a.bucket() == b)
              .map(ValueAllocation::usd).reduce(UsdAmount.ZERO, UsdAmount::plus);
          UsdAmount exact = used == 0 ? UsdAmount.ZERO : e.usd(b).times(used).dividedBy(e.tokens(b));
          assertThat(value).isEqualTo(exact);
          if (used == e.tokens(b)) {
            assertThat(value).isEqualTo(e.usd(b));
          }
          expected = expected.plus(exact);
        }
      }
      assertThat(summary.usd()).isEqualTo(expected);
      assertThat(summary.baseTokens() + summary.purchasedTokens() + summary.unpricedTokens())
          .isEqualTo(summary.tokens());
    });
  }

  private static long used(List<ValueAllocation> all, Entitlement e, ValueBucket bucket) {
    return all.stream().filter(a -> e.equals(a.entitlement()) && a.bucket() == bucket)
        .mapToLong(ValueAllocation::tokens).sum();
  }
}
