package dev.wlat.ingest.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a read of one rollout file stopped: the offset just after the last {@code '\n'} it met,
 * and, when the read can be continued, the saved parse state, the read buffer's size and hashes of
 * the bytes that must still be there for the state to hold. Immutable.
 *
 * <p>The hashes are the first 16 bytes of the SHA-256 of the file's first {@code min(4096, offset)}
 * bytes ({@link #headHash()}) and of the {@code min(4096, offset)} bytes just before the offset
 * ({@link #tailHash()}).
 */
public final class Cursor {

  /** How many bytes each verified range spans at most. */
  public static final int VERIFIED_BYTES = 4096;
  /** The length of each stored hash. */
  public static final int HASH_BYTES = 16;

  private static final Cursor NONE = new Cursor(0, 0, 0, 0, null, null, null);

  private final long offset;
  private final long lineNumber;
  private final int readerBufferBytes;
  private final int bufferBytes;
  private final byte[] headHash;
  private final byte[] tailHash;
  private final byte[] state;

  private Cursor(long offset, long lineNumber, int readerBufferBytes, int bufferBytes,
      byte[] headHash, byte[] tailHash, byte[] state) {
    this.offset = offset;
    this.lineNumber = lineNumber;
    this.readerBufferBytes = readerBufferBytes;
    this.bufferBytes = bufferBytes;
    this.headHash = headHash;
    this.tailHash = tailHash;
    this.state = state;
  }

  /** {@return a cursor at the start of a file, not resumable}: the next read is a full one. */
  public static Cursor none() {
    return NONE;
  }

  /** {@return a cursor that records where a read stopped but cannot be continued}. */
  static Cursor notResumable(long offset, long lineNumber) {
    return offset == 0 && lineNumber == 0 ? NONE
        : new Cursor(offset, lineNumber, 0, 0, null, null, null);
  }

  /** {@return a cursor that can be continued}. */
  static Cursor resumable(long offset, long lineNumber, int readerBufferBytes, int bufferBytes,
      byte[] headHash, byte[] tailHash, byte[] state) {
    return new Cursor(offset, lineNumber, readerBufferBytes, bufferBytes, headHash.clone(),
        tailHash.clone(), state);
  }

  public long offset() {
    return offset;
  }

  public long lineNumber() {
    return lineNumber;
  }

  /** {@return true when the saved state allows continuing the read at {@link #offset()}}. */
  public boolean resumable() {
    return state != null;
  }

  /** {@return the buffer size of the reader that made this cursor}. */
  int readerBufferBytes() {
    return readerBufferBytes;
  }

  /**
   * {@return the read buffer's size a whole-file read starting with a full-size buffer would have
   * at the offset}, or 0 when unknown.
   */
  int bufferBytes() {
    return bufferBytes;
  }

  byte[] headHash() {
    return headHash;
  }

  byte[] tailHash() {
    return tailHash;
  }

  byte[] state() {
    return state;
  }

  /** {@return the first {@link #HASH_BYTES} bytes of the SHA-256 of {@code b[0, n)}}. */
  static byte[] hash(byte[] b, int from, int n) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(b, from, n);
      return Arrays.copyOf(sha.digest(), HASH_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Writes this cursor (its saved state as one length-prefixed blob). */
  public void writeTo(StateEncoder out) {
    out.varint(offset).varint(lineNumber).bool(resumable());
    if (resumable()) {
      out.varint(readerBufferBytes).varint(bufferBytes).raw(headHash).raw(tailHash).bytes(state);
    }
  }

  /**
   * {@return the cursor {@link #writeTo} wrote}, its saved state decoded once to check it.
   *
   * @throws IllegalArgumentException when the bytes are not a valid cursor
   */
  public static Cursor readFrom(StateDecoder in) {
    long offset = in.nonNegative("offset");
    long lineNumber = in.nonNegative("line number");
    if (lineNumber > offset) {
      throw in.fail("more lines (" + lineNumber + ") than bytes (" + offset + ")");
    }
    if (!in.bool()) {
      return notResumable(offset, lineNumber);
    }
    int readerBuffer = in.intIn(1, Integer.MAX_VALUE, "reader buffer size");
    int buffer = in.intIn(0, Integer.MAX_VALUE, "buffer size");
    byte[] head = in.raw(HASH_BYTES);
    byte[] tail = in.raw(HASH_BYTES);
    byte[] state = in.bytes();
    SegmentParse parse;
    try {
      parse = SegmentParse.restore(SegmentReader.JSON, state);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad parse state: " + e.getMessage(), e);
    }
    if (parse.lineNumber() != lineNumber || parse.byteCount() != offset) {
      throw new IllegalArgumentException("parse state at line " + parse.lineNumber() + ", byte "
          + parse.byteCount() + " does not match the cursor at line " + lineNumber + ", byte "
          + offset);
    }
    return new Cursor(offset, lineNumber, readerBuffer, buffer, head, tail, state);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cursor c && offset == c.offset && lineNumber == c.lineNumber
        && readerBufferBytes == c.readerBufferBytes && bufferBytes == c.bufferBytes
        && Arrays.equals(headHash, c.headHash) && Arrays.equals(tailHash, c.tailHash)
        && Arrays.equals(state, c.state);
  }

  @Override
  public int hashCode() {
    return Objects.hash(offset, lineNumber, readerBufferBytes, bufferBytes, Arrays.hashCode(headHash),
        Arrays.hashCode(tailHash), Arrays.hashCode(state));
  }

  @Override
  public String toString() {
    return "Cursor[offset=" + offset + ", lineNumber=" + lineNumber + ", resumable=" + resumable()
        + (resumable() ? ", stateBytes=" + state.length : "") + "]";
  }
}
