package dev.wlat.ingest;

import dev.wlat.ingest.internal.SegmentReader;
import dev.wlat.model.RolloutSegment;

/**
 * Parses Codex rollout files into {@link RolloutSegment}s: the file's metadata, one
 * {@link dev.wlat.model.TokenEvent} per {@code token_count} or {@code token_usage_record} line, and
 * diagnostics counting every bad line.
 *
 * <p>Streaming: a file is never held whole in memory, and {@code response_item} lines (most of the
 * bytes) are counted without JSON parsing. Bad input is counted, never thrown. Forks' and
 * subagents' replays of their parent's history are flagged
 * {@link dev.wlat.model.EventFlag#REPLAYED} or {@link dev.wlat.model.EventFlag#REPLAY_UNVERIFIED}.
 * No text from prompts, messages, instructions or tool output is kept.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RolloutParser {

  /** The default limit on one line's length: 64 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = SegmentReader.DEFAULT_MAX_LINE_BYTES;

  private static final RolloutParser DEFAULT = new RolloutParser(DEFAULT_MAX_LINE_BYTES);

  private final SegmentReader reader;
  private final int maxLineBytes;

  private RolloutParser(int maxLineBytes) {
    this.reader = SegmentReader.of(maxLineBytes);
    this.maxLineBytes = maxLineBytes;
  }

  /** {@return a parser with the default line limit}. */
  public static RolloutParser create() {
    return DEFAULT;
  }

  /**
   * {@return a parser that skips and counts (as {@code OVERSIZED_LINE}) lines longer than
   * {@code maxLineBytes}}.
   *
   * @throws IllegalArgumentException if {@code maxLineBytes} is not positive
   */
  public static RolloutParser withMaxLineBytes(int maxLineBytes) {
    return new RolloutParser(maxLineBytes);
  }

  /** {@return the line limit in bytes}. */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  /** {@return the parsed file}; a file that cannot be read gives a segment with a read error. */
  public RolloutSegment parse(RolloutFile file) {
    return reader.read(file.path(), file.relativePath(), file.location(), file.compressed(),
        file.sizeBytes(), file.threadIdFromName(), file.segmentId());
  }
}
