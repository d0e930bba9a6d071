package dev.wlat.attribution;

import dev.wlat.attribution.internal.Engine;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.OutcomeLink;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/*
 * How a thread is attributed
 * ==========================
 *
 * Evidence. The cwd is the latest turn's (else the session's). The recorded git facts are the
 * session_meta's, field by field else the state DB's; both are as of the session ("as-of-session").
 * Local repositories are as they are now ("current"): they may have moved, been renamed, lost
 * branches. A default branch name (main, master, trunk, develop) exists almost everywhere and is
 * never a signal.
 *
 * Repository signals, for a candidate working tree (the one holding the cwd, the one holding the
 * desktop process's cwd, and those whose remotes name the recorded origin):
 *   cwd              the cwd lies in it (the longest root wins: nested checkouts, worktrees)
 *   recorded_origin  the recorded origin URL names the same GitHub repo as its remotes
 *   branch           the recorded (non-default) branch exists in it, locally or remote-tracking
 *   commit           the recorded commit is in it (or among the collected commits of its GitHub repo)
 *   process_cwd      the desktop process's cwd lies in it
 * The candidate with the most signals wins; on a tie the cwd's, then the process cwd's, then the
 * origin's (the one with the recorded branch checked out, main trees before linked worktrees).
 *
 * Confidence of the repository match, strongest first:
 *   MANUAL   an overrides row matches (thread id, else the longest path prefix of the cwd); its
 *            github_repo, workstream_label and outcome_type win over the evidence.
 *   EXACT    the match below, upgraded because one of the thread's links to that GitHub repo is
 *            exact; or no repo from the evidence but a commit or PR that mentions the thread id
 *            (the repo is then the mentioning artifact's); or, for a local repo without a GitHub
 *            remote (which carries no links), one of its commits mentions the thread id.
 *   STRONG   two or more signals agree (cwd + recorded_origin; recorded_origin + branch for a repo
 *            found by origin alone although the cwd is elsewhere: repos move between machines; a
 *            recorded GitHub origin with no local repo whose recorded commit GitHub has).
 *   DERIVED  one signal: cwd only; process cwd only; a recorded GitHub origin with no local repo
 *            (the GitHub repo from the URL alone).
 *   WEAK     only a directory name: the cwd's last component names exactly one discovered repo
 *            (its directory or its main tree's) or exactly one known GitHub repo.
 *   NONE     nothing: no repo (the workstream still comes from the cwd).
 *
 * Links (only to artifacts of a GitHub repo: a local repo without a GitHub remote gets none), one
 * per artifact, the strongest found kept. The session is [first event, last event + 2 h): commits
 * made shortly after the last event (the commit, push and PR that close a session) still count.
 *   thread_id_in_commit               EXACT    a commit (collected, or local in the thread's repo)
 *                                              whose message mentions the thread id
 *   thread_id_in_pull_request         EXACT    a PR whose title or body mentions the thread id
 *   commit_in_session_in_pull_request EXACT    a commit made in the session in the thread's repo that
 *                                              a PR holds (its SHA in the PR's commits or head) and
 *                                              that is on the session branch or on no branch the local
 *                                              repo knows, or on the session branch which is the PR's
 *                                              head; both the commit and the PR are linked
 *   branch_number                     EXACT    the session branch names a number (fix/123-retry) that
 *                                              is a known PR or issue of the repo
 *   branch_matches_pull_request       STRONG   a PR whose head is the session branch and that was open
 *                                              at some time during the session
 *   commit_on_session_branch          STRONG   a commit made in the session on the session branch
 *   commit_during_session             DERIVED  a commit made in the session in the repo, on another
 *                                              or unknown branch
 *   closed_by_linked_work             inherits an issue closed (fixes #12) by a linked commit or PR
 *   release_after_linked_work         DERIVED  a release or tag whose target is a linked commit, or the
 *                                              first release published within 14 days after a linked
 *                                              PR was merged; a tag is not linked beside its own release
 * A link that is not EXACT is capped at the repository match: never stronger than it (an override
 * without a github_repo caps at the evidence's confidence, not at MANUAL).
 *
 * Workstream: owner/name:<topic> with a GitHub repo, local:<main tree dir>:<topic> for a local repo
 * without one, cwd:<last two cwd components> without a repo, unknown without a cwd. The topic is the
 * session branch without kind prefixes (feat/login-retry -> login-retry); main for a default branch
 * or none. Subagents and forks are attributed by their own evidence only.
 *
 * Outcome: the override's; else the outcome of the strongest link that has one (merged PRs, then
 * PRs, first among equals); else OutcomeTaxonomy.ofBranch(session branch); else unknown.
 *
 * Evidence: one line, "as-of-session: origin=acme/api branch=fix/retry commit=1a2b3c4; current: cwd
 * in /src/api, origin matches, branch exists, commit known". URLs lose their credentials (a GitHub
 * origin is shown as owner/name); no commit message or title is ever written.
 */

/**
 * Attributes Codex threads to a repository, workstream and outcome, with an honest confidence, and
 * links them to the commits, pull requests, issues and releases they led to.
 *
 * <p>The rules are in a comment atop this class's source. In short: {@code MANUAL} for an override
 * row; {@code EXACT} when a commit or pull request ties to the thread (its id mentioned, a session
 * commit in a PR, a PR or issue number in the branch); {@code STRONG} for two agreeing signals among
 * cwd, recorded origin, branch, commit and process cwd; {@code DERIVED} for one; {@code WEAK} for a
 * directory name only; {@code NONE} otherwise. A link that is not exact is never stronger than the
 * thread's repository match.
 *
 * <p>Thread-safe if its inputs are not changed; local histories are walked once per repository.
 */
public final class Attributor {

  /** Commits this long after a thread's last event still count as made in its session. */
  public static final Duration SESSION_GRACE = Engine.SESSION_GRACE;
  /** A release published this long after a linked pull request was merged is linked to it. */
  public static final Duration RELEASE_WINDOW = Engine.RELEASE_WINDOW;

  private final Engine engine;

  private Attributor(Engine engine) {
    this.engine = engine;
  }

  /**
   * {@return an attributor}.
   *
   * @param index the local repositories
   * @param overrides hand-made mappings ({@link AttributionOverrides#EMPTY} for none)
   * @param artifacts the collected GitHub artifacts; empty when GitHub collection was skipped (only
   *     local commits are linked then)
   */
  public static Attributor create(RepoIndex index, AttributionOverrides overrides, List<GitHubArtifact> artifacts) {
    return new Attributor(Engine.create(index, overrides, artifacts));
  }

  /** {@return the attribution of one thread and its links, which carry no tokens yet}. */
  public ThreadAttribution attribute(ThreadEvidence evidence) {
    return engine.attribute(Objects.requireNonNull(evidence, "evidence"));
  }

  /**
   * {@return the links, in their order, each carrying its share of {@code threadTokens}}: equal
   * shares, the remainder one token each to the first links by confidence (strongest first, then
   * list order), so the shares sum exactly to {@code threadTokens}; empty for no links. Equal weights,
   * because a thread's links overlap (a PR and its commits are one piece of work) and a weighting by
   * confidence would claim a precision the evidence does not have.
   *
   * @throws IllegalArgumentException if {@code threadTokens} is negative
   */
  public static List<OutcomeLink> allocate(List<OutcomeLink> links, long threadTokens) {
    return OutcomeLink.share(Objects.requireNonNull(links, "links"), threadTokens);
  }
}
