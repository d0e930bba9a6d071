package dev.wlat.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One raw token row of a rollout: a {@code token_count} event or a {@code token_usage_record} line.
 *
 * <p>Raw rows are evidence: they are kept exactly as observed and never summed directly. The
 * accounting derives its views from them. Nothing here holds text from prompts, messages, tool
 * output or instructions: only counts, ids, paths, timestamps and model names.
 *
 * @param eventId stable id of the row: {@code <sessionSegmentId>:<lineNumber>}
 * @param threadId the logical thread (the first {@code session_meta.payload.id} of the file)
 * @param sessionSegmentId the rollout file (one segment per file)
 * @param turnId the turn most recently started before this row, or {@code null} when none was
 * @param timestamp the envelope timestamp
 * @param sourcePath the rollout file's path
 * @param lineNumber 1-based line number in the (decompressed) file
 * @param kind which kind of line it was
 * @param responseId {@code response_id} of a usage record, else {@code null}
 * @param last {@code last_token_usage} (or a usage record's {@code usage}), or {@code null}
 * @param total {@code total_token_usage} (or a usage record's {@code thread_token_usage}), or {@code null}
 * @param model model of the most recent {@code turn_context}, or {@code null}
 * @param effort reasoning effort of the most recent {@code turn_context}, or {@code null}
 * @param cwd working directory of the most recent {@code turn_context} (else the session's), or {@code null}
 * @param modelContextWindow {@code info.model_context_window}, or {@code null}
 * @param rateLimits the rate-limit snapshot, or {@code null} when the row had none
 * @param flags what the parser observed about the row
 */
public record TokenEvent(
    String eventId,
    String threadId,
    String sessionSegmentId,
    String turnId,
    Instant timestamp,
    String sourcePath,
    long lineNumber,
    EventKind kind,
    String responseId,
    TokenUsage last,
    TokenUsage total,
    String model,
    String effort,
    String cwd,
    Long modelContextWindow,
    RateLimitSnapshot rateLimits,
    Set<EventFlag> flags) {

  public TokenEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(sessionSegmentId, "sessionSegmentId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(sourcePath, "sourcePath");
    Objects.requireNonNull(kind, "kind");
    if (lineNumber < 1) {
      throw new IllegalArgumentException("lineNumber must be 1 or more, was [" + lineNumber + "]");
    }
    flags = flags.isEmpty() ? Set.of() : Set.copyOf(flags);
  }

  /** {@return true when the parser set {@code flag} on this row}. */
  public boolean has(EventFlag flag) {
    return flags.contains(flag);
  }

  /** {@return {@code last.totalTokens()}, or 0 when the row had no last usage}. */
  public long lastTotalTokens() {
    return last == null ? 0 : last.totalTokens();
  }

  /** {@return a copy of this event with {@code flag} added}. */
  public TokenEvent withFlag(EventFlag flag) {
    if (flags.contains(flag)) {
      return this;
    }
    java.util.EnumSet<EventFlag> more = flags.isEmpty()
        ? java.util.EnumSet.noneOf(EventFlag.class) : java.util.EnumSet.copyOf(flags);
    more.add(flag);
    return new TokenEvent(eventId, threadId, sessionSegmentId, turnId, timestamp, sourcePath,
        lineNumber, kind, responseId, last, total, model, effort, cwd, modelContextWindow,
        rateLimits, more);
  }
}
