package dev.wlat.accounting.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.model.Charge;
import dev.wlat.model.PriceBasis;
import dev.wlat.model.TokenUsage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every expected figure below is worked by hand from the bundled tables' rates, in the comments. */
class PricingTests {

  private static final Instant MAY = Instant.parse("2026-05-01T12:00:00Z");
  private static final String HEADER = String.join("\t", RateTable.COLUMNS) + "\n";

  @TempDir Path dir;

  /** input includes cached, output includes reasoning, as Codex writes them. */
  private static TokenUsage usage(long input, long cached, long output, long reasoning) {
    return TokenUsage.of(input, cached, output, reasoning, input + output);
  }

  private static BigDecimal usd(String s) {
    return new BigDecimal(s);
  }

  @Test
  void gpt51CodexIsPricedOnUncachedInputCachedInputAndOutputOnly() {
    // 600,000 uncached x 1.25 + 400,000 cached x 0.125 + 50,000 output x 10 = 750,000 + 50,000 + 500,000
    // per million = 1.30 USD; the reasoning 20,000 is inside output and the cached 400,000 inside input.
    Pricing.Priced p = Pricing.bundled().price(usage(1_000_000, 400_000, 50_000, 20_000), "gpt-5.1-codex", MAY);

    assertThat(p.usd().amount()).isEqualByComparingTo(usd("1.30"));
    assertThat(p.usd().basis()).isEqualTo(PriceBasis.LISTED);
    // the Codex rate card has no row for gpt-5.1-codex: its credits are unpriced, tokens counted
    assertThat(p.credits().amount()).isNull();
    assertThat(p.credits().basis()).isEqualTo(PriceBasis.UNPRICED);
    assertThat(p.credits().unpricedTokens()).isEqualTo(1_050_000);
  }

  @Test
  void gpt53CodexInDollarsAndCredits() {
    // USD: 500,000 x 1.75 + 1,500,000 x 0.175 + 100,000 x 14 = 875,000 + 262,500 + 1,400,000 -> 2.5375
    // credits: 500,000 x 43.75 + 1,500,000 x 4.375 + 100,000 x 350 = 21,875,000 + 6,562,500 + 35,000,000
    //   -> 63.4375 credits
    Pricing.Priced p = Pricing.bundled().price(usage(2_000_000, 1_500_000, 100_000, 60_000), "gpt-5.3-codex", MAY);

    assertThat(p.usd().amount()).isEqualByComparingTo(usd("2.5375"));
    assertThat(p.credits().amount()).isEqualByComparingTo(usd("63.4375"));
    assertThat(p.credits().basis()).isEqualTo(PriceBasis.LISTED);
  }

  @Test
  void gpt5MiniAndGpt55() {
    // gpt-5-mini: 10,000 x 0.25 + 2,000 x 2 = 2,500 + 4,000 -> 0.0065
    assertThat(Pricing.bundled().price(usage(10_000, 0, 2_000, 0), "gpt-5-mini", MAY).usd().amount())
        .isEqualByComparingTo(usd("0.0065"));
    // gpt-5.5: 200,000 x 5 + 100,000 x 0.5 + 10,000 x 30 = 1,000,000 + 50,000 + 300,000 -> 1.35
    // (adding the 8,000 reasoning tokens to output again would give 1.59)
    Pricing.Priced p = Pricing.bundled().price(usage(300_000, 100_000, 10_000, 8_000), "gpt-5.5", MAY);
    assertThat(p.usd().amount()).isEqualByComparingTo(usd("1.35"));
    // credits: 200,000 x 125 + 100,000 x 12.5 + 10,000 x 750 = 25,000,000 + 1,250,000 + 7,500,000 -> 33.75
    assertThat(p.credits().amount()).isEqualByComparingTo(usd("33.75"));
  }

  @Test
  void anUnknownModelIsUnpricedWithItsTokensCountedNeverZeroDollars() {
    Charge c = Pricing.bundled().price(usage(5_000, 1_000, 700, 0), "o9-turbo", MAY).usd();

    assertThat(c.amount()).isNull();
    assertThat(c.basis()).isEqualTo(PriceBasis.UNPRICED);
    assertThat(c.unpricedTokens()).isEqualTo(5_700);
    assertThat(Pricing.bundled().price(usage(5_000, 0, 0, 0), null, MAY).usd().basis()).isEqualTo(PriceBasis.UNPRICED);
  }

  @Test
  void aliasesProviderPrefixesAndDateSuffixesAreEstimated() {
    RateTable t = Pricing.bundled().prices();
    LocalDate day = LocalDate.of(2026, 5, 1);

    RateTable.Match alias = t.match("gpt-5-2025-08-07", day);
    assertThat(alias.rate().model()).isEqualTo("gpt-5");
    assertThat(alias.basis()).isEqualTo(PriceBasis.ESTIMATED);
    RateTable.Match prefixed = t.match("openai/GPT-5.1-Codex", day);
    assertThat(prefixed.rate().model()).isEqualTo("gpt-5.1-codex");
    assertThat(prefixed.basis()).isEqualTo(PriceBasis.ESTIMATED);
    RateTable.Match dated = t.match("gpt-5.3-codex-2026-02-05", day);
    assertThat(dated.rate().model()).isEqualTo("gpt-5.3-codex");
    assertThat(dated.basis()).isEqualTo(PriceBasis.ESTIMATED);
    // an alias prices like its model: 1,000 x 1.25 + 0 + 100 x 10 = 1,250 + 1,000 -> 0.00225
    assertThat(t.charge(usage(1_000, 0, 100, 0), "gpt-5-chat-latest", day).amount()).isEqualByComparingTo(usd("0.00225"));
  }

  @Test
  void creditsBeforeTheRateCardStartedAreEstimated() {
    Charge c = Pricing.bundled().price(usage(1_000_000, 0, 0, 0), "gpt-5.4", Instant.parse("2026-03-20T00:00:00Z"))
        .credits();

    // 1,000,000 x 62.5 per million = 62.5 credits, at the first rates, as an estimate
    assertThat(c.amount()).isEqualByComparingTo(usd("62.5"));
    assertThat(c.basis()).isEqualTo(PriceBasis.ESTIMATED);
  }

  @Test
  void theUsersPricesWinAndAreMarkedUserWithTheirOwnEffectiveDates() throws Exception {
    Path f = Files.writeString(dir.resolve("prices.tsv"), "# my negotiated rates\n" + HEADER
        + "gpt-5.1-codex\t\t2026-01-01\t2\t0.2\t8\tcontract 2026\t\n"
        + "gpt-5.1-codex\t\t2026-06-01\t1\t0.1\t4\tcontract amendment\t2026-06-01\n"
        + "my-model\tmine\t2025-01-01\t3\t\t9\tinternal\t\n", StandardCharsets.UTF_8);
    Pricing pricing = Pricing.withUserPrices(f);
    TokenUsage u = usage(1_000_000, 400_000, 50_000, 20_000);

    // May: 600,000 x 2 + 400,000 x 0.2 + 50,000 x 8 = 1,200,000 + 80,000 + 400,000 -> 1.68
    Charge may = pricing.price(u, "gpt-5.1-codex", MAY).usd();
    assertThat(may.amount()).isEqualByComparingTo(usd("1.68"));
    assertThat(may.basis()).isEqualTo(PriceBasis.USER);
    // July: 600,000 x 1 + 400,000 x 0.1 + 50,000 x 4 = 600,000 + 40,000 + 200,000 -> 0.84
    assertThat(pricing.price(u, "gpt-5.1-codex", Instant.parse("2026-07-01T00:00:00Z")).usd().amount())
        .isEqualByComparingTo(usd("0.84"));
    // an empty cached rate bills cached input at the input rate: 1,000,000 x 3 + 50,000 x 9 -> 3.45
    Charge mine = pricing.price(u, "mine", MAY).usd();
    assertThat(mine.amount()).isEqualByComparingTo(usd("3.45"));
    assertThat(mine.basis()).isEqualTo(PriceBasis.USER);
    // the bundled rows still price the rest
    assertThat(pricing.price(u, "gpt-5", MAY).usd().basis()).isEqualTo(PriceBasis.LISTED);
  }

  @Test
  void chargesAddExactlyAndCarryTheirWeakestBasis() {
    Charge listed = Charge.priced(usd("0.1"), PriceBasis.LISTED);
    Charge estimated = Charge.priced(usd("0.2"), PriceBasis.ESTIMATED);
    Charge unknown = Charge.unpriced(500);

    Charge all = Charge.NONE.plus(listed).plus(estimated).plus(unknown).plus(Charge.NONE);
    assertThat(all.amount()).isEqualByComparingTo(usd("0.3"));
    assertThat(all.basis()).isEqualTo(PriceBasis.UNPRICED);
    assertThat(all.unpricedTokens()).isEqualTo(500);
    assertThat(listed.plus(estimated).basis()).isEqualTo(PriceBasis.ESTIMATED);
    assertThat(unknown.plus(unknown).amount()).isNull();
  }

  @Test
  void aMalformedPricingFileIsOneLineNamingTheFileLineAndColumn() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.tsv"), HEADER + "gpt-5\t\t2026-01-01\tten\t0.1\t8\tme\t\n");
    assertThatThrownBy(() -> Pricing.withUserPrices(bad))
        .isInstanceOf(PricingException.class)
        .hasMessage(bad + ":2: column input_per_1m: [ten] is not a decimal number (e.g. 10 or 1.25)");

    Path noHeader = Files.writeString(dir.resolve("nohead.tsv"), "gpt-5\t\t2026-01-01\t1\t0.1\t8\tme\t\n");
    assertThatThrownBy(() -> Pricing.withUserPrices(noHeader))
        .isInstanceOf(PricingException.class).hasMessageStartingWith(noHeader + ":1: header: expected");

    Path twice = Files.writeString(dir.resolve("twice.tsv"), HEADER + "gpt-5\t\t2026-01-01\t1\t0.1\t8\tme\t\n"
        + "GPT-5\t\t2026-01-01\t2\t0.2\t9\tme\t\n");
    assertThatThrownBy(() -> Pricing.withUserPrices(twice))
        .hasMessage(twice + ":3: column effective_from: [2026-01-01] repeats the row of gpt-5 on line 2");

    Path noSource = Files.writeString(dir.resolve("nosource.tsv"), HEADER + "gpt-5\t\t2026-01-01\t1\t0.1\t8\t\t\n");
    assertThatThrownBy(() -> Pricing.withUserPrices(noSource)).hasMessageContaining(":2: column source: must not be empty");

    assertThatThrownBy(() -> Pricing.withUserPrices(dir.resolve("missing.tsv")))
        .isInstanceOf(PricingException.class).hasMessageContaining("missing.tsv: cannot read the pricing file");
  }

  @Test
  void aPinnedTableReadsBackAsTheSameRatesMarkedUser() {
    Pricing bundled = Pricing.bundled();
    String pinned = bundled.prices().toTsv("pinned 2026-12-02");
    RateTable back = RateTable.parseUser("usd", "pinned.tsv", pinned.getBytes(StandardCharsets.UTF_8));

    assertThat(back.rates()).hasSameSizeAs(bundled.prices().rates());
    TokenUsage u = usage(123_456, 23_456, 7_890, 1_000);
    for (Rate r : bundled.prices().rates()) {
      Charge want = bundled.prices().charge(u, r.model(), r.effectiveFrom());
      Charge got = back.charge(u, r.model(), r.effectiveFrom());
      assertThat(got.amount()).as(r.model()).isEqualByComparingTo(want.amount());
      assertThat(got.basis()).isEqualTo(PriceBasis.USER);
    }
  }

  @Test
  void everyBundledRowNamesItsSourceAndDate() {
    for (RateTable t : new RateTable[] {Pricing.bundled().prices(), Pricing.bundled().credits()}) {
      assertThat(t.rates()).isNotEmpty().allSatisfy(r -> {
        assertThat(r.source()).isNotBlank();
        assertThat(r.retrieved()).isNotNull();
        assertThat(r.user()).isFalse();
      });
    }
    assertThat(Pricing.bundled().digest()).isEqualTo(Pricing.bundled().digest()).hasSize(16);
  }
}
