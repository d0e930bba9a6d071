package dev.wlat.accounting.insights;

import dev.wlat.model.Charge;
import dev.wlat.model.TokenUsage;
import java.time.Instant;
import java.util.Objects;

/**
 * One model request: one accounted token row with its delta.
 *
 * @param threadId the thread the call belongs to
 * @param eventId the token event's id
 * @param at when the token row was written
 * @param model the model, or {@code null} when unknown
 * @param delta the call's own usage (the positive delta of the row)
 * @param contextWindow the row's {@code model_context_window}, or {@code null} when absent
 * @param usd what the delta costs in US dollars; {@link Charge#NONE} when not priced at all
 */
public record Call(String threadId, String eventId, Instant at, String model, TokenUsage delta,
    Long contextWindow, Charge usd) {

  public Call {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(usd, "usd");
    if (threadId.isBlank()) {
      throw new IllegalArgumentException("thread id must not be blank, was [" + threadId + "]");
    }
    if (contextWindow != null && contextWindow < 0) {
      throw new IllegalArgumentException("context window must not be negative, was [" + contextWindow + "]");
    }
  }
}
