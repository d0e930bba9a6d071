package dev.wlat.attribution;

import dev.wlat.model.ArtifactKind;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.Mentions;
import dev.wlat.model.OutcomeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One machine's worth of real repositories and collected GitHub artifacts for attribution tests.
 *
 * <pre>
 * src/api         origin git@github.com:acme/api.git
 *   main          base (D 00:00), m1 (D 11:00)
 *   fix/retry     c1 (D 10:30, in PR #40), c2 (D 13:00), c3 (D 15:00)
 *   docs/x        w1 (D+1 10:30, in no PR), mention (D+2 09:00, names thread MENTION)
 *   feat/open-pr, feat/123-login, issue/77-docs
 * src/api-retry   linked worktree of api on fix/retry
 * src/local-only  no remote; l1 (D 10:45)
 * src/notes       not a repo
 *
 * acme/api on GitHub: commit c1 (refactor), PR #40 (fix/retry, holds c1, merged D 14:00, closes #12,
 * bugfix), issue #12, PR #50 (feat/open-pr, open since D-1), PR #123, issue #77, PR #60 (mentions
 * thread PR_MENTION), tag v1.3.9 (c1), release v1.4.0 (D+3), release v2.0.0 (D+40)
 * acme/other: a commit that mentions thread ADOPT
 * acme/remote-only: issue #1 (no local clone)
 * </pre>
 *
 * Session A, the thread on fix/retry, runs D 10:00 to D 12:00 (grace to 14:00).
 */
final class World {

  static final Instant D = Instant.parse("2026-10-01T00:00:00Z");
  static final GitHubRepo API = new GitHubRepo("acme", "api");
  static final GitHubRepo OTHER = new GitHubRepo("acme", "other");
  static final GitHubRepo REMOTE_ONLY = new GitHubRepo("acme", "remote-only");

  static final String MENTION = "019a0f6e-7c2b-7d10-9a55-000000000001";
  static final String PR_MENTION = "019a0f6e-7c2b-7d10-9a55-000000000002";
  static final String ADOPT = "019a0f6e-7c2b-7d10-9a55-000000000003";

  /** A commit subject that must never reach evidence. */
  static final String SUBJECT = "Retry on 502 SUBJECT-MUST-NOT-LEAK";

  final Path tmp;
  final Path api;
  final Path apiRetry;
  final Path localOnly;
  final String base;
  final String m1;
  final String c1;
  final String c2;
  final String c3;
  final String w1;
  final String mention;
  final String l1;
  final List<GitHubArtifact> artifacts = new ArrayList<>();
  final RepoIndex index;

  static Instant at(int days, int hours, int minutes) {
    return D.plus(Duration.ofDays(days)).plus(Duration.ofHours(hours)).plus(Duration.ofMinutes(minutes));
  }

  World(Path tmp) throws IOException {
    this.tmp = tmp;
    Path src = tmp.resolve("src");
    try (GitFixture g = GitFixture.init(src.resolve("api"))) {
      g.remote("origin", "git@github.com:acme/api.git");
      base = g.commit("base", at(0, 0, 0));
      g.branch("feat/open-pr").checkout("main").branch("feat/123-login").checkout("main")
          .branch("issue/77-docs").checkout("main");
      g.branch("fix/retry");
      c1 = g.commit(SUBJECT + "\n\nfixes #12", at(0, 10, 30));
      c2 = g.commit("Retry: backoff", at(0, 13, 0));
      c3 = g.commit("Retry: later cleanup", at(0, 15, 0));
      g.checkout("main");
      m1 = g.commit("Unrelated work on main", at(0, 11, 0));
      g.branch("docs/x");
      w1 = g.commit("Docs tweak", at(1, 10, 30));
      mention = g.commit("Docs from Codex thread " + MENTION, at(2, 9, 0));
      g.checkout("main");
      g.linkedWorktree(src.resolve("api-retry"), "api-retry", "fix/retry");
    }
    try (GitFixture g = GitFixture.init(src.resolve("local-only"))) {
      g.commit("start", at(-1, 0, 0));
      l1 = g.commit("local work", at(0, 10, 45));
    }
    Files.createDirectories(src.resolve("notes"));
    api = src.resolve("api").toRealPath();
    apiRetry = src.resolve("api-retry").toRealPath();
    localOnly = src.resolve("local-only").toRealPath();
    index = RepoIndex.discover(List.of(src));

    artifacts.add(commit(API, c1, at(0, 10, 30), OutcomeType.REFACTOR, Set.of()));
    artifacts.add(pr(API, 40, "fix/retry", at(0, 10, 40), at(0, 14, 0), true, List.of(c1), List.of(12),
        OutcomeType.BUGFIX, Set.of()));
    artifacts.add(issue(API, 12, OutcomeType.BUGFIX));
    artifacts.add(pr(API, 50, "feat/open-pr", at(-1, 0, 0), null, null, List.of(), List.of(), OutcomeType.FEATURE,
        Set.of()));
    artifacts.add(pr(API, 123, "something-else", at(-30, 0, 0), at(-29, 0, 0), true, List.of(), List.of(),
        OutcomeType.FEATURE, Set.of()));
    artifacts.add(issue(API, 77, OutcomeType.DOCS));
    artifacts.add(pr(API, 60, "docs/y", at(-5, 0, 0), null, null, List.of(), List.of(), OutcomeType.DOCS,
        Mentions.in("Opened from Codex thread " + PR_MENTION)));
    artifacts.add(release(API, ArtifactKind.TAG, "v1.3.9", c1, at(0, 10, 30)));
    artifacts.add(release(API, ArtifactKind.RELEASE, "v1.4.0", "f".repeat(40), at(3, 0, 0)));
    artifacts.add(release(API, ArtifactKind.RELEASE, "v2.0.0", "e".repeat(40), at(40, 0, 0)));
    artifacts.add(commit(OTHER, "a".repeat(40), at(5, 0, 0), OutcomeType.FEATURE,
        Mentions.in("Made in Codex thread " + ADOPT)));
    artifacts.add(issue(REMOTE_ONLY, 1, OutcomeType.UNKNOWN));
  }

  Attributor attributor() {
    return Attributor.create(index, AttributionOverrides.EMPTY, artifacts);
  }

  static GitHubArtifact commit(GitHubRepo repo, String sha, Instant at, OutcomeType outcome, Set<String> mentions) {
    return new GitHubArtifact(repo, ArtifactKind.COMMIT, sha, at, null, "ada", sha, null, "a subject", null, null,
        "https://github.com/" + repo.slug() + "/commit/" + sha, List.of(), null, null, null, outcome, mentions,
        List.of(), List.of());
  }

  static GitHubArtifact pr(GitHubRepo repo, int n, String branch, Instant opened, Instant closed, Boolean merged,
      List<String> shas, List<Integer> closes, OutcomeType outcome, Set<String> mentions) {
    return new GitHubArtifact(repo, ArtifactKind.PULL_REQUEST, Integer.toString(n), opened, closed, "ada",
        shas.isEmpty() ? null : shas.get(shas.size() - 1), branch, "a title", merged == null ? "open" : "merged",
        merged, "https://github.com/" + repo.slug() + "/pull/" + n, List.of(), null, null, null, outcome, mentions,
        shas, closes);
  }

  static GitHubArtifact issue(GitHubRepo repo, int n, OutcomeType outcome) {
    return new GitHubArtifact(repo, ArtifactKind.ISSUE, Integer.toString(n), D.minus(Duration.ofDays(10)), null,
        "ada", null, null, "an issue", "open", null, "https://github.com/" + repo.slug() + "/issues/" + n, List.of(),
        null, null, null, outcome, Set.of(), List.of(), List.of());
  }

  static GitHubArtifact release(GitHubRepo repo, ArtifactKind kind, String tag, String sha, Instant at) {
    return new GitHubArtifact(repo, kind, tag, at, null, "ada", sha, null, tag, null, null,
        "https://github.com/" + repo.slug() + "/releases/tag/" + tag, List.of(), null, null, null,
        OutcomeType.RELEASE, Set.of(), List.of(), List.of());
  }
}
