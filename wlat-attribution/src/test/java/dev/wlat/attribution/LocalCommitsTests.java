package dev.wlat.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.OutcomeTaxonomy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommitsTests {

  private static final Instant T0 = Instant.parse("2026-10-01T10:00:00Z");
  private static final String THREAD = "019a0f6e-7c2b-7d10-9a55-6f1e2d3c4b5a";

  @TempDir Path tmp;

  private static Instant at(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  @Test
  void commitsAreThoseWithCommitterTimeInAHalfOpenWindow() {
    String before;
    String first;
    String second;
    String atEnd;
    try (GitFixture g = GitFixture.init(tmp.resolve("r"))) {
      before = g.commit("before", at(-1));
      first = g.commit("first", at(0));
      second = g.commit("second", at(1));
      atEnd = g.commit("at the end", at(2));
    }
    RepoIndex index = RepoIndex.discover(List.of(tmp));
    LocalRepo r = index.repos().get(0);

    assertThat(index.commits(r, at(0), at(2))).extracting(LocalCommit::sha).containsExactly(first, second);
    assertThat(index.commits(r, at(-5), at(5))).extracting(LocalCommit::sha)
        .containsExactly(before, first, second, atEnd);
    assertThat(index.commits(r, at(2), at(2))).isEmpty();
  }

  @Test
  void aCommitKeepsItsSubjectMentionsAndOutcomeButNotItsMessage() {
    String message = "Retry login on 502\n\nAsked for in Codex thread " + THREAD + ".\n"
        + "Fixes #12, see #7 and plans/retry.md\n"
        + "Long body that must not be kept.";
    try (GitFixture g = GitFixture.init(tmp.resolve("r"))) {
      g.commit(message, at(0));
    }
    RepoIndex index = RepoIndex.discover(List.of(tmp));

    LocalCommit c = index.commits(index.repos().get(0), at(0), at(1)).get(0);

    assertThat(c.subject()).isEqualTo("Retry login on 502");
    assertThat(c.authorName()).isEqualTo(GitFixture.AUTHOR);
    assertThat(c.committedAt()).isEqualTo(at(0));
    assertThat(c.mentions()).contains("thread:" + THREAD, "closes:12", "ref:7", "plan:plans/retry.md");
    assertThat(c.closesIssues()).containsExactly(12);
    assertThat(c.outcome()).isEqualTo(OutcomeTaxonomy.ofCommitMessage(message));
    assertThat(c.toString()).doesNotContain("must not be kept");
  }

  @Test
  void eachCommitKnowsWhichBranchTipsReachIt() {
    String base;
    String feature;
    String pushed;
    try (GitFixture g = GitFixture.init(tmp.resolve("r"))) {
      g.remote("origin", "git@github.com:acme/api.git");
      base = g.commit("base", at(0));
      g.branch("feat/x");
      feature = g.commit("feature", at(1));
      pushed = g.commit("pushed", at(2));
      g.remoteBranch("origin", "feat/x", pushed);
      g.commit("local only", at(3));
      g.checkout("main");
    }
    RepoIndex index = RepoIndex.discover(List.of(tmp));
    List<LocalCommit> commits = index.commits(index.repos().get(0), at(0), at(9));

    assertThat(commits.get(0).sha()).isEqualTo(base);
    assertThat(commits.get(0).branches()).containsExactly("feat/x", "main", "origin/feat/x");
    assertThat(commits.get(1).sha()).isEqualTo(feature);
    assertThat(commits.get(1).branches()).containsExactly("feat/x", "origin/feat/x");
    assertThat(commits.get(2).sha()).isEqualTo(pushed);
    assertThat(commits.get(3).branches()).containsExactly("feat/x");
  }

  @Test
  void branchContainmentSurvivesCommitterClockSkew() {
    String parent;
    String child;
    try (GitFixture g = GitFixture.init(tmp.resolve("r"))) {
      g.commit("base", at(0));
      g.branch("feat/skew");
      parent = g.commit("made on a machine with a fast clock", at(5));
      child = g.commit("made later on a machine with a slow clock", at(3));
      g.checkout("main");
    }
    RepoIndex index = RepoIndex.discover(List.of(tmp));
    List<LocalCommit> commits = index.commits(index.repos().get(0), at(0), at(9));

    assertThat(commits).filteredOn(c -> c.sha().equals(parent)).singleElement()
        .satisfies(c -> assertThat(c.branches()).containsExactly("feat/skew"));
    assertThat(commits).filteredOn(c -> c.sha().equals(child)).singleElement()
        .satisfies(c -> assertThat(c.branches()).containsExactly("feat/skew"));
  }

  @Test
  void commitsOnlyADetachedWorktreeHeadReachesAreFound() throws IOException {
    String detached;
    Path wt;
    try (GitFixture g = GitFixture.init(tmp.resolve("main"))) {
      g.commit("base", at(0));
      g.branch("scratch");
      detached = g.commit("work on a detached head", at(1));
      g.checkout("main");
      wt = g.linkedWorktree(tmp.resolve("wt"), "wt", "main");
      Files.writeString(tmp.resolve("main/.git/worktrees/wt/HEAD"), detached + "\n");
    }
    Files.delete(tmp.resolve("main/.git/refs/heads/scratch"));
    RepoIndex index = RepoIndex.discover(List.of(tmp));
    LocalRepo tree = index.forCwd(wt.toString()).orElseThrow();

    assertThat(tree.headBranch()).isNull();
    assertThat(tree.headSha()).isEqualTo(detached);
    assertThat(index.commits(tree, at(0), at(9))).extracting(LocalCommit::sha).contains(detached);
    assertThat(index.commits(tree, at(0), at(9))).filteredOn(c -> c.sha().equals(detached)).singleElement()
        .satisfies(c -> assertThat(c.branches()).isEmpty());
  }

  @Test
  void worktreesOfOneRepositoryShareOneHistory() {
    try (GitFixture g = GitFixture.init(tmp.resolve("main"))) {
      g.commit("base", at(0));
      g.branch("feat/x");
      g.commit("on x", at(1));
      g.checkout("main");
      g.linkedWorktree(tmp.resolve("wt"), "wt", "feat/x");
    }
    RepoIndex index = RepoIndex.discover(List.of(tmp));
    LocalRepo main = index.repos().get(0);
    LocalRepo wt = index.repos().get(1);

    assertThat(wt.isLinkedWorktree()).isTrue();
    assertThat(index.commits(wt, at(0), at(9))).isEqualTo(index.commits(main, at(0), at(9))).hasSize(2);
  }

  @Test
  void askingForOlderCommitsLaterWalksFurtherBack() {
    String old;
    String recent;
    try (GitFixture g = GitFixture.init(tmp.resolve("r"))) {
      old = g.commit("old", at(-24 * 200));
      recent = g.commit("recent", at(0));
    }
    RepoIndex index = RepoIndex.discover(List.of(tmp));
    LocalRepo r = index.repos().get(0);

    assertThat(index.commits(r, at(-1), at(1))).extracting(LocalCommit::sha).containsExactly(recent);
    assertThat(index.commits(r, at(-24 * 201), at(1))).extracting(LocalCommit::sha).containsExactly(old, recent);
  }

  @Test
  void commitsAreKnownByFullOrAbbreviatedSha() {
    String sha;
    try (GitFixture g = GitFixture.init(tmp.resolve("r"))) {
      sha = g.commit("one", at(0));
    }
    RepoIndex index = RepoIndex.discover(List.of(tmp));
    LocalRepo r = index.repos().get(0);

    assertThat(index.containsCommit(r, sha)).isTrue();
    assertThat(index.containsCommit(r, sha.substring(0, 7).toUpperCase())).isTrue();
    assertThat(index.containsCommit(r, "0000000000000000000000000000000000000000")).isFalse();
    assertThat(index.containsCommit(r, "main")).isFalse();
    assertThat(index.containsCommit(r, null)).isFalse();
  }

  @Test
  void aHistoryThatCannotBeWalkedGivesNoCommitsAndAProblem() throws IOException {
    try (GitFixture g = GitFixture.init(tmp.resolve("r"))) {
      g.commit("one", at(0));
    }
    RepoIndex index = RepoIndex.discover(List.of(tmp));
    try (Stream<Path> objects = Files.walk(tmp.resolve("r/.git/objects"))) {
      for (Path p : objects.sorted(Comparator.reverseOrder()).filter(Files::isRegularFile).toList()) {
        Files.delete(p);
      }
    }

    assertThat(index.commits(index.repos().get(0), at(-1), at(1))).isEmpty();
    assertThat(index.problems()).singleElement().asString().contains("cannot walk git history");
  }
}
