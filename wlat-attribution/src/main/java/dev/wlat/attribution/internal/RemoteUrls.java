package dev.wlat.attribution.internal;

import dev.wlat.model.GitHubRepo;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Git remote URLs: which GitHub repository one names, and the URL without credentials.
 *
 * <p>Git accepts two shapes. URLs, {@code scheme://[userinfo@]host[:port]/path}, with schemes
 * {@code ssh}, {@code git+ssh}, {@code ssh+git}, {@code https}, {@code http} and {@code git}; and
 * scp-like addresses, {@code [user@]host:path}, recognised (as git does) by a colon before the first
 * slash. A bare {@code host/path} is also read, as people paste it. The host is compared without
 * case; {@code github.com}, {@code www.github.com} and {@code ssh.github.com} (GitHub's SSH-over-443
 * host) are GitHub. The path must be exactly {@code owner/name}, with an optional {@code .git} and
 * trailing slashes; GitHub Enterprise hosts, GitLab and the like are not GitHub.
 */
public final class RemoteUrls {

  private static final Set<String> SCHEMES = Set.of("ssh", "git+ssh", "ssh+git", "https", "http", "git");
  private static final Set<String> SSH_SCHEMES = Set.of("ssh", "git+ssh", "ssh+git");
  private static final Set<String> GITHUB_HOSTS = Set.of("github.com", "www.github.com", "ssh.github.com");

  private RemoteUrls() {}

  /** {@return the GitHub repository {@code url} names, or empty}. */
  public static Optional<GitHubRepo> parseGitHub(String url) {
    if (url == null) {
      return Optional.empty();
    }
    String s = url.trim();
    String host;
    String path;
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      if (!SCHEMES.contains(s.substring(0, scheme).toLowerCase(Locale.ROOT))) {
        return Optional.empty();
      }
      String rest = s.substring(scheme + 3);
      int slash = rest.indexOf('/');
      if (slash < 0) {
        return Optional.empty();
      }
      host = withoutPort(withoutUser(rest.substring(0, slash)));
      path = rest.substring(slash + 1);
    } else {
      int colon = s.indexOf(':');
      int slash = s.indexOf('/');
      if (colon > 0 && (slash < 0 || colon < slash)) {
        host = withoutUser(s.substring(0, colon));
        path = s.substring(colon + 1);
      } else if (slash > 0) {
        host = withoutUser(s.substring(0, slash));
        path = s.substring(slash + 1);
      } else {
        return Optional.empty();
      }
    }
    if (!GITHUB_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return ownerAndName(path);
  }

  /**
   * {@return {@code url} without anything that may be a secret}: the user-info of a URL (a token or
   * {@code user:password}; only a password-less SSH user such as {@code git@} is kept), its query and
   * fragment, and a {@code user:password@} prefix of a scp-like address; {@code null} for
   * {@code null}.
   */
  public static String withoutCredentials(String url) {
    if (url == null) {
      return null;
    }
    String s = url.trim();
    int cut = firstOf(s, '?', '#');
    if (cut >= 0) {
      s = s.substring(0, cut);
    }
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      String rest = s.substring(scheme + 3);
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      int at = authority.lastIndexOf('@');
      if (at < 0) {
        return s;
      }
      String user = authority.substring(0, at);
      boolean keepUser = SSH_SCHEMES.contains(s.substring(0, scheme).toLowerCase(Locale.ROOT))
          && user.indexOf(':') < 0;
      return s.substring(0, scheme + 3) + (keepUser ? user + "@" : "") + rest.substring(at + 1);
    }
    int slash = s.indexOf('/');
    int at = slash < 0 ? s.lastIndexOf('@') : s.lastIndexOf('@', slash);
    if (at >= 0 && s.substring(0, at).indexOf(':') >= 0) {
      return s.substring(at + 1);
    }
    return s;
  }

  private static Optional<GitHubRepo> ownerAndName(String rawPath) {
    String p = rawPath;
    int cut = firstOf(p, '?', '#');
    if (cut >= 0) {
      p = p.substring(0, cut);
    }
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.toLowerCase(Locale.ROOT).endsWith(".git")) {
      p = p.substring(0, p.length() - 4);
    }
    int slash = p.indexOf('/');
    if (slash <= 0 || slash != p.lastIndexOf('/')) {
      return Optional.empty();
    }
    try {
      return Optional.of(new GitHubRepo(p.substring(0, slash), p.substring(slash + 1)));
    } catch (IllegalArgumentException notARepo) {
      return Optional.empty();
    }
  }

  private static String withoutUser(String authority) {
    int at = authority.lastIndexOf('@');
    return at < 0 ? authority : authority.substring(at + 1);
  }

  private static String withoutPort(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  private static int firstOf(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : (j < 0 ? i : Math.min(i, j));
  }
}
