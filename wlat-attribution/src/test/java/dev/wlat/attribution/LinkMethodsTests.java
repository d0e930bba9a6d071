package dev.wlat.attribution;

import static dev.wlat.attribution.World.API;
import static dev.wlat.attribution.World.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.wlat.model.ArtifactKind;
import dev.wlat.model.Confidence;
import dev.wlat.model.GitFacts;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.OutcomeTaxonomy;
import dev.wlat.model.OutcomeType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every link method, over the repositories and artifacts of {@link World}. */
class LinkMethodsTests {

  private static final String ORIGIN = "git@github.com:acme/api.git";

  @TempDir static Path tmp;
  static World world;
  static Attributor attributor;
  static ThreadAttribution sessionA;

  @BeforeAll
  static void setUp() throws IOException {
    world = new World(tmp);
    attributor = world.attributor();
    sessionA = attributor.attribute(ThreadEvidence.builder("t-session-a").cwd(world.api.toString())
        .recordedGit(new GitFacts(world.base, "fix/retry", ORIGIN)).span(at(0, 10, 0), at(0, 12, 0)).build());
  }

  private static OutcomeLink link(ThreadAttribution t, ArtifactKind kind, String id) {
    return t.links().stream().filter(l -> l.artifactKind() == kind && l.artifactId().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no link to " + kind.label() + " " + id + " in " + t.links()));
  }

  private static ThreadAttribution onBranch(String id, String branch, int day, int fromHour, int toHour) {
    return attributor.attribute(ThreadEvidence.builder(id).cwd(world.api.toString())
        .recordedGit(new GitFacts(null, branch, ORIGIN)).span(at(day, fromHour, 0), at(day, toHour, 0)).build());
  }

  @Test
  void sessionALinksExactlyTheWorkItLedTo() {
    assertThat(sessionA.links()).extracting(l -> l.artifactKind(), l -> l.artifactId(), l -> l.method(),
        l -> l.confidence()).containsExactlyInAnyOrder(
            tuple(ArtifactKind.COMMIT, world.c1, "commit_in_session_in_pull_request", Confidence.EXACT),
            tuple(ArtifactKind.COMMIT, world.c2, "commit_in_session_in_pull_request", Confidence.EXACT),
            tuple(ArtifactKind.PULL_REQUEST, "40", "commit_in_session_in_pull_request", Confidence.EXACT),
            tuple(ArtifactKind.ISSUE, "12", "closed_by_linked_work", Confidence.EXACT),
            tuple(ArtifactKind.COMMIT, world.m1, "commit_during_session", Confidence.DERIVED),
            tuple(ArtifactKind.RELEASE, "v1.4.0", "release_after_linked_work", Confidence.DERIVED),
            tuple(ArtifactKind.TAG, "v1.3.9", "release_after_linked_work", Confidence.DERIVED));
    assertThat(sessionA.links()).isSortedAccordingTo(Comparator.comparing(OutcomeLink::confidence));
    assertThat(sessionA.links()).allSatisfy(l -> {
      assertThat(l.threadId()).isEqualTo("t-session-a");
      assertThat(l.repo()).isEqualTo(API);
      assertThat(l.threadTokens()).isZero();
      assertThat(l.allocatedTokens()).isZero();
    });
  }

  @Test
  void aSessionCommitInAPullRequestLinksBothExactly() {
    OutcomeLink commit = link(sessionA, ArtifactKind.COMMIT, world.c1);
    OutcomeLink pr = link(sessionA, ArtifactKind.PULL_REQUEST, "40");

    assertThat(commit.artifactUrl()).isEqualTo("https://github.com/acme/api/commit/" + world.c1);
    assertThat(commit.outcome()).isEqualTo(OutcomeType.REFACTOR);
    assertThat(commit.merged()).isNull();
    assertThat(pr.merged()).isTrue();
    assertThat(pr.outcome()).isEqualTo(OutcomeType.BUGFIX);
    assertThat(pr.evidence()).contains("holds commit " + world.c1.substring(0, 7));
  }

  @Test
  void aCommitOnTheSessionBranchThatIsThePullRequestHeadIsInThatPullRequest() {
    OutcomeLink c2 = link(sessionA, ArtifactKind.COMMIT, world.c2);

    assertThat(c2.method()).isEqualTo("commit_in_session_in_pull_request");
    assertThat(c2.artifactUrl()).as("a local commit not seen on GitHub").isNull();
    assertThat(c2.outcome()).isEqualTo(OutcomeTaxonomy.ofCommitMessage("Retry: backoff"));
  }

  @Test
  void commitsAfterTheGracePeriodAreNotLinked() {
    assertThat(sessionA.links()).extracting(OutcomeLink::artifactId).doesNotContain(world.c3, world.base);
  }

  @Test
  void aCommitMadeDuringTheSessionOnAnotherBranchIsDerived() {
    OutcomeLink m1 = link(sessionA, ArtifactKind.COMMIT, world.m1);

    assertThat(m1.method()).isEqualTo("commit_during_session");
    assertThat(m1.confidence()).isEqualTo(Confidence.DERIVED);
    assertThat(m1.evidence()).contains("not on the session branch");
  }

  @Test
  void anIssueClosedByLinkedWorkInheritsItsConfidence() {
    OutcomeLink issue = link(sessionA, ArtifactKind.ISSUE, "12");

    assertThat(issue.confidence()).isEqualTo(Confidence.EXACT);
    assertThat(issue.artifactUrl()).isEqualTo("https://github.com/acme/api/issues/12");
  }

  @Test
  void releasesAndTagsAfterLinkedWorkAreDerived() {
    assertThat(link(sessionA, ArtifactKind.TAG, "v1.3.9").evidence())
        .isEqualTo("tag v1.3.9 targets linked commit " + world.c1.substring(0, 7));
    assertThat(link(sessionA, ArtifactKind.RELEASE, "v1.4.0").evidence())
        .isEqualTo("release v1.4.0 published 2 days after linked pull request #40 was merged");
    assertThat(sessionA.links()).extracting(OutcomeLink::artifactId).doesNotContain("v2.0.0");
  }

  @Test
  void aCommitOnTheSessionBranchWithNoPullRequestIsStrong() {
    ThreadAttribution t = onBranch("t-docs", "docs/x", 1, 10, 11);

    assertThat(t.attribution().confidence()).isEqualTo(Confidence.STRONG);
    assertThat(t.links()).extracting(OutcomeLink::artifactId, OutcomeLink::method, OutcomeLink::confidence)
        .containsExactly(tuple(world.w1, "commit_on_session_branch", Confidence.STRONG));
  }

  @Test
  void aPullRequestFromTheSessionBranchOpenDuringTheSessionIsStrong() {
    ThreadAttribution t = onBranch("t-open-pr", "feat/open-pr", 3, 10, 11);

    assertThat(t.links()).extracting(OutcomeLink::artifactId, OutcomeLink::method, OutcomeLink::confidence)
        .containsExactly(tuple("50", "branch_matches_pull_request", Confidence.STRONG));
    assertThat(t.attribution().outcome()).isEqualTo(OutcomeType.FEATURE);
  }

  @Test
  void aPullRequestFromTheSessionBranchClosedBeforeTheSessionIsNotLinked() {
    ThreadAttribution t = onBranch("t-late", "fix/retry", 5, 10, 11);

    assertThat(t.links()).isEmpty();
  }

  @Test
  void aPullRequestNumberInTheBranchLinksExactly() {
    ThreadAttribution t = onBranch("t-pr-number", "feat/123-login", 6, 10, 11);

    assertThat(t.links()).extracting(OutcomeLink::artifactKind, OutcomeLink::artifactId, OutcomeLink::method,
        OutcomeLink::confidence)
        .containsExactly(tuple(ArtifactKind.PULL_REQUEST, "123", "branch_number", Confidence.EXACT));
  }

  @Test
  void anIssueNumberInTheBranchLinksExactly() {
    ThreadAttribution t = onBranch("t-issue-number", "issue/77-docs", 6, 10, 11);

    assertThat(t.links()).extracting(OutcomeLink::artifactKind, OutcomeLink::artifactId, OutcomeLink::method)
        .containsExactly(tuple(ArtifactKind.ISSUE, "77", "branch_number"));
    assertThat(t.attribution().confidence()).isEqualTo(Confidence.EXACT);
  }

  @Test
  void aLocalCommitMentioningTheThreadLinksExactlyOnceThoughItIsAlsoASessionCommit() {
    ThreadAttribution t = attributor.attribute(ThreadEvidence.builder(World.MENTION).cwd(world.api.toString())
        .span(at(2, 8, 0), at(2, 8, 30)).build());

    assertThat(t.links()).extracting(OutcomeLink::artifactId, OutcomeLink::method, OutcomeLink::confidence)
        .containsExactly(tuple(world.mention, "thread_id_in_commit", Confidence.EXACT));
    assertThat(t.attribution().confidence()).isEqualTo(Confidence.EXACT);
  }

  @Test
  void aPullRequestMentioningTheThreadLinksExactly() {
    ThreadAttribution t = attributor.attribute(ThreadEvidence.builder(World.PR_MENTION).build());

    assertThat(t.links()).extracting(OutcomeLink::artifactId, OutcomeLink::method, OutcomeLink::confidence)
        .containsExactly(tuple("60", "thread_id_in_pull_request", Confidence.EXACT));
    assertThat(t.attribution().githubRepo()).isEqualTo(API);
  }

  @Test
  void aRepoWithoutAGitHubRemoteGetsNoLinksButAWorkstream() {
    ThreadAttribution t = attributor.attribute(ThreadEvidence.builder("t-local").cwd(world.localOnly.toString())
        .recordedGit(new GitFacts(null, "main", null)).span(at(0, 10, 0), at(0, 12, 0)).build());

    assertThat(t.links()).isEmpty();
    assertThat(t.attribution().workstreamLabel()).isEqualTo("local:local-only:main");
    assertThat(world.index.commits(world.index.forCwd(world.localOnly.toString()).orElseThrow(),
        at(0, 10, 0), at(0, 12, 0))).extracting(LocalCommit::sha).containsExactly(world.l1);
  }

  @Test
  void withoutGitHubArtifactsOnlyLocalCommitsAreLinked() {
    Attributor local = Attributor.create(world.index, AttributionOverrides.EMPTY, List.of());

    ThreadAttribution t = local.attribute(ThreadEvidence.builder("t-no-gh").cwd(world.api.toString())
        .recordedGit(new GitFacts(world.base, "fix/retry", ORIGIN)).span(at(0, 10, 0), at(0, 12, 0)).build());

    assertThat(t.attribution().confidence()).isEqualTo(Confidence.STRONG);
    assertThat(t.links()).extracting(OutcomeLink::artifactId, OutcomeLink::method, OutcomeLink::confidence)
        .containsExactlyInAnyOrder(tuple(world.c1, "commit_on_session_branch", Confidence.STRONG),
            tuple(world.c2, "commit_on_session_branch", Confidence.STRONG),
            tuple(world.m1, "commit_during_session", Confidence.DERIVED));
    assertThat(t.links()).extracting(OutcomeLink::artifactUrl).containsOnlyNulls();
  }

  @Test
  void linksThatAreNotExactNeverExceedAWeakRepoMatch() {
    ThreadAttribution t = attributor.attribute(ThreadEvidence.builder("t-weak").cwd("/old/laptop/api")
        .recordedGit(new GitFacts(null, "docs/x", null)).span(at(1, 10, 0), at(1, 11, 0)).build());

    assertThat(t.attribution().confidence()).isEqualTo(Confidence.WEAK);
    assertThat(t.links()).extracting(OutcomeLink::artifactId, OutcomeLink::method, OutcomeLink::confidence)
        .containsExactly(tuple(world.w1, "commit_on_session_branch", Confidence.WEAK));
  }

  @Test
  void theOutcomeComesFromTheStrongestLinkPreferringMergedPullRequests() {
    assertThat(sessionA.attribution().outcome()).isEqualTo(OutcomeType.BUGFIX);
  }

  @Test
  void withoutLinksTheOutcomeComesFromTheBranch() {
    ThreadAttribution t = attributor.attribute(ThreadEvidence.builder("t-branch-outcome").cwd(world.api.toString())
        .recordedGit(new GitFacts(null, "fix/retry", ORIGIN)).build());

    assertThat(t.links()).isEmpty();
    assertThat(t.attribution().outcome()).isEqualTo(OutcomeTaxonomy.ofBranch("fix/retry"));
  }

  @Test
  void withoutLinksOrBranchTheOutcomeIsUnknown() {
    ThreadAttribution t = attributor.attribute(ThreadEvidence.builder("t-unknown").cwd(world.api.toString()).build());

    assertThat(t.attribution().outcome()).isEqualTo(OutcomeType.UNKNOWN);
  }
}
