package dev.wlat.model;

/** Kinds of bad or unexpected input the parser counts; none is fatal to a run. */
public enum IssueKind {
  /** A line that is not valid JSON (and is not the file's last line). */
  MALFORMED_JSON("malformed_json"),
  /** The last line is incomplete (no newline and not valid JSON): Codex may still be writing. */
  TRUNCATED_LAST_LINE("truncated_last_line"),
  /** A JSON line whose {@code type} wlat does not know. */
  UNKNOWN_LINE_TYPE("unknown_line_type"),
  /** A known line type whose payload has an unexpected shape. */
  UNKNOWN_EVENT_SHAPE("unknown_event_shape"),
  /** A field wlat needs is missing (e.g. a token row with no timestamp). */
  MISSING_FIELD("missing_field"),
  /** A counter that is negative or out of range. */
  INVALID_NUMBER("invalid_number"),
  /** A timestamp that cannot be parsed. */
  INVALID_TIMESTAMP("invalid_timestamp"),
  /** Bytes that are not valid UTF-8, or a NUL byte. */
  INVALID_ENCODING("invalid_encoding"),
  /** A pre-2025-09-09 file without the envelope: metadata only, no token events. */
  LEGACY_FORMAT("legacy_format"),
  /** A line too long to parse within the configured limit. */
  OVERSIZED_LINE("oversized_line"),
  /** The file could not be read (vanished, permission, corrupt compression). */
  READ_ERROR("read_error"),
  /** A token row before any {@code session_meta}. */
  NO_SESSION_META("no_session_meta");

  private final String label;

  IssueKind(String label) {
    this.label = label;
  }

  /** {@return the name used in the ledger and TSV outputs}. */
  public String label() {
    return label;
  }
}
