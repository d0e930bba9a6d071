package dev.wlat.accounting.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One row of a rate table: what a model costs per million tokens, from a date on.
 *
 * @param model the model id as Codex or Claude Code writes it ({@code gpt-5.1-codex},
 *     {@code claude-sonnet-4-5}), lower case
 * @param aliases other ids priced like this one (lower case; matches through them are estimated)
 * @param effectiveFrom the first day the rates apply
 * @param inputPerMillion per million uncached input tokens that are not cache writes
 * @param cachedInputPerMillion per million cached input tokens (cache reads)
 * @param cacheWritePerMillion per million cache-write input tokens (Anthropic's cache creation), or
 *     {@code null} when the model has no such price: cache writes are then billed as uncached input,
 *     exactly as before this rate existed
 * @param outputPerMillion per million output tokens (reasoning included: it is inside output)
 * @param source where the figures come from (a URL or a note)
 * @param retrieved when they were read there, or {@code null}
 * @param user whether the row comes from the user's file rather than wlat's bundled table
 */
public record Rate(String model, List<String> aliases, LocalDate effectiveFrom, BigDecimal inputPerMillion,
    BigDecimal cachedInputPerMillion, BigDecimal cacheWritePerMillion, BigDecimal outputPerMillion, String source,
    LocalDate retrieved, boolean user) {

  public Rate {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    Objects.requireNonNull(inputPerMillion, "inputPerMillion");
    Objects.requireNonNull(cachedInputPerMillion, "cachedInputPerMillion");
    Objects.requireNonNull(outputPerMillion, "outputPerMillion");
    Objects.requireNonNull(source, "source");
    aliases = List.copyOf(aliases);
    List<BigDecimal> all = new ArrayList<>(List.of(inputPerMillion, cachedInputPerMillion, outputPerMillion));
    if (cacheWritePerMillion != null) {
      all.add(cacheWritePerMillion);
    }
    for (BigDecimal r : all) {
      if (r.signum() < 0) {
        throw new IllegalArgumentException("rate of [" + model + "] must not be negative, was [" + r.toPlainString() + "]");
      }
      if (r.stripTrailingZeros().scale() > 9) {
        throw new IllegalArgumentException("rate of [" + model + "] has more than 9 decimals: [" + r.toPlainString() + "]");
      }
    }
  }

  /** A row without a cache-write price: cache writes are billed as uncached input. */
  public Rate(String model, List<String> aliases, LocalDate effectiveFrom, BigDecimal inputPerMillion,
      BigDecimal cachedInputPerMillion, BigDecimal outputPerMillion, String source, LocalDate retrieved,
      boolean user) {
    this(model, aliases, effectiveFrom, inputPerMillion, cachedInputPerMillion, null, outputPerMillion, source,
        retrieved, user);
  }

  /** {@return the rate cache writes are billed at}: the cache-write rate, else the input rate. */
  public BigDecimal cacheWriteOrInputPerMillion() {
    return cacheWritePerMillion == null ? inputPerMillion : cacheWritePerMillion;
  }

  /** {@return the input rate in billionths} (rates have at most 9 decimals). */
  long inputNanos() {
    return nanos(inputPerMillion);
  }

  long cachedInputNanos() {
    return nanos(cachedInputPerMillion);
  }

  /** {@return the cache-write rate in billionths, or -1 when the row has none}. */
  long cacheWriteNanos() {
    return cacheWritePerMillion == null ? -1 : nanos(cacheWritePerMillion);
  }

  long outputNanos() {
    return nanos(outputPerMillion);
  }

  private static long nanos(BigDecimal rate) {
    return rate.movePointRight(9).longValueExact();
  }
}
