package dev.wlat.ingest.capture;

import dev.wlat.model.TokenUsage;
import java.util.List;
import java.util.Objects;

/**
 * What one captured run used, and how that is known.
 *
 * @param threadId the Codex thread, or {@code null} when the stream named none
 * @param model the model the rollout names last, or {@code null}
 * @param usage the run's usage
 * @param source where {@code usage} comes from
 * @param estimateMethod how an estimate was counted, or {@code null} when none was needed
 * @param turns each turn's usage, in order (empty for an estimate)
 * @param warnings what the caller should tell the user (why it fell back), one line each
 */
public record CapturedRun(String threadId, String model, TokenUsage usage, CaptureSource source,
    String estimateMethod, List<Turn> turns, List<String> warnings) {

  /** One turn of the run: its index from 1, its id in the rollout (or {@code null}), its usage and source. */
  public record Turn(int index, String turnId, TokenUsage usage, CaptureSource source) {}

  public CapturedRun {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(source, "source");
    turns = List.copyOf(turns);
    warnings = List.copyOf(warnings);
  }
}
