package dev.wlat.model;

import java.util.List;
import java.util.Objects;

/**
 * A parsed rollout file: its metadata, its raw token rows in file order, and what went wrong.
 *
 * @param segment the file's metadata
 * @param events the raw token rows, in file order
 * @param diagnostics counted bad or unexpected lines
 */
public record RolloutSegment(SessionSegment segment, List<TokenEvent> events, ParseDiagnostics diagnostics) {

  public RolloutSegment {
    Objects.requireNonNull(segment, "segment");
    events = List.copyOf(events);
    diagnostics = diagnostics == null ? ParseDiagnostics.EMPTY : diagnostics;
  }
}
