package dev.wlat.ingest.internal;

/**
 * Reads the creation time of a UUIDv7: its first 48 bits are unix milliseconds.
 *
 * <p>Codex's thread ids and (newer) turn ids are UUIDv7, so a turn id older than a child thread's id
 * was created before the child existed: it is the parent's turn, replayed into the child's file.
 */
final class Uuid7 {

  private Uuid7() {}

  /**
   * {@return the unix milliseconds of a UUIDv7 in canonical form, or -1 when {@code id} is not one}.
   */
  static long millis(String id) {
    if (id == null || id.length() != 36 || id.charAt(8) != '-' || id.charAt(13) != '-'
        || id.charAt(18) != '-' || id.charAt(23) != '-' || id.charAt(14) != '7') {
      return -1;
    }
    long ms = 0;
    for (int i = 0; i < 13; i++) {
      if (i == 8) {
        continue;
      }
      int d = Character.digit(id.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      ms = (ms << 4) | d;
    }
    for (int i = 14; i < 36; i++) {
      if (i != 18 && i != 23 && Character.digit(id.charAt(i), 16) < 0) {
        return -1;
      }
    }
    return ms;
  }
}
