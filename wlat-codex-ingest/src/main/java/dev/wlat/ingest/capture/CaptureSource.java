package dev.wlat.ingest.capture;

/** Where a captured run's usage comes from, from the most to the least certain. */
public enum CaptureSource {
  /** The run's rollout: the increase of its cumulative totals over the run. */
  ACTUAL("actual"),
  /** The stream's {@code turn.completed} usage alone (no rollout found). */
  PARSED("parsed"),
  /** Neither: counted with a tokenizer from the text the run showed, and labelled as an estimate. */
  ESTIMATED("estimated");

  private final String label;

  CaptureSource(String label) {
    this.label = label;
  }

  /** {@return the name used in outputs}. */
  public String label() {
    return label;
  }
}
