package dev.wlat.model;

/** How sure an attribution is, strongest first. */
public enum Confidence {
  /** From an explicit user mapping or explicit roots. */
  MANUAL("manual"),
  /** The session's recorded commit or branch ties to a known commit, PR or issue. */
  EXACT("exact"),
  /** Several local signals agree. */
  STRONG("strong"),
  /** Path matching, labels, names or time proximity. */
  DERIVED("derived"),
  /** Only a directory name or sparse metadata. */
  WEAK("weak"),
  /** Nothing to go on. */
  NONE("none");

  private final String label;

  Confidence(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV outputs}. */
  public String label() {
    return label;
  }
}
