package dev.wlat.cli.job;

import dev.wlat.model.TokenUsage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/*
 * The binary form of what an incremental run keeps in its state DB: varints, length-prefixed UTF-8
 * strings with a null marker, instants as seconds + nanos. Small and exact; a blob that does not
 * read back whole is rejected (the run then recomputes what it described).
 */

/** Writes and reads the state DB's blobs. */
final class Blobs {

  private Blobs() {}

  /** Thrown when a blob cannot be read back: the run falls back to recomputing. */
  static final class Corrupt extends RuntimeException {
    Corrupt(String message) {
      super(message, null, false, false);
    }
  }

  /** {@return a 64-bit digest of {@code parts}}: equal inputs give equal digests. */
  static long digest(String... parts) {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        md.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return java.nio.ByteBuffer.wrap(md.digest()).getLong();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static <E extends Enum<E>> E constant(Class<E> type, String name) {
    try {
      return Enum.valueOf(type, name);
    } catch (RuntimeException e) {
      throw new Corrupt("unknown " + type.getSimpleName() + " [" + name + "]");
    }
  }

  static final class Out {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

    Out varLong(long v) {
      long z = (v << 1) ^ (v >> 63);
      while ((z & ~0x7FL) != 0) {
        bytes.write((int) ((z & 0x7F) | 0x80));
        z >>>= 7;
      }
      bytes.write((int) z);
      return this;
    }

    Out bool(boolean b) {
      bytes.write(b ? 1 : 0);
      return this;
    }

    Out string(String s) {
      if (s == null) {
        return varLong(-1);
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varLong(b.length);
      bytes.write(b, 0, b.length);
      return this;
    }

    Out instant(Instant t) {
      if (t == null) {
        return bool(false);
      }
      bool(true);
      varLong(t.getEpochSecond());
      return varLong(t.getNano());
    }

    Out usage(TokenUsage u) {
      return varLong(u.inputTokens()).varLong(u.cachedInputTokens()).varLong(u.outputTokens())
          .varLong(u.reasoningOutputTokens()).varLong(u.totalTokens()).varLong(u.cacheWriteInputTokens());
    }

    byte[] toBytes() {
      return bytes.toByteArray();
    }
  }

  static final class In {
    private final byte[] b;
    private int i;

    In(byte[] b) {
      this.b = b;
    }

    long varLong() {
      long z = 0;
      int shift = 0;
      while (true) {
        if (i >= b.length) {
          throw new Corrupt("blob ends inside a number at byte " + i);
        }
        int v = b[i++] & 0xFF;
        z |= (long) (v & 0x7F) << shift;
        if ((v & 0x80) == 0) {
          break;
        }
        shift += 7;
        if (shift > 63) {
          throw new Corrupt("number too long at byte " + i);
        }
      }
      return (z >>> 1) ^ -(z & 1);
    }

    int count() {
      long n = varLong();
      if (n < 0 || n > b.length - i) {
        throw new Corrupt("bad count " + n + " at byte " + i);
      }
      return (int) n;
    }

    boolean bool() {
      if (i >= b.length) {
        throw new Corrupt("blob ends at byte " + i);
      }
      return b[i++] != 0;
    }

    String string() {
      long n = varLong();
      if (n == -1) {
        return null;
      }
      if (n < 0 || n > b.length - i) {
        throw new Corrupt("bad string length " + n + " at byte " + i);
      }
      String s = new String(b, i, (int) n, StandardCharsets.UTF_8);
      i += (int) n;
      return s;
    }

    Instant instant() {
      if (!bool()) {
        return null;
      }
      long s = varLong();
      long n = varLong();
      try {
        return Instant.ofEpochSecond(s, n);
      } catch (RuntimeException e) {
        throw new Corrupt("bad instant at byte " + i);
      }
    }

    TokenUsage usage() {
      try {
        return new TokenUsage(varLong(), varLong(), varLong(), varLong(), varLong(), varLong());
      } catch (IllegalArgumentException e) {
        throw new Corrupt("bad usage at byte " + i);
      }
    }

    void end() {
      if (i != b.length) {
        throw new Corrupt((b.length - i) + " trailing bytes");
      }
    }
  }
}
