package dev.wlat.ingest.internal;

/**
 * Follows a checkpointing read: the bytes consumed (every byte up to and including the last
 * {@code '\n'} fed), the first and the last {@value Cursor#VERIFIED_BYTES} of them, and whether the
 * read buffer grew. At the end of the input, before the unterminated last line (if any) is fed,
 * {@link #atEnd} makes the {@link Cursor}. Only {@link SegmentReader#readFrom} makes one: a plain
 * {@link SegmentReader#read} has none and pays nothing.
 */
final class Progress {

  private static final int N = Cursor.VERIFIED_BYTES;

  private final boolean saveState;
  private final int readerBufferBytes;
  private final int startBufferBytes;
  private final byte[] head = new byte[N];
  private int headLength;
  private byte[] last = new byte[N];
  private int lastLength;
  private long consumed;
  private boolean grew;
  private Cursor cursor;

  private Progress(boolean saveState, int readerBufferBytes, int startBufferBytes) {
    this.saveState = saveState;
    this.readerBufferBytes = readerBufferBytes;
    this.startBufferBytes = startBufferBytes;
  }

  /** {@return progress of a read from byte 0}; {@code saveState} false makes a non-resumable cursor. */
  static Progress fromStart(boolean saveState, int readerBufferBytes, int startBufferBytes) {
    return new Progress(saveState, readerBufferBytes, startBufferBytes);
  }

  /**
   * {@return progress of a read continued at {@code offset}}, knowing the file's first bytes
   * {@code head} and the bytes {@code tail} just before the offset (as verified).
   */
  static Progress resumed(long offset, byte[] head, byte[] tail, int readerBufferBytes,
      int startBufferBytes) {
    Progress p = new Progress(true, readerBufferBytes, startBufferBytes);
    p.headLength = Math.min(N, head.length);
    System.arraycopy(head, 0, p.head, 0, p.headLength);
    p.lastLength = Math.min(N, tail.length);
    System.arraycopy(tail, tail.length - p.lastLength, p.last, 0, p.lastLength);
    p.consumed = offset;
    return p;
  }

  /** Notes that {@code b[s, e)}, the next bytes of the input, are consumed. */
  void consumed(byte[] b, int s, int e) {
    int n = e - s;
    if (n <= 0) {
      return;
    }
    if (headLength < N) {
      int k = Math.min(N - headLength, n);
      System.arraycopy(b, s, head, headLength, k);
      headLength += k;
    }
    if (n >= N) {
      System.arraycopy(b, e - N, last, 0, N);
      lastLength = N;
    } else {
      int keep = Math.min(lastLength, N - n);
      System.arraycopy(last, lastLength - keep, last, 0, keep);
      System.arraycopy(b, s, last, keep, n);
      lastLength = keep + n;
    }
    consumed += n;
  }

  /** Notes that the read buffer grew. */
  void grew() {
    grew = true;
  }

  /** {@return a mark to {@link #reset} to}, taken before a line that may turn out unterminated. */
  Mark mark() {
    return new Mark(consumed, headLength, last.clone(), lastLength);
  }

  /** Forgets every byte consumed since {@code m}. */
  void reset(Mark m) {
    consumed = m.consumed;
    headLength = m.headLength;
    last = m.last;
    lastLength = m.lastLength;
  }

  /**
   * Makes the cursor at the end of the input: everything consumed was fed to {@code state}, the
   * rest (an unterminated last line) is not yet.
   *
   * @param bufferLength the read buffer's length now
   */
  void atEnd(SegmentParse state, int bufferLength) {
    if (!saveState) {
      cursor = Cursor.notResumable(consumed, state.lineNumber());
      return;
    }
    // A whole-file read starting with a full-size buffer has, at this offset, this read's buffer
    // when this read started with one too; when this one started smaller (a small file) and never
    // grew, no line reached the full size, so that read never grew either.
    int buffer = startBufferBytes >= readerBufferBytes ? bufferLength
        : grew ? 0 : readerBufferBytes;
    cursor = Cursor.resumable(consumed, state.lineNumber(), readerBufferBytes, buffer,
        Cursor.hash(head, 0, headLength), Cursor.hash(last, 0, lastLength), state.save(consumed));
  }

  /** {@return the cursor}, or a non-resumable one at byte 0 when the input did not reach its end. */
  Cursor cursor() {
    return cursor != null ? cursor : Cursor.none();
  }

  /** A point to go back to. */
  record Mark(long consumed, int headLength, byte[] last, int lastLength) {}
}
