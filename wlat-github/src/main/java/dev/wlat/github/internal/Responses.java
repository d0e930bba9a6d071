package dev.wlat.github.internal;

import dev.wlat.github.internal.JsonPages.Fields;
import dev.wlat.github.internal.JsonPages.Item;
import dev.wlat.github.internal.RepoCache.IssueEntry;
import dev.wlat.github.internal.RepoCache.PullEntry;
import dev.wlat.github.internal.RepoCache.PullFile;
import dev.wlat.model.ArtifactKind;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.Mentions;
import dev.wlat.model.OutcomeTaxonomy;
import dev.wlat.model.OutcomeType;
import dev.wlat.model.Redaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the objects of GitHub's REST responses into artifacts, reading only the fields named here.
 *
 * <p>Free text never leaves this class: a commit's full message and the bodies of pull requests,
 * issues and releases are reduced on the spot to {@link Mentions} (and closed issue numbers). The
 * short texts kept (titles, a commit's subject line, a release's name, branch names, labels and file
 * paths) pass through {@link Redaction} first, so neither the cache nor any output can hold a secret
 * someone typed into one; classification reads them before.
 */
final class Responses {

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

  private Responses() {}

  // ---------------------------------------------------------------------------------------------
  // Commits: repos/{o}/{r}/commits
  // ---------------------------------------------------------------------------------------------

  static final Fields COMMIT = Fields.of("sha", "html_url", "commit.message", "commit.author.date",
      "commit.author.name", "commit.committer.date", "author.login");

  static GitHubArtifact commit(GitHubRepo repo, Item it) {
    String sha = it.required("sha");
    String message = it.text("commit.message");
    Instant when = it.instant("commit.committer.date");
    if (when == null) {
      when = it.instant("commit.author.date");
    }
    String actor = it.text("author.login");
    if (actor == null) {
      actor = it.text("commit.author.name");
    }
    return new GitHubArtifact(repo, ArtifactKind.COMMIT, sha, when, null, actor, sha, null,
        Redaction.redact(subjectLine(message)),
        null, null, it.text("html_url"), List.of(), null, null, null, OutcomeTaxonomy.ofCommitMessage(message),
        Mentions.in(message), List.of(), new ArrayList<>(Mentions.closedIssues(message)));
  }

  // ---------------------------------------------------------------------------------------------
  // Pull requests: repos/{o}/{r}/pulls, pulls/{n}/files, pulls/{n}/commits
  // ---------------------------------------------------------------------------------------------

  static final Fields PULL = Fields.of("number", "title", "body", "state", "merged_at", "closed_at", "created_at",
      "updated_at", "user.login", "head.ref", "head.sha", "merge_commit_sha", "labels[].name", "html_url");

  /** {@return the pull request as the list shows it; outcome, files and commits come later}. */
  static PullEntry pull(GitHubRepo repo, Item it) {
    long number = requiredNumber(it, "number");
    String title = it.text("title");
    String body = it.text("body");
    Instant created = it.instant("created_at");
    Instant updated = it.instant("updated_at");
    Instant merged = it.instant("merged_at");
    Instant closed = it.instant("closed_at");
    String mergeSha = it.text("merge_commit_sha");
    List<String> shas = merged != null && mergeSha != null ? List.of(mergeSha) : List.of();
    GitHubArtifact a = new GitHubArtifact(repo, ArtifactKind.PULL_REQUEST, Long.toString(number), created,
        merged != null ? merged : closed, it.text("user.login"), it.text("head.sha"),
        Redaction.redact(it.text("head.ref")), Redaction.redact(title),
        merged != null ? "merged" : it.text("state"), merged != null, it.text("html_url"),
        redacted(it.texts("labels[].name")),
        null, null, null, OutcomeType.UNKNOWN, Mentions.in(join(title, body)), shas,
        new ArrayList<>(Mentions.closedIssues(body)));
    return new PullEntry(updated != null ? updated : created, a, null);
  }

  static final Fields PULL_FILE = Fields.of("filename", "additions", "deletions");

  static PullFile pullFile(Item it) {
    return new PullFile(Redaction.redact(it.required("filename")), it.number("additions"), it.number("deletions"));
  }

  static final Fields PULL_COMMIT = Fields.of("sha");

  static String pullCommit(Item it) {
    return it.required("sha");
  }

  // ---------------------------------------------------------------------------------------------
  // Issues: repos/{o}/{r}/issues (pull requests, which carry a pull_request key, are skipped)
  // ---------------------------------------------------------------------------------------------

  static final Fields ISSUE = Fields.of("number", "title", "body", "state", "created_at", "updated_at",
      "closed_at", "user.login", "labels[].name", "html_url", "pull_request");

  /** {@return the issue, or {@code null} for a pull request the issues list also shows}. */
  static IssueEntry issue(GitHubRepo repo, Item it) {
    if (it.has("pull_request")) {
      return null;
    }
    long number = requiredNumber(it, "number");
    String title = it.text("title");
    List<String> labels = it.texts("labels[].name");
    Instant created = it.instant("created_at");
    Instant updated = it.instant("updated_at");
    GitHubArtifact a = new GitHubArtifact(repo, ArtifactKind.ISSUE, Long.toString(number), created,
        it.instant("closed_at"), it.text("user.login"), null, null, Redaction.redact(title), it.text("state"), null,
        it.text("html_url"), redacted(labels), null, null, null, OutcomeTaxonomy.ofPullRequest(title, labels, null, null),
        Mentions.in(join(title, it.text("body"))), List.of(), List.of());
    return new IssueEntry(updated != null ? updated : created, a);
  }

  // ---------------------------------------------------------------------------------------------
  // Releases and tags: repos/{o}/{r}/releases, repos/{o}/{r}/tags
  // ---------------------------------------------------------------------------------------------

  static final Fields RELEASE = Fields.of("tag_name", "name", "body", "published_at", "draft", "target_commitish",
      "author.login", "html_url");

  /** {@return the release, or {@code null} for a draft (not released yet)}; its SHA is joined later. */
  static GitHubArtifact release(GitHubRepo repo, Item it) {
    Instant published = it.instant("published_at");
    if ("true".equals(it.text("draft")) || published == null) {
      return null;
    }
    String name = it.text("name");
    String target = it.text("target_commitish");
    return new GitHubArtifact(repo, ArtifactKind.RELEASE, it.required("tag_name"), published, null,
        it.text("author.login"), target != null && SHA.matcher(target).matches() ? target : null, null,
        name == null || name.isBlank() ? null : Redaction.redact(name), null, null, it.text("html_url"), List.of(),
        null, null, null,
        OutcomeType.RELEASE, Mentions.in(join(name, it.text("body"))), List.of(), List.of());
  }

  static final Fields TAG = Fields.of("name", "commit.sha");

  /** {@return the tag; its timestamp is joined later from its commit or release}. */
  static GitHubArtifact tag(GitHubRepo repo, Item it) {
    String name = it.required("name");
    return new GitHubArtifact(repo, ArtifactKind.TAG, name, null, null, null, it.text("commit.sha"), null, null,
        null, null, "https://github.com/" + repo.slug() + "/releases/tag/" + pathEncode(name), List.of(), null,
        null, null, OutcomeType.RELEASE, Set.of(), List.of(), List.of());
  }

  // ---------------------------------------------------------------------------------------------
  // Rate limit: rate_limit
  // ---------------------------------------------------------------------------------------------

  static final Fields RATE_LIMIT = Fields.of("resources.core.remaining", "resources.core.reset");

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  /** {@return the first line of {@code message}, without a trailing carriage return}. */
  static String subjectLine(String message) {
    if (message == null) {
      return null;
    }
    int nl = message.indexOf('\n');
    String s = nl < 0 ? message : message.substring(0, nl);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static long requiredNumber(Item it, String path) {
    Long n = it.number(path);
    if (n == null || n <= 0 || n > Integer.MAX_VALUE) {
      throw new JsonPages.BadValueException("missing or invalid " + path);
    }
    return n;
  }

  private static List<String> redacted(List<String> texts) {
    List<String> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(Redaction.redact(t));
    }
    return out;
  }

  private static String join(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + "\n" + b;
  }

  private static String pathEncode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~/".indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
