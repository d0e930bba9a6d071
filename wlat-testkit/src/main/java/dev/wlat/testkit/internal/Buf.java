package dev.wlat.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * A growable byte buffer that writes compact JSON by hand, so rollout lines come out with exactly
 * Codex's field order and no spaces, without allocating per field.
 */
final class Buf {
  byte[] a = new byte[1 << 16];
  int n;

  // Cache of the "yyyy-MM-ddTHH:mm:ss" prefix of the last formatted second.
  private long cachedSecond = Long.MIN_VALUE;
  private final byte[] cachedPrefix = new byte[19];

  void reset() {
    n = 0;
  }

  private void ensure(int k) {
    if (n + k > a.length) {
      a = Arrays.copyOf(a, Math.max(a.length * 2, n + k));
    }
  }

  /** Appends ASCII text verbatim (the caller guarantees it needs no escaping). */
  Buf raw(String s) {
    int l = s.length();
    ensure(l);
    for (int i = 0; i < l; i++) {
      a[n++] = (byte) s.charAt(i);
    }
    return this;
  }

  Buf raw(char c) {
    ensure(1);
    a[n++] = (byte) c;
    return this;
  }

  Buf bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, a, n, len);
    n += len;
    return this;
  }

  Buf bytes(Buf b) {
    return bytes(b.a, 0, b.n);
  }

  Buf num(long v) {
    if (v >= 0 && v < 10) {
      return raw((char) ('0' + v));
    }
    return raw(Long.toString(v));
  }

  /** Appends {@code "key":}. */
  Buf key(String k) {
    ensure(k.length() + 3);
    a[n++] = '"';
    raw(k);
    a[n++] = '"';
    a[n++] = ':';
    return this;
  }

  /** Appends a JSON string literal, escaping as needed, UTF-8 encoded. */
  Buf str(String s) {
    if (s == null) {
      return raw("null");
    }
    raw('"');
    strBody(s);
    return raw('"');
  }

  /** Appends the escaped content of a JSON string literal, without quotes. */
  Buf strBody(String s) {
    ensure(s.length());
    int l = s.length();
    for (int i = 0; i < l; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        ensure(1);
        a[n++] = (byte) c;
      } else if (c == '"' || c == '\\') {
        raw('\\').raw(c);
      } else if (c == '\n') {
        raw("\\n");
      } else if (c == '\t') {
        raw("\\t");
      } else if (c < 0x20) {
        raw(String.format("\\u%04x", (int) c));
      } else {
        int end = i + 1;
        if (Character.isHighSurrogate(c) && end < l) {
          end++;
        }
        byte[] u = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
        bytes(u, 0, u.length);
        i = end - 1;
      }
    }
    return this;
  }

  /** Appends an ISO-8601 UTC timestamp with milliseconds, quoted: {@code "2026-09-01T08:00:00.123Z"}. */
  Buf ts(long epochMs) {
    long sec = Math.floorDiv(epochMs, 1000);
    int ms = (int) Math.floorMod(epochMs, 1000);
    if (sec != cachedSecond) {
      LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
      String p = String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
          t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
      for (int i = 0; i < 19; i++) {
        cachedPrefix[i] = (byte) p.charAt(i);
      }
      cachedSecond = sec;
    }
    ensure(26);
    a[n++] = '"';
    System.arraycopy(cachedPrefix, 0, a, n, 19);
    n += 19;
    a[n++] = '.';
    a[n++] = (byte) ('0' + ms / 100);
    a[n++] = (byte) ('0' + ms / 10 % 10);
    a[n++] = (byte) ('0' + ms % 10);
    a[n++] = 'Z';
    a[n++] = '"';
    return this;
  }

  @Override
  public String toString() {
    return new String(a, 0, n, StandardCharsets.UTF_8);
  }
}
