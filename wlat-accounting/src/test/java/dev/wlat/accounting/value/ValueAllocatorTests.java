package dev.wlat.accounting.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.model.Entitlement;
import dev.wlat.model.EntitlementConfidence;
import dev.wlat.model.TokenSpend;
import dev.wlat.model.UsdAmount;
import dev.wlat.model.ValueAllocation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueAllocatorTests {

  private static final Instant SEP = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant OCT = Instant.parse("2026-10-01T00:00:00Z");
  private static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");

  /** September: $20 for 1,000 base tokens, $10 for 500 purchased. */
  private static final Entitlement SEPTEMBER = new Entitlement(SEP, OCT, new BigDecimal("20"), 1_000,
      new BigDecimal("10"), 500, "invoice", EntitlementConfidence.EXACT, null, 2);
  /** October: $20 for 3 base tokens, nothing purchased. */
  private static final Entitlement OCTOBER = new Entitlement(OCT, NOV, new BigDecimal("20"), 3,
      BigDecimal.ZERO, 0, "plan page", EntitlementConfidence.ESTIMATED, null, 3);

  private static TokenSpend spend(String id, String at, long tokens) {
    return new TokenSpend(id, "t", Instant.parse(at), tokens, "acme/api", "acme/api:main");
  }

  private static String shape(ValueAllocation a) {
    return a.spend().eventId() + " " + a.bucket().label() + " " + a.tokens() + " " + a.usd().toDecimal(6).toPlainString()
        + (a.unpricedReason() == null ? "" : " " + a.unpricedReason().label());
  }

  @Test
  void aRowCrossingTheEndOfTheBaseIsSplitExactlyIntoBaseAndPurchased() {
    List<ValueAllocation> a = ValueAllocator.allocate(List.of(SEPTEMBER), List.of(
        spend("a", "2026-09-02T10:00:00Z", 900),
        spend("b", "2026-09-03T10:00:00Z", 300),
        spend("c", "2026-09-04T10:00:00Z", 400)));

    assertThat(a).map(ValueAllocatorTests::shape).containsExactly(
        "a base 900 18.000000",
        "b base 100 2.000000",
        "b purchased 200 4.000000",
        "c purchased 300 6.000000",
        "c unpriced 100 0.000000 entitlement_exhausted");
  }

  @Test
  void rowsAreAllocatedInTimeOrderWhateverOrderTheyCameIn() {
    List<ValueAllocation> a = ValueAllocator.allocate(List.of(SEPTEMBER), List.of(
        spend("late", "2026-09-20T00:00:00Z", 1_000),
        spend("early", "2026-09-02T00:00:00Z", 1_000)));

    assertThat(a).map(ValueAllocatorTests::shape).containsExactly(
        "early base 1000 20.000000",
        "late purchased 500 10.000000",
        "late unpriced 500 0.000000 entitlement_exhausted");
  }

  @Test
  void rowsOutsideEveryWindowAreUnpricedWithNoEntitlementWindow() {
    List<ValueAllocation> a = ValueAllocator.allocate(List.of(SEPTEMBER), List.of(
        spend("before", "2026-08-31T23:59:59.999Z", 5),
        spend("at-end", "2026-10-01T00:00:00Z", 7)));

    assertThat(a).map(ValueAllocatorTests::shape).containsExactly(
        "before unpriced 5 0.000000 no_entitlement_window",
        "at-end unpriced 7 0.000000 no_entitlement_window");
    assertThat(a).allSatisfy(x -> assertThat(x.entitlement()).isNull());
  }

  @Test
  void aWindowStartsFreshAndARowAtItsStartBelongsToIt() {
    List<ValueAllocation> a = ValueAllocator.allocate(List.of(SEPTEMBER, OCTOBER), List.of(
        spend("sep", "2026-09-30T23:00:00Z", 1_500),
        spend("oct", "2026-10-01T00:00:00Z", 2)));

    assertThat(a).map(x -> x.spend().eventId() + " " + x.entitlement().line() + " " + x.bucket().label())
        .containsExactly("sep 2 base", "sep 2 purchased", "oct 3 base");
  }

  @Test
  void unevenSharesOfAPriceStayExactUntilPrinted() {
    List<ValueAllocation> a = ValueAllocator.allocate(List.of(OCTOBER), List.of(
        spend("x", "2026-10-02T00:00:00Z", 1),
        spend("y", "2026-10-03T00:00:00Z", 1),
        spend("z", "2026-10-04T00:00:00Z", 1)));

    assertThat(a).map(x -> x.usd().toDecimal(6).toPlainString()).containsExactly("6.666667", "6.666667", "6.666667");
    assertThat(a.stream().map(ValueAllocation::usd).reduce(UsdAmount.ZERO, UsdAmount::plus))
        .isEqualTo(UsdAmount.of(new BigDecimal("20")));
    assertThat(a.get(0).usdPerToken().times(1_000_000).toDecimal(2).toPlainString()).isEqualTo("6666666.67");
  }

  @Test
  void rowsWithoutTokensGiveNoAllocation() {
    assertThat(ValueAllocator.allocate(List.of(SEPTEMBER), List.of(spend("zero", "2026-09-02T00:00:00Z", 0)))).isEmpty();
  }

  @Test
  void overlappingWindowsAreRejectedNamingTheirLines() {
    Entitlement overlapping = new Entitlement(Instant.parse("2026-09-30T00:00:00Z"), NOV, BigDecimal.ONE, 1,
        BigDecimal.ZERO, 0, "x", EntitlementConfidence.ASSUMED, null, 7);

    assertThatThrownBy(() -> ValueAllocator.allocate(List.of(SEPTEMBER, overlapping), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2").hasMessageContaining("line 7").hasMessageContaining("overlap");
  }

  @Test
  void aRepeatedEventIdIsRejected() {
    assertThatThrownBy(() -> ValueAllocator.allocate(List.of(SEPTEMBER), List.of(
        spend("a", "2026-09-02T00:00:00Z", 1), spend("a", "2026-09-03T00:00:00Z", 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a]");
  }

  @Test
  void theSummaryAddsUpPerBucketWindowAndRepository() {
    List<ValueAllocation> a = ValueAllocator.allocate(List.of(SEPTEMBER, OCTOBER), List.of(
        spend("a", "2026-09-02T10:00:00Z", 1_200),
        new TokenSpend("b", "t2", Instant.parse("2026-10-02T00:00:00Z"), 5, null, null),
        spend("c", "2026-12-01T00:00:00Z", 9)));

    ValueSummary s = ValueSummary.of(List.of(SEPTEMBER, OCTOBER), a);

    assertThat(s.tokens()).isEqualTo(1_214);
    assertThat(s.baseTokens()).isEqualTo(1_003);
    assertThat(s.purchasedTokens()).isEqualTo(200);
    assertThat(s.exhaustedTokens()).isEqualTo(2);
    assertThat(s.noWindowTokens()).isEqualTo(9);
    assertThat(s.usd()).isEqualTo(UsdAmount.of(new BigDecimal("44")));
    assertThat(s.windows()).map(w -> w.baseUsed() + "/" + w.purchasedUsed() + "/" + w.exhaustedTokens())
        .containsExactly("1000/200/0", "3/0/2");
    assertThat(s.byRepo()).map(g -> g.key() + " " + g.tokens() + " " + g.pricedTokens())
        .containsExactly("acme/api 1209 1200", "null 5 3");
  }

  @Test
  void exactAmountsAddAndRoundOnlyWhenPrinted() {
    UsdAmount third = UsdAmount.of(BigDecimal.ONE).dividedBy(3);

    assertThat(third.plus(third).plus(third)).isEqualTo(UsdAmount.of(BigDecimal.ONE));
    assertThat(third.toDecimal(4).toPlainString()).isEqualTo("0.3333");
    assertThat(UsdAmount.of(new BigDecimal("19.990")).times(2).toDecimal(2).toPlainString()).isEqualTo("39.98");
    assertThat(UsdAmount.of(new BigDecimal("0.125")).toDecimal(2).toPlainString()).isEqualTo("0.12");
    assertThatThrownBy(() -> UsdAmount.of(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
  }
}
