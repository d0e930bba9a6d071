package dev.wlat.testkit.internal;

import java.util.SplittableRandom;

/**
 * Lorem-style filler text and opaque base64-ish blobs, sliced from fixed corpora so multi-megabyte
 * payloads cost a copy, not a random draw per word.
 *
 * <p>The text corpus is stored already JSON-escaped (newlines as {@code \n}); slices never start or
 * end inside an escape, so any slice is valid JSON string content.
 */
final class Filler {
  private static final String[] WORDS = (
      "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore "
      + "et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip "
      + "ex ea commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla "
      + "pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim "
      + "id est laborum vitae suscipit tellus mauris pharetra massa ultricies mi quam pellentesque nec "
      + "ledger retry widget queue handler parser buffer invoice router schema cache token").split(" ");

  private static final int TEXT_SIZE = 1 << 20;
  private static final int BLOB_SIZE = 1 << 18;
  private static final byte[] TEXT = buildText();
  private static final byte[] BLOB = buildBlob();

  private Filler() {}

  private static byte[] buildText() {
    SplittableRandom r = new SplittableRandom(0x5EEDF111L);
    StringBuilder sb = new StringBuilder(TEXT_SIZE + 64);
    boolean capital = true;
    while (sb.length() < TEXT_SIZE) {
      String w = WORDS[r.nextInt(WORDS.length)];
      if (capital) {
        sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
        capital = false;
      } else {
        sb.append(w);
      }
      int p = r.nextInt(100);
      if (p < 8) {
        sb.append(". ");
        capital = true;
      } else if (p < 10) {
        sb.append(".\\n");
        capital = true;
      } else if (p < 11) {
        sb.append(":\\n- ");
      } else if (p < 14) {
        sb.append(", ");
      } else {
        sb.append(' ');
      }
    }
    byte[] b = new byte[TEXT_SIZE];
    for (int i = 0; i < TEXT_SIZE; i++) {
      b[i] = (byte) sb.charAt(i);
    }
    return b;
  }

  private static byte[] buildBlob() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    SplittableRandom r = new SplittableRandom(0xB10BL);
    byte[] b = new byte[BLOB_SIZE];
    for (int i = 0; i < BLOB_SIZE; i++) {
      b[i] = (byte) alphabet.charAt(r.nextInt(64));
    }
    return b;
  }

  /** Appends about {@code len} bytes of escaped filler text (no quotes). */
  static void text(Buf b, SplittableRandom r, int len) {
    while (len > 0) {
      int take = Math.min(len, TEXT_SIZE / 2);
      int start = r.nextInt(TEXT_SIZE - take);
      int end = start + take;
      if (start > 0 && TEXT[start - 1] == '\\') {
        start++;
      }
      if (TEXT[end - 1] == '\\') {
        end--;
      }
      b.bytes(TEXT, start, end - start);
      len -= take;
    }
  }

  /** Appends a quoted filler string of about {@code len} bytes. */
  static void quotedText(Buf b, SplittableRandom r, int len) {
    b.raw('"');
    text(b, r, len);
    b.raw('"');
  }

  /** Appends {@code len} base64url-ish characters (no quotes). */
  static void blob(Buf b, SplittableRandom r, int len) {
    while (len > 0) {
      int take = Math.min(len, BLOB_SIZE / 2);
      b.bytes(BLOB, r.nextInt(BLOB_SIZE - take), take);
      len -= take;
    }
  }

  /** {@return a short plain sentence of {@code words} words, as a Java string}. */
  static String sentence(SplittableRandom r, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String w = WORDS[r.nextInt(WORDS.length)];
      if (i == 0) {
        sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
      } else {
        sb.append(' ').append(w);
      }
    }
    return sb.toString();
  }
}
