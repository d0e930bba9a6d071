package dev.wlat.model;

/**
 * One token-usage vector as Codex reports it, with exact arithmetic.
 *
 * <p>Codex's fields nest: {@code inputTokens} <em>includes</em> {@code cachedInputTokens}, and
 * {@code outputTokens} <em>includes</em> {@code reasoningOutputTokens}; {@code totalTokens} is
 * {@code inputTokens + outputTokens} as Codex wrote it (kept as written, never recomputed, so that
 * odd rows stay visible). Uncached input is {@link #uncachedInputTokens()}. Pricing that adds cached
 * to input, or reasoning to output, bills twice.
 *
 * <p>Every field is non-negative; arithmetic uses {@link Math#addExact} and never saturates, because
 * accounting must be exact or fail loudly.
 *
 * @param inputTokens input tokens, cached ones included
 * @param cachedInputTokens the cached part of the input
 * @param outputTokens output tokens, reasoning included
 * @param reasoningOutputTokens the reasoning part of the output
 * @param totalTokens total tokens as Codex reported them
 * @param cacheWriteInputTokens cache-write input tokens (newer Codex; 0 when absent)
 */
public record TokenUsage(
    long inputTokens,
    long cachedInputTokens,
    long outputTokens,
    long reasoningOutputTokens,
    long totalTokens,
    long cacheWriteInputTokens) {

  /** The usage of nothing: the identity of {@link #plus}. */
  public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0, 0, 0);

  public TokenUsage {
    requireNonNegative("input_tokens", inputTokens);
    requireNonNegative("cached_input_tokens", cachedInputTokens);
    requireNonNegative("output_tokens", outputTokens);
    requireNonNegative("reasoning_output_tokens", reasoningOutputTokens);
    requireNonNegative("total_tokens", totalTokens);
    requireNonNegative("cache_write_input_tokens", cacheWriteInputTokens);
  }

  /** {@return a usage from the five classic Codex fields, with no cache writes}. */
  public static TokenUsage of(long input, long cachedInput, long output, long reasoningOutput, long total) {
    if ((input | cachedInput | output | reasoningOutput | total) == 0) {
      return ZERO;
    }
    return new TokenUsage(input, cachedInput, output, reasoningOutput, total, 0);
  }

  /** {@return input tokens that were not served from the cache}, floored at zero for odd rows. */
  public long uncachedInputTokens() {
    return Math.max(0, inputTokens - cachedInputTokens);
  }

  /** {@return output tokens that were not reasoning}, floored at zero for odd rows. */
  public long nonReasoningOutputTokens() {
    return Math.max(0, outputTokens - reasoningOutputTokens);
  }

  /** {@return true when every field is zero}. */
  public boolean isZero() {
    return (inputTokens | cachedInputTokens | outputTokens | reasoningOutputTokens | totalTokens
        | cacheWriteInputTokens) == 0;
  }

  /**
   * {@return the field-wise exact sum of this and {@code other}}.
   *
   * @throws ArithmeticException if a field overflows a {@code long}
   */
  public TokenUsage plus(TokenUsage other) {
    if (other.isZero()) {
      return this;
    }
    if (isZero()) {
      return other;
    }
    return new TokenUsage(
        Math.addExact(inputTokens, other.inputTokens),
        Math.addExact(cachedInputTokens, other.cachedInputTokens),
        Math.addExact(outputTokens, other.outputTokens),
        Math.addExact(reasoningOutputTokens, other.reasoningOutputTokens),
        Math.addExact(totalTokens, other.totalTokens),
        Math.addExact(cacheWriteInputTokens, other.cacheWriteInputTokens));
  }

  /**
   * {@return the positive delta of this cumulative usage since {@code previous}}, field by field.
   *
   * <p>When {@code totalTokens} dropped (a counter restart, see {@link #dropsBelow}), the baseline is
   * zero and the whole of this usage is new, so the fields still add up to the total. Otherwise a
   * field that grew contributes its growth and a field that dropped on its own contributes its whole
   * current value, never negative usage. Equal cumulative usage (a re-emit) gives {@link #ZERO}.
   */
  public TokenUsage deltaSince(TokenUsage previous) {
    if (equals(previous)) {
      return ZERO;
    }
    if (dropsBelow(previous)) {
      return this;
    }
    return new TokenUsage(
        fieldDelta(inputTokens, previous.inputTokens),
        fieldDelta(cachedInputTokens, previous.cachedInputTokens),
        fieldDelta(outputTokens, previous.outputTokens),
        fieldDelta(reasoningOutputTokens, previous.reasoningOutputTokens),
        fieldDelta(totalTokens, previous.totalTokens),
        fieldDelta(cacheWriteInputTokens, previous.cacheWriteInputTokens));
  }

  /** {@return true when this cumulative total is below {@code previous}'s}: a counter restart. */
  public boolean dropsBelow(TokenUsage previous) {
    return totalTokens < previous.totalTokens;
  }

  private static long fieldDelta(long current, long previous) {
    return current >= previous ? current - previous : current;
  }

  private static void requireNonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was [" + value + "]");
    }
  }
}
