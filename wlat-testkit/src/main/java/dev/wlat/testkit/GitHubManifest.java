package dev.wlat.testkit;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.wlat.testkit.internal.JsonDocs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ExampleGitHub#write} recorded: per GitHub repository its commits, pull requests,
 * issues and releases, and the fake secret planted in one pull request body.
 *
 * <p>Tests assert against this rather than hard-coding numbers. {@link #writeJson(Path)} writes it
 * beside the responses; it holds no paths, so it is byte-identical wherever it was written.
 *
 * @param repos one entry per {@link RepoManifest.Repo} with a GitHub repository, in manifest order
 * @param plantedSecrets fake secrets planted in pull request bodies (never in titles, branch names,
 *     labels or paths); wlat must never copy them
 */
public record GitHubManifest(List<Repo> repos, List<PlantedSecret> plantedSecrets) {

  public GitHubManifest {
    repos = List.copyOf(repos);
    plantedSecrets = List.copyOf(plantedSecrets);
  }

  /** {@return the repository {@code owner/name}, if recorded}. */
  public Optional<Repo> repo(String slug) {
    return repos.stream().filter(r -> r.slug().equals(slug)).findFirst();
  }

  /** {@return every pull request of every repository, in repository then number order}. */
  public List<Pull> pulls() {
    List<Pull> all = new ArrayList<>();
    repos.forEach(r -> all.addAll(r.pulls()));
    return all;
  }

  // ------------------------------------------------------------------------------------------
  // Parts
  // ------------------------------------------------------------------------------------------

  /**
   * One repository's recorded GitHub data.
   *
   * @param slug its {@code owner/name}
   * @param commitShas the SHAs {@code repos/{o}/{r}/commits} lists, newest first: every local commit
   *     and those of the {@link PullSource#REMOTE} pull request
   * @param pulls its pull requests, by number
   * @param issues its issues (pull requests excluded), by number
   * @param releases its releases, oldest first; each has a tag of the same name
   */
  public record Repo(String slug, List<String> commitShas, List<Pull> pulls, List<Issue> issues,
      List<Release> releases) {
    public Repo {
      Objects.requireNonNull(slug, "slug");
      commitShas = List.copyOf(commitShas);
      pulls = List.copyOf(pulls);
      issues = List.copyOf(issues);
      releases = List.copyOf(releases);
    }

    /** {@return the pull request whose head is {@code branch}, if any}. */
    public Optional<Pull> pullFrom(String branch) {
      return pulls.stream().filter(p -> p.branch().equals(branch)).findFirst();
    }

    /** {@return the issue numbered {@code number}, if any}. */
    public Optional<Issue> issue(int number) {
      return issues.stream().filter(i -> i.number() == number).findFirst();
    }
  }

  /** How a pull request ended, or that it has not. */
  public enum PullState {
    OPEN, MERGED, CLOSED
  }

  /** Where a pull request came from. */
  public enum PullSource {
    /** From a session branch of the local repository: its commits are real local commits. */
    SESSION,
    /**
     * From a branch a thread recorded that was never created locally (pushed from another machine):
     * its commits exist only on GitHub and were made before any session; it was open during the
     * thread's session and merged after it.
     */
    REMOTE,
    /** Opened by {@code dependabot[bot]}, no session's work; its commit exists only on GitHub. */
    BOT
  }

  /** Whether an issue is open or closed. */
  public enum IssueState {
    OPEN, CLOSED
  }

  /**
   * One pull request.
   *
   * @param number its number, in the repository's one series shared with issues
   * @param branch its {@code head.ref}
   * @param state open, merged, or closed without merging
   * @param source where it came from
   * @param author its {@code user.login}
   * @param headSha its {@code head.sha}
   * @param commitShas what {@code pulls/{n}/commits} lists, oldest first
   * @param threadIds the threads that worked on it: whose commits it holds ({@link PullSource#SESSION},
   *     in order of their first commit) or whose recorded branch it is ({@link PullSource#REMOTE});
   *     empty for the bot's
   * @param createdAt its {@code created_at}
   * @param closedAt its {@code closed_at} (the merge time when merged), or {@code null} while open
   * @param mergeCommitSha its {@code merge_commit_sha}: a fixed fake SHA that no listed commit has
   * @param fixes the issue numbers its body closes ({@code Fixes #n})
   * @param mentionedThreadId the thread id its body names ({@code Codex-Thread: <id>}), or {@code null}
   */
  public record Pull(int number, String branch, PullState state, PullSource source, String author, String headSha,
      List<String> commitShas, List<String> threadIds, Instant createdAt, Instant closedAt, String mergeCommitSha,
      List<Integer> fixes, String mentionedThreadId) {
    public Pull {
      if (number <= 0) {
        throw new IllegalArgumentException("Pull number [%d] must be positive".formatted(number));
      }
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(author, "author");
      Objects.requireNonNull(headSha, "headSha");
      commitShas = List.copyOf(commitShas);
      threadIds = List.copyOf(threadIds);
      Objects.requireNonNull(createdAt, "createdAt");
      if ((state == PullState.OPEN) != (closedAt == null)) {
        throw new IllegalArgumentException("Pull #%d is %s but closedAt is [%s]".formatted(number, state, closedAt));
      }
      fixes = List.copyOf(fixes);
    }
  }

  /**
   * One issue.
   *
   * @param number its number, in the series shared with pull requests
   * @param state open or closed
   * @param createdAt its {@code created_at}
   * @param closedAt its {@code closed_at}, or {@code null} while open
   * @param closedByPull the merged pull request that closed it, or {@code null}
   * @param closedByCommit the commit on {@code main} that closed it, or {@code null}
   */
  public record Issue(int number, IssueState state, Instant createdAt, Instant closedAt, Integer closedByPull,
      String closedByCommit) {
    public Issue {
      if (number <= 0) {
        throw new IllegalArgumentException("Issue number [%d] must be positive".formatted(number));
      }
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(createdAt, "createdAt");
      if ((state == IssueState.OPEN) != (closedAt == null)) {
        throw new IllegalArgumentException("Issue #%d is %s but closedAt is [%s]".formatted(number, state, closedAt));
      }
    }
  }

  /**
   * One published release and its tag.
   *
   * @param tag its {@code tag_name}, also the name of its tag
   * @param publishedAt its {@code published_at}
   * @param targetSha the commit on {@code main} its tag points at
   * @param pulls the merged pull requests its notes list
   */
  public record Release(String tag, Instant publishedAt, String targetSha, List<Integer> pulls) {
    public Release {
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(publishedAt, "publishedAt");
      Objects.requireNonNull(targetSha, "targetSha");
      pulls = List.copyOf(pulls);
    }
  }

  // ------------------------------------------------------------------------------------------
  // JSON
  // ------------------------------------------------------------------------------------------

  /** Writes this manifest as pretty-printed JSON to {@code file}, replacing it. */
  public void writeJson(Path file) throws IOException {
    JsonDocs.write(file, this::fields);
  }

  /** {@return this manifest as pretty-printed JSON}. */
  public String toJson() {
    return JsonDocs.toJson(this::fields);
  }

  private void fields(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("repos");
    for (Repo r : repos) {
      g.writeStartObject();
      g.writeStringField("slug", r.slug());
      strings(g, "commits", r.commitShas());
      g.writeArrayFieldStart("pulls");
      for (Pull p : r.pulls()) {
        g.writeStartObject();
        g.writeNumberField("number", p.number());
        g.writeStringField("branch", p.branch());
        g.writeStringField("state", p.state().name().toLowerCase(Locale.ROOT));
        g.writeStringField("source", p.source().name().toLowerCase(Locale.ROOT));
        g.writeStringField("author", p.author());
        g.writeStringField("head_sha", p.headSha());
        strings(g, "commits", p.commitShas());
        strings(g, "thread_ids", p.threadIds());
        g.writeStringField("created_at", p.createdAt().toString());
        g.writeStringField("closed_at", p.closedAt() == null ? null : p.closedAt().toString());
        g.writeStringField("merge_commit_sha", p.mergeCommitSha());
        numbers(g, "fixes", p.fixes());
        g.writeStringField("mentioned_thread_id", p.mentionedThreadId());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("issues");
      for (Issue i : r.issues()) {
        g.writeStartObject();
        g.writeNumberField("number", i.number());
        g.writeStringField("state", i.state().name().toLowerCase(Locale.ROOT));
        g.writeStringField("created_at", i.createdAt().toString());
        g.writeStringField("closed_at", i.closedAt() == null ? null : i.closedAt().toString());
        if (i.closedByPull() == null) {
          g.writeNullField("closed_by_pull");
        } else {
          g.writeNumberField("closed_by_pull", i.closedByPull());
        }
        g.writeStringField("closed_by_commit", i.closedByCommit());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("releases");
      for (Release rel : r.releases()) {
        g.writeStartObject();
        g.writeStringField("tag", rel.tag());
        g.writeStringField("published_at", rel.publishedAt().toString());
        g.writeStringField("target_sha", rel.targetSha());
        numbers(g, "pulls", rel.pulls());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    JsonDocs.plantedSecrets(g, plantedSecrets);
  }

  private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void numbers(JsonGenerator g, String name, List<Integer> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (int v : values) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }
}
