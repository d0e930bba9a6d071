package dev.wlat.ingest.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a {@link StateEncoder} wrote. Every read is bounds-checked and every length or count
 * is checked against the bytes left before anything is allocated, so a damaged or hostile input
 * fails with an {@link IllegalArgumentException} naming the problem, never with an
 * {@code ArrayIndexOutOfBoundsException} or an {@code OutOfMemoryError}. Single-threaded.
 */
public final class StateDecoder {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] b;
  private int pos;
  private final int end;
  private final List<String> table = new ArrayList<>();

  private StateDecoder(byte[] b, int from, int to) {
    this.b = b;
    this.pos = from;
    this.end = to;
  }

  /** {@return a decoder of {@code b} (not copied: the caller must not change it meanwhile)}. */
  public static StateDecoder of(byte[] b) {
    return new StateDecoder(b, 0, b.length);
  }

  /** {@return a decoder of {@code b[from, to)}}. */
  public static StateDecoder of(byte[] b, int from, int to) {
    if (from < 0 || to > b.length || from > to) {
      throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
    }
    return new StateDecoder(b, from, to);
  }

  /** {@return how many bytes are left}. */
  public int remaining() {
    return end - pos;
  }

  /** {@return the position of the next byte in the array given to {@link #of}}. */
  public int position() {
    return pos;
  }

  /** Fails unless every byte was read. */
  public void expectEnd(String what) {
    if (pos != end) {
      throw fail((end - pos) + " unexpected bytes after the " + what);
    }
  }

  public int int32() {
    need(4);
    int v = (b[pos] & 0xFF) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8
        | (b[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  public int byte8() {
    need(1);
    return b[pos++] & 0xFF;
  }

  /** {@return the next {@code n} bytes}. */
  public byte[] raw(int n) {
    if (n < 0) {
      throw fail("negative length " + n);
    }
    need(n);
    byte[] r = new byte[n];
    System.arraycopy(b, pos, r, 0, n);
    pos += n;
    return r;
  }

  /** {@return a length-prefixed byte array}. */
  public byte[] bytes() {
    return raw(count(1, "byte array"));
  }

  /** {@return an unsigned LEB128 varint} (at most 64 bits). */
  public long varint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int x = byte8();
      if (shift == 63 && (x & 0x7E) != 0) {
        throw fail("varint overflows 64 bits");
      }
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw fail("varint longer than 10 bytes");
  }

  /** {@return a varint that must be a non-negative long}. */
  public long nonNegative(String what) {
    long v = varint();
    if (v < 0) {
      throw fail(what + " out of range");
    }
    return v;
  }

  /** {@return a varint in {@code [min, max]}}. */
  public int intIn(int min, int max, String what) {
    long v = varint();
    if (v < min || v > max) {
      throw fail(what + " " + v + " is not in [" + min + ", " + max + "]");
    }
    return (int) v;
  }

  /**
   * {@return a count of items each taking at least {@code minBytesEach} bytes}: a count the bytes
   * left cannot hold is refused before anything is allocated.
   */
  public int count(int minBytesEach, String what) {
    long v = varint();
    if (v < 0 || v > (long) remaining() / Math.max(1, minBytesEach)) {
      throw fail(what + " count " + Long.toUnsignedString(v) + " exceeds the " + remaining()
          + " bytes left");
    }
    return (int) v;
  }

  /** {@return a zigzag-encoded long}. */
  public long zigzag() {
    long v = varint();
    return (v >>> 1) ^ -(v & 1);
  }

  public boolean bool() {
    int v = byte8();
    if (v > 1) {
      throw fail("bad boolean " + v);
    }
    return v == 1;
  }

  public Boolean optionalBool() {
    int v = byte8();
    switch (v) {
      case 0:
        return null;
      case 1:
        return Boolean.FALSE;
      case 2:
        return Boolean.TRUE;
      default:
        throw fail("bad optional boolean " + v);
    }
  }

  public double float64() {
    long hi = int32() & 0xFFFFFFFFL;
    long lo = int32() & 0xFFFFFFFFL;
    return Double.longBitsToDouble(hi << 32 | lo);
  }

  public Instant optionalInstant() {
    int tag = byte8();
    if (tag == 0) {
      return null;
    }
    if (tag != 1) {
      throw fail("bad optional instant tag " + tag);
    }
    return instant();
  }

  public Instant instant() {
    long seconds = zigzag();
    return instant(seconds, nanos());
  }

  /** {@return an instant from seconds and nanos}, failing cleanly when out of range. */
  public Instant instant(long seconds, int nanos) {
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException | ArithmeticException e) {
      throw fail("instant out of range");
    }
  }

  public int nanos() {
    long v = varint();
    long half = v >>> 1;
    if ((v & 1) == 0) {
      if (half > 999) {
        throw fail("milli-of-second out of range");
      }
      return (int) half * 1_000_000;
    }
    if (half > 999_999_999) {
      throw fail("nano-of-second out of range");
    }
    return (int) half;
  }

  /** {@return the index of an enum constant among {@code count}}. */
  public int ordinal(int count, String what) {
    return intIn(0, count - 1, what);
  }

  public String string() {
    long tag = varint();
    if (tag == 0) {
      return null;
    }
    if (tag == 2) {
      need(16);
      char[] chars = new char[36];
      for (int i = 0, k = 0; i < 36; i += 2) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
          chars[i] = '-';
          i--;
          continue;
        }
        int x = b[pos + k++] & 0xFF;
        chars[i] = HEX[x >>> 4];
        chars[i + 1] = HEX[x & 0xF];
      }
      pos += 16;
      String s = new String(chars);
      table.add(s);
      return s;
    }
    if (tag >= 3) {
      long i = tag - 3;
      if (tag < 0 || i >= table.size()) {
        throw fail("string reference " + Long.toUnsignedString(i) + " beyond the table's "
            + table.size() + " entries");
      }
      return table.get((int) i);
    }
    int n = count(1, "string char");
    char[] chars = new char[n];
    for (int k = 0; k < n; k++) {
      int x = byte8();
      if (x >= 0x01 && x <= 0x7F) {
        chars[k] = (char) x;
      } else if ((x & 0xE0) == 0xC0) {
        chars[k] = (char) ((x & 0x1F) << 6 | continuation());
      } else if ((x & 0xF0) == 0xE0) {
        int c1 = continuation();
        chars[k] = (char) ((x & 0x0F) << 12 | c1 << 6 | continuation());
      } else {
        throw fail("bad string byte " + x);
      }
    }
    String s = new String(chars);
    table.add(s);
    return s;
  }

  private int continuation() {
    int x = byte8();
    if ((x & 0xC0) != 0x80) {
      throw fail("bad string continuation byte " + x);
    }
    return x & 0x3F;
  }

  private void need(int n) {
    if (end - pos < n) {
      throw fail("truncated: needs " + n + " more bytes, " + (end - pos) + " left");
    }
  }

  /** {@return an exception for bad input at the current position}. */
  public IllegalArgumentException fail(String message) {
    return new IllegalArgumentException(message + " (at byte " + pos + ")");
  }
}
