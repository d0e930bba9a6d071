package dev.wlat.ingest;

import dev.wlat.ingest.internal.Cursor;
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
 * <p>{@link #parseFrom} also returns a {@link RolloutCheckpoint}, from which the next call parses
 * only the bytes appended since, with the same result as a whole-file {@link #parse}.
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

  /**
   * Parses {@code file}, continuing from {@code from} when it still describes the file's first
   * bytes, else from the start; either way the result's segment equals {@link #parse}{@code (file)}
   * and its checkpoint sits after the file's last {@code '\n'}.
   *
   * <p>The parse continues ({@link ResumedParse.Mode#RESUMED}) only when all of these hold: the
   * file is not compressed; {@code from} is {@linkplain RolloutCheckpoint#resumable() resumable}
   * and was made for the same file (relative path, path, location) by a parser with the same line
   * limit; {@code file.sizeBytes()} and the file's actual size are at least {@code from.offset()};
   * and the file's first {@code min(4096, offset)} bytes and the 4096 bytes before the offset
   * still hash as recorded. Then only the bytes after the offset are read and parsed, continuing
   * the saved state. Else (a file rewritten, truncated or replaced, or a checkpoint of a compressed
   * file) the whole file is read ({@link ResumedParse.Mode#FULL}).
   *
   * <p>A last line without {@code '\n'} is parsed into the segment as {@link #parse} does, but the
   * checkpoint is taken before it, so the next call parses it again. A read error gives the segment
   * {@link #parse} gives and a checkpoint at byte 0 that is not resumable.
   *
   * @param file the file
   * @param from the previous call's checkpoint for this file, or {@code null}
   * @return the segment, the new checkpoint, how the file was read and the bytes read
   */
  public ResumedParse parseFrom(RolloutFile file, RolloutCheckpoint from) {
    Cursor cursor = from == null || !from.resumable() ? null : from.cursor();
    SegmentReader.Resumed r = reader.readFrom(file.path(), file.relativePath(), file.location(),
        file.compressed(), file.sizeBytes(), file.threadIdFromName(), file.segmentId(), cursor);
    return new ResumedParse(r.segment(), RolloutCheckpoint.of(file, r.cursor()),
        r.resumed() ? ResumedParse.Mode.RESUMED : ResumedParse.Mode.FULL, r.bytesRead());
  }
}
