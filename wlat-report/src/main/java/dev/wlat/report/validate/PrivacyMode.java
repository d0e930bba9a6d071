package dev.wlat.report.validate;

/**
 * How strictly {@code wlat validate} looks for private data in outputs.
 *
 * <p>Every mode looks for secrets: GitHub, OpenAI, Slack and AWS keys, private keys, bearer tokens,
 * {@code password=}-style assignments, credentials in URLs and e-mail addresses
 * ({@link dev.wlat.model.Redaction}). E-mail addresses count in normal mode too: wlat writes none in
 * any mode (no commit author's address is kept; thread names, titles, subjects, branches and the
 * paths read from Codex logs are redacted), and the one e-mail-shaped text it does write, the
 * {@code git@host} of a remote ({@code git@github.com:owner/repo}, {@code ssh://git@host/...}), is
 * never taken for an address.
 */
public enum PrivacyMode {
  /** Secrets and e-mail addresses. */
  NORMAL("normal"),
  /** Secrets and e-mail addresses (and, beside the secrets scan, no absolute local path). */
  REDACTED("redacted"),
  /**
   * As redacted, and a file that cannot be read as text (binary, unreadable) fails instead of being
   * noted, since nothing can be said about what it holds.
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

  /** {@return true when a file that cannot be scanned as text fails the scan}. */
  public boolean failsUnscannable() {
    return this == STRICT;
  }
}
