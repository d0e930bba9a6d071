package dev.wlat.ingest.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte-level helpers for the line splitter and the envelope sniffer.
 *
 * <p>{@link #findNewlineOrNul} is a SWAR ("SIMD within a register") search: it reads eight bytes at
 * a time and uses the classic has-zero-byte trick, {@code (x - 0x01..) & ~x & 0x80..}, once for
 * {@code '\n'} (after XOR with {@code 0x0A..}) and once for NUL. The lowest set bit of each is exact
 * (false positives only occur above a real match), so the lowest set bit of their union is the first
 * match. It is equivalent to a plain loop testing {@code b == '\n' || b == 0}, but faster.
 */
final class Bytes {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

  private Bytes() {}

  /** {@return the index of the first {@code '\n'} or NUL byte in {@code [from, to)}, or -1}. */
  static int findNewlineOrNul(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      long x = w ^ NEWLINES;
      long t = (((x - ONES) & ~x) | ((w - ONES) & ~w)) & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte c = b[i];
      if (c == '\n' || c == 0) {
        return i;
      }
    }
    return -1;
  }

  static boolean isWhitespace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /** {@return the first index in {@code [i, e)} that is not JSON whitespace, or {@code e}}. */
  static int skipWhitespace(byte[] b, int i, int e) {
    while (i < e && isWhitespace(b[i])) {
      i++;
    }
    return i;
  }

  /** {@return the last byte in {@code [s, e)} that is not whitespace, or -1 when there is none}. */
  static int lastNonWhitespace(byte[] b, int s, int e) {
    for (int i = e - 1; i >= s; i--) {
      if (!isWhitespace(b[i])) {
        return b[i] & 0xFF;
      }
    }
    return -1;
  }

  static boolean equalsAscii(byte[] b, int s, int e, byte[] ascii) {
    int n = e - s;
    if (n != ascii.length) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[s + i] != ascii[i]) {
        return false;
      }
    }
    return true;
  }
}
