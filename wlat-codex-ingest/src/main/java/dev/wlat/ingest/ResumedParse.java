package dev.wlat.ingest;

import dev.wlat.model.RolloutSegment;
import java.util.Objects;

/**
 * The result of {@link RolloutParser#parseFrom}.
 *
 * @param segment the parsed file: equal to {@link RolloutParser#parse} of the same file
 * @param checkpoint where this parse stopped, to continue from next time
 * @param mode whether the file was read from its start or continued from the checkpoint given
 * @param bytesRead the bytes of rollout text this call read and parsed: from the checkpoint's offset
 *     to the end of the file when {@link Mode#RESUMED} (so an unterminated last line read before is
 *     counted again), the whole file when {@link Mode#FULL} (decompressed bytes for zstd); the two
 *     reads of at most 4096 bytes each that verify a checkpoint before resuming are not counted
 */
public record ResumedParse(RolloutSegment segment, RolloutCheckpoint checkpoint, Mode mode,
    long bytesRead) {

  /** How the file was read. */
  public enum Mode {
    /** Read from byte 0: there was no checkpoint, or it no longer described the file. */
    FULL,
    /** Read only from the checkpoint's offset, continuing its saved state. */
    RESUMED
  }

  public ResumedParse {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(mode, "mode");
    if (bytesRead < 0) {
      throw new IllegalArgumentException("bytesRead must not be negative, was [" + bytesRead + "]");
    }
  }
}
