package dev.wlat.model;

/**
 * What a piece of GitHub work was for, from conventional-commit prefixes, labels, branch names and
 * changed paths (see {@link OutcomeTaxonomy}). Ordered from the most to the least specific.
 */
public enum OutcomeType {
  /** A version was cut: a release, a tag, a version bump. */
  RELEASE("release"),
  /** A dependency update. */
  DEPENDENCY("dependency"),
  /** A defect fixed. */
  BUGFIX("bugfix"),
  /** New behaviour. */
  FEATURE("feature"),
  /** Restructuring or improving code without new behaviour (refactor, perf, style, cleanup). */
  REFACTOR("refactor"),
  /** Tests added or changed. */
  TESTS("tests"),
  /** Documentation. */
  DOCS("docs"),
  /** Build, CI, deployment, tooling. */
  INFRA("infra"),
  /** Spikes, experiments, research, questions: work that need not produce code. */
  INVESTIGATION("investigation"),
  /** Nothing to go on. */
  UNKNOWN("unknown");

  private final String label;

  OutcomeType(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV outputs}. */
  public String label() {
    return label;
  }

  /** {@return the type named {@code label}}; throws for an unknown label. */
  public static OutcomeType ofLabel(String label) {
    for (OutcomeType t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown outcome type [" + label + "]; expected one of release, dependency,"
        + " bugfix, feature, refactor, tests, docs, infra, investigation, unknown");
  }
}
