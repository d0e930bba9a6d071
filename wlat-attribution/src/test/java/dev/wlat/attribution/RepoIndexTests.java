package dev.wlat.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.GitHubRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery over one realistic tree of real repositories:
 *
 * <pre>
 * src/api               origin git@github.com:acme/api.git, upstream; main, feat/login-retry, origin/fix/remote-only
 * src/api/tools/gen     nested repo, https://github.com/acme/gen (no .git)
 * src/api/wt-docs       linked worktree of api on docs/readme, nested in its main tree
 * src/wt-login          linked worktree of api on feat/login-retry
 * src/lib               no remote
 * src/mirror            origin on GitLab, upstream on GitHub
 * src/forked            only a remote called fork, with credentials in its URL
 * src/notes             not a repo
 * src/broken            .git with an unreadable config
 * src/dangling          a .git file pointing to a worktree admin dir that is gone
 * src/node_modules/pkg, src/build/out, src/.cache/repo, src/d1/d2/d3/d4/deep   skipped
 * solo                  a root that is itself a repo, https://github.com/acme/solo.git/
 * </pre>
 */
class RepoIndexTests {

  private static final Instant T = Instant.parse("2026-10-01T10:00:00Z");

  @TempDir static Path tmp;
  static Path src;
  static RepoIndex index;

  @BeforeAll
  static void layOut() throws IOException {
    src = tmp.resolve("src");
    try (GitFixture api = GitFixture.init(src.resolve("api"))) {
      api.remote("origin", "git@github.com:acme/api.git").remote("upstream", "https://github.com/upstream/api");
      String c = api.commit("init", T);
      api.branch("feat/login-retry").checkout("main").branch("docs/readme").checkout("main");
      api.remoteBranch("origin", "fix/remote-only", c);
      api.linkedWorktree(src.resolve("wt-login"), "wt-login", "feat/login-retry");
      api.linkedWorktree(src.resolve("api/wt-docs"), "wt-docs", "docs/readme");
    }
    try (GitFixture gen = GitFixture.init(src.resolve("api/tools/gen"))) {
      gen.remote("origin", "https://github.com/acme/gen").commit("init", T);
    }
    try (GitFixture lib = GitFixture.init(src.resolve("lib"))) {
      lib.commit("init", T);
    }
    try (GitFixture mirror = GitFixture.init(src.resolve("mirror"))) {
      mirror.remote("origin", "git@gitlab.com:acme/mirror.git").remote("upstream", "https://github.com/acme/mirror");
    }
    try (GitFixture forked = GitFixture.init(src.resolve("forked"))) {
      forked.remote("fork", "https://bob:ghp_PLANTED0000000000@github.com/bob/forked.git");
    }
    Files.createDirectories(src.resolve("notes"));
    Files.writeString(src.resolve("notes/todo.md"), "- nothing\n");
    GitFixture.write(src.resolve("broken/.git/config"), "[[[ not a config\n");
    Files.createDirectories(src.resolve("broken/.git/objects"));
    Files.createDirectories(src.resolve("broken/.git/refs"));
    GitFixture.write(src.resolve("dangling/.git"), "gitdir: " + tmp.resolve("gone/.git/worktrees/dangling") + "\n");
    GitFixture.write(src.resolve("broken/.git/HEAD"), "ref: refs/heads/main\n");
    for (String skipped : List.of("node_modules/pkg", "build/out", ".cache/repo", "d1/d2/d3/d4/deep")) {
      GitFixture.init(src.resolve(skipped)).close();
    }
    try (GitFixture solo = GitFixture.init(tmp.resolve("solo"))) {
      solo.remote("origin", "https://github.com/acme/solo.git/").commit("init", T);
    }
    index = RepoIndex.discover(List.of(src, tmp.resolve("solo"), tmp.resolve("missing")));
  }

  private static Path real(String relative) throws IOException {
    return tmp.resolve(relative).toRealPath();
  }

  private static LocalRepo repo(String relative) throws IOException {
    Path root = real(relative);
    return index.repos().stream().filter(r -> r.root().equals(root)).findFirst().orElseThrow();
  }

  @Test
  void findsReposUnderARootAndARootThatIsItselfARepo() throws IOException {
    assertThat(index.repos()).extracting(LocalRepo::root).containsExactlyInAnyOrder(
        real("src/api"), real("src/api/tools/gen"), real("src/api/wt-docs"), real("src/wt-login"),
        real("src/lib"), real("src/mirror"), real("src/forked"), real("solo"));
  }

  @Test
  void neverDescendsIntoDependencyBuildHiddenOrTooDeepDirectories() {
    assertThat(index.repos()).extracting(r -> r.root().toString())
        .noneMatch(p -> p.contains("node_modules") || p.contains("build") || p.contains(".cache")
            || p.contains("deep"));
  }

  @Test
  void aBrokenRepoOrMissingRootIsSkippedWithAProblemAndNothingThrows() throws IOException {
    Path broken = real("src/broken");
    assertThat(index.repos()).extracting(LocalRepo::root).doesNotContain(broken);
    assertThat(index.problems()).anyMatch(p -> p.startsWith(broken + ": cannot read git repository"));
    assertThat(index.problems()).anyMatch(p -> p.startsWith(broken.resolveSibling("dangling") + ": cannot read"));
    assertThat(index.problems()).anyMatch(p -> p.startsWith("repo root " + tmp.resolve("missing")));
    assertThat(index.problems()).allMatch(p -> !p.contains("\n"));
  }

  @Test
  void aNonRepoDirectoryIsNotARepo() throws IOException {
    assertThat(index.forCwd(real("src/notes").toString())).isEmpty();
  }

  @Test
  void aLinkedWorktreeIsItsOwnRootSharingItsMainRepository() throws IOException {
    LocalRepo wt = repo("src/wt-login");
    LocalRepo api = repo("src/api");

    assertThat(wt.isLinkedWorktree()).isTrue();
    assertThat(api.isLinkedWorktree()).isFalse();
    assertThat(wt.commonDir()).isEqualTo(api.gitDir()).isEqualTo(real("src/api/.git"));
    assertThat(wt.gitDir()).isEqualTo(real("src/api/.git/worktrees/wt-login"));
    assertThat(wt.mainRoot()).isEqualTo(api.root());
    assertThat(wt.headBranch()).isEqualTo("feat/login-retry");
    assertThat(api.headBranch()).isEqualTo("main");
    assertThat(wt.githubRepo()).isEqualTo(new GitHubRepo("acme", "api"));
    assertThat(wt.branches()).isEqualTo(api.branches());
  }

  @Test
  void jgitOpensAHandMadeWorktreeLikeGitDoes() throws IOException {
    try (Repository r = new FileRepositoryBuilder().setWorkTree(tmp.resolve("src/wt-login").toFile())
        .setMustExist(true).build()) {
      assertThat(r.getFullBranch()).isEqualTo("refs/heads/feat/login-retry");
      assertThat(r.getCommonDirectory().toPath().toRealPath()).isEqualTo(real("src/api/.git"));
      assertThat(r.resolve("HEAD")).isNotNull();
    }
  }

  @Test
  void theLongestContainingRootWinsComponentWise() throws IOException {
    assertThat(root(real("src/api") + "/src/main")).contains(real("src/api"));
    assertThat(root(real("src/api").toString())).contains(real("src/api"));
    assertThat(root(real("src/api/tools/gen") + "/lib")).contains(real("src/api/tools/gen"));
    assertThat(root(real("src/api/tools") + "/other")).contains(real("src/api"));
    assertThat(root(real("src/api/wt-docs") + "/docs")).contains(real("src/api/wt-docs"));
    assertThat(root(real("src") + "/apix/src")).isEmpty();
    assertThat(root(real("src") + "/api/../lib/x")).contains(real("src/lib"));
  }

  @Test
  void aCwdThroughASymbolicLinkFindsTheRealRoot() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("link-to-api"), src.resolve("api"));

    assertThat(root(link + "/src")).contains(real("src/api"));
  }

  @Test
  void relativeBlankOrMissingCwdsMatchNothing() {
    assertThat(index.forCwd("src/api")).isEmpty();
    assertThat(index.forCwd("  ")).isEmpty();
    assertThat(index.forCwd(null)).isEmpty();
    assertThat(index.forCwd("/nowhere/at/all")).isEmpty();
  }

  @Test
  void theGitHubRepoComesFromOriginThenUpstreamThenAnyGitHubRemote() throws IOException {
    assertThat(repo("src/api").githubRepo()).isEqualTo(new GitHubRepo("acme", "api"));
    assertThat(repo("src/mirror").githubRepo()).isEqualTo(new GitHubRepo("acme", "mirror"));
    assertThat(repo("src/forked").githubRepo()).isEqualTo(new GitHubRepo("bob", "forked"));
    assertThat(repo("solo").githubRepo()).isEqualTo(new GitHubRepo("acme", "solo"));
    assertThat(repo("src/api/tools/gen").githubRepo()).isEqualTo(new GitHubRepo("acme", "gen"));
    assertThat(repo("src/lib").githubRepo()).isNull();
    assertThat(repo("src/lib").remoteUrls()).isEmpty();
  }

  @Test
  void remoteUrlsAreKeptWithoutCredentials() throws IOException {
    assertThat(repo("src/forked").remoteUrls()).containsExactly(
        java.util.Map.entry("fork", "https://github.com/bob/forked.git"));
    assertThat(index.repos().toString()).doesNotContain("ghp_PLANTED");
  }

  @Test
  void branchesAreLocalAndRemoteTrackingShortNames() throws IOException {
    LocalRepo api = repo("src/api");

    assertThat(api.branches()).containsExactly("docs/readme", "feat/login-retry", "main", "origin/fix/remote-only");
    assertThat(api.hasBranch("fix/remote-only")).isTrue();
    assertThat(api.hasBranch("feat/login-retry")).isTrue();
    assertThat(api.hasBranch("remote-only")).isFalse();
    assertThat(api.hasBranch("fix/other")).isFalse();
  }

  @Test
  void reposAreFoundByGitHubRepoAndByDirectoryName() throws IOException {
    assertThat(index.byGitHubRepo(new GitHubRepo("Acme", "API"))).extracting(LocalRepo::root)
        .containsExactly(real("src/api"), real("src/api/wt-docs"), real("src/wt-login"));
    assertThat(index.byDirectoryName("LIB")).extracting(LocalRepo::root).containsExactly(real("src/lib"));
    assertThat(index.byDirectoryName("api")).extracting(LocalRepo::root)
        .containsExactly(real("src/api"), real("src/api/wt-docs"), real("src/wt-login"));
    assertThat(index.byDirectoryName("nothing")).isEmpty();
  }

  @Test
  void anEmptyIndexKnowsNothing() {
    assertThat(RepoIndex.empty().repos()).isEmpty();
    assertThat(RepoIndex.empty().forCwd("/src/api")).isEmpty();
    assertThat(RepoIndex.discover(List.of()).repos()).isEmpty();
  }

  private static Optional<Path> root(String cwd) {
    return index.forCwd(cwd).map(LocalRepo::root);
  }
}
