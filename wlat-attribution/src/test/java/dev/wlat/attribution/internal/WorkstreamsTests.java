package dev.wlat.attribution.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.wlat.attribution.LocalRepo;
import dev.wlat.model.GitHubRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class WorkstreamsTests {

  @Test
  void theTopicIsTheBranchWithoutItsKindPrefixes() {
    assertAll(Stream.of(
        topic("feat/login-retry", "login-retry"),
        topic("fix/retry", "retry"),
        topic("codex/fix/retry", "retry"),
        topic("Feature/Big-Thing", "Big-Thing"),
        topic("refs/heads/docs/readme", "readme"),
        topic("alice/experiment-7", "alice/experiment-7"),
        topic("login-retry", "login-retry"),
        topic("fix/", "fix/"),
        topic("main", "main"),
        topic("master", "main"),
        topic("trunk", "main"),
        topic("develop", "main"),
        topic("codex/main", "main"),
        topic(null, "main")));
  }

  @Test
  void linkedWorktreesOfALocalRepoShareTheMainTreesDirectoryName() {
    LocalRepo wt = new LocalRepo(Path.of("/wt/feature-x"), Path.of("/src/tool/.git/worktrees/feature-x"),
        Path.of("/src/tool/.git"), null, Map.of(), List.of(), "feat/x", null);

    assertThat(Workstreams.label(null, wt, "feat/x", Optional.empty())).isEqualTo("local:tool:x");
  }

  @Test
  void labelsPreferTheGitHubRepoThenTheLocalRepoThenTheCwd() {
    LocalRepo r = new LocalRepo(Path.of("/src/api"), Path.of("/src/api/.git"), Path.of("/src/api/.git"), null,
        Map.of(), List.of(), "main", null);
    Optional<Path> cwd = Optional.of(Path.of("/src/api/sub"));

    assertThat(Workstreams.label(new GitHubRepo("acme", "api"), r, "fix/x", cwd)).isEqualTo("acme/api:x");
    assertThat(Workstreams.label(null, r, null, cwd)).isEqualTo("local:api:main");
    assertThat(Workstreams.label(null, null, "fix/x", cwd)).isEqualTo("cwd:api/sub");
    assertThat(Workstreams.label(null, null, null, Optional.of(Path.of("/")))).isEqualTo("cwd:/");
    assertThat(Workstreams.label(null, null, null, Optional.empty())).isEqualTo("unknown");
  }

  private static Executable topic(String branch, String expected) {
    return () -> assertThat(Workstreams.topic(branch)).as(String.valueOf(branch)).isEqualTo(expected);
  }
}
