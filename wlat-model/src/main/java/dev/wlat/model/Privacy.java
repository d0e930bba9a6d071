package dev.wlat.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the outputs may show of the places work happened, by mode ({@code --privacy-mode}):
 *
 * <ul>
 *   <li>{@link Mode#NORMAL}: everything wlat writes (secrets are always redacted).
 *   <li>{@link Mode#REDACTED}: no raw local path. A rollout's path becomes its place in the Codex
 *       home ({@code codex:sessions/2026/09/01/rollout-….jsonl}); a working directory becomes its
 *       path inside the thread's repository when wlat found one ({@code src/api}), else a hash
 *       ({@code path#3fa2c1d0}); a project without a GitHub name ({@code cwd:scratch/notes}) is hashed
 *       ({@code cwd:#3fa2c1d0}); evidence sentences have their paths hashed the same way.
 *   <li>{@link Mode#STRICT}: also no path inside a repository, no branch, tag or thread title:
 *       each is hashed (titles left out), so groups stay apart without being named.
 * </ul>
 *
 * <p>A hash is the first 8 hex digits of the value's SHA-256: stable from run to run (the same
 * directory always gets the same hash), a pseudonym, not encryption.
 */
public final class Privacy {

  /** The modes, from the most to the least shown. */
  public enum Mode {
    NORMAL("normal"),
    REDACTED("redacted"),
    STRICT("strict");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    /** {@return the name used on the command line and in outputs}. */
    public String label() {
      return label;
    }

    /** {@return the mode named {@code label}}; throws {@link IllegalArgumentException} for another name. */
    public static Mode ofLabel(String label) {
      for (Mode m : values()) {
        if (m.label.equals(label)) {
          return m;
        }
      }
      throw new IllegalArgumentException("privacy mode must be normal, redacted or strict, was [" + label + "]");
    }
  }

  /** Shows everything (secrets aside). */
  public static final Privacy NORMAL = new Privacy(Mode.NORMAL);

  /**
   * An absolute path in free text: POSIX ({@code /home/…}, two segments at least, a component
   * redacted as {@code [redacted:<kind>]} part of it) or Windows ({@code C:\…}).
   */
  private static final Pattern ABSOLUTE = Pattern.compile(
      "(?<![\\w.~/#-])(?:/(?:\\[redacted:[a-z_]+\\]|[^\\s/;,()\\[\\]\"'`])+){2,}/?"
      + "|\\b[A-Za-z]:\\\\[^\\s;,()\\[\\]\"'`]+");

  private final Mode mode;

  private Privacy(Mode mode) {
    this.mode = mode;
  }

  /** {@return the policy of {@code mode}}. */
  public static Privacy of(Mode mode) {
    Objects.requireNonNull(mode, "mode");
    return mode == Mode.NORMAL ? NORMAL : new Privacy(mode);
  }

  public Mode mode() {
    return mode;
  }

  /** {@return true when nothing is hidden}. */
  public boolean isNormal() {
    return mode == Mode.NORMAL;
  }

  /** {@return a rollout's path as shown}: as read, or {@code codex:} and its path inside the Codex home. */
  public String sourcePath(String path, String pathInHome) {
    if (mode == Mode.NORMAL || path == null) {
      return path;
    }
    return pathInHome == null ? hashed("path#", path) : "codex:" + pathInHome.replace('\\', '/');
  }

  /**
   * {@return a working directory as shown}: as read, or its path inside {@code repoRoot} (redacted
   * mode, when it lies there), else its hash.
   */
  public String cwd(String cwd, String repoRoot) {
    if (mode == Mode.NORMAL || cwd == null) {
      return cwd;
    }
    if (mode == Mode.REDACTED && repoRoot != null) {
      String root = repoRoot.endsWith("/") ? repoRoot.substring(0, repoRoot.length() - 1) : repoRoot;
      if (cwd.equals(root)) {
        return ".";
      }
      if (cwd.startsWith(root + "/")) {
        return cwd.substring(root.length() + 1);
      }
    }
    return hashed("path#", cwd);
  }

  /** {@return any other local path (a repository root) as shown}: as read, or its hash. */
  public String localPath(String path) {
    return mode == Mode.NORMAL || path == null ? path : hashed("path#", path);
  }

  /**
   * {@return a workstream label as shown}: a project without a GitHub name ({@code cwd:…},
   * {@code repo:…}) hashed outside normal mode; {@code owner/name:branch} with its branch hashed in
   * strict mode.
   */
  public String workstream(String label) {
    if (mode == Mode.NORMAL || label == null) {
      return label;
    }
    int colon = label.indexOf(':');
    if (colon < 0) {
      return label;
    }
    String head = label.substring(0, colon);
    String rest = label.substring(colon + 1);
    if (!head.contains("/")) { // an unnamed project: cwd:scratch/notes, repo:…
      return head + ":" + hashed("#", rest);
    }
    return mode == Mode.STRICT ? head + ":" + hashed("#", rest) : label;
  }

  /** {@return a branch name as shown}: hashed in strict mode. */
  public String branch(String branch) {
    return mode == Mode.STRICT && branch != null ? hashed("#", branch) : branch;
  }

  /** {@return a tag or release name as shown}: hashed in strict mode. */
  public String tag(String tag) {
    return mode == Mode.STRICT && tag != null ? hashed("#", tag) : tag;
  }

  /** {@return a thread title as shown}: left out in strict mode. */
  public String title(String title) {
    return mode == Mode.STRICT ? null : title;
  }

  /**
   * {@return a git remote URL as shown}: in redacted mode a GitHub remote as {@code
   * github.com/owner/name} (no user, token or scheme), any other hashed; in strict mode hashed.
   */
  public String remoteUrl(String url) {
    if (mode == Mode.NORMAL || url == null) {
      return url;
    }
    if (mode == Mode.REDACTED) {
      Matcher m = Pattern.compile("github\\.com[:/]([\\w.-]+)/([\\w.-]+?)(?:\\.git)?/?$").matcher(url.trim());
      if (m.find()) {
        return "github.com/" + m.group(1) + "/" + m.group(2);
      }
    }
    return hashed("remote#", url);
  }

  /**
   * {@return free text (an evidence sentence, a ledger line) with every absolute path in it hashed,
   * outside normal mode}; in normal mode each path's secret-shaped components redacted
   * ({@link Redaction#path}), the rest of the text as is (a {@code git@host:owner/repo} remote stays).
   */
  public String text(String text) {
    if (text == null || (text.indexOf('/') < 0 && text.indexOf('\\') < 0)
        || mode == Mode.NORMAL && Redaction.redact(text).equals(text)) {
      return text;
    }
    Matcher m = ABSOLUTE.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(mode == Mode.NORMAL ? Redaction.path(m.group())
          : hashed("path#", m.group())));
    }
    m.appendTail(b);
    String out = b.toString();
    if (mode == Mode.STRICT) {
      out = out.replaceAll("branch=\\S+", "branch=(hidden)");
    }
    return out;
  }

  /** {@return {@code a} as shown: its workstream, evidence, repository root and branch by this mode}. */
  public Attribution attribution(Attribution a) {
    if (mode == Mode.NORMAL || a == null) {
      return a;
    }
    return new Attribution(a.threadId(), localPath(a.repoRoot()), a.githubRepo(), branch(a.branch()), a.sha(),
        workstream(a.workstreamLabel()), a.outcome(), a.confidence(), a.method(), text(a.evidence()));
  }

  private static String hashed(String prefix, String value) {
    String v = value.endsWith("/") && value.length() > 1 ? value.substring(0, value.length() - 1) : value;
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(v.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder(prefix);
      for (int i = 0; i < 4; i++) {
        b.append(String.format(Locale.ROOT, "%02x", d[i]));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
