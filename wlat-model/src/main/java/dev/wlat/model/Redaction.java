package dev.wlat.model;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and masks secrets in the few free-text snippets wlat outputs (thread names, later titles).
 *
 * <p>The patterns cover GitHub, OpenAI, Slack and AWS keys, private-key blocks, bearer tokens,
 * {@code password=}-style assignments and e-mail addresses. They are also what {@code wlat validate}
 * scans outputs for.
 */
public final class Redaction {

  /**
   * One kind of secret and how to find it.
   *
   * @param kind its name in {@code [redacted:<kind>]}
   * @param pattern what it looks like
   * @param hint a cheap test that is true for every text the pattern can match (a literal the
   *     pattern requires), so that most texts are never run through the regex
   */
  public record Rule(String kind, Pattern pattern, java.util.function.Predicate<String> hint) {

    /** {@return true when {@code text} may hold this kind of secret}: false means it certainly does not. */
    public boolean mayMatch(String text) {
      return hint.test(text);
    }
  }

  /** The rules, most specific first. */
  public static final List<Rule> RULES = List.of(
      new Rule("url_credentials", Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@"),
          t -> t.indexOf('@') >= 0 && t.contains("://")),
      new Rule("private_key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"), t -> t.contains("-----BEGIN ")),
      new Rule("github_token", Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"),
          t -> t.contains("gh")),
      new Rule("openai_key", Pattern.compile("\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"), t -> t.contains("sk-")),
      new Rule("slack_token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), t -> t.contains("xox")),
      new Rule("aws_access_key", Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"),
          t -> t.contains("AKIA") || t.contains("ASIA")),
      new Rule("bearer_token", Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{16,}"),
          t -> containsIgnoreCase(t, "bearer")),
      new Rule("password_assignment",
          Pattern.compile("(?i)\\b(?:password|passwd|pwd|secret|api[_-]?key|token)\\s*[=:]\\s*[^\\s\"',;]{4,}"),
          t -> t.indexOf('=') >= 0 || t.indexOf(':') >= 0),
      new Rule("email", Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b"), t -> t.indexOf('@') >= 0));

  private static boolean containsIgnoreCase(String text, String lower) {
    for (int i = 0, n = text.length() - lower.length(); i <= n; i++) {
      if (text.regionMatches(true, i, lower, 0, lower.length())) {
        return true;
      }
    }
    return false;
  }

  private static final int MAX_SNIPPET = 80;

  private Redaction() {}

  /** {@return {@code text} with every match of every rule replaced by {@code [redacted:<kind>]}}. */
  public static String redact(String text) {
    return redact(text, true);
  }

  private static String redact(String text, boolean emails) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (Rule rule : RULES) {
      if (!emails && rule.kind().equals("email")) {
        continue; // git@host:owner/repo is a remote, not an address
      }
      if (!rule.mayMatch(out)) {
        continue;
      }
      Matcher m = rule.pattern().matcher(out);
      if (m.find()) {
        out = m.replaceAll("[redacted:" + rule.kind() + "]");
      }
    }
    return out;
  }

  /**
   * {@return {@code path} with each component ({@code /} or {@code \} apart) that holds a secret
   * redacted}: {@code /src/ghp_…/x} becomes {@code /src/[redacted:github_token]/x}. An ordinary path
   * comes back as the same string, so a working directory stays a path that still names its place;
   * a secret across components (none of the rules' shapes fits one) has the whole path redacted.
   */
  public static String path(String path) {
    if (path == null || path.isEmpty()) {
      return path;
    }
    String whole = redact(path);
    if (whole.equals(path)) {
      return path;
    }
    StringBuilder b = new StringBuilder(path.length());
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/' || path.charAt(i) == '\\') {
        b.append(redact(path.substring(start, i)));
        if (i < path.length()) {
          b.append(path.charAt(i));
        }
        start = i + 1;
      }
    }
    String parts = b.toString();
    return redact(parts).equals(parts) ? parts : whole;
  }

  private static final Pattern URL_USERINFO = Pattern.compile("(?<=://)[^/\\s@]+@");

  /**
   * {@return {@code url} without any user-info part ({@code https://user:token@host/x} becomes
   * {@code https://host/x}), then redacted}: git remotes may embed credentials.
   */
  public static String url(String url) {
    if (url == null || url.isEmpty()) {
      return url;
    }
    return redact(URL_USERINFO.matcher(url).replaceFirst(""), false);
  }

  /** {@return a redacted snippet of at most 80 characters, for names and titles}. */
  public static String snippet(String text) {
    if (text == null) {
      return null;
    }
    String r = redact(text.strip());
    return r.length() <= MAX_SNIPPET ? r : r.substring(0, MAX_SNIPPET - 1) + "…";
  }

  /** {@return the kind of the first rule that matches {@code text}, or {@code null}}. */
  public static String firstMatch(String text) {
    for (Rule rule : RULES) {
      if (rule.pattern().matcher(text).find()) {
        return rule.kind();
      }
    }
    return null;
  }
}
