package dev.wlat.report.plot;

import dev.wlat.accounting.value.EntitlementException;
import dev.wlat.accounting.value.EntitlementsFile;
import dev.wlat.model.Entitlement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the user's plan entitles them to, read from an entitlements TSV: per period, the tokens the
 * base subscription includes and the tokens purchased on top.
 *
 * <p>The file is UTF-8, tab-separated, with the header {@code window_start window_end
 * base_subscription_usd base_subscription_tokens purchased_usd purchased_tokens source confidence
 * evidence_path}; blank lines and lines starting with {@code #} are skipped. Only
 * {@code window_start}, {@code window_end} (ISO dates, the start of that day in the plot's zone, or
 * ISO instants; the end exclusive), {@code base_subscription_tokens} and {@code purchased_tokens}
 * (whole numbers, empty for none) are read here; the header must name them, the other columns may
 * be left out.
 *
 * @param source the file, as given
 * @param periods the periods, in file order
 */
public record Entitlements(Path source, List<Period> periods) {

  /** The header columns of an entitlements file. */
  public static final List<String> COLUMNS = EntitlementsFile.COLUMNS;

  /** No entitlements given. */
  public static final Entitlements NONE = new Entitlements(null, List.of());

  /**
   * One period of an entitlement.
   *
   * @param start its first instant
   * @param end the first instant after it
   * @param baseTokens tokens the base subscription includes
   * @param purchasedTokens tokens purchased on top
   * @param line its line in the file
   */
  public record Period(Instant start, Instant end, long baseTokens, long purchasedTokens, int line) {
    public Period {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!start.isBefore(end)) {
        throw new IllegalArgumentException("period start [" + start + "] must be before its end [" + end + "]");
      }
      if (baseTokens < 0 || purchasedTokens < 0) {
        throw new IllegalArgumentException("entitlement tokens must not be negative");
      }
    }

    /** {@return base plus purchased tokens}. */
    public long totalTokens() {
      return Math.addExact(baseTokens, purchasedTokens);
    }
  }

  public Entitlements {
    periods = List.copyOf(periods);
  }

  /** {@return whether an entitlements file was given}. */
  public boolean given() {
    return source != null;
  }

  /**
   * {@return the entitlements in {@code file}}, bare dates read in {@code zone}.
   *
   * @throws PlotException naming the file, line and column of the first problem, e.g.
   *     {@code ent.tsv:3: column purchased_tokens: [12x] must be a whole number of tokens}
   */
  public static Entitlements parse(Path file, ZoneId zone) {
    if (!Files.isRegularFile(file)) {
      throw PlotException.of("--entitlements: not a file: " + file);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw PlotException.of(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(file, bytes, zone);
  }

  static Entitlements parse(Path file, byte[] bytes, ZoneId zone) {
    // The same file, the same rules and messages as wlat allocate-value: one parser for both.
    List<Entitlement> rows;
    try {
      rows = EntitlementsFile.parse(file.toString(), bytes, zone);
    } catch (EntitlementException e) {
      throw PlotException.of(e.getMessage());
    }
    List<Period> periods = new ArrayList<>(rows.size());
    for (Entitlement e : rows) {
      periods.add(new Period(e.windowStart(), e.windowEnd(), e.baseSubscriptionTokens(), e.purchasedTokens(),
          e.line()));
    }
    return new Entitlements(file, periods);
  }
}
