package dev.wlat.model;

/** Where a rollout file lives in the Codex home. */
public enum SegmentLocation {
  /** Under {@code sessions/}. */
  LIVE("live"),
  /** Under {@code archived_sessions/}. */
  ARCHIVED("archived"),
  /** Anywhere else (a file given directly, e.g. to {@code inspect-log}). */
  OTHER("other");

  private final String label;

  SegmentLocation(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV outputs}. */
  public String label() {
    return label;
  }
}
