package dev.wlat.attribution;

import dev.wlat.attribution.internal.RemoteUrls;
import dev.wlat.model.GitHubRepo;
import java.util.Optional;

/**
 * Reads git remote URLs.
 *
 * <p>Every form git and GitHub use is understood: {@code git@github.com:o/r.git},
 * {@code ssh://git@github.com/o/r}, {@code ssh://git@github.com:22/o/r.git},
 * {@code https://github.com/o/r}, with or without {@code .git} and a trailing slash,
 * {@code https://user:token@github.com/o/r.git} (credentials ignored), {@code git://github.com/o/r},
 * {@code github.com:o/r}, {@code www.github.com} and {@code ssh.github.com}, the host in any case.
 * Other hosts (GitLab, GitHub Enterprise on a custom host) are not GitHub.
 */
public final class GitRemotes {

  private GitRemotes() {}

  /** {@return the GitHub repository a remote URL names, or empty (not GitHub, not a remote, null)}. */
  public static Optional<GitHubRepo> parseGitHub(String url) {
    return RemoteUrls.parseGitHub(url);
  }

  /**
   * {@return the URL without credentials, query or fragment, safe to print}; {@code null} for
   * {@code null}. A password-less SSH user ({@code git@}) is kept.
   */
  public static String withoutCredentials(String url) {
    return RemoteUrls.withoutCredentials(url);
  }
}
