package dev.wlat.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One accounting row's tokens, to be valued: its in-window {@code cumulative_delta_tokens} and what
 * it belongs to.
 *
 * @param eventId the row's {@code event_id}
 * @param threadId its thread
 * @param timestamp when it happened
 * @param tokens its {@code cumulative_delta_tokens}, non-negative
 * @param githubRepo its thread's GitHub repository ({@code owner/name}), or {@code null}
 * @param workstreamLabel its thread's workstream, or {@code null}
 */
public record TokenSpend(
    String eventId,
    String threadId,
    Instant timestamp,
    long tokens,
    String githubRepo,
    String workstreamLabel) {

  public TokenSpend {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(timestamp, "timestamp");
    if (tokens < 0) {
      throw new IllegalArgumentException("row [" + eventId + "] tokens must not be negative, was [" + tokens + "]");
    }
  }
}
