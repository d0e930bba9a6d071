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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude's prices and the cache-write rate. Every expected figure is worked by hand in the comments
 * from the bundled rates (per million tokens): claude-sonnet-4-5 input 3, cache write 3.75, cache
 * read 0.30, output 15; claude-opus-4-5 5, 6.25, 0.50, 25; claude-haiku-4-5 1, 1.25, 0.10, 5.
 */
class ClaudePricingTests {

  private static final Instant DEC = Instant.parse("2026-12-01T12:00:00Z");
  private static final LocalDate DEC_DAY = LocalDate.of(2026, 12, 1);
  private static final String OLD_HEADER = "model\taliases\teffective_from\tinput_per_1m\tcached_input_per_1m"
      + "\toutput_per_1m\tsource\tretrieved\n";
  private static final String HEADER = String.join("\t", RateTable.COLUMNS) + "\n";

  @TempDir Path dir;

  /**
   * A usage as Claude Code reports it: input here excludes the cache, so wlat's input is the sum of
   * the three and its cached part the cache reads.
   */
  private static TokenUsage claude(long input, long cacheWrite, long cacheRead, long output) {
    long in = input + cacheWrite + cacheRead;
    return new TokenUsage(in, cacheRead, output, 0, in + output, cacheWrite);
  }

  private static BigDecimal usd(String s) {
    return new BigDecimal(s);
  }

  @Test
  void sonnet45BillsUncachedInputCacheWritesCacheReadsAndOutputEachAtItsOwnRate() {
    // 1,000,000 x 3 + 1,000,000 x 3.75 + 1,000,000 x 0.30 + 1,000,000 x 15 per million
    //   = 3 + 3.75 + 0.30 + 15 = 22.05 USD
    Pricing.Priced p = Pricing.bundled().price(claude(1_000_000, 1_000_000, 1_000_000, 1_000_000),
        "claude-sonnet-4-5", DEC);

    assertThat(p.usd().amount()).isEqualByComparingTo(usd("22.05"));
    // the short name is an alias of the dated id Anthropic lists and Claude Code writes
    assertThat(p.usd().basis()).isEqualTo(PriceBasis.ESTIMATED);
  }

  @Test
  void aTypicalClaudeCodeCallIsPricedToTheMillionth() {
    // input_tokens 12, cache_creation 3,000, cache_read 20,000, output 450 on claude-sonnet-4-5:
    // 12 x 3 + 3,000 x 3.75 + 20,000 x 0.30 + 450 x 15 = 36 + 11,250 + 6,000 + 6,750 = 24,036
    // per million = 0.024036 USD
    Charge c = Pricing.bundled().price(claude(12, 3_000, 20_000, 450), "claude-sonnet-4-5-20250929", DEC).usd();

    assertThat(c.amount()).isEqualByComparingTo(usd("0.024036"));
  }

  @Test
  void opusAndHaiku45AtTheirOwnRates() {
    // opus-4-5: 100,000 x 5 + 50,000 x 6.25 + 400,000 x 0.50 + 20,000 x 25
    //   = 500,000 + 312,500 + 200,000 + 500,000 = 1,512,500 per million = 1.5125 USD
    assertThat(Pricing.bundled().price(claude(100_000, 50_000, 400_000, 20_000), "claude-opus-4-5", DEC)
        .usd().amount()).isEqualByComparingTo(usd("1.5125"));
    // haiku-4-5: 1,000,000 each: 1 + 1.25 + 0.10 + 5 = 7.35 USD
    assertThat(Pricing.bundled().price(claude(1_000_000, 1_000_000, 1_000_000, 1_000_000), "claude-haiku-4-5", DEC)
        .usd().amount()).isEqualByComparingTo(usd("7.35"));
  }

  @Test
  void theDatedIdsClaudeCodeWritesAreListedAndTheShortNamesAreTheirAliases() {
    Map<String, String> dated = Map.ofEntries(
        Map.entry("claude-opus-4-7-20260416", "claude-opus-4-7"),
        Map.entry("claude-opus-4-6-20260205", "claude-opus-4-6"),
        Map.entry("claude-opus-4-5-20251101", "claude-opus-4-5"),
        Map.entry("claude-opus-4-1-20250805", "claude-opus-4-1"),
        Map.entry("claude-opus-4-20250514", "claude-opus-4"),
        Map.entry("claude-4-opus-20250514", "claude-opus-4"),
        Map.entry("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
        Map.entry("claude-sonnet-4-20250514", "claude-sonnet-4"),
        Map.entry("claude-4-sonnet-20250514", "claude-sonnet-4"),
        Map.entry("claude-3-7-sonnet-20250219", "claude-3-7-sonnet"),
        Map.entry("claude-haiku-4-5-20251001", "claude-haiku-4-5"),
        Map.entry("claude-3-5-haiku-20241022", "claude-3-5-haiku"));
    RateTable t = Pricing.bundled().prices();

    dated.forEach((id, model) -> {
      RateTable.Match m = t.match(id, DEC_DAY);
      assertThat(m).as(id).isNotNull();
      RateTable.Match shortName = t.match(model, DEC_DAY);
      assertThat(shortName.rate()).as(model).isEqualTo(m.rate());
      assertThat(m.rate().aliases()).as(id).contains(model);
      // what Claude Code writes is the id Anthropic's price list names: listed; the short name, an alias, estimated
      boolean secondaryDatedId = id.startsWith("claude-4-");
      assertThat(m.basis()).as(id).isEqualTo(secondaryDatedId ? PriceBasis.ESTIMATED : PriceBasis.LISTED);
      assertThat(shortName.basis()).as(model).isEqualTo(PriceBasis.ESTIMATED);
    });
    // the same figure through the alias as through the model: 22.05 as above
    TokenUsage u = claude(1_000_000, 1_000_000, 1_000_000, 1_000_000);
    assertThat(t.charge(u, "claude-sonnet-4-5-20250929", DEC_DAY).amount()).isEqualByComparingTo(usd("22.05"));
  }

  @Test
  void everyClaudeRowHasACacheWriteRateAndNoGptRowHasOne() {
    List<Rate> rates = Pricing.bundled().prices().rates();

    assertThat(rates).filteredOn(r -> r.model().startsWith("claude-")).hasSize(10)
        .allSatisfy(r -> assertThat(r.cacheWritePerMillion()).as(r.model()).isNotNull());
    assertThat(rates).filteredOn(r -> !r.model().startsWith("claude-"))
        .allSatisfy(r -> assertThat(r.cacheWritePerMillion()).as(r.model()).isNull());
    // Anthropic's 5-minute cache write is 1.25x the input rate, its cache read 0.1x
    assertThat(rates).filteredOn(r -> r.model().startsWith("claude-")).allSatisfy(r -> {
      assertThat(r.cacheWritePerMillion()).as(r.model())
          .isEqualByComparingTo(r.inputPerMillion().multiply(usd("1.25")));
      assertThat(r.cachedInputPerMillion()).as(r.model())
          .isEqualByComparingTo(r.inputPerMillion().multiply(usd("0.1")));
    });
  }

  @Test
  void gptRowsBillCacheWritesAsUncachedInputExactlyAsBefore() {
    // gpt-5.1-codex, input 1,000,000 (cached 400,000, of the rest 100,000 cache writes), output 50,000:
    // 600,000 x 1.25 + 400,000 x 0.125 + 50,000 x 10 = 750,000 + 50,000 + 500,000 -> 1.30 USD,
    // the figure without cache writes
    TokenUsage withWrites = new TokenUsage(1_000_000, 400_000, 50_000, 20_000, 1_050_000, 100_000);
    assertThat(Pricing.bundled().price(withWrites, "gpt-5.1-codex", DEC).usd().amount())
        .isEqualByComparingTo(usd("1.30"));

    // and for every row without a cache-write rate, odd rows (writes above uncached input) included
    RateTable t = Pricing.bundled().prices();
    List<TokenUsage> odd = List.of(new TokenUsage(100, 90, 7, 0, 107, 50), new TokenUsage(10, 0, 0, 0, 10, 10),
        new TokenUsage(123_456, 23_456, 7_890, 1_000, 131_346, 99_999));
    for (Rate r : t.rates()) {
      if (r.cacheWritePerMillion() != null) {
        continue;
      }
      for (TokenUsage u : odd) {
        TokenUsage noWrites = new TokenUsage(u.inputTokens(), u.cachedInputTokens(), u.outputTokens(),
            u.reasoningOutputTokens(), u.totalTokens(), 0);
        assertThat(RateTable.amount(u, r)).as(r.model()).isEqualByComparingTo(RateTable.amount(noWrites, r));
      }
    }
  }

  @Test
  void uncachedInputIsFlooredAtZeroWhenCacheReadsAndWritesExceedTheInput() {
    // an odd row: input 100 of which 80 cached and 50 cache writes: 0 x 3 + 50 x 3.75 + 80 x 0.30
    //   = 187.5 + 24 = 211.5 per million = 0.0002115 USD
    TokenUsage u = new TokenUsage(100, 80, 0, 0, 100, 50);
    assertThat(Pricing.bundled().price(u, "claude-sonnet-4-5", DEC).usd().amount())
        .isEqualByComparingTo(usd("0.0002115"));
  }

  @Test
  void claudeModelsHaveNoCodexCreditsOnlyUnpricedTokens() {
    for (String model : List.of("claude-sonnet-4-5", "claude-sonnet-4-5-20250929", "claude-opus-4-5-20251101",
        "claude-3-5-haiku-20241022", "anthropic/claude-haiku-4-5")) {
      Charge credits = Pricing.bundled().price(claude(12, 3_000, 20_000, 450), model, DEC).credits();

      assertThat(credits.amount()).as(model).isNull();
      assertThat(credits.basis()).as(model).isEqualTo(PriceBasis.UNPRICED);
      // 12 + 3,000 + 20,000 + 450 = 23,462 tokens counted, never valued
      assertThat(credits.unpricedTokens()).as(model).isEqualTo(23_462);
    }
  }

  @Test
  void aUserFileWithoutTheCacheWriteColumnStillLoadsAndBillsCacheWritesAsInput() throws Exception {
    Path f = Files.writeString(dir.resolve("old.tsv"), "# a file from before cache_write_per_1m\n" + OLD_HEADER
        + "claude-sonnet-4-5\tclaude-sonnet-4-5-20250929\t2025-09-29\t2\t0.2\t10\tmy contract\t\n",
        StandardCharsets.UTF_8);
    Pricing pricing = Pricing.withUserPrices(f);

    // 1,000,000 plain + 1,000,000 cache writes at the input rate 2, 1,000,000 x 0.2, 1,000,000 x 10
    //   = 2 + 2 + 0.2 + 10 = 14.2 USD
    Charge c = pricing.price(claude(1_000_000, 1_000_000, 1_000_000, 1_000_000), "claude-sonnet-4-5-20250929", DEC)
        .usd();
    assertThat(c.amount()).isEqualByComparingTo(usd("14.2"));
    assertThat(c.basis()).isEqualTo(PriceBasis.USER);
    assertThat(pricing.prices().rates().get(0).cacheWritePerMillion()).isNull();
  }

  @Test
  void aUserFileWithTheCacheWriteColumnOverridesTheBundledRates() throws Exception {
    Path f = Files.writeString(dir.resolve("new.tsv"), HEADER
        + "claude-sonnet-4-5\tclaude-sonnet-4-5-20250929\t2025-09-29\t2\t0.2\t10\tmy contract\t2026-12-01\t5\n"
        + "gpt-5\t\t2025-08-07\t1\t0.1\t8\tmy contract\t\t\n", StandardCharsets.UTF_8);
    Pricing pricing = Pricing.withUserPrices(f);
    TokenUsage u = claude(1_000_000, 1_000_000, 1_000_000, 1_000_000);

    // 1,000,000 x 2 + 1,000,000 x 5 + 1,000,000 x 0.2 + 1,000,000 x 10 = 2 + 5 + 0.2 + 10 = 17.2 USD
    Charge mine = pricing.price(u, "claude-sonnet-4-5", DEC).usd();
    assertThat(mine.amount()).isEqualByComparingTo(usd("17.2"));
    assertThat(mine.basis()).isEqualTo(PriceBasis.USER);
    // the dated id, listed as the user's alias, finds the user's row before the bundled one: 17.2 again
    Charge dated = pricing.price(u, "claude-sonnet-4-5-20250929", DEC).usd();
    assertThat(dated.amount()).isEqualByComparingTo(usd("17.2"));
    assertThat(dated.basis()).isEqualTo(PriceBasis.USER);
    // an empty cache-write cell is none: gpt-5 bills its 3,000,000 input, 1,000,000 of it cached, as ever:
    // 2,000,000 x 1 + 1,000,000 x 0.1 + 1,000,000 x 8 = 2 + 0.1 + 8 = 10.1 USD
    assertThat(pricing.price(u, "gpt-5", DEC).usd().amount()).isEqualByComparingTo(usd("10.1"));
    // the bundled Claude rows still price the rest: 7.35 as above
    assertThat(pricing.price(u, "claude-haiku-4-5", DEC).usd().amount()).isEqualByComparingTo(usd("7.35"));
  }

  @Test
  void aPinnedTableWritesTheCacheWriteColumnAndReadsBackTheSameRates() {
    Pricing bundled = Pricing.bundled();
    String pinned = bundled.prices().toTsv("pinned 2026-12-02");

    assertThat(pinned).startsWith(String.join("\t", RateTable.COLUMNS) + "\n");
    assertThat(pinned.lines().filter(l -> l.startsWith("claude-sonnet-4-5-20250929\t")).findFirst().orElseThrow())
        .endsWith("\t2026-12-02\t3.75");
    assertThat(pinned.lines().filter(l -> l.startsWith("gpt-5\t")).findFirst().orElseThrow())
        .endsWith("\t2026-12-02\t");
    RateTable back = RateTable.parseUser("usd", "pinned.tsv", pinned.getBytes(StandardCharsets.UTF_8));
    TokenUsage u = claude(12_345, 6_789, 101_112, 1_314);
    for (Rate r : bundled.prices().rates()) {
      Charge want = bundled.prices().charge(u, r.model(), r.effectiveFrom());
      Charge got = back.charge(u, r.model(), r.effectiveFrom());
      assertThat(got.amount()).as(r.model()).isEqualByComparingTo(want.amount());
      assertThat(got.basis()).isEqualTo(PriceBasis.USER);
    }
  }

  @Test
  void aMalformedCacheWriteCellOrAnExtraColumnIsOneLineNamingTheFileLineAndColumn() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.tsv"), HEADER + "claude-x\t\t2026-01-01\t3\t0.3\t15\tme\t\tlots\n");
    assertThatThrownBy(() -> Pricing.withUserPrices(bad))
        .isInstanceOf(PricingException.class)
        .hasMessage(bad + ":2: column cache_write_per_1m: [lots] is not a decimal number (e.g. 10 or 1.25)");

    Path extra = Files.writeString(dir.resolve("extra.tsv"), OLD_HEADER + "claude-x\t\t2026-01-01\t3\t0.3\t15\tme\t\t3.75\n");
    assertThatThrownBy(() -> Pricing.withUserPrices(extra))
        .isInstanceOf(PricingException.class)
        .hasMessage(extra + ":2: column 9: unexpected; rows have at most 8 tab-separated columns");
  }
}
