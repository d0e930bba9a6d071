package dev.wlat.report.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.Confidence;
import dev.wlat.model.ConfidenceSummary;
import dev.wlat.model.OutcomeRollup;
import dev.wlat.report.ReportWindow;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollups, confidence levels and outcome headlines are recomputed from the window's threads and their links. */
class OutcomeRollupsTests {

  private static final Instant AS_OF = Instant.parse("2026-09-10T00:00:00Z");

  @TempDir Path root;

  @BeforeEach
  void threeThreadsWithLinks() {
    DataFixture.at(root)
        .thread("fix", "acme/api", "acme/api:retry", "bugfix", "exact", "Retry")
        .thread("docs", "acme/api", "acme/api:retry", "bugfix", "exact", null)
        .thread("notes", null, "local:notes:main", "unknown", "weak", null)
        .event("fix", "s1", Instant.parse("2026-09-01T10:00:00Z"), 1000) // before a 7d window
        .event("fix", "s1", Instant.parse("2026-09-08T10:00:00Z"), 101)
        .event("docs", "s2", Instant.parse("2026-09-08T11:00:00Z"), 60)
        .event("notes", "s3", Instant.parse("2026-09-08T12:00:00Z"), 40)
        .link("fix", "acme/api", "commit", "abc", false, "derived")
        .link("fix", "acme/api", "pull_request", "7", true, "exact")
        .link("fix", "acme/api", "issue", "3", false, "exact")
        .link("docs", "acme/api", "pull_request", "7", true, "exact")
        .link("docs", "acme/api", "release", "v1.0.0", false, "derived")
        .githubEvent("acme/api", "issue", "3", "closed", false)
        .write();
  }

  private Report report(String label) {
    return Report.builder(ReportWindow.parse(label, AS_OF, ZoneOffset.UTC)).read(root);
  }

  @Test
  void aThreadsInWindowTokensAreSharedOverItsLinksStrongestFirst() {
    Report r = report("7d");

    OutcomeRollup retry = r.rollups().stream().filter(g -> "acme/api".equals(g.githubRepo())).findFirst().orElseThrow();

    assertThat(retry.threadCount()).isEqualTo(2);
    assertThat(retry.delta().totalTokens()).isEqualTo(161);
    // fix: 101 over 3 links = 34 (PR, exact) + 34 (issue, exact) + 33 (commit); docs: 60 = 30 + 30
    assertThat(retry.linkAllocatedTokens()).isEqualTo(161);
    assertThat(retry.mergedPullRequestTokens()).isEqualTo(34 + 30);
    assertThat(retry.linkedMergedPullRequests()).isEqualTo(1);
    assertThat(retry.linkedClosedIssues()).isEqualTo(1);
    assertThat(retry.linkedReleases()).isEqualTo(1);
    assertThat(retry.linkedCommits()).isEqualTo(1);
  }

  @Test
  void headlineCountsEachArtifactOnceAndGivesTokensPerMergedPullRequest() {
    Report r = report("7d");

    assertThat(r.headline().mergedPullRequests()).isEqualTo(1);
    assertThat(r.headline().tokensPerMergedPullRequest()).isEqualTo(64.0);
    assertThat(r.headline().closedIssues()).isEqualTo(1);
    assertThat(r.headline().releaseTokens()).isEqualTo(30);
    assertThat(r.markdown()).contains("1 merged pull request linked, carrying 64 tokens: **64 tokens per merged pull request**");
  }

  @Test
  void everyConfidenceLevelIsListedWithItsShareOfTheWindow() {
    Report r = report("7d");

    assertThat(r.confidenceSummary()).extracting(ConfidenceSummary::confidence).containsExactly(Confidence.values());
    ConfidenceSummary exact = r.confidenceSummary().get(1);
    assertThat(exact.threadCount()).isEqualTo(2);
    assertThat(exact.tokens()).isEqualTo(161);
    assertThat(exact.tokenShare()).isEqualTo(161 / 201.0);
    assertThat(exact.linkCount()).isEqualTo(3);
    assertThat(r.confidenceSummary().get(4).tokens()).isEqualTo(40);
  }

  @Test
  void theWholeHistoryCarriesTheEarlierTokensToo() {
    Report r = report("all");

    assertThat(r.rollups()).filteredOn(g -> "acme/api".equals(g.githubRepo())).singleElement()
        .satisfies(g -> assertThat(g.linkAllocatedTokens()).isEqualTo(1161));
    assertThat(r.repos()).extracting(Ranked::name, Ranked::tokens)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("acme/api", 1161L), org.assertj.core.groups.Tuple.tuple("", 40L));
  }
}
