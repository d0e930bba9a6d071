package dev.wlat.testkit;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.wlat.testkit.internal.JsonDocs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ExampleRepos#write} put on disk: per repository its directory, remotes, branches and
 * commits, which threads' recorded branches it left out on purpose, and the linked worktree.
 *
 * <p>Tests assert links against this rather than hard-coding SHAs. {@link #writeJson(Path)} writes
 * it with paths relative to {@link #dir()}, so the JSON is byte-identical wherever it was written.
 *
 * @param dir the directory holding the repositories
 * @param repos one entry per {@link HomeSpec.Repo}, in spec order (a {@link HomeSpec.PlainDir} has
 *     none: it is no repository)
 * @param worktree the linked worktree
 * @param plantedSecrets fake secrets planted in commit message bodies (never in subjects, branch
 *     names, paths or file contents); wlat must never copy them
 */
public record RepoManifest(Path dir, List<Repo> repos, Worktree worktree, List<PlantedSecret> plantedSecrets) {

  public RepoManifest {
    Objects.requireNonNull(dir, "dir");
    repos = List.copyOf(repos);
    Objects.requireNonNull(worktree, "worktree");
    plantedSecrets = List.copyOf(plantedSecrets);
  }

  /** {@return the repository for the spec repo named {@code name} ({@code owner/name} or local name)}. */
  public Optional<Repo> repo(String name) {
    return repos.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** {@return every commit of every repository, ordered by time then SHA}. */
  public List<Commit> commits() {
    List<Commit> all = new ArrayList<>();
    for (Repo r : repos) {
      all.addAll(r.commits());
    }
    all.sort(Comparator.comparing(Commit::time).thenComparing(Commit::sha));
    return all;
  }

  /** {@return the commit with this SHA, if any}. */
  public Optional<Commit> commit(String sha) {
    return commits().stream().filter(c -> c.sha().equals(sha)).findFirst();
  }

  /** {@return the commits made during {@code threadId}'s session, in time order}. */
  public List<Commit> commitsOf(String threadId) {
    return commits().stream().filter(c -> threadId.equals(c.threadId())).toList();
  }

  // ------------------------------------------------------------------------------------------
  // Parts
  // ------------------------------------------------------------------------------------------

  /**
   * One generated repository.
   *
   * @param name the {@link HomeSpec.Repo#name()}
   * @param githubRepo the GitHub {@code owner/name} its {@code origin} points at, or {@code null}
   *     for a repository without a remote
   * @param dir its working tree, {@code <dir>/<last path component of the repo's cwd>}
   * @param cwd the working directory Codex recorded for it ({@link HomeSpec.Repo#cwd()})
   * @param remotes remote name to URL, {@code origin} first; empty without a remote
   * @param head the branch checked out in {@code dir}
   * @param branches every local branch, {@code main} first, then in order of creation
   * @param commits every commit, in the order they were made (committer time, ascending)
   * @param missingBranches threads whose recorded {@code git.branch} was deliberately not created
   */
  public record Repo(String name, String githubRepo, Path dir, String cwd, Map<String, String> remotes,
      String head, List<String> branches, List<Commit> commits, List<MissingBranch> missingBranches) {
    public Repo {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(dir, "dir");
      remotes = Collections.unmodifiableMap(new LinkedHashMap<>(remotes));
      Objects.requireNonNull(head, "head");
      branches = List.copyOf(branches);
      commits = List.copyOf(commits);
      missingBranches = List.copyOf(missingBranches);
    }

    /** {@return the commits whose message carries a {@code Codex-Thread:} trailer}. */
    public List<Commit> trailerCommits() {
      return commits.stream().filter(c -> c.mentionedThreadId() != null).toList();
    }

    /** {@return the commits made on {@code branch} (not those it inherited from {@code main}), in order}. */
    public List<Commit> commitsOn(String branch) {
      return commits.stream().filter(c -> c.branch().equals(branch)).toList();
    }
  }

  /**
   * One commit.
   *
   * @param sha the commit id, 40 lowercase hex digits
   * @param branch the branch it was committed on
   * @param time the committer (and author) time, whole seconds
   * @param threadId the thread during (or within an hour after) whose session it was made, or
   *     {@code null} for history before the first session
   * @param mentionedThreadId the thread id its {@code Codex-Thread:} trailer names, or {@code null}
   * @param subject the first line of its message
   * @param fixes the issue numbers its body closes with {@code Fixes #n}
   * @param paths the files it added or changed, sorted
   */
  public record Commit(String sha, String branch, Instant time, String threadId, String mentionedThreadId,
      String subject, List<Integer> fixes, List<String> paths) {
    public Commit {
      if (sha == null || !sha.matches("[0-9a-f]{40}")) {
        throw new IllegalArgumentException("Commit sha [%s] must be 40 hex digits".formatted(sha));
      }
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(subject, "subject");
      fixes = List.copyOf(fixes);
      paths = List.copyOf(paths);
    }
  }

  /**
   * A thread whose recorded branch does not exist in the repository, on purpose.
   *
   * @param threadId the thread
   * @param branch its {@code session_meta.git.branch}
   * @param reason why it is missing, such as {@code never created locally}
   * @param createdAt when the thread's session began ({@link ThreadTruth#createdAt()})
   * @param updatedAt the time of the thread's last line ({@link ThreadTruth#updatedAt()})
   */
  public record MissingBranch(String threadId, String branch, String reason, Instant createdAt, Instant updatedAt) {
    public MissingBranch {
      Objects.requireNonNull(threadId, "threadId");
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(updatedAt, "updatedAt");
    }
  }

  /**
   * A linked worktree laid out as {@code git worktree add} does: a {@code .git} file in {@code dir}
   * pointing at {@code <repo>/.git/worktrees/<name>}, which holds {@code HEAD}, {@code commondir}
   * and {@code gitdir}.
   *
   * @param repo the {@link Repo#name()} of the repository it belongs to
   * @param dir the worktree's directory
   * @param name its administrative name under {@code .git/worktrees/}
   * @param branch the branch checked out in it
   * @param headSha the commit {@code HEAD} resolves to
   */
  public record Worktree(String repo, Path dir, String name, String branch, String headSha) {
    public Worktree {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(headSha, "headSha");
    }
  }

  // ------------------------------------------------------------------------------------------
  // JSON
  // ------------------------------------------------------------------------------------------

  /** Writes this manifest as pretty-printed JSON to {@code file}, replacing it. */
  public void writeJson(Path file) throws IOException {
    JsonDocs.write(file, this::fields);
  }

  /** {@return this manifest as pretty-printed JSON, paths relative to {@link #dir()}}. */
  public String toJson() {
    return JsonDocs.toJson(this::fields);
  }

  private String rel(Path p) {
    return dir.relativize(p).toString().replace('\\', '/');
  }

  private void fields(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("repos");
    for (Repo r : repos) {
      g.writeStartObject();
      g.writeStringField("name", r.name());
      g.writeStringField("github_repo", r.githubRepo());
      g.writeStringField("dir", rel(r.dir()));
      g.writeStringField("cwd", r.cwd());
      g.writeObjectFieldStart("remotes");
      for (Map.Entry<String, String> e : r.remotes().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeStringField("head", r.head());
      g.writeArrayFieldStart("branches");
      for (String b : r.branches()) {
        g.writeString(b);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("missing_branches");
      for (MissingBranch m : r.missingBranches()) {
        g.writeStartObject();
        g.writeStringField("thread_id", m.threadId());
        g.writeStringField("branch", m.branch());
        g.writeStringField("reason", m.reason());
        g.writeStringField("created_at", m.createdAt().toString());
        g.writeStringField("updated_at", m.updatedAt().toString());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("commits");
      for (Commit c : r.commits()) {
        g.writeStartObject();
        g.writeStringField("sha", c.sha());
        g.writeStringField("branch", c.branch());
        g.writeStringField("committed_at", c.time().toString());
        g.writeStringField("thread_id", c.threadId());
        g.writeStringField("mentioned_thread_id", c.mentionedThreadId());
        g.writeStringField("subject", c.subject());
        g.writeArrayFieldStart("fixes");
        for (int n : c.fixes()) {
          g.writeNumber(n);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("paths");
        for (String p : c.paths()) {
          g.writeString(p);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("worktree");
    g.writeStringField("repo", worktree.repo());
    g.writeStringField("dir", rel(worktree.dir()));
    g.writeStringField("name", worktree.name());
    g.writeStringField("branch", worktree.branch());
    g.writeStringField("head_sha", worktree.headSha());
    g.writeEndObject();
    JsonDocs.plantedSecrets(g, plantedSecrets);
  }
}
