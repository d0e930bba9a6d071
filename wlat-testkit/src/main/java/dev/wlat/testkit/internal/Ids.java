package dev.wlat.testkit.internal;

import java.util.SplittableRandom;

/** Deterministic identifiers: UUIDv7 (time-ordered), UUIDv4, hex and call ids. */
final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private Ids() {}

  /** {@return a UUIDv7 whose first 48 bits are {@code epochMs}}. */
  static String uuid7(long epochMs, SplittableRandom r) {
    long hi = (epochMs << 16) | 0x7000L | r.nextInt(1 << 12);
    long lo = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return format(hi, lo);
  }

  /** {@return a random UUIDv4}. */
  static String uuid4(SplittableRandom r) {
    long hi = (r.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return format(hi, lo);
  }

  private static String format(long hi, long lo) {
    String h = String.format("%016x%016x", hi, lo);
    return h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16) + '-'
        + h.substring(16, 20) + '-' + h.substring(20);
  }

  /** {@return {@code len} lowercase hex digits}. */
  static String hex(SplittableRandom r, int len) {
    char[] c = new char[len];
    for (int i = 0; i < len; i++) {
      c[i] = HEX[r.nextInt(16)];
    }
    return new String(c);
  }

  /** {@return {@code len} alphanumerics}. */
  static String alnum(SplittableRandom r, int len) {
    char[] c = new char[len];
    for (int i = 0; i < len; i++) {
      c[i] = ALNUM.charAt(r.nextInt(ALNUM.length()));
    }
    return new String(c);
  }

  /** {@return {@code len} characters from {@code alphabet}}. */
  static String of(SplittableRandom r, String alphabet, int len) {
    char[] c = new char[len];
    for (int i = 0; i < len; i++) {
      c[i] = alphabet.charAt(r.nextInt(alphabet.length()));
    }
    return new String(c);
  }

  /** {@return a tool call id like {@code call_Ab3…}}. */
  static String callId(SplittableRandom r) {
    return "call_" + alnum(r, 24);
  }

  /** {@return a seed derived from {@code seed} and {@code salt}, well mixed}. */
  static long mix(long seed, long salt) {
    long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
