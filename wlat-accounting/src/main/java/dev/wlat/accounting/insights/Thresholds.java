package dev.wlat.accounting.insights;

import dev.wlat.model.TsvText;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The limits past which {@link Insights} reports a finding.
 *
 * <p>A thresholds file overrides any subset of {@link #defaults()}: UTF-8, tab-separated, a header
 * line {@code name value} (optionally {@code name value note}), then one threshold per line; blank
 * lines and lines starting with {@code #} are skipped anywhere, cells are trimmed and the note is
 * free text. Ratios are decimals from 0 to 1, token counts whole numbers, the cost a decimal number
 * of US dollars. Every error is an {@link InsightsException} naming the file, line and column in one
 * line.
 *
 * @param lowCacheRatio a thread's cached share of input below which its cache misses are reported
 * @param highContextUse the share of the context window from which a call's input is bloated
 * @param highUncachedInput the uncached input tokens a thread needs before its cache misses matter
 * @param largeThreadTokens the tokens from which a thread is a runaway
 * @param reasoningRatio the reasoning share of a call's output from which it is a spike
 * @param lowOutputTokens output tokens below which an expensive call wrote little
 * @param highCostUsd the cost from which a call is expensive, in US dollars
 * @param minReasoningOutput the output tokens a call needs before its reasoning share counts
 */
public record Thresholds(double lowCacheRatio, double highContextUse, long highUncachedInput,
    long largeThreadTokens, double reasoningRatio, long lowOutputTokens, BigDecimal highCostUsd,
    long minReasoningOutput) {

  /** The columns of a thresholds file, in order; the last is optional. */
  public static final List<String> COLUMNS = List.of("name", "value", "note");

  /** The threshold names, in the order of the components. */
  public static final List<String> NAMES = List.of("low_cache_ratio", "high_context_use", "high_uncached_input",
      "large_thread_tokens", "reasoning_ratio", "low_output_tokens", "high_cost_usd", "min_reasoning_output");

  private static final Thresholds DEFAULTS =
      new Thresholds(0.30, 0.60, 10_000, 200_000, 0.75, 500, new BigDecimal("1.00"), 1_000);

  private static final Pattern DECIMAL = Pattern.compile("\\d{1,15}(?:\\.\\d{1,12})?");
  private static final Pattern WHOLE = Pattern.compile("\\d+");

  public Thresholds {
    requireRatio("low_cache_ratio", lowCacheRatio);
    requireRatio("high_context_use", highContextUse);
    requireRatio("reasoning_ratio", reasoningRatio);
    requireCount("high_uncached_input", highUncachedInput);
    requireCount("large_thread_tokens", largeThreadTokens);
    requireCount("low_output_tokens", lowOutputTokens);
    requireCount("min_reasoning_output", minReasoningOutput);
    Objects.requireNonNull(highCostUsd, "highCostUsd");
    if (highCostUsd.signum() < 0) {
      throw new IllegalArgumentException("high_cost_usd must not be negative, was [" + highCostUsd.toPlainString()
          + "]");
    }
  }

  /** {@return the built-in thresholds}. */
  public static Thresholds defaults() {
    return DEFAULTS;
  }

  /**
   * One threshold for printing, with its value and default as a thresholds file would write them.
   *
   * @param name the threshold's name, one of {@link #NAMES}
   * @param value its value
   * @param defaultValue its built-in value
   */
  public record Row(String name, String value, String defaultValue) {

    public Row {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(defaultValue, "defaultValue");
    }

    /** {@return true when the value differs from the default}. */
    public boolean overridden() {
      return !value.equals(defaultValue);
    }
  }

  /** {@return every threshold with its value and default, in the order of {@link #NAMES}}. */
  public List<Row> rows() {
    List<String> values = texts();
    List<String> defaults = DEFAULTS.texts();
    Row[] rows = new Row[NAMES.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Row(NAMES.get(i), values.get(i), defaults.get(i));
    }
    return List.of(rows);
  }

  private List<String> texts() {
    return List.of(ratio(lowCacheRatio), ratio(highContextUse), Long.toString(highUncachedInput),
        Long.toString(largeThreadTokens), ratio(reasoningRatio), Long.toString(lowOutputTokens),
        highCostUsd.toPlainString(), Long.toString(minReasoningOutput));
  }

  private static String ratio(double r) {
    return BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing
  // ---------------------------------------------------------------------------------------------

  /**
   * {@return the defaults overridden by the thresholds file named {@code name} with content {@code bytes}}.
   *
   * @param name how to name the file in messages (the path as the user gave it)
   * @throws InsightsException for a malformed file
   */
  public static Thresholds parse(String name, byte[] bytes) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bytes, "bytes");
    List<TsvText.Line> lines = TsvText.lines(bytes)
        .orElseThrow(() -> InsightsException.of(name + ": not UTF-8 text"));
    Map<String, Integer> seen = new HashMap<>();
    Draft d = new Draft(DEFAULTS);
    int columns = -1;
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
      if (cells.length > columns) {
        throw error(name, number, "column " + (columns + 1) + ": unexpected; rows have at most " + columns
            + " tab-separated columns");
      }
      String key = TsvText.cell(cells, 0);
      if (key.isEmpty()) {
        throw error(name, number, "column name: must not be empty");
      }
      if (!NAMES.contains(key)) {
        throw error(name, number, "column name: [" + TsvText.shown(key) + "] is not a threshold; expected one of "
            + String.join(", ", NAMES));
      }
      Integer before = seen.putIfAbsent(key, number);
      if (before != null) {
        throw error(name, number, "column name: [" + key + "] repeats line " + before);
      }
      d.set(new Cell(name, number, key, TsvText.cell(cells, 1)));
    }
    if (columns < 0) {
      throw InsightsException.of(name + ": no header line; expected the tab-separated columns "
          + String.join(", ", COLUMNS));
    }
    return d.build();
  }

  /** The thresholds read so far: the defaults, overridden line by line. */
  private static final class Draft {
    private double lowCacheRatio;
    private double highContextUse;
    private long highUncachedInput;
    private long largeThreadTokens;
    private double reasoningRatio;
    private long lowOutputTokens;
    private BigDecimal highCostUsd;
    private long minReasoningOutput;

    Draft(Thresholds t) {
      lowCacheRatio = t.lowCacheRatio;
      highContextUse = t.highContextUse;
      highUncachedInput = t.highUncachedInput;
      largeThreadTokens = t.largeThreadTokens;
      reasoningRatio = t.reasoningRatio;
      lowOutputTokens = t.lowOutputTokens;
      highCostUsd = t.highCostUsd;
      minReasoningOutput = t.minReasoningOutput;
    }

    void set(Cell c) {
      switch (c.key) {
        case "low_cache_ratio" -> lowCacheRatio = c.ratio();
        case "high_context_use" -> highContextUse = c.ratio();
        case "high_uncached_input" -> highUncachedInput = c.count();
        case "large_thread_tokens" -> largeThreadTokens = c.count();
        case "reasoning_ratio" -> reasoningRatio = c.ratio();
        case "low_output_tokens" -> lowOutputTokens = c.count();
        case "high_cost_usd" -> highCostUsd = c.usd();
        case "min_reasoning_output" -> minReasoningOutput = c.count();
        default -> throw new IllegalStateException("unknown threshold [" + c.key + "]");
      }
    }

    Thresholds build() {
      return new Thresholds(lowCacheRatio, highContextUse, highUncachedInput, largeThreadTokens, reasoningRatio,
          lowOutputTokens, highCostUsd, minReasoningOutput);
    }
  }

  /** The value cell of one line, read as the type its threshold needs. */
  private record Cell(String file, int line, String key, String text) {

    double ratio() {
      BigDecimal d = DECIMAL.matcher(nonEmpty()).matches() ? new BigDecimal(text) : null;
      if (d == null || d.compareTo(BigDecimal.ONE) > 0) {
        throw bad("is not a ratio from 0 to 1 (e.g. 0.3)");
      }
      return d.doubleValue();
    }

    long count() {
      if (!WHOLE.matcher(nonEmpty()).matches()) {
        throw bad("is not a whole number of tokens (e.g. 10000)");
      }
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw bad("is too large");
      }
    }

    BigDecimal usd() {
      if (!DECIMAL.matcher(nonEmpty()).matches()) {
        throw bad("is not a decimal amount of US dollars (e.g. 1.00)");
      }
      return new BigDecimal(text);
    }

    private String nonEmpty() {
      if (text.isEmpty()) {
        throw error(file, line, "column value: must not be empty for " + key);
      }
      return text;
    }

    private InsightsException bad(String what) {
      return error(file, line, "column value: [" + TsvText.shown(text) + "] for " + key + " " + what);
    }
  }

  private static InsightsException error(String name, int line, String what) {
    return InsightsException.of(name + ":" + line + ": " + what);
  }

  private static void requireRatio(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be a ratio from 0 to 1, was [" + value + "]");
    }
  }

  private static void requireCount(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was [" + value + "]");
    }
  }
}
