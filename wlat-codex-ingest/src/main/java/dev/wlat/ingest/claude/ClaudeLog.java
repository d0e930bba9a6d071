package dev.wlat.ingest.claude;

import dev.wlat.model.IssueKind;
import dev.wlat.model.TokenUsage;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What reading Claude Code's logs gave: each call once, and counts of everything else, so that no
 * line is dropped unseen.
 *
 * <p>The counts add up: {@code usageLines = zeroUsageLines + duplicatesMerged + beforeSince +
 * calls.size()}. Bad lines are never fatal: each is counted under its {@link IssueKind}
 * ({@code MALFORMED_JSON}, {@code TRUNCATED_LAST_LINE} for an incomplete last line without its
 * newline, {@code INVALID_TIMESTAMP}, {@code MISSING_FIELD} for a usage line without a timestamp,
 * {@code INVALID_NUMBER} for a negative, fractional, non-numeric or overflowing token count,
 * {@code UNKNOWN_EVENT_SHAPE} for a {@code message.usage} that is not an object, {@code
 * OVERSIZED_LINE}), and a file that cannot be read as {@code READ_ERROR}; the first
 * {@link #MAX_ISSUES} are kept with their file and line.
 *
 * @param calls the calls, deduplicated by {@link ClaudeCall#id()} keeping the one with the most
 *     tokens, sorted by time then id
 * @param filesRead files opened
 * @param filesSkipped files left out unopened, last modified before the start of the window
 * @param linesRead lines of the files read, blank ones included
 * @param usageLines well-formed lines with a {@code message.usage}, repeats included
 * @param zeroUsageLines usage lines whose four counts are all zero (e.g. model {@code <synthetic>}),
 *     left out
 * @param duplicatesMerged usage lines that repeat a call with as many or more tokens, in the same
 *     file (one line per content block) or another (a resumed session), left out
 * @param beforeSince calls left out because they are before the start of the window
 * @param issueCounts how many lines (files, for {@code READ_ERROR}) of each kind were bad
 * @param issues the first {@link #MAX_ISSUES} bad lines, in file and line order
 */
public record ClaudeLog(List<ClaudeCall> calls, int filesRead, int filesSkipped, long linesRead, long usageLines,
    long zeroUsageLines, long duplicatesMerged, long beforeSince, Map<IssueKind, Long> issueCounts,
    List<Issue> issues) {

  /** How many bad lines are kept with their place. */
  public static final int MAX_ISSUES = 10;

  /**
   * One bad line, or an unreadable file.
   *
   * @param kind what was wrong
   * @param file the file
   * @param line the 1-based line number, 0 for the whole file
   */
  public record Issue(IssueKind kind, Path file, long line) {

    public Issue {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
      return kind.label() + " at " + file + (line > 0 ? ":" + line : "");
    }
  }

  public ClaudeLog {
    calls = List.copyOf(calls);
    issueCounts = issueCounts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(issueCounts));
    issues = List.copyOf(issues);
  }

  /** {@return the bad lines}: every issue but unreadable files. */
  public long malformedLines() {
    long sum = 0;
    for (Map.Entry<IssueKind, Long> e : issueCounts.entrySet()) {
      if (e.getKey() != IssueKind.READ_ERROR) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  /** {@return how many files could not be read}. */
  public long unreadableFiles() {
    return issueCount(IssueKind.READ_ERROR);
  }

  /** {@return how many issues of {@code kind} there were}. */
  public long issueCount(IssueKind kind) {
    return issueCounts.getOrDefault(kind, 0L);
  }

  /**
   * {@return the usage of all calls, summed exactly}.
   *
   * @throws ArithmeticException if a field overflows a {@code long}
   */
  public TokenUsage total() {
    TokenUsage sum = TokenUsage.ZERO;
    for (ClaudeCall c : calls) {
      sum = sum.plus(c.usage());
    }
    return sum;
  }
}
