package dev.wlat.ingest;

import dev.wlat.ingest.internal.Cursor;
import dev.wlat.ingest.internal.StateDecoder;
import dev.wlat.ingest.internal.StateEncoder;
import java.time.Instant;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Where a parse of one rollout file stopped, and everything needed to continue it. Immutable.
 *
 * <p>Made by {@link RolloutParser#parseFrom}. It holds the file's size and modification time when
 * read (for {@link #unchanged}), the offset just after the last {@code '\n'} the parse met and the
 * lines up to it, and, when the parse can be continued ({@link #resumable()}), the parser's whole
 * state at that offset (counters, session metadata, turn state, replay evidence, the last
 * cumulative total, diagnostics and every token event so far), the read buffer's size there, and
 * hashes of the file's first {@code min(4096, offset)} bytes and of the {@code min(4096, offset)}
 * bytes just before the offset, so that a file rewritten, truncated or replaced is noticed.
 *
 * <p>A checkpoint of a compressed file, or of a parse that met a read error, is not resumable: the
 * next {@code parseFrom} reads the whole file. After a read error the offset and line number are 0.
 * For a compressed file they count decompressed bytes.
 *
 * <h2>Binary form</h2>
 * {@link #toBytes()} gives a compact versioned form: the magic {@code "WLCP"} and the version as
 * big-endian ints, then LEB128 varints (the file size, the modification time, the offset, the line
 * number, buffer sizes), the two 16-byte hashes (truncated SHA-256), the parse state, and a CRC32C
 * of all that. The parse state writes each string once in a per-checkpoint string table and then
 * refers to it by index, enums as ordinals, token events with delta-coded line numbers and
 * timestamps and without the fields every event of a file shares. Java serialization is not used.
 */
public final class RolloutCheckpoint {

  /** The first four bytes of every checkpoint: {@code "WLCP"}. */
  static final int MAGIC = 0x574C4350;
  /** The version this build writes and reads; any change of layout or enum order bumps it. */
  static final int VERSION = 1;

  private final long fileSize;
  private final Instant lastModified;
  private final boolean compressed;
  private final Cursor cursor;

  private RolloutCheckpoint(long fileSize, Instant lastModified, boolean compressed, Cursor cursor) {
    this.fileSize = fileSize;
    this.lastModified = Objects.requireNonNull(lastModified, "lastModified");
    this.compressed = compressed;
    this.cursor = Objects.requireNonNull(cursor, "cursor");
  }

  /** {@return the checkpoint of a read of {@code file} that stopped at {@code cursor}}. */
  static RolloutCheckpoint of(RolloutFile file, Cursor cursor) {
    return new RolloutCheckpoint(file.sizeBytes(), file.lastModified(), file.compressed(), cursor);
  }

  /**
   * {@return the bytes consumed}: the file offset just after the last {@code '\n'} the parse met.
   * A last line without {@code '\n'} is not consumed: Codex may still be writing it.
   */
  public long offset() {
    return cursor.offset();
  }

  /** {@return the lines consumed up to {@link #offset()}}. */
  public long lineNumber() {
    return cursor.lineNumber();
  }

  /** {@return the file's size when read}, from {@link RolloutFile#sizeBytes()}. */
  public long fileSize() {
    return fileSize;
  }

  /** {@return the file's modification time when read}, from {@link RolloutFile#lastModified()}. */
  public Instant lastModified() {
    return lastModified;
  }

  /** {@return true for a zstd file}: its checkpoints are never resumable. */
  public boolean compressed() {
    return compressed;
  }

  /**
   * {@return true when a parse may continue from this checkpoint}; false for a compressed file or
   * after a read error.
   */
  public boolean resumable() {
    return !compressed && cursor.resumable();
  }

  /** {@return the internal cursor}. */
  Cursor cursor() {
    return cursor;
  }

  /**
   * {@return true when {@code file}'s size and modification time equal the recorded ones}: a quick
   * check, without reading the file, that there is nothing new to parse.
   */
  public boolean unchanged(RolloutFile file) {
    return file.sizeBytes() == fileSize && file.lastModified().equals(lastModified);
  }

  /** {@return the compact binary form}, read back by {@link #fromBytes}. */
  public byte[] toBytes() {
    StateEncoder out = StateEncoder.create();
    out.int32(MAGIC).int32(VERSION).zigzag(fileSize).instant(lastModified).bool(compressed);
    cursor.writeTo(out);
    byte[] body = out.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(body, 0, body.length);
    byte[] all = new byte[body.length + 4];
    System.arraycopy(body, 0, all, 0, body.length);
    int c = (int) crc.getValue();
    all[body.length] = (byte) (c >>> 24);
    all[body.length + 1] = (byte) (c >>> 16);
    all[body.length + 2] = (byte) (c >>> 8);
    all[body.length + 3] = (byte) c;
    return all;
  }

  /**
   * {@return the checkpoint {@link #toBytes} gave}.
   *
   * @throws IllegalArgumentException when {@code bytes} is null, not a checkpoint, of another
   *     version, truncated or damaged; the message says which
   */
  public static RolloutCheckpoint fromBytes(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("rollout checkpoint bytes are null");
    }
    if (bytes.length < 12) {
      throw new IllegalArgumentException("not a rollout checkpoint: " + bytes.length
          + " bytes is too short");
    }
    StateDecoder in = StateDecoder.of(bytes, 0, bytes.length - 4);
    int magic = in.int32();
    if (magic != MAGIC) {
      throw new IllegalArgumentException(String.format(
          "not a rollout checkpoint: bad magic 0x%08x (expected 0x%08x)", magic, MAGIC));
    }
    int version = in.int32();
    if (version != VERSION) {
      throw new IllegalArgumentException("unsupported rollout checkpoint version " + version
          + " (this build reads version " + VERSION + ")");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = StateDecoder.of(bytes, bytes.length - 4, bytes.length).int32();
    if ((int) crc.getValue() != stored) {
      throw new IllegalArgumentException(
          "corrupt rollout checkpoint: checksum mismatch (truncated or damaged)");
    }
    try {
      long fileSize = in.zigzag();
      Instant lastModified = in.instant();
      boolean compressed = in.bool();
      Cursor cursor = Cursor.readFrom(in);
      in.expectEnd("checkpoint");
      if (compressed && cursor.resumable()) {
        throw new IllegalArgumentException("a compressed file's checkpoint holds a parse state");
      }
      return new RolloutCheckpoint(fileSize, lastModified, compressed, cursor);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("corrupt rollout checkpoint: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RolloutCheckpoint c && fileSize == c.fileSize
        && lastModified.equals(c.lastModified) && compressed == c.compressed
        && cursor.equals(c.cursor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fileSize, lastModified, compressed, cursor);
  }

  @Override
  public String toString() {
    return "RolloutCheckpoint[offset=" + offset() + ", lineNumber=" + lineNumber() + ", fileSize="
        + fileSize + ", lastModified=" + lastModified + ", compressed=" + compressed
        + ", resumable=" + resumable() + "]";
  }
}
