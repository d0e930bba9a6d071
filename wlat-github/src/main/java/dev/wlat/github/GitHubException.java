package dev.wlat.github;

import dev.wlat.model.GitHubRepo;
import java.util.Objects;
import java.util.Optional;

/**
 * GitHub collection could not be done. The message is one line naming the repository (when there is
 * one) and the fix, e.g. {@code gh: acme/api: not found or not readable (HTTP 404); check the name and
 * that 'gh auth status' shows access to it}.
 *
 * <p>A failure never yields a partial collection: the collector throws, and its cache keeps what it
 * held before the failed request.
 */
public final class GitHubException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The {@code gh} executable is not installed, not on {@code PATH}, or cannot be started. */
    GH_MISSING,
    /** {@code gh auth status} fails, or GitHub rejected gh's credentials (HTTP 401). */
    NOT_AUTHENTICATED,
    /** The repository does not exist or these credentials may not read it (HTTP 404, 403). */
    REPO_NOT_READABLE,
    /** GitHub's rate limit was hit (HTTP 403 or 429 saying so); the message says when it resets if known. */
    RATE_LIMITED,
    /** gh succeeded but printed something that is not the JSON GitHub sends. */
    MALFORMED_RESPONSE,
    /** Anything else: a server error, the network, a timeout, the cache not writable. */
    FAILED
  }

  private final Kind kind;
  private final transient GitHubRepo repo;

  private GitHubException(Kind kind, GitHubRepo repo, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.repo = repo;
  }

  /** {@return an exception of {@code kind} about {@code repo} (or {@code null}) with a one-line message}. */
  public static GitHubException of(Kind kind, GitHubRepo repo, String message) {
    return new GitHubException(kind, repo, message, null);
  }

  /** {@return an exception of {@code kind} about {@code repo} (or {@code null}), with its cause}. */
  public static GitHubException of(Kind kind, GitHubRepo repo, String message, Throwable cause) {
    return new GitHubException(kind, repo, message, cause);
  }

  /** {@return what went wrong}. */
  public Kind kind() {
    return kind;
  }

  /** {@return the repository concerned, if any}. */
  public Optional<GitHubRepo> repo() {
    return Optional.ofNullable(repo);
  }
}
