package dev.wlat.testkit;

import java.util.Objects;

/**
 * What is true, by construction, of one rollout file.
 *
 * <p>Every complete {@code token_count} row falls in exactly one class, so {@code tokenCountRows ==
 * infoNullRows + replayedRows + usageRows + reEmittedRows + compactionRows}:
 * <ul>
 *   <li>{@code replayedRows}: rows of a parent's history replayed in a fork or subagent child
 *       (including the parent's {@code info: null} rows);
 *   <li>{@code infoNullRows}: the child's or plain file's own rows with {@code info: null};
 *   <li>{@code usageRows}: rows that report one new response (the cumulative reset row included);
 *   <li>{@code reEmittedRows}: rows repeating the previous row's info (after tool output, after a
 *       resume, a subagent's first own row);
 *   <li>{@code compactionRows}: rows with {@code last_token_usage} {@code {0,0,0,0,total_tokens:N}}.
 * </ul>
 * A truncated last line is not a row: it counts only in {@code truncatedLines}.
 *
 * @param path the path relative to the home, with {@code /} separators
 * @param threadId the {@code session_meta} id (for legacy files, the bare first object's id)
 * @param role why the file exists
 * @param counted whether its usage is the thread's (false for duplicates a reader must skip)
 * @param bytes the size on disk
 * @param tokenCountRows complete {@code token_count} rows
 * @param infoNullRows own rows with {@code info: null}
 * @param usageRows rows reporting new usage
 * @param reEmittedRows rows repeating the previous info
 * @param compactionRows zero-usage rows after a compaction
 * @param replayedRows rows replayed from a parent
 * @param cumulativeResets how many times the totals drop to a restarted count
 * @param tokenUsageRecords {@code token_usage_record} lines
 * @param duplicateTokenUsageRecords of those, lines whose {@code response_id} was seen before
 * @param malformedLines complete lines that are not valid JSON
 * @param truncatedLines incomplete last lines (no newline)
 * @param naiveLastUsageSum the sum of {@code last_token_usage} over every row with info, replayed
 *     and re-emitted rows included; for compaction rows, only their {@code total_tokens} counts
 *     (reported in the {@code total} field of this sum, so {@code total != input + output} may not
 *     hold for the raw sum, which is why it is kept as separate longs)
 * @param finalTotal the last complete row's {@code total_token_usage}, or {@link Usage#ZERO}
 * @param trueUsage the new usage this file's own rows report
 */
public record FileTruth(
    String path,
    String threadId,
    Role role,
    boolean counted,
    long bytes,
    int tokenCountRows,
    int infoNullRows,
    int usageRows,
    int reEmittedRows,
    int compactionRows,
    int replayedRows,
    int cumulativeResets,
    int tokenUsageRecords,
    int duplicateTokenUsageRecords,
    int malformedLines,
    int truncatedLines,
    NaiveSum naiveLastUsageSum,
    Usage finalTotal,
    Usage trueUsage) {

  public FileTruth {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(naiveLastUsageSum, "naiveLastUsageSum");
    Objects.requireNonNull(finalTotal, "finalTotal");
    Objects.requireNonNull(trueUsage, "trueUsage");
    if (tokenCountRows != infoNullRows + usageRows + reEmittedRows + compactionRows + replayedRows) {
      throw new IllegalArgumentException("row classes of [%s] must add up to %d".formatted(path, tokenCountRows));
    }
  }

  /** Why a rollout file exists. */
  public enum Role {
    /** A live rollout under {@code sessions/}. */
    LIVE,
    /** A later segment {@code …_N.jsonl} of a paginated thread. */
    SEGMENT,
    /** A byte-identical copy of a live rollout under {@code archived_sessions/}: skip it. */
    ARCHIVED_DUPLICATE,
    /** A rollout only present under {@code archived_sessions/}: count it. */
    ARCHIVED_ONLY,
    /** A {@code .jsonl.zst} rollout with no plain twin: count it. */
    COMPRESSED,
    /** A {@code .jsonl.zst} whose plain {@code .jsonl} twin exists: the plain file wins. */
    COMPRESSED_SHADOWED,
    /** A pre-2025-09 rollout without envelopes or token events. */
    LEGACY
  }

  /**
   * A raw field-wise sum of {@code last_token_usage}, what a naive tool reports.
   *
   * @param input summed {@code input_tokens}
   * @param cached summed {@code cached_input_tokens}
   * @param output summed {@code output_tokens}
   * @param reasoning summed {@code reasoning_output_tokens}
   * @param total summed {@code total_tokens}
   */
  public record NaiveSum(long input, long cached, long output, long reasoning, long total) {
    /** Nothing summed. */
    public static final NaiveSum ZERO = new NaiveSum(0, 0, 0, 0, 0);

    /** {@return the field-wise sum}. */
    public NaiveSum plus(NaiveSum o) {
      return new NaiveSum(Math.addExact(input, o.input), Math.addExact(cached, o.cached),
          Math.addExact(output, o.output), Math.addExact(reasoning, o.reasoning), Math.addExact(total, o.total));
    }
  }
}
