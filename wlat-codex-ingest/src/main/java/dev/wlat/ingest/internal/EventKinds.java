package dev.wlat.ingest.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Per-file counters of {@code event_msg} payload types, looked up by bytes so that skipped events
 * are counted without creating a {@code String}.
 *
 * <p>Unknown payload types are added on first sight (a {@code String} once per type and file) if they
 * look like Codex identifiers ({@code [a-z0-9_]}, at most {@value #MAX_NAME} bytes) and fewer than
 * {@value #MAX_KINDS} kinds exist; anything else counts as {@code event_msg:other}.
 */
final class EventKinds {

  static final int TOKEN_COUNT = 0;
  static final int TASK_STARTED = 1;
  static final int TURN_STARTED = 2;
  static final int OTHER = 3;

  private static final String[] KNOWN = {
    "token_count", "task_started", "turn_started", "other", "task_complete", "turn_complete",
    "context_compacted", "agent_message", "agent_reasoning", "user_message", "exec_command_end",
    "patch_apply_end", "web_search_end", "turn_aborted", "item_completed", "thread_settings_applied",
    "mcp_tool_call_end", "agent_reasoning_raw_content", "entered_review_mode", "exited_review_mode"
  };
  private static final int MAX_KINDS = 64;
  private static final int MAX_NAME = 48;

  private byte[][] names = new byte[KNOWN.length + 8][];
  private String[] labels = new String[KNOWN.length + 8];
  private long[] counts = new long[KNOWN.length + 8];
  private int size;

  EventKinds() {
    for (String k : KNOWN) {
      names[size] = k.getBytes(StandardCharsets.US_ASCII);
      labels[size] = "event_msg:" + k;
      size++;
    }
  }

  /** {@return the index of the payload type {@code [s, e)}, adding it when new}. */
  int indexOf(byte[] b, int s, int e) {
    int n = e - s;
    for (int k = 0; k < size; k++) {
      byte[] name = names[k];
      if (name.length == n && Bytes.equalsAscii(b, s, e, name)) {
        return k;
      }
    }
    if (n == 0 || n > MAX_NAME || size >= MAX_KINDS) {
      return OTHER;
    }
    for (int i = s; i < e; i++) {
      byte c = b[i];
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
        return OTHER;
      }
    }
    return add(Arrays.copyOfRange(b, s, e));
  }

  /** {@return the index of a payload type decoded by Jackson, adding it when new}. */
  int indexOf(String type) {
    if (type == null) {
      return OTHER;
    }
    byte[] bytes = type.getBytes(StandardCharsets.UTF_8);
    return indexOf(bytes, 0, bytes.length);
  }

  void count(int index) {
    counts[index]++;
  }

  void addTo(Map<String, Long> lineKinds) {
    for (int k = 0; k < size; k++) {
      if (counts[k] > 0) {
        lineKinds.put(labels[k], counts[k]);
      }
    }
  }

  /**
   * Writes the kinds added beyond the known ones (in the order they were added, so indices stay
   * the same) and every count, for a checkpoint.
   */
  void writeTo(StateEncoder out) {
    out.varint(size - KNOWN.length);
    for (int k = KNOWN.length; k < size; k++) {
      out.string(new String(names[k], StandardCharsets.US_ASCII));
    }
    for (int k = 0; k < size; k++) {
      out.varint(counts[k]);
    }
  }

  /** Restores what {@link #writeTo} wrote into this fresh instance. */
  void readFrom(StateDecoder in) {
    if (size != KNOWN.length) {
      throw new IllegalStateException("not a fresh instance");
    }
    int added = in.intIn(0, MAX_KINDS - KNOWN.length, "added event kinds");
    for (int k = 0; k < added; k++) {
      String name = in.string();
      if (name == null || name.isEmpty() || name.length() > MAX_NAME
          || !name.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
        throw in.fail("bad event kind name");
      }
      byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < size; i++) {
        if (Arrays.equals(names[i], bytes)) {
          throw in.fail("event kind " + name + " listed twice");
        }
      }
      add(bytes);
    }
    for (int k = 0; k < size; k++) {
      counts[k] = in.nonNegative("event kind count");
    }
  }

  private int add(byte[] name) {
    if (size == names.length) {
      int grown = Math.min(MAX_KINDS, size * 2);
      names = Arrays.copyOf(names, grown);
      labels = Arrays.copyOf(labels, grown);
      counts = Arrays.copyOf(counts, grown);
    }
    names[size] = name;
    labels[size] = "event_msg:" + new String(name, StandardCharsets.US_ASCII);
    return size++;
  }
}
