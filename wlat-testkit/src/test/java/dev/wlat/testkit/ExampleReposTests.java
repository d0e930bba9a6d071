package dev.wlat.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExampleRepos} writes real, deterministic repositories that agree with the home's truth. */
class ExampleReposTests {
  private static final Path EXAMPLE_HOME = Path.of("..", "examples", "codex-home");
  private static final Path EXAMPLE_TRUTH = Path.of("..", "examples", "codex-home.truth.json");
  private static final Path EXAMPLE_OVERRIDES = Path.of("..", "examples", "attribution_overrides.tsv");

  @TempDir static Path tmp;
  static Path home;
  static GroundTruth truth;
  static Map<Path, byte[]> homeBefore;
  static RepoManifest repos;
  static RepoManifest again;

  @BeforeAll
  static void generate() throws IOException {
    home = tmp.resolve("codex");
    truth = CodexHomeGenerator.generate(HomeSpec.defaults(), home);
    homeBefore = snapshot(home);
    repos = ExampleRepos.write(tmp.resolve("repos"), truth);
    again = ExampleRepos.write(tmp.resolve("elsewhere/other-repos"), truth);
  }

  // ------------------------------------------------------------------------------------------
  // Determinism and the committed example
  // ------------------------------------------------------------------------------------------

  @Test
  void shasAreIdenticalAcrossRunsIntoDifferentDirectories() throws IOException {
    assertThat(again.toJson()).isEqualTo(repos.toJson());
    for (int i = 0; i < repos.repos().size(); i++) {
      assertThat(refs(again.repos().get(i).dir())).isEqualTo(refs(repos.repos().get(i).dir()));
    }
    assertThat(repos.commits()).hasSizeGreaterThan(40).allMatch(c -> c.sha().matches("[0-9a-f]{40}"));
  }

  @Test
  void everyFileButTheIndexesIsIdenticalAcrossRunsUpToTheDirectory() throws IOException {
    Map<Path, byte[]> a = snapshot(repos.dir());
    Map<Path, byte[]> b = snapshot(again.dir());
    assertThat(b.keySet()).isEqualTo(a.keySet());
    for (Map.Entry<Path, byte[]> e : a.entrySet()) {
      if (e.getKey().getFileName().toString().equals("index")) {
        continue; // holds the checkout's file times
      }
      String there = new String(b.get(e.getKey()), StandardCharsets.ISO_8859_1);
      String here = new String(e.getValue(), StandardCharsets.ISO_8859_1);
      assertThat(there.replace(again.dir().toString(), repos.dir().toString())).as(e.getKey().toString())
          .isEqualTo(here);
    }
  }

  @Test
  void manifestJsonIsWrittenBesideTheRepositories() throws IOException {
    Path file = repos.dir().resolve(ExampleRepos.MANIFEST_FILE);
    assertThat(Files.readString(file)).isEqualTo(repos.toJson());
    assertThat(again.dir().resolve(ExampleRepos.MANIFEST_FILE)).hasSameBinaryContentAs(file);
    assertThat(Rollouts.parseOrNull(repos.toJson())).isInstanceOf(Map.class);
  }

  @Test
  void writingReposLeavesTheHomeUnchanged() throws IOException {
    Map<Path, byte[]> after = snapshot(home);
    assertThat(after).containsOnlyKeys(homeBefore.keySet());
    homeBefore.forEach((p, b) -> assertThat(after.get(p)).as(p.toString()).isEqualTo(b));
  }

  @Test
  void defaultHomeIsStillTheCommittedExample() throws IOException {
    assertThat(Files.readString(EXAMPLE_TRUTH)).isEqualTo(truth.toJson());
    Map<Path, byte[]> committed = snapshot(EXAMPLE_HOME);
    assertThat(committed.keySet()).isEqualTo(homeBefore.keySet());
    committed.forEach((p, b) -> {
      if (!p.toString().endsWith(".sqlite")) {
        assertThat(homeBefore.get(p)).as(p.toString()).isEqualTo(b);
      }
    });
  }

  @Test
  void exampleOverridesNameRealThreadsAndCwds() throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(EXAMPLE_OVERRIDES)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        rows.add(line.split("\t", -1));
      }
    }
    assertThat(String.join("\t", rows.get(0)))
        .isEqualTo("match_kind\tmatch_value\tgithub_repo\tworkstream_label\toutcome_type\tnote");
    assertThat(rows.subList(1, rows.size())).hasSizeBetween(2, 3).allSatisfy(r -> {
      assertThat(r).hasSize(6);
      if (r[0].equals("thread_id")) {
        ThreadTruth t = truth.thread(r[1]).orElseThrow();
        assertThat(t.repo()).isEqualTo(r[2]).isEqualTo("acme/web-console");
        assertThat(repos.commitsOf(t.threadId())).isEmpty();
      } else {
        // work outside every repository gets its workstream from an override
        assertThat(r[0]).isEqualTo("path_prefix");
        assertThat(truth.spec().plainDirs()).anyMatch(d -> d.cwd().equals(r[1]));
        assertThat(truth.threads()).anyMatch(t -> t.cwd().equals(r[1]) && t.repo() == null);
        assertThat(r[2]).isEmpty();
      }
    });
  }

  @Test
  void plainDirectoriesGetNoRepositoryAndNoCommits() throws IOException {
    assertThat(truth.spec().plainDirs()).isNotEmpty();
    Set<String> plainThreads = new HashSet<>();
    truth.threads().stream().filter(t -> t.repo() == null).forEach(t -> plainThreads.add(t.threadId()));
    assertThat(plainThreads).isNotEmpty();
    for (HomeSpec.PlainDir d : truth.spec().plainDirs()) {
      assertThat(repos.repos()).noneMatch(r -> r.cwd().equals(d.cwd()));
      assertThat(repos.dir().resolve(Path.of(d.cwd()).getFileName().toString())).doesNotExist();
    }
    assertThat(repos.commits()).noneMatch(c -> plainThreads.contains(c.threadId()));
    assertThat(repos.toJson()).doesNotContain("Downloads").doesNotContain("llm-eval");
    try (Stream<Path> s = Files.list(repos.dir())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("payments-api", "web-console",
          "ledger-core", "notes", "payments-api-hotfix", ExampleRepos.MANIFEST_FILE);
    }
  }

  @Test
  void refusesANonEmptyDirectory() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(d.resolve("keep.txt"), "mine");
    assertThatThrownBy(() -> ExampleRepos.write(d, truth)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("busy");
  }

  // ------------------------------------------------------------------------------------------
  // Repositories
  // ------------------------------------------------------------------------------------------

  @Test
  void everyRepoOpensWithJGitWithItsBranchesCommitsAndACleanTree() throws Exception {
    assertThat(repos.repos()).extracting(r -> r.dir().getFileName().toString())
        .containsExactly("payments-api", "web-console", "ledger-core", "notes");
    for (RepoManifest.Repo m : repos.repos()) {
      try (Repository repo = open(m.dir()); RevWalk rw = new RevWalk(repo)) {
        assertThat(repo.getBranch()).as(m.name()).isEqualTo(m.head());
        assertThat(localBranches(repo)).as(m.name()).containsExactlyInAnyOrderElementsOf(m.branches());
        assertThat(m.branches().get(0)).isEqualTo("main");
        for (RepoManifest.Commit c : m.commits()) {
          RevCommit rc = rw.parseCommit(ObjectId.fromString(c.sha()));
          assertThat(rc.getCommitterIdent().getWhenAsInstant()).isEqualTo(c.time());
          assertThat(rc.getShortMessage()).isEqualTo(c.subject());
          assertThat(rw.isMergedInto(rc, rw.parseCommit(repo.resolve(Constants.R_HEADS + c.branch())))).isTrue();
        }
        try (Git git = Git.wrap(repo)) {
          assertThat(git.status().call().isClean()).as(m.name()).isTrue();
          assertThat(git.log().all().call()).hasSize(m.commits().size());
        }
      }
    }
  }

  @Test
  void originUrlsAreTheSpecsAndOneRepoHasAnUpstream() throws IOException {
    int upstreams = 0;
    for (HomeSpec.Repo spec : truth.spec().repos()) {
      RepoManifest.Repo m = repos.repo(spec.name()).orElseThrow();
      try (Repository repo = open(m.dir())) {
        Set<String> remotes = repo.getConfig().getSubsections("remote");
        if (!spec.hasRemote()) {
          assertThat(remotes).isEmpty();
          assertThat(m.githubRepo()).isNull();
          continue;
        }
        assertThat(repo.getConfig().getString("remote", "origin", "url")).isEqualTo(spec.remoteUrl());
        assertThat(m.githubRepo()).isEqualTo(spec.name());
        assertThat(repo.exactRef(Constants.R_REMOTES + "origin/main").getObjectId())
            .isEqualTo(repo.resolve(Constants.R_HEADS + "main"));
        if (remotes.contains("upstream")) {
          upstreams++;
          String url = repo.getConfig().getString("remote", "upstream", "url");
          assertThat(url).isNotEqualTo(spec.remoteUrl()).contains(spec.name());
          assertThat(m.remotes()).containsEntry("upstream", url);
        }
        assertThat(m.remotes()).containsEntry("origin", spec.remoteUrl());
      }
    }
    assertThat(upstreams).isEqualTo(1);
  }

  @Test
  void threadTrailersNameRealThreadsOfThatRepo() throws IOException {
    for (RepoManifest.Repo m : repos.repos()) {
      int trailers = 0;
      try (Repository repo = open(m.dir()); RevWalk rw = new RevWalk(repo)) {
        for (RepoManifest.Commit c : m.commits()) {
          List<String> footer = rw.parseCommit(ObjectId.fromString(c.sha())).getFooterLines("Codex-Thread");
          if (c.mentionedThreadId() == null) {
            assertThat(footer).isEmpty();
            continue;
          }
          trailers++;
          assertThat(footer).containsExactly(c.mentionedThreadId());
          assertThat(c.mentionedThreadId()).isEqualTo(c.threadId());
          assertThat(truth.thread(c.mentionedThreadId()).orElseThrow().repo()).isEqualTo(m.name());
        }
      }
      assertThat(trailers).as(m.name()).isPositive();
    }
    long withCommits = repos.commits().stream().map(RepoManifest.Commit::threadId).filter(t -> t != null)
        .distinct().count();
    long withTrailer = repos.commits().stream().filter(c -> c.mentionedThreadId() != null).count();
    assertThat(withTrailer).isLessThan(withCommits / 2);
  }

  @Test
  void sessionCommitsFallWithinTheirThreadsSpanPlusAnHour() {
    for (RepoManifest.Repo m : repos.repos()) {
      for (RepoManifest.Commit c : m.commits()) {
        if (c.threadId() == null) {
          assertThat(c.branch()).isEqualTo("main");
          assertThat(c.time()).isBefore(truth.spec().start().atStartOfDay(ZoneOffset.UTC).toInstant());
          continue;
        }
        ThreadTruth t = truth.thread(c.threadId()).orElseThrow();
        assertThat(t.repo()).isEqualTo(m.name());
        assertThat(c.branch()).isEqualTo(t.gitBranch());
        assertThat(c.time()).as(c.sha()).isAfterOrEqualTo(t.createdAt())
            .isBeforeOrEqualTo(t.updatedAt().plus(Duration.ofHours(1)));
      }
    }
  }

  @Test
  void recordedBranchesExistOrAreListedAsMissing() throws IOException {
    int missing = 0;
    for (RepoManifest.Repo m : repos.repos()) {
      Map<String, String> why = new LinkedHashMap<>();
      m.missingBranches().forEach(b -> why.put(b.threadId(), b.branch()));
      try (Repository repo = open(m.dir())) {
        for (ThreadTruth t : truth.threads()) {
          if (!m.name().equals(t.repo()) || t.gitBranch() == null || t.gitBranch().equals("main")) {
            continue;
          }
          boolean exists = repo.exactRef(Constants.R_HEADS + t.gitBranch()) != null;
          assertThat(exists).as(t.threadId() + " " + t.gitBranch()).isEqualTo(!why.containsKey(t.threadId()));
          if (exists) {
            assertThat(repos.commitsOf(t.threadId())).as(t.threadId()).isNotEmpty()
                .allMatch(c -> c.branch().equals(t.gitBranch()));
          } else {
            assertThat(why.get(t.threadId())).isEqualTo(t.gitBranch());
            assertThat(repos.commitsOf(t.threadId())).isEmpty();
            missing++;
          }
        }
      }
    }
    assertThat(missing).isGreaterThanOrEqualTo(3);
    assertThat(repos.repo("acme/payments-api").orElseThrow().missingBranches())
        .anyMatch(b -> b.reason().contains("older"));
    assertThat(repos.commits()).anyMatch(c -> c.threadId() != null && c.branch().equals("main"));
  }

  @Test
  void missingBranchesCarryTheirThreadsSpan() {
    for (RepoManifest.Repo m : repos.repos()) {
      for (RepoManifest.MissingBranch b : m.missingBranches()) {
        ThreadTruth t = truth.thread(b.threadId()).orElseThrow();
        assertThat(b.branch()).isEqualTo(t.gitBranch());
        assertThat(b.createdAt()).isEqualTo(t.createdAt());
        assertThat(b.updatedAt()).isEqualTo(t.updatedAt());
      }
    }
  }

  @Test
  void subjectsAreConventionalAndMatchTheBranchKind() {
    for (RepoManifest.Repo m : repos.repos()) {
      Set<String> firstSeen = new HashSet<>();
      for (RepoManifest.Commit c : m.commits()) {
        assertThat(c.subject()).matches("(feat|fix|docs|test|refactor|chore|ci)(\\([a-z]+\\))?: [a-z0-9].*");
        assertThat(c.paths()).isNotEmpty().allMatch(p -> !p.startsWith("/") && !p.contains(".."));
        ThreadTruth t = c.threadId() == null ? null : truth.thread(c.threadId()).orElseThrow();
        if (t != null && t.kind() == ThreadTruth.Kind.ROOT && !c.branch().equals("main")
            && firstSeen.add(c.branch())) {
          String kind = c.branch().substring(0, c.branch().indexOf('/'));
          assertThat(c.subject()).as(c.branch()).startsWith(kind);
        }
      }
    }
    List<String> subjects = repos.commits().stream().map(RepoManifest.Commit::subject).toList();
    for (String prefix : List.of("feat", "fix", "docs", "test", "refactor", "chore(deps)")) {
      assertThat(subjects).as(prefix).anyMatch(s -> s.startsWith(prefix));
    }
    assertThat(repos.commits()).anyMatch(c -> !c.fixes().isEmpty());
    assertThat(repos.commits()).flatExtracting(RepoManifest.Commit::paths)
        .anyMatch(p -> p.startsWith("src/main/")).anyMatch(p -> p.startsWith("src/test/"))
        .anyMatch(p -> p.startsWith("docs/"));
  }

  @Test
  void fixesAndTrailersAreInTheBodiesAndNoMessageHoldsAnEmail() throws IOException {
    for (RepoManifest.Repo m : repos.repos()) {
      try (Repository repo = open(m.dir()); RevWalk rw = new RevWalk(repo)) {
        for (RepoManifest.Commit c : m.commits()) {
          String msg = rw.parseCommit(ObjectId.fromString(c.sha())).getFullMessage();
          for (int n : c.fixes()) {
            assertThat(msg).contains("\nFixes #" + n + "\n");
          }
          assertThat(msg).doesNotContainPattern("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
          assertThat(c.subject()).doesNotContain("#");
        }
      }
    }
  }

  @Test
  void thePlantedSecretIsInOneCommitBodyAndNowhereElse() throws IOException {
    assertThat(repos.plantedSecrets()).hasSize(1);
    String secret = repos.plantedSecrets().get(0).value();
    int bodies = 0;
    for (RepoManifest.Repo m : repos.repos()) {
      assertThat(String.join(" ", m.branches())).doesNotContain(secret);
      try (Repository repo = open(m.dir()); RevWalk rw = new RevWalk(repo)) {
        for (RepoManifest.Commit c : m.commits()) {
          RevCommit rc = rw.parseCommit(ObjectId.fromString(c.sha()));
          assertThat(rc.getShortMessage()).doesNotContain(secret);
          assertThat(c.paths()).noneMatch(p -> p.contains(secret));
          if (rc.getFullMessage().contains(secret)) {
            bodies++;
          }
          try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rc.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
              String text = new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
              assertThat(text).as(tw.getPathString()).doesNotContain(secret);
            }
          }
        }
      }
    }
    assertThat(bodies).isEqualTo(1);
    for (String s : truth.plantedSecretValues()) {
      assertThat(repos.toJson().replace(secret, "")).doesNotContain(s);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Worktree
  // ------------------------------------------------------------------------------------------

  @Test
  void theWorktreeIsLaidOutAsGitDoesAndJGitOpensIt() throws Exception {
    RepoManifest.Worktree wt = repos.worktree();
    RepoManifest.Repo owner = repos.repo(wt.repo()).orElseThrow();
    assertThat(wt.dir()).isEqualTo(repos.dir().resolve("payments-api-hotfix"));
    Path admin = owner.dir().resolve(".git/worktrees").resolve(wt.name());
    assertThat(wt.dir().resolve(".git")).isRegularFile().hasContent("gitdir: " + admin);
    assertThat(admin.resolve("HEAD")).hasContent("ref: refs/heads/" + wt.branch());
    assertThat(admin.resolve("commondir")).hasContent("../..");
    assertThat(admin.resolve("gitdir")).hasContent(wt.dir().resolve(".git").toString());
    assertThat(wt.branch()).isNotEqualTo(owner.head()).isIn(owner.branches());

    try (Repository repo = new FileRepositoryBuilder().setWorkTree(wt.dir().toFile()).setMustExist(true).build();
        Repository main = open(owner.dir())) {
      assertThat(repo.getBranch()).isEqualTo(wt.branch());
      assertThat(repo.resolve(Constants.HEAD).name()).isEqualTo(wt.headSha());
      assertThat(main.resolve(Constants.R_HEADS + wt.branch()).name()).isEqualTo(wt.headSha());
      assertThat(repo.getCommonDirectory().toPath().toRealPath()).isEqualTo(owner.dir().resolve(".git").toRealPath());
      try (Git git = Git.wrap(repo)) {
        assertThat(git.status().call().isClean()).isTrue();
      }
    }
    try (Repository found = new FileRepositoryBuilder().findGitDir(wt.dir().resolve("src").toFile()).build()) {
      assertThat(found.resolve(Constants.HEAD).name()).isEqualTo(wt.headSha());
    }
  }

  // ------------------------------------------------------------------------------------------
  // Other specs
  // ------------------------------------------------------------------------------------------

  @Test
  void aHomeWithOneLocalRepoGetsARepoAndAWorktree(@TempDir Path dir) throws IOException {
    HomeSpec spec = HomeSpec.builder().days(3).repos(List.of(HomeSpec.Repo.local("solo", "/home/dev/solo")))
        .features().build();
    GroundTruth t = CodexHomeGenerator.generate(spec, dir.resolve("home"));
    RepoManifest m = ExampleRepos.write(dir.resolve("repos"), t);
    assertThat(m.repos()).singleElement().satisfies(r -> {
      assertThat(r.remotes()).isEmpty();
      assertThat(r.branches()).contains("main", m.worktree().branch());
    });
    try (Repository repo = new FileRepositoryBuilder().setWorkTree(m.worktree().dir().toFile()).setMustExist(true)
        .build()) {
      assertThat(repo.resolve(Constants.HEAD).name()).isEqualTo(m.worktree().headSha());
    }
  }

  // ------------------------------------------------------------------------------------------
  // Helpers
  // ------------------------------------------------------------------------------------------

  private static Repository open(Path workTree) throws IOException {
    return new FileRepositoryBuilder().setGitDir(workTree.resolve(".git").toFile()).setMustExist(true).build();
  }

  private static List<String> localBranches(Repository repo) throws IOException {
    List<String> names = new ArrayList<>();
    for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
      names.add(r.getName().substring(Constants.R_HEADS.length()));
    }
    return names;
  }

  private static Map<String, String> refs(Path workTree) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Repository repo = open(workTree)) {
      for (Ref r : repo.getRefDatabase().getRefs()) {
        m.put(r.getName(), r.getObjectId().name());
      }
      m.put(Constants.HEAD, repo.getFullBranch());
    }
    return m;
  }

  private static Map<Path, byte[]> snapshot(Path root) throws IOException {
    Map<Path, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(root.relativize(p), Files.readAllBytes(p));
      }
    }
    return m;
  }
}
