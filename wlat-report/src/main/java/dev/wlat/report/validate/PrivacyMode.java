package dev.wlat.report.validate;

/**
 * How strictly {@code wlat validate} looks for private data in outputs.
 *
 * <p>Every mode looks for secrets: GitHub, OpenAI, Slack and AWS keys, private keys, bearer tokens,
 * {@code password=}-style assignments and credentials in URLs ({@link dev.wlat.model.Redaction}).
 */
public enum PrivacyMode {
  /** Secrets only; e-mail addresses are allowed (a commit author, a git remote). */
  NORMAL("normal"),
  /** Secrets and e-mail addresses. */
  REDACTED("redacted"),
  /**
   * Secrets and e-mail addresses, and a file that cannot be read as text (binary, unreadable) fails
   * instead of being noted, since nothing can be said about what it holds.
   */
  STRICT("strict");

  private final String label;

  PrivacyMode(String label) {
    this.label = label;
  }

  /** {@return the name used on the command line and in outputs}. */
  public String label() {
    return label;
  }

  /** {@return true when e-mail addresses count as private data}. */
  public boolean flagsEmails() {
    return this != NORMAL;
  }

  /** {@return true when a file that cannot be scanned as text fails the scan}. */
  public boolean failsUnscannable() {
    return this == STRICT;
  }
}
