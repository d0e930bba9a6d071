package dev.wlat.ingest.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the compact binary form of a checkpoint: LEB128 varints (zigzag for signed values), and
 * strings through a string table, so a string repeated in a checkpoint (thread id, model, cwd, turn
 * ids) is written once and then referred to by its index. Read back with {@link StateDecoder}.
 *
 * <p>A string is {@code 0} for null, {@code 1} followed by its length in chars and the chars (as in
 * modified UTF-8, so any Java string, unpaired surrogates included, round-trips exactly), {@code 2}
 * followed by 16 bytes for a lower-case canonical UUID (thread and turn ids), or {@code 3 + i} for
 * the string first written as the table's {@code i}-th entry. Single-threaded.
 */
public final class StateEncoder {

  private byte[] buf;
  private int size;
  private final Map<String, Integer> table = new HashMap<>();

  private StateEncoder(int initialBytes) {
    this.buf = new byte[initialBytes];
  }

  /** {@return an empty encoder}. */
  public static StateEncoder create() {
    return new StateEncoder(256);
  }

  /** {@return an empty encoder whose buffer starts at {@code initialBytes}}. */
  public static StateEncoder withCapacity(int initialBytes) {
    return new StateEncoder(Math.max(16, initialBytes));
  }

  /** {@return the bytes written so far}. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** {@return how many bytes were written so far}. */
  public int size() {
    return size;
  }

  /** Writes a big-endian 32-bit int (for magic numbers and checksums). */
  public StateEncoder int32(int v) {
    room(4);
    buf[size] = (byte) (v >>> 24);
    buf[size + 1] = (byte) (v >>> 16);
    buf[size + 2] = (byte) (v >>> 8);
    buf[size + 3] = (byte) v;
    size += 4;
    return this;
  }

  /** Writes one byte. */
  public StateEncoder byte8(int v) {
    room(1);
    buf[size++] = (byte) v;
    return this;
  }

  /** Writes bytes as they are (their length is the reader's to know). */
  public StateEncoder raw(byte[] b) {
    room(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  /** Writes a length-prefixed byte array. */
  public StateEncoder bytes(byte[] b) {
    varint(b.length);
    return raw(b);
  }

  /** Writes a non-negative value as an unsigned LEB128 varint. */
  public StateEncoder varint(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("varint must not be negative, was [" + v + "]");
    }
    return unsigned(v);
  }

  /** Writes any value, zigzag encoded so small negative values stay small. */
  public StateEncoder zigzag(long v) {
    return unsigned((v << 1) ^ (v >> 63));
  }

  public StateEncoder bool(boolean b) {
    return byte8(b ? 1 : 0);
  }

  /** Writes a nullable {@code Boolean} as 0 (null), 1 (false) or 2 (true). */
  public StateEncoder optionalBool(Boolean b) {
    return byte8(b == null ? 0 : b ? 2 : 1);
  }

  /** Writes a double exactly (its raw bits). */
  public StateEncoder float64(double d) {
    long bits = Double.doubleToRawLongBits(d);
    int32((int) (bits >>> 32));
    return int32((int) bits);
  }

  /** Writes a nullable instant: 0 for null, else 1, the zigzag seconds and the nanos. */
  public StateEncoder optionalInstant(Instant at) {
    if (at == null) {
      return byte8(0);
    }
    byte8(1);
    return instant(at);
  }

  /** Writes a non-null instant: zigzag seconds, then nanos (as millis when they are whole). */
  public StateEncoder instant(Instant at) {
    zigzag(at.getEpochSecond());
    return nanos(at.getNano());
  }

  /** Writes a nano-of-second: {@code millis << 1} when whole millis, else {@code nanos << 1 | 1}. */
  public StateEncoder nanos(int nanos) {
    if (nanos % 1_000_000 == 0) {
      return unsigned((long) (nanos / 1_000_000) << 1);
    }
    return unsigned(((long) nanos << 1) | 1);
  }

  /** Writes a nullable string through the string table. */
  public StateEncoder string(String s) {
    if (s == null) {
      return byte8(0);
    }
    Integer index = table.putIfAbsent(s, table.size());
    if (index != null) {
      return unsigned(index + 3L);
    }
    if (isUuid(s)) {
      byte8(2);
      room(16);
      for (int i = 0, k = 0; i < 36; i += 2) {
        if (s.charAt(i) == '-') {
          i--;
          continue;
        }
        buf[size + k++] = (byte) (hex(s.charAt(i)) << 4 | hex(s.charAt(i + 1)));
      }
      size += 16;
      return this;
    }
    byte8(1);
    int n = s.length();
    unsigned(n);
    room(3L * n);
    byte[] b = buf;
    int at = size;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x0001 && c <= 0x007F) {
        b[at++] = (byte) c;
      } else if (c <= 0x07FF) {
        b[at++] = (byte) (0xC0 | (c >> 6));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      } else {
        b[at++] = (byte) (0xE0 | (c >> 12));
        b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    size = at;
    return this;
  }

  /** {@return true for a lower-case canonical UUID}: 36 chars, hyphens at 8, 13, 18 and 23. */
  static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
      if (hyphen ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static int hex(char c) {
    return c <= '9' ? c - '0' : c - 'a' + 10;
  }

  private StateEncoder unsigned(long v) {
    room(10);
    byte[] b = buf;
    int at = size;
    while ((v & ~0x7FL) != 0) {
      b[at++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[at++] = (byte) v;
    size = at;
    return this;
  }

  /** Makes room for {@code n} more bytes. */
  private void room(long n) {
    if (buf.length - size < n) {
      long wanted = Math.max(size + n, 2L * buf.length);
      if (wanted > Integer.MAX_VALUE - 16) {
        if (size + n > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("checkpoint state over 2 GiB");
        }
        wanted = Integer.MAX_VALUE - 16;
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }
}
