package dev.wlat.github;

import dev.wlat.github.internal.RepoCollector;
import dev.wlat.model.GitHubRepo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Collects a repository's GitHub work for a window through the {@code gh} CLI, caching what it has
 * seen so that a rerun asks only for what is new.
 *
 * <h2>What is asked</h2>
 *
 * <p>All through {@code gh api}; {@code {o}/{r}} is the repository, {@code per_page=100} everywhere:
 *
 * <ul>
 *   <li>{@code --paginate repos/{o}/{r}/commits?since=&until=}: the default branch's commits dated
 *       in the window. One {@link dev.wlat.model.ArtifactKind#COMMIT COMMIT} each, titled by the
 *       subject line.
 *   <li>{@code repos/{o}/{r}/pulls?state=all&sort=updated&direction=desc&page=N}, page by page: the
 *       list cannot be filtered by time, so it is read newest-updated first and stops at the first
 *       page reaching back past the window's start (or, on a rerun, past the newest update already
 *       cached), instead of {@code --paginate} reading every pull request the repository ever had.
 *   <li>For each pull request whose life overlaps the window (created before its end, updated after
 *       its start) and that changed since its details were cached: {@code --paginate
 *       pulls/{n}/files} (one {@code PULL_REQUEST_FILE} per file, id {@code <n>:<path>}, with the
 *       pull request's outcome; their additions and deletions summed on the pull request) and
 *       {@code --paginate pulls/{n}/commits} (the pull request's {@code commitShas}, followed by its
 *       {@code merge_commit_sha} when merged; an open one's is GitHub's test merge and is left out).
 *   <li>{@code --paginate repos/{o}/{r}/issues?state=all&since=}: issues updated since the window's
 *       start whose life overlaps it; entries with a {@code pull_request} key are pull requests and
 *       skipped. HTTP 410 (issues disabled) gives none.
 *   <li>{@code --paginate repos/{o}/{r}/releases} and {@code tags}, every run (they cannot be
 *       filtered by time). Drafts are skipped; a release takes its tag's SHA, a tag the date of its
 *       commit (if collected) or release; a tag of unknown date is kept only when the window has no
 *       start.
 * </ul>
 *
 * <p>Outcomes come from {@link dev.wlat.model.OutcomeTaxonomy}: a pull request's from its labels,
 * title, branch and file paths, an issue's from its labels and title, a commit's from its message,
 * releases and tags are {@code RELEASE}. Bodies and full commit messages are read only to find
 * {@link dev.wlat.model.Mentions} (title and body; the full message) and closed issues (a pull
 * request's body, a commit's message); they are never kept, in artifacts or the cache.
 *
 * <h2>The cache</h2>
 *
 * <p>One JSON file per repository, {@code <cacheDir>/<owner>/<name>/collection.json}, written to
 * {@code collection.json.tmp} and renamed into place after each step that succeeded, so a failure or
 * crash leaves the work completed before it (a stale {@code .tmp} is removed by the next run):
 *
 * <pre>{@code
 * {"format": 1, "repo": "acme/api", "saved_at": "2026-11-24T03:16:34Z",
 *  "commits": {"from": null|"<instant>", "to": "<instant>", "items": [<artifact>, ...]},
 *  "issues":  {"from": ..., "to": ..., "items": [{"updated_at": "<instant>", "artifact": <artifact>}, ...]},
 *  "pulls":   {"from": ..., "to": ..., "items": [{"updated_at": ..., "artifact": <artifact>,
 *              "detail": {"updated_at": ..., "truncated": false, "commit_shas": [...],
 *                         "files": [{"path": ..., "additions": 1, "deletions": 0}, ...]}}, ...]}}
 * }</pre>
 *
 * <p>An {@code <artifact>} holds the fields of {@link dev.wlat.model.GitHubArtifact} but its repo, in
 * snake_case ({@code kind}, {@code id}, {@code timestamp}, {@code closed_at}, {@code actor}, ...,
 * {@code closes_issues}). The watermarks ({@code from}, {@code to}; {@code from} null = from the
 * beginning) say how far each section is complete:
 *
 * <ul>
 *   <li>commits: all commits dated in {@code [from, to)} are known, {@code to} being the window's end
 *       or, when that is later or open, the time of the run. A rerun asks {@code since=} one day before {@code to} (commits are
 *       dated when made, not when pushed), and {@code until=from} when the window starts earlier.
 *   <li>issues: all issues updated at or after {@code from} are known as of {@code to}, the time of
 *       the run; a rerun asks {@code since=} one day before {@code to}.
 *   <li>pulls: all pull requests updated at or after {@code from} are known, {@code to} being the
 *       newest {@code updated_at} seen; a rerun reads the list down to {@code to}. A pull request's
 *       {@code detail} is fetched again only when its {@code updated_at} is newer than the detail's.
 * </ul>
 *
 * <p>A window starting before a section's {@code from} is read from its start. A cache file of
 * another format or repository, or one that cannot be read, is ignored and rewritten. Two
 * collections of the same repository must not run at once; different repositories may.
 *
 * <h2>Failures</h2>
 *
 * <p>Every failure throws a {@link GitHubException} (see its {@link GitHubException.Kind kinds}) with
 * a one-line message naming the repository and the fix; a collection is never returned partial.
 */
public final class GitHubCollector {

  private final GhRunner gh;
  private final RepoCollector collector;

  private GitHubCollector(GhRunner gh, Path cacheDir) {
    this.gh = gh;
    this.collector = RepoCollector.create(gh::call, cacheDir, Clock.systemUTC());
  }

  /**
   * {@return a collector running {@code gh}, caching under {@code cacheDir}} (the CLI passes
   * {@code <output-root>/cache/github}).
   */
  public static GitHubCollector create(GhRunner gh, Path cacheDir) {
    return new GitHubCollector(Objects.requireNonNull(gh, "gh"), Objects.requireNonNull(cacheDir, "cacheDir"));
  }

  /**
   * Checks that gh is there and logged in ({@code gh auth status --hostname github.com}).
   *
   * @throws GitHubException {@link GitHubException.Kind#GH_MISSING} or
   *     {@link GitHubException.Kind#NOT_AUTHENTICATED}
   */
  public void checkAvailable() {
    if (!gh.runnable()) {
      throw gh.missing(null);
    }
    GhRunner.Result r = gh.run(List.of("auth", "status", "--hostname", "github.com"));
    if (r.exitCode() != 0) {
      throw GitHubException.of(GitHubException.Kind.NOT_AUTHENTICATED, null,
          "gh is not authenticated; run 'gh auth login' or rerun with --skip-github");
    }
  }

  /**
   * {@return {@code repo}'s commits, pull requests (with their files), issues, releases and tags in
   * the window {@code [since, until)}}; {@code since} {@code null} means from the beginning,
   * {@code until} {@code null} up to now.
   *
   * @throws GitHubException when gh is missing, a request fails or the cache cannot be written
   * @throws IllegalArgumentException if {@code since} is not before {@code until}
   */
  public RepoCollection collect(GitHubRepo repo, Instant since, Instant until) {
    Objects.requireNonNull(repo, "repo");
    if (!gh.runnable()) {
      throw gh.missing(repo);
    }
    return collector.collect(repo, since, until);
  }

  /** {@return the cache file of {@code repo}}. */
  public Path cacheFile(GitHubRepo repo) {
    return collector.cacheFile(repo);
  }
}
