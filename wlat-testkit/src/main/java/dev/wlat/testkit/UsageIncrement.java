package dev.wlat.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * One piece of real new usage, as the generator intended it: one model response.
 *
 * <p>The timestamp is the envelope timestamp of the {@code token_count} row that first reports the
 * usage, so callers can bucket increments by day in any zone.
 *
 * @param threadId the thread that used the tokens
 * @param timestamp the envelope timestamp of the row that reports them
 * @param turnId the turn the response belongs to
 * @param model the model of the turn's most recent {@code turn_context}
 * @param usage the response's usage
 */
public record UsageIncrement(String threadId, Instant timestamp, String turnId, String model, Usage usage) {
  public UsageIncrement {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(turnId, "turnId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
  }
}
