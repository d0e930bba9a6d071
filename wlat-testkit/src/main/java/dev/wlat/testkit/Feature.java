package dev.wlat.testkit;

/**
 * The awkward cases a generated Codex home can contain; each is on by default in {@link HomeSpec}.
 *
 * <p>Planted secrets are not a feature: they are always planted.
 */
public enum Feature {
  /** After each tool output, a {@code token_count} row repeating the previous info. */
  RE_EMITS,
  /** A live rollout also copied, byte for byte, to {@code archived_sessions/}. */
  ARCHIVED_DUPLICATE,
  /** A rollout that exists only under {@code archived_sessions/}. */
  ARCHIVED_ONLY,
  /** A codex 0.144-style {@code fork} child replaying its parent's history, parent file present. */
  FORK,
  /** A codex 0.153-style subagent child replaying its parent's turns with rewritten timestamps. */
  SUBAGENT,
  /** A {@code compacted} line, {@code context_compacted} and a zero-usage row with totals unchanged. */
  COMPACTION,
  /** Cumulative totals that drop to a low value mid-file, counting restarted from zero. */
  CUMULATIVE_RESET,
  /** A session resumed days later in the same file, its first row repeating the old total. */
  SAME_FILE_RESUME,
  /** One thread spread over {@code rollout-<ts>-<id>.jsonl}, {@code …_1.jsonl}, {@code …_2.jsonl}. */
  RESUME_SEGMENTS,
  /** A newer file with {@code token_usage_record} lines and per-turn {@code token_count} totals. */
  TOKEN_USAGE_RECORDS,
  /** A truncated last line (no newline) in the newest rollout, as if Codex were still writing. */
  TRUNCATED_LAST_LINE,
  /** One malformed line in the middle of a rollout. */
  MALFORMED_LINE,
  /** The oldest rollout stored only as {@code .jsonl.zst}. */
  ZSTD,
  /** One rollout present as both {@code x.jsonl} and {@code x.jsonl.zst}; the plain file wins. */
  ZSTD_AND_PLAIN,
  /** A pre-2025-09 rollout without envelopes and without token events. */
  LEGACY_FILE,
  /** {@code state_5.sqlite} with {@code threads} and {@code thread_spawn_edges}. */
  STATE_DB,
  /** {@code session_index.jsonl} with thread names, some ids renamed later. */
  SESSION_INDEX,
  /** {@code process_manager/chat_processes.json}. */
  PROCESS_MANAGER,
  /** {@code history.jsonl} with one line per typed prompt. */
  HISTORY
}
