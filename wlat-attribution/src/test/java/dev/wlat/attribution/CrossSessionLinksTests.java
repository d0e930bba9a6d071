package dev.wlat.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.wlat.model.ArtifactKind;
import dev.wlat.model.Confidence;
import dev.wlat.model.GitFacts;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.OutcomeType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sessions working on two branches of one repo in the same hours: each is tied exactly to its
 * own pull request, never to the other's, and a release is linked once, not again as its own tag.
 */
class CrossSessionLinksTests {

  private static final GitHubRepo API = new GitHubRepo("acme", "api");
  private static final Instant T = Instant.parse("2026-10-01T10:00:00Z");

  @TempDir Path tmp;

  @Test
  void aSessionIsNotTiedToAPullRequestHoldingAnotherBranchsCommit() {
    String a1;
    String b1;
    Path repo = tmp.resolve("api");
    try (GitFixture g = GitFixture.init(repo)) {
      g.remote("origin", "git@github.com:acme/api.git");
      g.commit("base", T.minusSeconds(86_400));
      g.branch("fix/a");
      a1 = g.commit("fix: a", T.plusSeconds(1800));
      g.checkout("main").branch("fix/b");
      b1 = g.commit("fix: b", T.plusSeconds(2400));
      g.checkout("main");
    }
    List<GitHubArtifact> artifacts = List.of(
        World.pr(API, 7, "fix/b", T, T.plusSeconds(7200), true, List.of(b1), List.of(), OutcomeType.BUGFIX, Set.of()),
        World.pr(API, 8, "fix/a", T, T.plusSeconds(7200), true, List.of(a1), List.of(), OutcomeType.BUGFIX, Set.of()),
        World.release(API, ArtifactKind.RELEASE, "v1.0.0", a1, T.plusSeconds(86_400)),
        World.release(API, ArtifactKind.TAG, "v1.0.0", a1, T.plusSeconds(86_400)));
    Attributor attributor = Attributor.create(RepoIndex.discover(List.of(tmp)), AttributionOverrides.EMPTY, artifacts);

    List<OutcomeLink> links = attributor.attribute(ThreadEvidence.builder("t-a").cwd(repo.toString())
        .recordedGit(new GitFacts(null, "fix/a", "git@github.com:acme/api.git")).span(T, T.plusSeconds(3600))
        .build()).links();

    assertThat(links).extracting(OutcomeLink::artifactKind, OutcomeLink::artifactId, OutcomeLink::confidence)
        .containsExactlyInAnyOrder(
            tuple(ArtifactKind.COMMIT, a1, Confidence.EXACT),
            tuple(ArtifactKind.PULL_REQUEST, "8", Confidence.EXACT),
            tuple(ArtifactKind.COMMIT, b1, Confidence.DERIVED),
            tuple(ArtifactKind.RELEASE, "v1.0.0", Confidence.DERIVED));
    assertThat(links).filteredOn(l -> l.artifactId().equals(b1)).singleElement()
        .satisfies(l -> assertThat(l.method()).isEqualTo("commit_during_session"));
  }
}
