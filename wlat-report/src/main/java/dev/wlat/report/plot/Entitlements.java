package dev.wlat.report.plot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
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
  public static final List<String> COLUMNS = List.of("window_start", "window_end", "base_subscription_usd",
      "base_subscription_tokens", "purchased_usd", "purchased_tokens", "source", "confidence", "evidence_path");

  private static final List<String> REQUIRED = List.of("window_start", "window_end", "base_subscription_tokens",
      "purchased_tokens");

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
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw PlotException.of(file + ": not UTF-8 text");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\n", -1);
    List<String> header = null;
    int[] at = new int[REQUIRED.size()];
    List<Period> periods = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      int number = i + 1;
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (header == null) {
        header = Arrays.stream(cells).map(String::strip).toList();
        for (int c = 0; c < REQUIRED.size(); c++) {
          at[c] = header.indexOf(REQUIRED.get(c));
          if (at[c] < 0) {
            throw PlotException.of(file + ":" + number + ": column " + REQUIRED.get(c)
                + ": missing from the header; expected the columns " + String.join(" ", COLUMNS));
          }
        }
        continue;
      }
      if (cells.length > header.size()) {
        throw PlotException.of(file + ":" + number + ": " + cells.length + " cells but the header has "
            + header.size() + " columns");
      }
      Instant start = bound(file, number, "window_start", cell(cells, at[0]), zone);
      Instant end = bound(file, number, "window_end", cell(cells, at[1]), zone);
      if (!start.isBefore(end)) {
        throw PlotException.of(file + ":" + number + ": column window_end: [" + cell(cells, at[1])
            + "] must be after window_start [" + cell(cells, at[0]) + "]");
      }
      long base = tokens(file, number, "base_subscription_tokens", cell(cells, at[2]));
      long purchased = tokens(file, number, "purchased_tokens", cell(cells, at[3]));
      periods.add(new Period(start, end, base, purchased, number));
    }
    if (header == null) {
      throw PlotException.of(file + ":1: no header; expected the columns " + String.join(" ", COLUMNS));
    }
    return new Entitlements(file, periods);
  }

  private static String cell(String[] cells, int i) {
    return i < cells.length ? cells[i].strip() : "";
  }

  private static Instant bound(Path file, int line, String column, String v, ZoneId zone) {
    try {
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay(zone).toInstant();
      }
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeException e) {
      throw PlotException.of(file + ":" + line + ": column " + column + ": [" + v
          + "] must be an ISO date (2026-09-01) or instant (2026-09-01T00:00:00Z)");
    }
  }

  private static long tokens(Path file, int line, String column, String v) {
    if (v.isEmpty()) {
      return 0;
    }
    try {
      long n = Long.parseLong(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw PlotException.of(file + ":" + line + ": column " + column + ": [" + v
        + "] must be a whole number of tokens, 0 or more");
  }
}
