package dev.wlat.accounting.pricing;

import dev.wlat.model.Charge;
import dev.wlat.model.PriceBasis;
import dev.wlat.model.TokenUsage;
import dev.wlat.model.TsvText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Rates per model in one unit (US dollars or Codex credits), read from a TSV file with the columns
 * {@link #COLUMNS}, and the charge of some usage under them.
 *
 * <p>A charge is {@code uncached input × input rate + cached input × cached rate + output × output
 * rate}, per million tokens. Codex's input already holds the cached tokens and its output the
 * reasoning tokens, so cached is never added to input nor reasoning to output: that would bill
 * twice.
 *
 * <p>A row with a {@code cache_write_per_1m} rate (Anthropic's models) bills cache writes apart:
 * {@code (input − cached − cache writes, floored at 0) × input rate + cache writes × cache-write
 * rate + cached × cached rate + output × output rate}; cache writes are part of the input too
 * ({@link TokenUsage#cacheWriteInputTokens()}). A row without one bills exactly as above, cache
 * writes included in uncached input.
 *
 * <p>A model is looked up, in order: in the user's rows (by id or alias: {@link PriceBasis#USER});
 * by its own id in the bundled rows ({@link PriceBasis#LISTED}); by an alias there ({@link
 * PriceBasis#ESTIMATED}); then the same again with a provider prefix ({@code openai/}) and a date
 * suffix ({@code -2025-08-07}) dropped (estimated, or user). Of a model's rows, the one with the
 * latest {@code effective_from} on or before the usage's day applies; usage before every row's date
 * takes the earliest row, as an estimate. A model found nowhere is {@link PriceBasis#UNPRICED}.
 */
public final class RateTable {

  /**
   * The columns of a rate file, in order; {@code aliases}, {@code cached_input_per_1m} (the input
   * rate), {@code retrieved} and {@code cache_write_per_1m} (none: cache writes billed as input) may
   * be empty. The last, {@code cache_write_per_1m}, is optional: a header without it (the files of
   * wlat before it) reads as before.
   */
  public static final List<String> COLUMNS = List.of("model", "aliases", "effective_from", "input_per_1m",
      "cached_input_per_1m", "output_per_1m", "source", "retrieved", "cache_write_per_1m");

  private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(?:\\.\\d{1,9})?");
  private static final Pattern PROVIDER = Pattern.compile("^[a-z0-9_.-]+/");
  private static final Pattern DATE_SUFFIX = Pattern.compile("-(?:\\d{4}-\\d{2}-\\d{2}|\\d{8})$");
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final String unit;
  private final List<Rate> rates;
  private final Map<String, List<Rate>> byModel = new HashMap<>();
  private final Map<String, List<Rate>> byAlias = new HashMap<>();
  private final Map<String, List<Rate>> userByName = new HashMap<>();
  /** Per model id as written: its rows and basis, found once (a run prices the same few ids again and again). */
  private final java.util.concurrent.ConcurrentHashMap<String, Found> found = new java.util.concurrent.ConcurrentHashMap<>();

  /** A model's rows (sorted by date, empty when none) and the basis of finding them there. */
  private record Found(List<Rate> rates, long[] nanos, PriceBasis basis) {

    Found(List<Rate> rates, PriceBasis basis) {
      this(rates, nanosOf(rates), basis);
    }

    /**
     * Each rate's input, cached input, output and cache-write rates in billionths, four per rate
     * (the cache-write one -1 when the rate has none).
     */
    private static long[] nanosOf(List<Rate> rates) {
      long[] n = new long[4 * rates.size()];
      for (int i = 0; i < rates.size(); i++) {
        n[4 * i] = rates.get(i).inputNanos();
        n[4 * i + 1] = rates.get(i).cachedInputNanos();
        n[4 * i + 2] = rates.get(i).outputNanos();
        n[4 * i + 3] = rates.get(i).cacheWriteNanos();
      }
      return n;
    }
  }

  private static final Found NOT_FOUND = new Found(List.of(), PriceBasis.UNPRICED);

  private RateTable(String unit, List<Rate> rates) {
    this.unit = unit;
    this.rates = List.copyOf(rates);
    for (Rate r : this.rates) {
      if (r.user()) {
        userByName.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
        for (String a : r.aliases()) {
          userByName.computeIfAbsent(a, k -> new ArrayList<>()).add(r);
        }
      } else {
        byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
        for (String a : r.aliases()) {
          byAlias.computeIfAbsent(a, k -> new ArrayList<>()).add(r);
        }
      }
    }
    Comparator<Rate> byDate = Comparator.comparing(Rate::effectiveFrom);
    byModel.values().forEach(l -> l.sort(byDate));
    byAlias.values().forEach(l -> l.sort(byDate));
    userByName.values().forEach(l -> l.sort(byDate));
  }

  /** {@return wlat's bundled US-dollar prices}: API list prices, source and date on each row. */
  public static RateTable bundledPrices() {
    return bundled("usd", "prices.tsv");
  }

  /** {@return wlat's bundled Codex credit rate card}, source and date on each row. */
  public static RateTable bundledCredits() {
    return bundled("credits", "credits.tsv");
  }

  private static RateTable bundled(String unit, String resource) {
    try (InputStream in = RateTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("wlat's jar lacks its bundled " + resource);
      }
      return new RateTable(unit, parse(resource, in.readAllBytes(), false));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled " + resource, e);
    }
  }

  /**
   * {@return the user's rates of the file named {@code name} with content {@code bytes}}, in {@code unit}.
   *
   * @throws PricingException for a malformed file, naming its line and column
   */
  public static RateTable parseUser(String unit, String name, byte[] bytes) {
    return new RateTable(unit, parse(name, bytes, true));
  }

  /** {@return this table with {@code user}'s rows put before its own}: the user's rows win. */
  public RateTable overriddenBy(RateTable user) {
    List<Rate> all = new ArrayList<>(user.rates);
    all.addAll(rates);
    return new RateTable(unit, all);
  }

  /** {@return the unit of the rates: {@code usd} or {@code credits}}. */
  public String unit() {
    return unit;
  }

  /** {@return every row, the user's first}. */
  public List<Rate> rates() {
    return rates;
  }

  /** A model's applicable rate and how it was found. */
  public record Match(Rate rate, PriceBasis basis) {}

  /** {@return the rate that applies to {@code model} on {@code day}, or {@code null} when none does}. */
  public Match match(String model, LocalDate day) {
    if (model == null) {
      return null;
    }
    Found f = found.computeIfAbsent(model, this::find);
    if (f.rates().isEmpty()) {
      return null;
    }
    Rate r = f.rates().get(at(f.rates(), day));
    return new Match(r, basis(f, r, day));
  }

  private static PriceBasis basis(Found f, Rate r, LocalDate day) {
    boolean before = day != null && day.isBefore(r.effectiveFrom());
    return before && f.basis() == PriceBasis.LISTED ? PriceBasis.ESTIMATED : f.basis();
  }

  private Found find(String model) {
    String id = model.trim().toLowerCase(Locale.ROOT);
    if (id.isEmpty()) {
      return NOT_FOUND;
    }
    Found f = find(id, false);
    if (f != null) {
      return f;
    }
    String plain = DATE_SUFFIX.matcher(PROVIDER.matcher(id).replaceFirst("")).replaceFirst("");
    f = plain.equals(id) ? null : find(plain, true);
    return f == null ? NOT_FOUND : f;
  }

  private Found find(String id, boolean normalized) {
    List<Rate> user = userByName.get(id);
    if (user != null) {
      return new Found(user, PriceBasis.USER);
    }
    List<Rate> own = byModel.get(id);
    if (own != null) {
      return new Found(own, normalized ? PriceBasis.ESTIMATED : PriceBasis.LISTED);
    }
    List<Rate> alias = byAlias.get(id);
    return alias == null ? null : new Found(alias, PriceBasis.ESTIMATED);
  }

  /** {@return the index of the row of {@code sorted} (by date) in force on {@code day}, else 0 (the earliest)}. */
  private static int at(List<Rate> sorted, LocalDate day) {
    if (day == null) {
      return sorted.size() - 1;
    }
    int best = 0;
    for (int i = 1; i < sorted.size(); i++) {
      if (!sorted.get(i).effectiveFrom().isAfter(day)) {
        best = i;
      }
    }
    return best;
  }

  /**
   * {@return what {@code usage} of {@code model} on {@code day} costs}: unpriced (its total tokens
   * counted) when no rate applies.
   */
  public Charge charge(TokenUsage usage, String model, LocalDate day) {
    Objects.requireNonNull(usage, "usage");
    Found f = model == null ? NOT_FOUND : found.computeIfAbsent(model, this::find);
    if (f.rates().isEmpty()) {
      return Charge.unpriced(usage.totalTokens());
    }
    int i = at(f.rates(), day);
    Rate r = f.rates().get(i);
    long[] n = f.nanos();
    return Charge.priced(amount(usage, n[4 * i], n[4 * i + 1], n[4 * i + 2], n[4 * i + 3], r), basis(f, r, day));
  }

  /** {@return the exact amount of {@code usage} at {@code rate}}. */
  public static BigDecimal amount(TokenUsage usage, Rate rate) {
    return amount(usage, rate.inputNanos(), rate.cachedInputNanos(), rate.outputNanos(), rate.cacheWriteNanos(),
        rate);
  }

  /** {@code cacheWriteNanos} is -1 for a rate without a cache-write price. */
  private static BigDecimal amount(TokenUsage usage, long inputNanos, long cachedNanos, long outputNanos,
      long cacheWriteNanos, Rate rate) {
    if (usage.isZero()) {
      return BigDecimal.ZERO;
    }
    // Without a cache-write rate, cache writes are uncached input: the classic formula, unchanged.
    long writes = cacheWriteNanos < 0 ? 0 : usage.cacheWriteInputTokens();
    long plainInput = Math.max(0, usage.uncachedInputTokens() - writes);
    // rates have at most 9 decimals: tokens x (rate x 10^9) in whole units, exact while it fits a long
    try {
      long sum = Math.addExact(Math.addExact(
          Math.multiplyExact(plainInput, inputNanos),
          Math.multiplyExact(usage.cachedInputTokens(), cachedNanos)),
          Math.multiplyExact(usage.outputTokens(), outputNanos));
      if (writes > 0) {
        sum = Math.addExact(sum, Math.multiplyExact(writes, cacheWriteNanos));
      }
      return BigDecimal.valueOf(sum, 15); // / 10^9 for the rate, / 10^6 for per million
    } catch (ArithmeticException tooLarge) {
      BigDecimal sum = rate.inputPerMillion().multiply(BigDecimal.valueOf(plainInput))
          .add(rate.cachedInputPerMillion().multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
          .add(rate.outputPerMillion().multiply(BigDecimal.valueOf(usage.outputTokens())));
      if (writes > 0) {
        sum = sum.add(rate.cacheWriteOrInputPerMillion().multiply(BigDecimal.valueOf(writes)));
      }
      return sum.divide(MILLION); // a power of ten: exact
    }
  }

  /** {@return the rows as a rate file}: what {@code wlat pricing pin} writes, for {@link #parseUser}. */
  public String toTsv(String pinnedNote) {
    StringBuilder b = new StringBuilder(String.join("\t", COLUMNS)).append('\n');
    for (Rate r : rates) {
      b.append(r.model()).append('\t').append(String.join(",", r.aliases())).append('\t')
          .append(r.effectiveFrom()).append('\t').append(r.inputPerMillion().toPlainString()).append('\t')
          .append(r.cachedInputPerMillion().toPlainString()).append('\t')
          .append(r.outputPerMillion().toPlainString()).append('\t')
          .append(pinnedNote == null ? r.source() : r.source() + " (" + pinnedNote + ")").append('\t')
          .append(r.retrieved() == null ? "" : r.retrieved().toString()).append('\t')
          .append(r.cacheWritePerMillion() == null ? "" : r.cacheWritePerMillion().toPlainString()).append('\n');
    }
    return b.toString();
  }

  // ---- the file format ----

  private static List<Rate> parse(String name, byte[] bytes, boolean user) {
    List<TsvText.Line> lines = TsvText.lines(bytes)
        .orElseThrow(() -> PricingException.of(name + ": not UTF-8 text"));
    List<Rate> rows = new ArrayList<>();
    int columns = -1;
    Map<String, Integer> seen = new HashMap<>();
    for (TsvText.Line line : lines) {
      int number = line.number();
      String[] cells = line.cells();
      if (columns < 0) {
        columns = TsvText.headerWidth(cells, COLUMNS);
        if (columns < 0) {
          throw error(name, number, TsvText.headerProblem(cells, COLUMNS));
        }
        continue;
      }
      Rate r = row(name, number, cells, columns, user);
      String key = r.model() + "@" + r.effectiveFrom();
      Integer before = seen.putIfAbsent(key, number);
      if (before != null) {
        throw error(name, number, "column effective_from: [" + r.effectiveFrom() + "] repeats the row of "
            + r.model() + " on line " + before);
      }
      rows.add(r);
    }
    if (columns < 0) {
      throw PricingException.of(name + ": no header line; expected the tab-separated columns "
          + String.join(", ", COLUMNS));
    }
    return rows;
  }

  private static Rate row(String name, int number, String[] cells, int columns, boolean user) {
    if (cells.length > columns) {
      throw error(name, number, "column " + (columns + 1) + ": unexpected; rows have at most "
          + columns + " tab-separated columns");
    }
    String model = TsvText.cell(cells, 0).toLowerCase(Locale.ROOT);
    if (model.isEmpty()) {
      throw error(name, number, "column model: must not be empty");
    }
    List<String> aliases = new ArrayList<>();
    for (String a : TsvText.cell(cells, 1).split(",")) {
      if (!a.isBlank()) {
        aliases.add(a.trim().toLowerCase(Locale.ROOT));
      }
    }
    LocalDate from = date(name, number, "effective_from", TsvText.cell(cells, 2), false);
    BigDecimal input = rate(name, number, "input_per_1m", TsvText.cell(cells, 3), null);
    BigDecimal cached = rate(name, number, "cached_input_per_1m", TsvText.cell(cells, 4), input);
    BigDecimal output = rate(name, number, "output_per_1m", TsvText.cell(cells, 5), null);
    String source = TsvText.cell(cells, 6);
    if (source.isEmpty()) {
      throw error(name, number, "column source: must not be empty; say where the figures come from");
    }
    LocalDate retrieved = date(name, number, "retrieved", TsvText.cell(cells, 7), true);
    String writeText = TsvText.cell(cells, 8);
    BigDecimal cacheWrite = writeText.isEmpty() ? null : rate(name, number, "cache_write_per_1m", writeText, null);
    return new Rate(model, aliases, from, input, cached, cacheWrite, output, source, retrieved, user);
  }

  private static LocalDate date(String name, int number, String column, String text, boolean optional) {
    if (text.isEmpty()) {
      if (optional) {
        return null;
      }
      throw error(name, number, "column " + column + ": must not be empty");
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw error(name, number, "column " + column + ": [" + TsvText.shown(text) + "] is not a date (2026-09-01)");
    }
  }

  /** A rate; an empty cell takes {@code ifEmpty} (the input rate, for a model without a cache price). */
  private static BigDecimal rate(String name, int number, String column, String text, BigDecimal ifEmpty) {
    if (text.isEmpty()) {
      if (ifEmpty != null) {
        return ifEmpty;
      }
      throw error(name, number, "column " + column + ": must not be empty");
    }
    if (!DECIMAL.matcher(text).matches()) {
      throw error(name, number, "column " + column + ": [" + TsvText.shown(text)
          + "] is not a decimal number (e.g. 10 or 1.25)");
    }
    return new BigDecimal(text);
  }

  private static PricingException error(String name, int line, String what) {
    return PricingException.of(name + ":" + line + ": " + what);
  }
}
