package dev.wlat.model;

/** The kinds of GitHub artifact wlat collects and links tokens to. */
public enum ArtifactKind {
  COMMIT("commit"),
  PULL_REQUEST("pull_request"),
  PULL_REQUEST_FILE("pull_request_file"),
  ISSUE("issue"),
  RELEASE("release"),
  TAG("tag");

  private final String label;

  ArtifactKind(String label) {
    this.label = label;
  }

  /** {@return the name used in TSV outputs}. */
  public String label() {
    return label;
  }
}
