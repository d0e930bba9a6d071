package dev.wlat.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A small TSV file a user writes (entitlements, overrides, prices, thresholds) as numbered lines of
 * cells: strict UTF-8 with a byte-order mark dropped, LF or CR LF line ends, blank lines and
 * {@code #} comment lines left out. What the cells must hold is the caller's; so are its errors,
 * which name the line by {@link Line#number()}.
 */
public final class TsvText {

  private TsvText() {}

  /** One line that is neither blank nor a comment: its 1-based number in the file and its tab-separated cells. */
  public record Line(int number, String[] cells) {

    /** {@return cell {@code i} trimmed, or {@code ""} when the line is shorter}. */
    public String cell(int i) {
      return TsvText.cell(cells, i);
    }
  }

  /** {@return cell {@code i} of {@code cells} trimmed, or {@code ""} when there are fewer}. */
  public static String cell(String[] cells, int i) {
    return i < cells.length ? cells[i].trim() : "";
  }

  /** {@return the lines of {@code bytes}, or empty when they are not UTF-8 text}. */
  public static Optional<List<Line>> lines(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] raw = text.split("\n", -1);
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      lines.add(new Line(i + 1, line.split("\t", -1)));
    }
    return Optional.of(lines);
  }

  /** {@return a cell as an error message may quote it}: control characters as spaces, secrets redacted, at most 80 chars. */
  public static String shown(String s) {
    String one = Redaction.redact(s.replaceAll("\\p{Cntrl}", " "));
    return one.length() <= 80 ? one : one.substring(0, 77) + "...";
  }

  /**
   * {@return how many columns a header row names}: all of {@code columns}, or all but the optional
   * last one; -1 when it is neither (then {@link #headerProblem} says so).
   */
  public static int headerWidth(String[] cells, List<String> columns) {
    List<String> got = Arrays.stream(cells).map(String::trim).toList();
    if (got.equals(columns) || got.equals(columns.subList(0, columns.size() - 1))) {
      return got.size();
    }
    return -1;
  }

  /** {@return the message for a header row that names neither form of {@code columns}}. */
  public static String headerProblem(String[] cells, List<String> columns) {
    return "header: expected the tab-separated columns " + String.join(", ", columns) + "; got ["
        + shown(String.join(" ", Arrays.stream(cells).map(String::trim).toList())) + "]";
  }
}
