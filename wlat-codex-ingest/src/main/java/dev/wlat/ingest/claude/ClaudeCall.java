package dev.wlat.ingest.claude;

import dev.wlat.model.TokenUsage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One model call of Claude Code: an assistant message's usage, once, however many lines repeat it.
 *
 * <p>Claude Code's {@code input_tokens} leave the cache out; {@link TokenUsage}'s input includes it
 * (see {@link #tokenUsage}), so that Codex and Claude usage add up alike.
 *
 * @param id {@code message.id + ":" + requestId}; when either is missing, {@code file + ":" + line}
 * @param at the line's {@code timestamp}
 * @param sessionId the Claude Code session, or {@code null} when the line names none
 * @param cwd the working directory, or {@code null}
 * @param gitBranch the git branch, or {@code null}
 * @param model {@code message.model} ({@code claude-sonnet-4-5-20250929}), or {@code null}
 * @param usage the call's tokens
 * @param file the file of the line kept (of the repeats, the one with the most tokens)
 * @param line that line's 1-based number
 */
public record ClaudeCall(String id, Instant at, String sessionId, String cwd, String gitBranch, String model,
    TokenUsage usage, Path file, long line) {

  public ClaudeCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(file, "file");
    if (line < 1) {
      throw new IllegalArgumentException("line must be positive, was [" + line + "]");
    }
  }

  /**
   * {@return a {@link TokenUsage} from the four fields of Claude's {@code message.usage}}: input
   * {@code input_tokens + cache_creation_input_tokens + cache_read_input_tokens}, of which cached
   * {@code cache_read_input_tokens} and cache writes {@code cache_creation_input_tokens}; output
   * {@code output_tokens}, no reasoning part; total input plus output.
   *
   * <p>For example {@code input_tokens 12, cache_creation 3000, cache_read 20000, output 450} gives
   * input 23,012 (cached 20,000, cache writes 3,000), output 450 and total 23,462.
   *
   * @throws IllegalArgumentException if a count is negative
   * @throws ArithmeticException if a sum overflows a {@code long}
   */
  public static TokenUsage tokenUsage(long inputTokens, long cacheCreationInputTokens, long cacheReadInputTokens,
      long outputTokens) {
    requireNonNegative("input_tokens", inputTokens);
    requireNonNegative("cache_creation_input_tokens", cacheCreationInputTokens);
    requireNonNegative("cache_read_input_tokens", cacheReadInputTokens);
    requireNonNegative("output_tokens", outputTokens);
    long input = Math.addExact(Math.addExact(inputTokens, cacheCreationInputTokens), cacheReadInputTokens);
    return new TokenUsage(input, cacheReadInputTokens, outputTokens, 0, Math.addExact(input, outputTokens),
        cacheCreationInputTokens);
  }

  /** {@return the id of a call}: {@code messageId:requestId}, or {@code file:line} when either is missing. */
  static String idOf(String messageId, String requestId, Path file, long line) {
    if (messageId == null || messageId.isEmpty() || requestId == null || requestId.isEmpty()) {
      return file + ":" + line;
    }
    return messageId + ":" + requestId;
  }

  private static void requireNonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was [" + value + "]");
    }
  }
}
