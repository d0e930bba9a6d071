package dev.wlat.attribution;

import static dev.wlat.attribution.World.API;
import static dev.wlat.attribution.World.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.Attribution;
import dev.wlat.model.Confidence;
import dev.wlat.model.GitFacts;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.OutcomeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per way to each confidence level, over the repositories of {@link World}. */
class ConfidenceLevelsTests {

  private static final String ORIGIN = "git@github.com:acme/api.git";

  @TempDir static Path tmp;
  static World world;
  static Attributor attributor;

  @BeforeAll
  static void setUp() throws IOException {
    world = new World(tmp);
    attributor = world.attributor();
  }

  private static Attribution attribute(ThreadEvidence e) {
    return attributor.attribute(e).attribution();
  }

  private static ThreadEvidence.Builder thread(String id) {
    return ThreadEvidence.builder(id);
  }

  // ---------------------------------------------------------------------------------------------
  // MANUAL
  // ---------------------------------------------------------------------------------------------

  @Test
  void aThreadIdOverrideIsManualAndItsRepoWorkstreamAndOutcomeWin() throws IOException {
    Path f = tmp.resolve("by-thread.tsv");
    Files.writeString(f, "match_kind\tmatch_value\tgithub_repo\tworkstream_label\toutcome_type\tnote\n"
        + "thread_id\tt-manual\tacme/ops\tops:pager\tinfra\tmoved to ops\n");
    Attributor a = Attributor.create(world.index, AttributionOverrides.read(f), world.artifacts);

    Attribution at = a.attribute(thread("t-manual").cwd(world.api.toString())
        .recordedGit(new GitFacts(null, "fix/retry", ORIGIN)).build()).attribution();

    assertThat(at.confidence()).isEqualTo(Confidence.MANUAL);
    assertThat(at.githubRepo()).isEqualTo(new GitHubRepo("acme", "ops"));
    assertThat(at.workstreamLabel()).isEqualTo("ops:pager");
    assertThat(at.outcome()).isEqualTo(OutcomeType.INFRA);
    assertThat(at.method()).startsWith("override_thread_id");
    assertThat(at.repoRoot()).isNull();
    assertThat(at.evidence()).contains("override thread_id on line 2");
  }

  @Test
  void aPathPrefixOverrideIsManualForEveryCwdBelowIt() throws IOException {
    Path f = tmp.resolve("by-path.tsv");
    Files.writeString(f, "match_kind\tmatch_value\tgithub_repo\tworkstream_label\toutcome_type\tnote\n"
        + "path_prefix\t" + world.localOnly + "\tacme/local\t\t\n");
    Attributor a = Attributor.create(world.index, AttributionOverrides.read(f), world.artifacts);

    Attribution at = a.attribute(thread("t-path").cwd(world.localOnly + "/sub/dir").build()).attribution();

    assertThat(at.confidence()).isEqualTo(Confidence.MANUAL);
    assertThat(at.githubRepo()).isEqualTo(new GitHubRepo("acme", "local"));
    assertThat(at.repoRoot()).isEqualTo(world.localOnly.toString());
    assertThat(at.workstreamLabel()).isEqualTo("acme/local:main");
    assertThat(at.method()).isEqualTo("override_path_prefix+cwd");
  }

  @Test
  void anOverrideWithoutARepoKeepsTheEvidencesRepoAndCapsLinksAtTheEvidence() throws IOException {
    Path f = tmp.resolve("workstream-only.tsv");
    Files.writeString(f, "match_kind\tmatch_value\tgithub_repo\tworkstream_label\toutcome_type\tnote\n"
        + "path_prefix\t" + world.api + "\t\tapi-work\t\n");
    Attributor a = Attributor.create(world.index, AttributionOverrides.read(f), world.artifacts);

    ThreadAttribution t = a.attribute(thread("t-ws").cwd(world.api.toString())
        .span(at(0, 10, 50), at(0, 11, 10)).build());

    assertThat(t.attribution().confidence()).isEqualTo(Confidence.MANUAL);
    assertThat(t.attribution().githubRepo()).isEqualTo(API);
    assertThat(t.attribution().workstreamLabel()).isEqualTo("api-work");
    assertThat(t.links()).extracting(OutcomeLink::confidence).containsOnly(Confidence.DERIVED);
  }

  // ---------------------------------------------------------------------------------------------
  // EXACT
  // ---------------------------------------------------------------------------------------------

  @Test
  void aSessionCommitInAPullRequestMakesTheRepoExact() {
    Attribution at = attribute(thread("t-exact").cwd(world.api + "/src")
        .recordedGit(new GitFacts(world.base, "fix/retry", ORIGIN)).span(at(0, 10, 0), at(0, 12, 0)).build());

    assertThat(at.confidence()).isEqualTo(Confidence.EXACT);
    assertThat(at.githubRepo()).isEqualTo(API);
    assertThat(at.repoRoot()).isEqualTo(world.api.toString());
    assertThat(at.branch()).isEqualTo("fix/retry");
    assertThat(at.sha()).isEqualTo(world.base);
    assertThat(at.method()).isEqualTo("cwd+recorded_origin+branch+commit+commit_in_session_in_pull_request");
  }

  @Test
  void aPullRequestMentioningTheThreadMakesACwdOnlyMatchExact() {
    Attribution at = attribute(thread(World.PR_MENTION).cwd(world.api.toString()).build());

    assertThat(at.confidence()).isEqualTo(Confidence.EXACT);
    assertThat(at.method()).isEqualTo("cwd+thread_id_in_pull_request");
  }

  @Test
  void aCommitMentioningTheThreadGivesARepoToAThreadWithNoOtherEvidence() {
    Attribution at = attribute(thread(World.ADOPT).cwd("/scratch/elsewhere/x").build());

    assertThat(at.confidence()).isEqualTo(Confidence.EXACT);
    assertThat(at.githubRepo()).isEqualTo(World.OTHER);
    assertThat(at.method()).isEqualTo("thread_id_in_commit");
    assertThat(at.workstreamLabel()).isEqualTo("acme/other:main");
  }

  @Test
  void aKnownPullRequestNumberInTheBranchMakesTheRepoExact() {
    Attribution at = attribute(thread("t-number").cwd(world.api.toString())
        .recordedGit(new GitFacts(null, "feat/123-login", ORIGIN)).build());

    assertThat(at.confidence()).isEqualTo(Confidence.EXACT);
    assertThat(at.method()).isEqualTo("cwd+recorded_origin+branch+branch_number");
  }

  // ---------------------------------------------------------------------------------------------
  // STRONG
  // ---------------------------------------------------------------------------------------------

  @Test
  void cwdAndRecordedOriginAgreeingAreStrong() {
    Attribution at = attribute(thread("t-strong").cwd(world.api.toString())
        .recordedGit(new GitFacts(null, "main", ORIGIN)).build());

    assertThat(at.confidence()).isEqualTo(Confidence.STRONG);
    assertThat(at.method()).isEqualTo("cwd+recorded_origin");
    assertThat(at.evidence()).contains("branch exists (default, not a signal)");
  }

  @Test
  void originAndBranchFindARepoThatMovedAwayFromTheRecordedCwd() {
    Attribution at = attribute(thread("t-moved").cwd("/old/laptop/path/api-checkout")
        .recordedGit(new GitFacts(null, "fix/retry", "https://github.com/acme/api.git")).build());

    assertThat(at.confidence()).isEqualTo(Confidence.STRONG);
    assertThat(at.method()).isEqualTo("recorded_origin+branch");
    assertThat(at.repoRoot()).as("the worktree with the branch checked out").isEqualTo(world.apiRetry.toString());
    assertThat(at.evidence()).contains("found by origin at " + world.apiRetry);
  }

  @Test
  void cwdAndTheDesktopProcessCwdAgreeingAreStrong() {
    Attribution at = attribute(thread("t-proc").cwd(world.localOnly.toString())
        .processCwd(world.localOnly + "/x").build());

    assertThat(at.confidence()).isEqualTo(Confidence.STRONG);
    assertThat(at.method()).isEqualTo("cwd+process_cwd");
  }

  @Test
  void aRecordedOriginWhoseCommitGitHubHasIsStrongWithoutALocalRepo() {
    Attribution at = attribute(thread("t-gh-commit").cwd("/old/laptop/other")
        .recordedGit(new GitFacts("a".repeat(40), null, "git@github.com:acme/other.git")).build());

    assertThat(at.confidence()).isEqualTo(Confidence.STRONG);
    assertThat(at.method()).isEqualTo("recorded_origin+commit");
    assertThat(at.repoRoot()).isNull();
  }

  // ---------------------------------------------------------------------------------------------
  // DERIVED
  // ---------------------------------------------------------------------------------------------

  @Test
  void aCwdInARepoAloneIsDerived() {
    Attribution at = attribute(thread("t-cwd").cwd(world.localOnly.toString()).build());

    assertThat(at.confidence()).isEqualTo(Confidence.DERIVED);
    assertThat(at.method()).isEqualTo("cwd");
    assertThat(at.githubRepo()).isNull();
    assertThat(at.repoRoot()).isEqualTo(world.localOnly.toString());
  }

  @Test
  void aRecordedGitHubOriginWithNoLocalRepoIsDerivedFromTheUrlAlone() {
    Attribution at = attribute(thread("t-origin").cwd("/old/laptop/remote-only")
        .recordedGit(new GitFacts("1234567890abcdef1234567890abcdef12345678", "feat/thing",
            "https://github.com/acme/remote-only")).build());

    assertThat(at.confidence()).isEqualTo(Confidence.DERIVED);
    assertThat(at.githubRepo()).isEqualTo(World.REMOTE_ONLY);
    assertThat(at.repoRoot()).isNull();
    assertThat(at.method()).isEqualTo("recorded_origin");
    assertThat(at.workstreamLabel()).isEqualTo("acme/remote-only:thing");
  }

  @Test
  void stateDbGitFactsStandInForMissingSessionFacts() {
    Attribution at = attribute(thread("t-statedb").cwd("/old/laptop/remote-only")
        .stateDbGit(new GitFacts(null, null, "https://github.com/acme/remote-only")).build());

    assertThat(at.confidence()).isEqualTo(Confidence.DERIVED);
    assertThat(at.githubRepo()).isEqualTo(World.REMOTE_ONLY);
    assertThat(at.evidence()).startsWith("as-of-session (state db): origin=acme/remote-only;");
  }

  @Test
  void theDesktopProcessCwdAloneIsDerived() {
    Attribution at = attribute(thread("t-proc-only").processCwd(world.api + "/lib").build());

    assertThat(at.confidence()).isEqualTo(Confidence.DERIVED);
    assertThat(at.method()).isEqualTo("process_cwd");
    assertThat(at.githubRepo()).isEqualTo(API);
  }

  // ---------------------------------------------------------------------------------------------
  // WEAK, NONE
  // ---------------------------------------------------------------------------------------------

  @Test
  void aCwdNamedLikeADiscoveredRepoIsWeak() {
    Attribution at = attribute(thread("t-name").cwd("/old/laptop/local-only").build());

    assertThat(at.confidence()).isEqualTo(Confidence.WEAK);
    assertThat(at.method()).isEqualTo("directory_name");
    assertThat(at.repoRoot()).isEqualTo(world.localOnly.toString());
    assertThat(at.workstreamLabel()).isEqualTo("local:local-only:main");
  }

  @Test
  void aCwdNamedLikeAKnownGitHubRepoIsWeak() {
    Attribution at = attribute(thread("t-gh-name").cwd("/old/laptop/remote-only").build());

    assertThat(at.confidence()).isEqualTo(Confidence.WEAK);
    assertThat(at.githubRepo()).isEqualTo(World.REMOTE_ONLY);
    assertThat(at.repoRoot()).isNull();
  }

  @Test
  void aCwdOutsideEveryRepoIsNoneWithACwdWorkstream() throws IOException {
    Attribution at = attribute(thread("t-none").cwd(tmp.resolve("src/notes").toRealPath().toString()).build());

    assertThat(at.confidence()).isEqualTo(Confidence.NONE);
    assertThat(at.githubRepo()).isNull();
    assertThat(at.repoRoot()).isNull();
    assertThat(at.method()).isEqualTo("none");
    assertThat(at.workstreamLabel()).isEqualTo("cwd:src/notes");
    assertThat(at.evidence()).contains("in no discovered repo");
  }

  @Test
  void aThreadWithNothingToGoOnIsNone() {
    ThreadAttribution t = attributor.attribute(thread("t-nothing").build());

    assertThat(t.attribution()).isEqualTo(Attribution.none("t-nothing", "unknown"));
    assertThat(t.links()).isEmpty();
  }

  @Test
  void aNonGitHubOriginWithNoRepoIsNone() {
    Attribution at = attribute(thread("t-gitlab").cwd("/old/laptop/thing")
        .recordedGit(new GitFacts(null, "main", "https://gitlab.com/acme/thing.git")).build());

    assertThat(at.confidence()).isEqualTo(Confidence.NONE);
    assertThat(at.evidence()).contains("origin=https://gitlab.com/acme/thing.git").contains("origin not on GitHub");
  }
}
