package dev.wlat.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.model.ArtifactKind;
import dev.wlat.model.Attribution;
import dev.wlat.model.Confidence;
import dev.wlat.model.ConfidenceSummary;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeHeadline;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.OutcomeRollup;
import dev.wlat.model.OutcomeType;
import dev.wlat.model.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutcomeAccountingTests {

  private static final GitHubRepo API = GitHubRepo.parse("acme/api");
  private static final GitHubRepo WEB = GitHubRepo.parse("acme/web");

  private static Attribution attribution(String thread, GitHubRepo repo, String workstream, Confidence c) {
    return new Attribution(thread, null, repo, null, null, workstream, OutcomeType.FEATURE, c, "test", "test");
  }

  private static TokenUsage tokens(long total) {
    return TokenUsage.of(total - total / 4, total / 8, total / 4, 0, total);
  }

  private static OutcomeLink link(String thread, GitHubRepo repo, ArtifactKind kind, String id, Boolean merged,
      long tokens, long allocated, Confidence c) {
    return new OutcomeLink(thread, repo, kind, id, null, OutcomeType.FEATURE, merged, tokens, allocated, "m", c, "e");
  }

  private static GitHubArtifact issue(GitHubRepo repo, String number, String state) {
    return new GitHubArtifact(repo, ArtifactKind.ISSUE, number, Instant.EPOCH, null, null, null, null, "t", state,
        null, null, null, null, null, null, OutcomeType.BUGFIX, null, null, null);
  }

  @Test
  void mergedPullRequestLinkedByTwoThreadsCountsOnceWithBothShares() {
    OutcomeHeadline h = OutcomeAccounting.builder(Map.of())
        .add(attribution("t1", API, "acme/api:main", Confidence.EXACT), tokens(1000),
            List.of(link("t1", API, ArtifactKind.PULL_REQUEST, "7", true, 1000, 600, Confidence.EXACT),
                link("t1", API, ArtifactKind.COMMIT, "abc", null, 1000, 400, Confidence.EXACT)))
        .add(attribution("t2", API, "acme/api:main", Confidence.STRONG), tokens(500),
            List.of(link("t2", API, ArtifactKind.PULL_REQUEST, "7", true, 500, 500, Confidence.STRONG)))
        .build().headline();
    assertThat(h.mergedPullRequests()).isEqualTo(1);
    assertThat(h.mergedPullRequestTokens()).isEqualTo(1100);
    assertThat(h.tokensPerMergedPullRequest()).isEqualTo(1100.0);
    assertThat(h.totalTokens()).isEqualTo(1500);
    assertThat(h.exactOrStrongShare()).isEqualTo(1.0);
  }

  @Test
  void onlyClosedIssuesCountAsClosed() {
    Map<String, GitHubArtifact> artifacts = new HashMap<>();
    for (GitHubArtifact a : List.of(issue(API, "1", "closed"), issue(API, "2", "open"))) {
      artifacts.put(a.key(), a);
    }
    OutcomeHeadline h = OutcomeAccounting.builder(artifacts)
        .add(attribution("t1", API, "w", Confidence.EXACT), tokens(90),
            List.of(link("t1", API, ArtifactKind.ISSUE, "1", null, 90, 30, Confidence.EXACT),
                link("t1", API, ArtifactKind.ISSUE, "2", null, 90, 30, Confidence.EXACT),
                link("t1", API, ArtifactKind.ISSUE, "3", null, 90, 30, Confidence.EXACT)))
        .build().headline();
    assertThat(h.closedIssues()).isEqualTo(1);
    assertThat(h.closedIssueTokens()).isEqualTo(30);
    assertThat(h.tokensPerClosedIssue()).isEqualTo(30.0);
  }

  @Test
  void threadsOfOneGroupShareARollupRow() {
    List<OutcomeRollup> rows = OutcomeAccounting.builder(Map.of())
        .add(attribution("t1", API, "acme/api:retry", Confidence.STRONG), tokens(100), List.of())
        .add(attribution("t2", API, "acme/api:retry", Confidence.STRONG), tokens(50), List.of())
        .add(attribution("t3", API, "acme/api:retry", Confidence.WEAK), tokens(7), List.of())
        .add(attribution("t4", null, "cwd:src/notes", Confidence.WEAK), tokens(3), List.of())
        .build().rollups();
    assertThat(rows).extracting(OutcomeRollup::githubRepo, OutcomeRollup::confidence, OutcomeRollup::threadCount,
            r -> r.delta().totalTokens())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(null, Confidence.WEAK, 1L, 3L),
            org.assertj.core.groups.Tuple.tuple("acme/api", Confidence.STRONG, 2L, 150L),
            org.assertj.core.groups.Tuple.tuple("acme/api", Confidence.WEAK, 1L, 7L));
  }

  @Test
  void linksCarryingMoreThanTheirThreadAreRefused() {
    OutcomeAccounting.Builder b = OutcomeAccounting.builder(Map.of());
    assertThatThrownBy(() -> b.add(attribution("t1", API, "w", Confidence.EXACT), tokens(10),
        List.of(link("t1", API, ArtifactKind.COMMIT, "a", null, 10, 8, Confidence.EXACT),
            link("t1", API, ArtifactKind.COMMIT, "b", null, 10, 8, Confidence.EXACT))))
        .hasMessageContaining("t1");
  }

  /** Holds for any set of threads: every view sums to the window's total (attributed + unattributed = total). */
  @Test
  void everyViewSumsToTheTotal() {
    qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      OutcomeAccounting.Builder b = OutcomeAccounting.builder(Map.of());
      long total = 0;
      int threads = r.nextInt(30);
      List<Confidence> levels = List.of(Confidence.values());
      for (int i = 0; i < threads; i++) {
        long t = r.nextInt(1_000_000);
        total += t;
        GitHubRepo repo = r.nextInt(3) == 0 ? null : (r.nextBoolean() ? API : WEB);
        List<OutcomeLink> links = new ArrayList<>();
        long left = t;
        int n = repo == null ? 0 : r.nextInt(4);
        for (int k = 0; k < n; k++) {
          long share = k == n - 1 ? left : (left == 0 ? 0 : r.nextLong(left + 1));
          left -= share;
          links.add(link("t" + i, repo, ArtifactKind.values()[r.nextInt(ArtifactKind.values().length)],
              Integer.toString(r.nextInt(5)), r.nextBoolean(), t, share, levels.get(r.nextInt(levels.size()))));
        }
        b.add(attribution("t" + i, repo, "w" + r.nextInt(3), levels.get(r.nextInt(levels.size()))), tokens(t), links);
      }
      OutcomeAccounting a = b.build();
      assertThat(a.rollups().stream().mapToLong(x -> x.delta().totalTokens()).sum()).isEqualTo(total);
      assertThat(a.confidenceSummary().stream().mapToLong(ConfidenceSummary::tokens).sum()).isEqualTo(total);
      assertThat(a.confidenceSummary().stream().mapToLong(ConfidenceSummary::threadCount).sum()).isEqualTo(threads);
      assertThat(a.headline().totalTokens()).isEqualTo(total);
      assertThat(a.headline().githubRepoTokens())
          .isEqualTo(a.headline().tokensByRepo().values().stream().mapToLong(Long::longValue).sum());
      assertThat(a.rollups().stream().mapToLong(OutcomeRollup::linkAllocatedTokens).sum())
          .isEqualTo(a.confidenceSummary().stream().mapToLong(ConfidenceSummary::linkAllocatedTokens).sum())
          .isLessThanOrEqualTo(total);
    });
  }
}
