package dev.wlat.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.Confidence;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository without a GitHub remote carries no links, but a commit naming the thread still proves the
 * repo; and what a thread's attribution says is secret-free whatever its branch is called.
 */
class LocalOnlyRepoTests {

  private static final String THREAD = "019a0f6e-7c2b-7d10-9a55-0000000000aa";
  private static final Instant START = Instant.parse("2026-10-01T10:00:00Z");

  @TempDir Path tmp;

  @Test
  void aCommitNamingTheThreadInARepoWithoutRemoteMakesItExactWithoutLinks() {
    Path repo = tmp.resolve("notes");
    try (GitFixture git = GitFixture.init(repo)) {
      git.commit("docs: first notes", START.minusSeconds(86_400));
      git.commit("docs: research notes\n\nCodex-Thread: " + THREAD, START.plusSeconds(600));
    }
    Attributor attributor = Attributor.create(RepoIndex.discover(List.of(tmp)), AttributionOverrides.EMPTY, List.of());

    ThreadAttribution a = attributor.attribute(ThreadEvidence.builder(THREAD).cwd(repo.toString())
        .span(START, START.plusSeconds(1200)).build());

    assertThat(a.attribution().confidence()).isEqualTo(Confidence.EXACT);
    assertThat(a.attribution().method()).isEqualTo("cwd+thread_id_in_commit");
    assertThat(a.attribution().githubRepo()).isNull();
    assertThat(a.links()).isEmpty();
  }

  @Test
  void withoutSuchACommitTheCwdAloneStaysDerived() {
    Path repo = tmp.resolve("notes");
    try (GitFixture git = GitFixture.init(repo)) {
      git.commit("docs: research notes", START.plusSeconds(600));
    }
    Attributor attributor = Attributor.create(RepoIndex.discover(List.of(tmp)), AttributionOverrides.EMPTY, List.of());

    ThreadAttribution a = attributor.attribute(ThreadEvidence.builder(THREAD).cwd(repo.toString())
        .span(START, START.plusSeconds(1200)).build());

    assertThat(a.attribution().confidence()).isEqualTo(Confidence.DERIVED);
    assertThat(a.attribution().method()).isEqualTo("cwd");
  }

  @Test
  void aSecretInTheRecordedBranchNeverReachesTheWorkstreamOrEvidence() {
    String token = "ghp_" + "Z".repeat(36);
    Path repo = tmp.resolve("notes");
    try (GitFixture git = GitFixture.init(repo)) {
      git.commit("docs: research notes", START.plusSeconds(600));
    }
    Attributor attributor = Attributor.create(RepoIndex.discover(List.of(tmp)), AttributionOverrides.EMPTY, List.of());

    ThreadAttribution a = attributor.attribute(ThreadEvidence.builder(THREAD).cwd(repo.toString())
        .recordedGit(new dev.wlat.model.GitFacts(null, "fix/" + token, null))
        .span(START, START.plusSeconds(1200)).build());

    assertThat(a.attribution().workstreamLabel()).doesNotContain(token).contains("[redacted:github_token]");
    assertThat(a.attribution().evidence()).doesNotContain(token);
  }
}
