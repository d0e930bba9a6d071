package dev.wlat.github.internal;

import dev.wlat.github.GitHubException;
import dev.wlat.github.GitHubException.Kind;
import dev.wlat.model.GitHubRepo;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed run of {@code gh api} into a {@link GitHubException} of the right kind, with a
 * one-line message naming the repository and the fix.
 *
 * <p>gh prints a failed request on stderr as {@code gh: <GitHub's message> (HTTP <status>)} and exits
 * with 1 (4 when it has no credentials at all); the HTTP status and GitHub's message decide the kind.
 */
final class Failures {

  private static final Pattern HTTP = Pattern.compile("\\(HTTP (\\d{3})\\)");
  private static final Pattern RESET_HEADER = Pattern.compile("(?i)x-ratelimit-reset:\\s*(\\d{9,11})");
  private static final Pattern RATE_LIMIT = Pattern.compile("(?i)rate limit");
  private static final Pattern SECONDARY = Pattern.compile("(?i)secondary rate limit|abuse detection");
  private static final Pattern NETWORK = Pattern.compile(
      "(?i)error connecting to|dial tcp|no such host|could not resolve|connection refused|tls handshake|i/o timeout");
  private static final String SKIP = "rerun with --skip-github";

  /** What {@code gh api rate_limit} says about the core limit; any part may be unknown. */
  record RateLimitState(Long remaining, Instant reset) {}

  private Failures() {}

  /** {@return the exception for a run that did not start}. */
  static GitHubException notStarted(GitHubRepo repo, GhCall call) {
    return GitHubException.of(Kind.GH_MISSING, repo, prefix(repo) + "gh is not installed or not on PATH ("
        + JsonPages.oneLine(call.stderr()) + "); install GitHub CLI or " + SKIP);
  }

  /**
   * {@return the exception for the failed call of {@code endpoint}}; {@code rateLimit} is asked only
   * when GitHub said the rate limit was hit and gh did not print when it resets.
   */
  static GitHubException of(GitHubRepo repo, String endpoint, GhCall call, Supplier<RateLimitState> rateLimit) {
    String where = prefix(repo);
    String path = endpointPath(endpoint);
    switch (call.status()) {
      case NOT_STARTED:
        return notStarted(repo, call);
      case TIMED_OUT:
        return GitHubException.of(Kind.FAILED, repo, where + "gh did not answer " + path
            + " in time and was stopped; check the network and rerun, or " + SKIP);
      default:
        break;
    }
    if (call.exitCode() == 0) {
      String reason = call.readFailure() == null ? "unreadable output"
          : JsonPages.oneLine(call.readFailure().getMessage());
      return GitHubException.of(Kind.MALFORMED_RESPONSE, repo, where + "unexpected response to " + path + " ("
          + reason + "); rerun, or " + SKIP + " if it persists");
    }
    String summary = summary(call.stderr());
    int status = status(call.stderr());
    String reason = HTTP.matcher(summary).replaceAll("").strip();
    String http = status > 0 ? "HTTP " + status : "gh exit " + call.exitCode();
    if (status == 429 || RATE_LIMIT.matcher(call.stderr()).find()) {
      return rateLimited(repo, http, call.stderr(), rateLimit);
    }
    if (status == 401 || status < 0 && call.exitCode() == 4) {
      return GitHubException.of(Kind.NOT_AUTHENTICATED, repo, where + "gh is not authenticated or its token was"
          + " rejected (" + http + "); run 'gh auth login' or " + SKIP);
    }
    if (status == 404) {
      return GitHubException.of(Kind.REPO_NOT_READABLE, repo, where + "not found or not readable (HTTP 404);"
          + " check the name and that 'gh auth status' shows access to it, or " + SKIP);
    }
    if (status == 403 || status == 451) {
      return GitHubException.of(Kind.REPO_NOT_READABLE, repo, where + "access denied (" + http
          + (reason.isEmpty() ? "" : ": " + reason) + "); check that 'gh auth status' shows access to it, or " + SKIP);
    }
    if (status < 0 && NETWORK.matcher(call.stderr()).find()) {
      return GitHubException.of(Kind.FAILED, repo, where + "could not reach GitHub (" + summary
          + "); check the network and rerun, or " + SKIP);
    }
    return GitHubException.of(Kind.FAILED, repo, where + path + " failed (" + http
        + (reason.isEmpty() ? "" : ": " + reason) + "); rerun later, or " + SKIP);
  }

  private static GitHubException rateLimited(GitHubRepo repo, String http, String stderr,
      Supplier<RateLimitState> rateLimit) {
    String where = prefix(repo);
    Matcher header = RESET_HEADER.matcher(stderr);
    Instant reset = header.find() ? Instant.ofEpochSecond(Long.parseLong(header.group(1))) : null;
    boolean secondary = SECONDARY.matcher(stderr).find();
    if (reset == null && !secondary) {
      RateLimitState state = rateLimit.get();
      if (state != null && state.remaining() != null && state.remaining() > 0) {
        secondary = true;
      } else if (state != null) {
        reset = state.reset();
      }
    }
    if (secondary) {
      return GitHubException.of(Kind.RATE_LIMITED, repo, where + "GitHub's secondary rate limit was hit (" + http
          + "); wait a few minutes and rerun, or " + SKIP);
    }
    String advice = reset == null ? "wait for it to reset ('gh api rate_limit' shows when) or " + SKIP
        : "it resets at " + reset + "; rerun after that or with --skip-github";
    return GitHubException.of(Kind.RATE_LIMITED, repo, where + "GitHub API rate limit exceeded (" + http + "); "
        + advice);
  }

  /** {@return the HTTP status gh printed, or -1}. */
  static int status(String stderr) {
    Matcher m = HTTP.matcher(stderr);
    int status = -1;
    while (m.find()) {
      status = Integer.parseInt(m.group(1));
    }
    return status;
  }

  /** {@return the stderr line that names the HTTP status, else the first non-blank one, on one line}. */
  static String summary(String stderr) {
    String first = null;
    for (String line : stderr.split("\\R")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (first == null) {
        first = l;
      }
      if (HTTP.matcher(l).find()) {
        first = l;
        break;
      }
    }
    if (first == null) {
      return "";
    }
    if (first.toLowerCase(Locale.ROOT).startsWith("gh: ")) {
      first = first.substring(4);
    }
    return JsonPages.oneLine(first);
  }

  private static String endpointPath(String endpoint) {
    int q = endpoint.indexOf('?');
    return q < 0 ? endpoint : endpoint.substring(0, q);
  }

  private static String prefix(GitHubRepo repo) {
    return repo == null ? "gh: " : "gh: " + repo.slug() + ": ";
  }
}
