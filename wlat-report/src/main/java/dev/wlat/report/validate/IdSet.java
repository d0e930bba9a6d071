package dev.wlat.report.validate;

/**
 * A set of strings kept as 64-bit FNV-1a hashes in an open-addressing table: 16 bytes per id instead
 * of the id itself, so a history of millions of token rows can be checked for repeated event ids in
 * a few tens of megabytes. Two distinct ids share a hash with a probability of about
 * {@code n² / 2⁶⁵}, under one in ten million for three million ids; such a pair would be reported as
 * a repeat.
 */
final class IdSet {

  private long[] table = new long[1 << 12];
  private int size;

  /** Adds {@code id}; {@return false when it (or an id with its hash) was already there}. */
  boolean add(String id) {
    long h = hash(id);
    if (size * 2 >= table.length) {
      grow();
    }
    return insert(table, h);
  }

  private boolean insert(long[] t, long h) {
    int mask = t.length - 1;
    int i = (int) mix(h) & mask;
    while (true) {
      if (t[i] == 0) {
        t[i] = h;
        if (t == table) {
          size++;
        }
        return true;
      }
      if (t[i] == h) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  private void grow() {
    long[] old = table;
    long[] t = new long[old.length * 2];
    for (long h : old) {
      if (h != 0) {
        int mask = t.length - 1;
        int i = (int) mix(h) & mask;
        while (t[i] != 0) {
          i = (i + 1) & mask;
        }
        t[i] = h;
      }
    }
    table = t;
  }

  /** {@return the FNV-1a hash of {@code s}'s chars, never 0 (the empty slot)}. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h ^= c & 0xff;
      h *= 0x100000001b3L;
      h ^= c >>> 8;
      h *= 0x100000001b3L;
    }
    return h == 0 ? 1 : h;
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
