package dev.wlat.attribution;

import static dev.wlat.attribution.World.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.Attribution;
import dev.wlat.model.GitFacts;
import dev.wlat.model.OutcomeLink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceAndWorkstreamTests {

  private static final String ORIGIN = "git@github.com:acme/api.git";

  @TempDir static Path tmp;
  static World world;
  static Attributor attributor;

  @BeforeAll
  static void setUp() throws IOException {
    world = new World(tmp);
    attributor = world.attributor();
  }

  private static Attribution attribute(ThreadEvidence.Builder b) {
    return attributor.attribute(b.build()).attribution();
  }

  @Test
  void evidenceSaysWhatWasRecordedAtTheSessionAndWhatIsTrueNow() {
    Attribution a = attribute(ThreadEvidence.builder("t").cwd(world.api.toString())
        .recordedGit(new GitFacts(world.base, "fix/retry", ORIGIN)).span(at(0, 10, 0), at(0, 12, 0)));

    assertThat(a.evidence()).isEqualTo("as-of-session: origin=acme/api branch=fix/retry commit="
        + world.base.substring(0, 7) + "; current: cwd in " + world.api
        + ", origin matches, branch exists, commit known, exact link (commit_in_session_in_pull_request)");
  }

  @Test
  void evidenceNamesWhatDoesNotMatchAnyMore() {
    Attribution a = attribute(ThreadEvidence.builder("t").cwd(world.localOnly.toString())
        .recordedGit(new GitFacts("0".repeat(40), "gone/branch", ORIGIN)));

    assertThat(a.evidence()).isEqualTo("as-of-session: origin=acme/api branch=gone/branch commit=0000000;"
        + " current: cwd in "
        + world.localOnly + ", origin differs (local has no GitHub remote), branch not found, commit not found");
  }

  @Test
  void credentialsInRecordedUrlsNeverReachEvidence() {
    Attribution gh = attribute(ThreadEvidence.builder("t1").cwd("/x/y")
        .recordedGit(new GitFacts(null, null, "https://bob:ghp_PLANTEDSECRET000@github.com/acme/api.git")));
    Attribution other = attribute(ThreadEvidence.builder("t2").cwd("/x/y")
        .recordedGit(new GitFacts(null, null, "https://bob:glpat-PLANTEDSECRET@gitlab.example/acme/x.git?token=abc")));

    assertThat(gh.evidence()).startsWith("as-of-session: origin=acme/api;").doesNotContain("PLANTED");
    assertThat(other.evidence()).startsWith("as-of-session: origin=https://gitlab.example/acme/x.git;")
        .doesNotContain("PLANTED").doesNotContain("token");
  }

  @Test
  void noCommitMessageOrTitleReachesAnyEvidence() {
    ThreadAttribution t = attributor.attribute(ThreadEvidence.builder("t").cwd(world.api.toString())
        .recordedGit(new GitFacts(world.base, "fix/retry", ORIGIN)).span(at(0, 10, 0), at(0, 12, 0)).build());

    List<String> texts = new java.util.ArrayList<>(t.links().stream().map(OutcomeLink::evidence).toList());
    texts.add(t.attribution().evidence());
    assertThat(t.links()).isNotEmpty();
    assertThat(texts).allSatisfy(s -> assertThat(s).doesNotContain("SUBJECT").doesNotContain("a title")
        .doesNotContain("a subject").doesNotContain("\n").doesNotContain("\t"));
  }

  @Test
  void aGitHubRepoWorkstreamIsTheRepoAndTheBranchTopic() {
    assertThat(attribute(ThreadEvidence.builder("t").cwd(world.apiRetry.toString())
        .recordedGit(new GitFacts(null, "fix/retry", ORIGIN))).workstreamLabel()).isEqualTo("acme/api:retry");
    assertThat(attribute(ThreadEvidence.builder("t").cwd(world.api.toString())
        .recordedGit(new GitFacts(null, "master", ORIGIN))).workstreamLabel()).isEqualTo("acme/api:main");
    assertThat(attribute(ThreadEvidence.builder("t").cwd(world.api.toString())).workstreamLabel())
        .isEqualTo("acme/api:main");
  }

  @Test
  void aLocalRepoWorkstreamIsItsDirectoryAndTheBranchTopic() {
    assertThat(attribute(ThreadEvidence.builder("t").cwd(world.localOnly + "/src")
        .recordedGit(new GitFacts(null, "feat/login-retry", null))).workstreamLabel())
        .isEqualTo("local:local-only:login-retry");
  }

  @Test
  void withoutARepoTheWorkstreamIsTheCwdsLastTwoComponentsOrUnknown() {
    assertThat(attribute(ThreadEvidence.builder("t").cwd("/home/ada/scratch/notes")).workstreamLabel())
        .isEqualTo("cwd:scratch/notes");
    assertThat(attribute(ThreadEvidence.builder("t").sessionCwd("/home/ada/first").lastCwd("/home/ada/second"))
        .workstreamLabel()).isEqualTo("cwd:ada/second");
    assertThat(attribute(ThreadEvidence.builder("t").recordedGit(new GitFacts(null, "main", null)))
        .workstreamLabel()).isEqualTo("unknown");
  }
}
