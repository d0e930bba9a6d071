package dev.wlat.accounting.pricing;

import dev.wlat.model.Charge;
import dev.wlat.model.TokenUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What usage costs: US dollars from a price table and Codex credits from a credit rate card, both
 * bundled with wlat (each row stamped with its source and date), the prices overridable by the
 * user's own file. A usage's day, for the tables' {@code effective_from} dates, is its UTC date.
 */
public final class Pricing {

  private final RateTable prices;
  private final RateTable credits;

  private Pricing(RateTable prices, RateTable credits) {
    this.prices = prices;
    this.credits = credits;
  }

  /** {@return the bundled prices and credit rate card}. */
  public static Pricing bundled() {
    return new Pricing(RateTable.bundledPrices(), RateTable.bundledCredits());
  }

  /**
   * {@return the bundled tables with the prices of {@code file} (columns {@link RateTable#COLUMNS},
   * US dollars) put first}; {@code null} gives {@link #bundled()}.
   *
   * @throws PricingException for a missing, unreadable or malformed file, naming it (and the line)
   */
  public static Pricing withUserPrices(Path file) {
    Pricing bundled = bundled();
    if (file == null) {
      return bundled;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw PricingException.of(file + ": cannot read the pricing file (" + e.getClass().getSimpleName() + ")");
    }
    return new Pricing(bundled.prices.overriddenBy(RateTable.parseUser("usd", file.toString(), bytes)), bundled.credits);
  }

  /** {@return the US-dollar table, the user's rows first}. */
  public RateTable prices() {
    return prices;
  }

  /** {@return the Codex credit rate card}. */
  public RateTable credits() {
    return credits;
  }

  /** The cost of some usage in both units. */
  public record Priced(Charge usd, Charge credits) {

    /** Nothing: the identity of {@link #plus}. */
    public static final Priced NONE = new Priced(Charge.NONE, Charge.NONE);

    public Priced {
      Objects.requireNonNull(usd, "usd");
      Objects.requireNonNull(credits, "credits");
    }

    /** {@return both units summed, exactly}. */
    public Priced plus(Priced other) {
      return new Priced(usd.plus(other.usd), credits.plus(other.credits));
    }
  }

  /** {@return what {@code usage} of {@code model} at {@code at} costs in dollars and credits}. */
  public Priced price(TokenUsage usage, String model, Instant at) {
    LocalDate day = at == null ? null : LocalDate.ofInstant(at, ZoneOffset.UTC);
    return new Priced(prices.charge(usage, model, day), credits.charge(usage, model, day));
  }

  /** {@return a short digest of both tables}: outputs priced under other tables must be made again. */
  public String digest() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(prices.toTsv(null).getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(credits.toTsv(null).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
