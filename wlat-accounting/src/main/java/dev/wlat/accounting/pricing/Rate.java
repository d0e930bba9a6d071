package dev.wlat.accounting.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One row of a rate table: what a model costs per million tokens, from a date on.
 *
 * @param model the model id as Codex writes it ({@code gpt-5.1-codex}), lower case
 * @param aliases other ids priced like this one (lower case; matches through them are estimated)
 * @param effectiveFrom the first day the rates apply
 * @param inputPerMillion per million uncached input tokens
 * @param cachedInputPerMillion per million cached input tokens
 * @param outputPerMillion per million output tokens (reasoning included: it is inside output)
 * @param source where the figures come from (a URL or a note)
 * @param retrieved when they were read there, or {@code null}
 * @param user whether the row comes from the user's file rather than wlat's bundled table
 */
public record Rate(String model, List<String> aliases, LocalDate effectiveFrom, BigDecimal inputPerMillion,
    BigDecimal cachedInputPerMillion, BigDecimal outputPerMillion, String source, LocalDate retrieved,
    boolean user) {

  public Rate {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    Objects.requireNonNull(inputPerMillion, "inputPerMillion");
    Objects.requireNonNull(cachedInputPerMillion, "cachedInputPerMillion");
    Objects.requireNonNull(outputPerMillion, "outputPerMillion");
    Objects.requireNonNull(source, "source");
    aliases = List.copyOf(aliases);
    for (BigDecimal r : List.of(inputPerMillion, cachedInputPerMillion, outputPerMillion)) {
      if (r.signum() < 0) {
        throw new IllegalArgumentException("rate of [" + model + "] must not be negative, was [" + r.toPlainString() + "]");
      }
      if (r.stripTrailingZeros().scale() > 9) {
        throw new IllegalArgumentException("rate of [" + model + "] has more than 9 decimals: [" + r.toPlainString() + "]");
      }
    }
  }

  /** {@return the input rate in billionths} (rates have at most 9 decimals). */
  long inputNanos() {
    return nanos(inputPerMillion);
  }

  long cachedInputNanos() {
    return nanos(cachedInputPerMillion);
  }

  long outputNanos() {
    return nanos(outputPerMillion);
  }

  private static long nanos(BigDecimal rate) {
    return rate.movePointRight(9).longValueExact();
  }
}
