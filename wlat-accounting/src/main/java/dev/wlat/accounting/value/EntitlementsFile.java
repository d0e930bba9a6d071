package dev.wlat.accounting.value;

import dev.wlat.model.Entitlement;
import dev.wlat.model.EntitlementConfidence;
import dev.wlat.model.TsvText;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Parses an entitlements file: what each billing window's subscription and purchased tokens cost.
 *
 * <p>UTF-8, tab-separated, a header line, then one window per line; blank lines and lines starting
 * with {@code #} are skipped anywhere. Cells are trimmed; trailing empty cells may be left out, and
 * so may the last column ({@code evidence_path}) from the header. The columns:
 *
 * <ul>
 *   <li>{@code window_start}, {@code window_end}: a date ({@code 2026-09-01}, the start of that day
 *       in the given zone) or an instant with an offset ({@code 2026-09-01T00:00:00Z}); the end is
 *       exclusive, like {@code --until}, so a September window ends at {@code 2026-10-01}. Windows
 *       must not overlap.
 *   <li>{@code base_subscription_usd}, {@code purchased_usd}: a decimal amount ({@code 20},
 *       {@code 19.99}); {@code purchased_usd} may be empty (0).
 *   <li>{@code base_subscription_tokens}, {@code purchased_tokens}: a whole number of tokens;
 *       {@code purchased_tokens} may be empty (0). An amount above 0 needs tokens.
 *   <li>{@code source}: where the figures come from, free text, required.
 *   <li>{@code confidence}: {@code exact}, {@code estimated} or {@code assumed}.
 *   <li>{@code evidence_path}: a file holding the evidence, optional.
 * </ul>
 *
 * <p>Every error is an {@link EntitlementException} naming the file, line and column in one line.
 */
public final class EntitlementsFile {

  /** The columns, in order. */
  public static final List<String> COLUMNS = List.of("window_start", "window_end", "base_subscription_usd",
      "base_subscription_tokens", "purchased_usd", "purchased_tokens", "source", "confidence", "evidence_path");

  private static final Pattern DECIMAL = Pattern.compile("\\d{1,15}(?:\\.\\d{1,12})?");
  private static final Pattern WHOLE = Pattern.compile("\\d+");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private EntitlementsFile() {}

  /**
   * {@return the windows of the file named {@code name} with content {@code bytes}, in file order}.
   *
   * @param name how to name the file in messages (the path as the user gave it)
   * @param zone the zone in which a bare date starts its day
   * @throws EntitlementException for a malformed file
   */
  public static List<Entitlement> parse(String name, byte[] bytes, ZoneId zone) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    List<TsvText.Line> lines = TsvText.lines(bytes)
        .orElseThrow(() -> EntitlementException.of(name + ": not UTF-8 text"));
    List<Entitlement> rows = new ArrayList<>();
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
      Entitlement e = row(name, number, cells, columns, zone);
      for (Entitlement before : rows) {
        if (before.overlaps(e)) {
          throw error(name, number, "column window_start: [" + TsvText.shown(TsvText.cell(cells, 0)) + "] overlaps the window on line "
              + before.line() + " (" + before.windowStart() + " to " + before.windowEnd() + ")");
        }
      }
      rows.add(e);
    }
    if (columns < 0) {
      throw EntitlementException.of(name + ": no header line; expected the tab-separated columns "
          + String.join(", ", COLUMNS));
    }
    return List.copyOf(rows);
  }

  private static Entitlement row(String name, int number, String[] cells, int columns, ZoneId zone) {
    if (cells.length > columns) {
      throw error(name, number, "column " + (columns + 1) + ": unexpected; rows have at most " + columns
          + " tab-separated columns");
    }
    Instant start = instant(name, number, "window_start", TsvText.cell(cells, 0), zone);
    Instant end = instant(name, number, "window_end", TsvText.cell(cells, 1), zone);
    if (!start.isBefore(end)) {
      throw error(name, number, "column window_end: [" + TsvText.shown(TsvText.cell(cells, 1)) + "] must be after window_start ["
          + TsvText.shown(TsvText.cell(cells, 0)) + "]");
    }
    BigDecimal baseUsd = usd(name, number, "base_subscription_usd", TsvText.cell(cells, 2), false);
    long baseTokens = tokens(name, number, "base_subscription_tokens", TsvText.cell(cells, 3), false);
    BigDecimal purchasedUsd = usd(name, number, "purchased_usd", TsvText.cell(cells, 4), true);
    long purchasedTokens = tokens(name, number, "purchased_tokens", TsvText.cell(cells, 5), true);
    requirePriced(name, number, "base_subscription", baseUsd, baseTokens, TsvText.cell(cells, 3));
    requirePriced(name, number, "purchased", purchasedUsd, purchasedTokens, TsvText.cell(cells, 5));
    String source = TsvText.cell(cells, 6);
    if (source.isEmpty()) {
      throw error(name, number, "column source: must not be empty; say where the figures come from");
    }
    String confidenceText = TsvText.cell(cells, 7);
    EntitlementConfidence confidence;
    try {
      confidence = EntitlementConfidence.ofLabel(confidenceText);
    } catch (IllegalArgumentException e) {
      throw error(name, number, "column confidence: [" + TsvText.shown(confidenceText) + "] must be exact, estimated or assumed");
    }
    String evidence = TsvText.cell(cells, 8);
    return new Entitlement(start, end, baseUsd, baseTokens, purchasedUsd, purchasedTokens, source, confidence,
        evidence.isEmpty() ? null : evidence, number);
  }

  private static Instant instant(String name, int number, String column, String text, ZoneId zone) {
    if (text.isEmpty()) {
      throw error(name, number, "column " + column + ": must not be empty");
    }
    try {
      if (DATE.matcher(text).matches()) {
        return LocalDate.parse(text).atStartOfDay(zone).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw error(name, number, "column " + column + ": [" + TsvText.shown(text)
          + "] is not a date (2026-09-01) or an instant with an offset (2026-09-01T00:00:00Z)");
    }
  }

  private static BigDecimal usd(String name, int number, String column, String text, boolean optional) {
    if (text.isEmpty()) {
      if (optional) {
        return BigDecimal.ZERO;
      }
      throw error(name, number, "column " + column + ": must not be empty");
    }
    if (!DECIMAL.matcher(text).matches()) {
      throw error(name, number, "column " + column + ": [" + TsvText.shown(text)
          + "] is not a decimal amount of US dollars (e.g. 20 or 19.99)");
    }
    return new BigDecimal(text);
  }

  private static long tokens(String name, int number, String column, String text, boolean optional) {
    if (text.isEmpty()) {
      if (optional) {
        return 0;
      }
      throw error(name, number, "column " + column + ": must not be empty");
    }
    if (!WHOLE.matcher(text).matches()) {
      throw error(name, number, "column " + column + ": [" + TsvText.shown(text) + "] is not a whole number");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw error(name, number, "column " + column + ": [" + TsvText.shown(text) + "] is too large");
    }
  }

  private static void requirePriced(String name, int number, String bucket, BigDecimal usd, long tokens,
      String tokensText) {
    if (usd.signum() > 0 && tokens == 0) {
      throw error(name, number, "column " + bucket + "_tokens: [" + TsvText.shown(tokensText) + "] must be more than 0 when "
          + bucket + "_usd is [" + usd.toPlainString() + "]");
    }
  }

  private static EntitlementException error(String name, int line, String what) {
    return EntitlementException.of(name + ":" + line + ": " + what);
  }
}
