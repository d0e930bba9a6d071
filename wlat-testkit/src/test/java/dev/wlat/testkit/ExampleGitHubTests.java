package dev.wlat.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.testkit.GitHubManifest.IssueState;
import dev.wlat.testkit.GitHubManifest.PullSource;
import dev.wlat.testkit.GitHubManifest.PullState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExampleGitHub} records deterministic, GitHub-shaped responses that agree with the repositories. */
class ExampleGitHubTests {

  @TempDir static Path tmp;
  static GroundTruth truth;
  static RepoManifest repos;
  static GitHubManifest github;
  static Path ghDir;
  static Path otherGhDir;

  @BeforeAll
  static void generate() throws IOException {
    truth = CodexHomeGenerator.generate(HomeSpec.defaults(), tmp.resolve("codex"));
    repos = ExampleRepos.write(tmp.resolve("repos"), truth);
    ghDir = tmp.resolve("github");
    github = ExampleGitHub.write(ghDir, repos);
    RepoManifest elsewhere = ExampleRepos.write(tmp.resolve("elsewhere/repos"), truth);
    otherGhDir = tmp.resolve("elsewhere/other-github");
    ExampleGitHub.write(otherGhDir, elsewhere);
  }

  // ------------------------------------------------------------------------------------------
  // Determinism and layout
  // ------------------------------------------------------------------------------------------

  @Test
  void everyFileIsByteIdenticalAcrossRunsIntoDifferentDirectories() throws IOException {
    Map<String, byte[]> one = snapshot(ghDir);
    Map<String, byte[]> two = snapshot(otherGhDir);
    assertThat(one).containsKeys("gh", ExampleGitHub.MANIFEST_FILE, "responses/repos_acme_payments-api_pulls.json");
    assertThat(two.keySet()).isEqualTo(one.keySet());
    one.forEach((p, b) -> assertThat(two.get(p)).as(p).isEqualTo(b));
  }

  @Test
  void manifestJsonIsWrittenBesideTheResponsesAndHoldsNoPath() throws IOException {
    String json = Files.readString(ghDir.resolve(ExampleGitHub.MANIFEST_FILE));
    assertThat(json).isEqualTo(github.toJson()).doesNotContain(tmp.toString());
    assertThat(Rollouts.parseOrNull(json)).isInstanceOf(Map.class);
  }

  @Test
  void everyGitHubRepositoryHasEveryEndpointTheCollectorAsksAndTheLocalRepoNone() throws IOException {
    assertThat(github.repos()).extracting(GitHubManifest.Repo::slug)
        .containsExactly("acme/payments-api", "acme/web-console", "widgets-inc/ledger-core");
    Set<String> expected = new TreeSet<>();
    for (GitHubManifest.Repo r : github.repos()) {
      String key = "repos_" + r.slug().replace('/', '_');
      for (String e : List.of("commits", "pulls", "issues", "releases", "tags")) {
        expected.add(key + "_" + e + ".json");
      }
      for (GitHubManifest.Pull p : r.pulls()) {
        expected.add(key + "_pulls_" + p.number() + "_commits.json");
        expected.add(key + "_pulls_" + p.number() + "_files.json");
      }
    }
    try (Stream<Path> s = Files.list(ghDir.resolve("responses"))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactlyElementsOf(expected);
    }
    assertThat(String.join("\n", expected)).doesNotContain("notes");
  }

  @Test
  void refusesANonEmptyDirectory() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(d.resolve("keep.txt"), "mine");
    assertThatThrownBy(() -> ExampleGitHub.write(d, repos)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("busy");
  }

  @Test
  void everyResponseParsesAsArraysOfObjectsWithTheFieldsTheCollectorReads() throws IOException {
    for (GitHubManifest.Repo r : github.repos()) {
      for (Map<String, Object> c : items(r.slug() + "/commits")) {
        assertThat(c.get("sha")).asString().matches("[0-9a-f]{40}");
        assertThat(Rollouts.obj(c, "commit")).containsKeys("message", "author", "committer");
        assertThat(Instant.parse((String) Rollouts.obj(Rollouts.obj(c, "commit"), "committer").get("date")))
            .isNotNull();
        assertThat(Rollouts.obj(c, "author")).containsKey("login");
        assertThat(c.get("html_url")).asString().startsWith("https://github.com/" + r.slug() + "/commit/");
      }
      for (Map<String, Object> p : items(r.slug() + "/pulls")) {
        assertThat(p).containsKeys("number", "title", "body", "state", "merged_at", "closed_at", "created_at",
            "updated_at", "user", "head", "merge_commit_sha", "labels", "html_url");
        assertThat(Rollouts.obj(p, "head")).containsKeys("ref", "sha");
        assertThat(Rollouts.obj(p, "base")).containsEntry("ref", "main");
        for (Map<String, Object> f : items(r.slug() + "/pulls/" + p.get("number") + "/files")) {
          assertThat(f).containsKeys("filename", "additions", "deletions", "status", "sha");
        }
      }
      for (Map<String, Object> i : items(r.slug() + "/issues")) {
        assertThat(i).containsKeys("number", "title", "body", "state", "created_at", "updated_at", "closed_at",
            "user", "labels", "html_url");
      }
      for (Map<String, Object> rel : items(r.slug() + "/releases")) {
        assertThat(rel).containsEntry("draft", false).containsEntry("target_commitish", "main")
            .containsKeys("tag_name", "name", "body", "published_at", "author", "html_url");
      }
      for (Map<String, Object> t : items(r.slug() + "/tags")) {
        assertThat(t).containsKey("name");
        assertThat(Rollouts.obj(t, "commit")).containsKey("sha");
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Commits
  // ------------------------------------------------------------------------------------------

  @Test
  void commitsListEveryLocalCommitNewestFirstWithTheRepositorysMessageButNoPlantedSecret() throws IOException {
    Set<String> secrets = new HashSet<>();
    repos.plantedSecrets().forEach(s -> secrets.add(s.value()));
    int withoutSecret = 0;
    for (GitHubManifest.Repo r : github.repos()) {
      RepoManifest.Repo local = repos.repo(r.slug()).orElseThrow();
      List<Map<String, Object>> commits = items(r.slug() + "/commits");
      assertThat(commits).extracting(c -> (String) c.get("sha")).containsExactlyElementsOf(r.commitShas());
      Set<String> localShas = new HashSet<>();
      local.commits().forEach(c -> localShas.add(c.sha()));
      assertThat(r.commitShas()).containsAll(localShas);
      List<Instant> times = commits.stream().map(c -> Instant.parse((String) Rollouts.obj(Rollouts.obj(c, "commit"),
          "committer").get("date"))).toList();
      for (int i = 1; i < times.size(); i++) {
        assertThat(times.get(i)).isBeforeOrEqualTo(times.get(i - 1));
      }
      try (Repository repo = open(local.dir()); RevWalk rw = new RevWalk(repo)) {
        for (Map<String, Object> c : commits) {
          String sha = (String) c.get("sha");
          String message = (String) Rollouts.obj(c, "commit").get("message");
          if (!localShas.contains(sha)) {
            continue; // the remote pull request's, below
          }
          String full = rw.parseCommit(ObjectId.fromString(sha)).getFullMessage();
          if (secrets.stream().anyMatch(full::contains)) {
            withoutSecret++;
            List<String> kept = new ArrayList<>();
            for (String para : full.split("\n\n")) {
              if (secrets.stream().noneMatch(para::contains)) {
                kept.add(para);
              }
            }
            assertThat(kept).isNotEmpty(); // the subject, and any paragraph but the secret's
            assertThat(message).isEqualTo(String.join("\n\n", kept).stripTrailing());
          } else {
            assertThat(message).isEqualTo(full.stripTrailing());
          }
        }
      }
    }
    assertThat(withoutSecret).isEqualTo(1);
  }

  // ------------------------------------------------------------------------------------------
  // Pull requests
  // ------------------------------------------------------------------------------------------

  @Test
  void sessionPullRequestsHoldTheRealCommitsOfTheirBranch() throws IOException {
    List<GitHubManifest.Pull> session = github.pulls().stream().filter(p -> p.source() == PullSource.SESSION).toList();
    assertThat(session).hasSizeGreaterThanOrEqualTo(10);
    for (GitHubManifest.Repo r : github.repos()) {
      RepoManifest.Repo local = repos.repo(r.slug()).orElseThrow();
      Map<Long, Map<String, Object>> listed = byNumber(items(r.slug() + "/pulls"));
      for (GitHubManifest.Pull p : r.pulls()) {
        Map<String, Object> json = listed.get((long) p.number());
        assertThat(Rollouts.obj(json, "head")).containsEntry("ref", p.branch()).containsEntry("sha", p.headSha());
        List<String> served = items(r.slug() + "/pulls/" + p.number() + "/commits").stream()
            .map(c -> (String) c.get("sha")).toList();
        assertThat(served).containsExactlyElementsOf(p.commitShas());
        if (p.source() != PullSource.SESSION) {
          continue;
        }
        List<RepoManifest.Commit> onBranch = local.commitsOn(p.branch());
        assertThat(p.commitShas()).containsExactlyElementsOf(onBranch.stream().map(RepoManifest.Commit::sha).toList());
        assertThat(p.headSha()).isEqualTo(onBranch.get(onBranch.size() - 1).sha());
        assertThat(p.createdAt()).isBefore(onBranch.get(0).time())
            .isAfter(onBranch.get(0).time().minus(Duration.ofMinutes(16)));
        Set<String> threads = new LinkedHashSet<>(onBranch.stream().map(RepoManifest.Commit::threadId).toList());
        assertThat(p.threadIds()).isNotEmpty().containsExactlyElementsOf(threads);
        if (p.closedAt() != null) {
          assertThat(p.closedAt()).isAfter(onBranch.get(onBranch.size() - 1).time());
        }
        Set<String> paths = new TreeSet<>();
        onBranch.forEach(c -> paths.addAll(c.paths()));
        List<Map<String, Object>> files = items(r.slug() + "/pulls/" + p.number() + "/files");
        assertThat(files).extracting(f -> (String) f.get("filename")).containsExactlyElementsOf(paths);
        assertThat(files).allSatisfy(f -> assertThat((Long) f.get("additions")).isPositive());
      }
    }
  }

  @Test
  void fatesAreOneClosedOneOrTwoOpenAndAMergedOnePerRepository() {
    List<GitHubManifest.Pull> worked = github.pulls().stream().filter(p -> p.source() != PullSource.BOT).toList();
    assertThat(worked).filteredOn(p -> p.state() == PullState.CLOSED).hasSize(1)
        .allSatisfy(p -> assertThat(p.fixes()).isEmpty());
    assertThat(worked).filteredOn(p -> p.state() == PullState.OPEN).hasSizeBetween(1, 2);
    assertThat(worked).filteredOn(p -> p.state() == PullState.MERGED).hasSizeGreaterThan(worked.size() / 2);
    for (GitHubManifest.Repo r : github.repos()) {
      assertThat(r.pulls()).as(r.slug()).anyMatch(p -> p.state() == PullState.MERGED);
      assertThat(r.pulls()).filteredOn(p -> p.source() == PullSource.BOT).hasSize(1)
          .allSatisfy(p -> assertThat(p.state()).isEqualTo(PullState.OPEN));
    }
    for (GitHubManifest.Pull p : github.pulls()) {
      assertThat(p.mergeCommitSha()).matches("[0-9a-f]{40}");
      assertThat(repos.commit(p.mergeCommitSha())).isEmpty();
    }
  }

  @Test
  void mergedStateShowsInTheListAsGitHubSendsIt() throws IOException {
    for (GitHubManifest.Repo r : github.repos()) {
      Map<Long, Map<String, Object>> listed = byNumber(items(r.slug() + "/pulls"));
      for (GitHubManifest.Pull p : r.pulls()) {
        Map<String, Object> json = listed.get((long) p.number());
        assertThat(json.get("state")).isEqualTo(p.state() == PullState.OPEN ? "open" : "closed");
        assertThat(json.get("merged_at")).isEqualTo(p.state() == PullState.MERGED ? p.closedAt().toString() : null);
        assertThat(json.get("closed_at")).isEqualTo(p.closedAt() == null ? null : p.closedAt().toString());
        assertThat(Rollouts.obj(json, "user")).containsEntry("login", p.author());
      }
      List<Instant> updated = items(r.slug() + "/pulls").stream().map(p -> Instant.parse((String) p.get("updated_at")))
          .toList();
      for (int i = 1; i < updated.size(); i++) {
        assertThat(updated.get(i)).isBeforeOrEqualTo(updated.get(i - 1)); // sort=updated&direction=desc
      }
    }
  }

  @Test
  void oneBodyNamesAThreadThatWorkedOnItsBranch() throws IOException {
    List<GitHubManifest.Pull> naming = github.pulls().stream().filter(p -> p.mentionedThreadId() != null).toList();
    assertThat(naming).hasSize(1);
    GitHubManifest.Pull p = naming.get(0);
    assertThat(p.threadIds()).contains(p.mentionedThreadId());
    assertThat(p.state()).isEqualTo(PullState.MERGED);
    Map<String, Object> json = byNumber(items("acme/payments-api/pulls")).get((long) p.number());
    assertThat((String) json.get("body")).contains("Codex-Thread: " + p.mentionedThreadId());
  }

  @Test
  void theRemotePullRequestIsFromABranchNeverCreatedLocallyAndOpenDuringItsSession() throws IOException {
    List<GitHubManifest.Pull> remote = github.pulls().stream().filter(p -> p.source() == PullSource.REMOTE).toList();
    assertThat(remote).hasSize(1);
    GitHubManifest.Pull p = remote.get(0);
    GitHubManifest.Repo r = github.repos().stream().filter(x -> x.pulls().contains(p)).findFirst().orElseThrow();
    RepoManifest.Repo local = repos.repo(r.slug()).orElseThrow();
    assertThat(local.branches()).doesNotContain(p.branch());
    assertThat(local.missingBranches()).anyMatch(m -> m.branch().equals(p.branch()));
    assertThat(p.state()).isEqualTo(PullState.MERGED);
    assertThat(p.fixes()).hasSize(1);
    assertThat(p.commitShas()).hasSize(2).allSatisfy(sha -> assertThat(repos.commit(sha)).isEmpty());
    assertThat(r.commitShas()).containsAll(p.commitShas()); // merged, so on main
    List<Map<String, Object>> commits = items(r.slug() + "/pulls/" + p.number() + "/commits");
    Instant lastCommit = Instant.parse((String) Rollouts.obj(Rollouts.obj(commits.get(1), "commit"), "committer")
        .get("date"));
    for (ThreadTruth t : truth.threads()) {
      if (t.kind() != ThreadTruth.Kind.LEGACY) {
        assertThat(lastCommit).as("made before every session").isBefore(t.createdAt());
      }
    }
    assertThat(p.threadIds()).isNotEmpty();
    for (String id : p.threadIds()) {
      ThreadTruth t = truth.thread(id).orElseThrow();
      assertThat(t.gitBranch()).isEqualTo(p.branch());
      assertThat(p.createdAt()).isBefore(t.createdAt());
      assertThat(p.closedAt()).isAfter(t.updatedAt().plus(Duration.ofHours(2)));
    }
  }

  @Test
  void theBotsPullRequestsHoldACommitNoRepositoryOrListHas() throws IOException {
    for (GitHubManifest.Repo r : github.repos()) {
      for (GitHubManifest.Pull p : r.pulls()) {
        if (p.source() == PullSource.BOT) {
          assertThat(p.author()).isEqualTo("dependabot[bot]");
          assertThat(p.branch()).startsWith("dependabot/");
          assertThat(p.threadIds()).isEmpty();
          assertThat(p.commitShas()).containsExactly(p.headSha());
          assertThat(repos.commit(p.headSha())).isEmpty();
          assertThat(r.commitShas()).doesNotContain(p.headSha());
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Numbers, issues, releases
  // ------------------------------------------------------------------------------------------

  @Test
  void issuesAndPullRequestsShareOneSeriesNumberedInOrderOfCreation() throws IOException {
    for (GitHubManifest.Repo r : github.repos()) {
      TreeMap<Integer, Instant> created = new TreeMap<>();
      r.issues().forEach(i -> assertThat(created.put(i.number(), i.createdAt())).as("#" + i.number()).isNull());
      r.pulls().forEach(p -> assertThat(created.put(p.number(), p.createdAt())).as("#" + p.number()).isNull());
      Instant previous = Instant.MIN;
      for (Map.Entry<Integer, Instant> e : created.entrySet()) {
        assertThat(e.getValue()).as(r.slug() + "#" + e.getKey()).isAfter(previous);
        previous = e.getValue();
      }
      assertThat(r.pulls()).allSatisfy(p -> assertThat(p.number()).isGreaterThanOrEqualTo(101));
      // the issues list shows pull requests too, with a pull_request key, as GitHub does
      List<Map<String, Object>> listed = items(r.slug() + "/issues");
      assertThat(listed).hasSize(r.issues().size() + r.pulls().size());
      for (Map<String, Object> i : listed) {
        int n = ((Long) i.get("number")).intValue();
        boolean pull = r.pulls().stream().anyMatch(p -> p.number() == n);
        assertThat(i.containsKey("pull_request")).as("#" + n).isEqualTo(pull);
      }
    }
  }

  @Test
  void everyFixedNumberIsAnIssueClosedExactlyWhenItsFixLanded() throws IOException {
    for (GitHubManifest.Repo r : github.repos()) {
      Map<Long, Map<String, Object>> listed = byNumber(items(r.slug() + "/issues"));
      Set<Integer> fixed = new TreeSet<>();
      repos.repo(r.slug()).orElseThrow().commits().forEach(c -> fixed.addAll(c.fixes()));
      r.pulls().forEach(p -> fixed.addAll(p.fixes()));
      for (int n : fixed) {
        GitHubManifest.Issue issue = r.issue(n).orElseThrow(() -> new AssertionError(r.slug() + "#" + n));
        List<GitHubManifest.Pull> mergedFixes = r.pulls().stream()
            .filter(p -> p.state() == PullState.MERGED && p.fixes().contains(n)).toList();
        boolean onMain = repos.repo(r.slug()).orElseThrow().commitsOn("main").stream()
            .anyMatch(c -> c.fixes().contains(n));
        assertThat(issue.state()).as(r.slug() + "#" + n)
            .isEqualTo(mergedFixes.isEmpty() && !onMain ? IssueState.OPEN : IssueState.CLOSED);
        if (issue.closedByPull() != null) {
          GitHubManifest.Pull by = r.pulls().stream().filter(p -> p.number() == issue.closedByPull()).findFirst()
              .orElseThrow();
          assertThat(by.state()).isEqualTo(PullState.MERGED);
          assertThat(by.fixes()).contains(n);
          assertThat(issue.closedAt()).isEqualTo(by.closedAt());
          assertThat((String) byNumber(items(r.slug() + "/pulls")).get((long) by.number()).get("body"))
              .contains("Fixes #" + n);
        } else if (issue.closedByCommit() != null) {
          RepoManifest.Commit c = repos.commit(issue.closedByCommit()).orElseThrow();
          assertThat(c.branch()).isEqualTo("main");
          assertThat(c.fixes()).contains(n);
          assertThat(issue.closedAt()).isAfter(c.time()).isBefore(c.time().plus(Duration.ofMinutes(5)));
        }
        Map<String, Object> json = listed.get((long) n);
        assertThat(json.get("state")).isEqualTo(issue.state() == IssueState.OPEN ? "open" : "closed");
        assertThat(json.get("state_reason")).isEqualTo(issue.state() == IssueState.OPEN ? null : "completed");
      }
      assertThat(r.issues()).filteredOn(i -> !fixed.contains(i.number())).isNotEmpty()
          .allSatisfy(i -> assertThat(i.state()).isEqualTo(IssueState.OPEN));
    }
    assertThat(github.repos().stream().flatMap(r -> r.issues().stream()))
        .anyMatch(i -> i.closedByPull() != null).anyMatch(i -> i.closedByCommit() != null);
  }

  @Test
  void releasesFollowMergesAndTheirTagsPointAtCommitsOfMain() throws IOException {
    for (GitHubManifest.Repo r : github.repos()) {
      assertThat(r.releases()).as(r.slug()).hasSizeBetween(1, 2);
      RepoManifest.Repo local = repos.repo(r.slug()).orElseThrow();
      Instant previous = Instant.MIN;
      for (GitHubManifest.Release rel : r.releases()) {
        assertThat(rel.tag()).matches("v1\\.\\d+\\.0");
        assertThat(rel.publishedAt()).isAfter(previous);
        previous = rel.publishedAt();
        assertThat(rel.pulls()).isNotEmpty();
        Instant latestMerge = Instant.MIN;
        for (int n : rel.pulls()) {
          GitHubManifest.Pull p = r.pulls().stream().filter(x -> x.number() == n).findFirst().orElseThrow();
          assertThat(p.state()).isEqualTo(PullState.MERGED);
          assertThat(p.closedAt()).isBefore(rel.publishedAt());
          latestMerge = p.closedAt().isAfter(latestMerge) ? p.closedAt() : latestMerge;
        }
        assertThat(rel.publishedAt()).isBefore(latestMerge.plus(Duration.ofDays(14)));
        RepoManifest.Commit target = repos.commit(rel.targetSha()).orElseThrow();
        assertThat(target.branch()).isEqualTo("main");
        assertThat(local.commits()).contains(target);
        assertThat(target.time()).isBeforeOrEqualTo(rel.publishedAt());
      }
      List<String> newestFirst = new ArrayList<>(r.releases().stream().map(GitHubManifest.Release::tag).toList());
      Collections.reverse(newestFirst);
      assertThat(items(r.slug() + "/releases")).extracting(x -> (String) x.get("tag_name"))
          .containsExactlyElementsOf(newestFirst);
      Map<String, String> tags = new TreeMap<>();
      items(r.slug() + "/tags").forEach(t -> tags.put((String) t.get("name"), (String) Rollouts.obj(t, "commit")
          .get("sha")));
      Map<String, String> expected = new TreeMap<>();
      r.releases().forEach(rel -> expected.put(rel.tag(), rel.targetSha()));
      assertThat(tags).isEqualTo(expected);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Secrets
  // ------------------------------------------------------------------------------------------

  @Test
  void noPlantedSecretOfTheHomeOrTheRepositoriesIsInAnyResponse() throws IOException {
    List<String> secrets = new ArrayList<>(truth.plantedSecretValues());
    repos.plantedSecrets().forEach(s -> secrets.add(s.value()));
    assertThat(secrets).hasSizeGreaterThan(1);
    for (Map.Entry<String, byte[]> f : snapshot(ghDir).entrySet()) {
      String text = new String(f.getValue(), StandardCharsets.UTF_8);
      for (String s : secrets) {
        assertThat(text).as(f.getKey()).doesNotContain(s);
      }
    }
  }

  @Test
  void theOwnPlantedSecretIsInOnePullRequestBodyOnly() throws IOException {
    assertThat(github.plantedSecrets()).hasSize(1);
    PlantedSecret secret = github.plantedSecrets().get(0);
    assertThat(secret.value()).startsWith("sk_live_");
    List<String> where = new ArrayList<>();
    for (GitHubManifest.Repo r : github.repos()) {
      for (String endpoint : List.of("pulls", "issues", "commits", "releases")) {
        for (Map<String, Object> it : items(r.slug() + "/" + endpoint)) {
          it.forEach((k, v) -> {
            if (String.valueOf(v).contains(secret.value())) {
              where.add(r.slug() + " " + endpoint + " #" + it.get("number") + " " + k);
            }
          });
        }
      }
    }
    GitHubManifest.Pull carrier = github.repo("acme/payments-api").orElseThrow().pulls().stream()
        .filter(p -> secret.location().endsWith("#" + p.number() + ")")).findFirst().orElseThrow();
    assertThat(where).containsExactly("acme/payments-api pulls #" + carrier.number() + " body",
        "acme/payments-api issues #" + carrier.number() + " body");
    for (Map.Entry<String, byte[]> f : snapshot(ghDir).entrySet()) {
      boolean mayHold = f.getKey().equals(ExampleGitHub.MANIFEST_FILE)
          || f.getKey().equals("responses/repos_acme_payments-api_pulls.json")
          || f.getKey().equals("responses/repos_acme_payments-api_issues.json");
      if (!mayHold) {
        assertThat(new String(f.getValue(), StandardCharsets.UTF_8)).as(f.getKey()).doesNotContain(secret.value());
      }
    }
  }

  @Test
  void noMessageOrBodyNamesARealPerson() throws IOException {
    for (Map.Entry<String, byte[]> f : snapshot(ghDir).entrySet()) {
      String text = new String(f.getValue(), StandardCharsets.UTF_8);
      assertThat(text.replaceAll("[A-Za-z0-9._%+\\[\\]-]+@example\\.invalid", ""))
          .as(f.getKey()).doesNotContainPattern("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    }
    Set<String> logins = new TreeSet<>();
    for (GitHubManifest.Repo r : github.repos()) {
      for (String endpoint : List.of("pulls", "issues", "commits", "releases")) {
        for (Map<String, Object> it : items(r.slug() + "/" + endpoint)) {
          for (String field : List.of("user", "author")) {
            Map<String, Object> u = Rollouts.obj(it, field);
            if (u != null) {
              logins.add((String) u.get("login"));
            }
          }
        }
      }
    }
    assertThat(logins).containsExactly("dependabot[bot]", "dev-example", "riley-maintainer");
  }

  // ------------------------------------------------------------------------------------------
  // The fake gh serves it
  // ------------------------------------------------------------------------------------------

  @Test
  void theInstalledGhServesTheResponsesFromItsOwnDirectory() throws Exception {
    Gh pulls = gh("api", "repos/acme/payments-api/pulls?state=all&sort=updated&direction=desc&per_page=100&page=1");
    assertThat(pulls.code()).isZero();
    List<Object> pages = Rollouts.parseAll(pulls.out());
    assertThat(pages).hasSize(1);
    assertThat((List<?>) pages.get(0)).hasSize(github.repo("acme/payments-api").orElseThrow().pulls().size());

    Gh next = gh("api", "repos/acme/payments-api/pulls?state=all&sort=updated&direction=desc&per_page=100&page=2");
    assertThat(Rollouts.parseAll(next.out())).containsExactly(List.of());

    Gh commits = gh("api", "--paginate",
        "repos/widgets-inc/ledger-core/commits?since=2026-09-01T00:00:00Z&per_page=100");
    assertThat(commits.code()).isZero();
    assertThat((List<?>) Rollouts.parseAll(commits.out()).get(0))
        .hasSize(github.repo("widgets-inc/ledger-core").orElseThrow().commitShas().size());

    Gh files = gh("api", "--paginate", "repos/acme/web-console/pulls/101/files?per_page=100");
    assertThat(files.out())
        .isEqualTo(Files.readString(ghDir.resolve("responses/repos_acme_web-console_pulls_101_files.json")));

    assertThat(gh("auth", "status").code()).isZero();
  }

  record Gh(int code, String out) {}

  private static Gh gh(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ghDir.resolve("gh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
    pb.environment().remove("FAKE_GH_DIR");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return new Gh(p.exitValue(), out);
  }

  // ------------------------------------------------------------------------------------------
  // Helpers
  // ------------------------------------------------------------------------------------------

  /** {@return the objects of every page of the recorded {@code repos/<endpoint>} response}. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(String endpoint) throws IOException {
    Path file = ghDir.resolve("responses").resolve(("repos/" + endpoint).replace('/', '_') + ".json");
    List<Map<String, Object>> out = new ArrayList<>();
    List<Object> pages = Rollouts.parseAll(Files.readString(file));
    assertThat(pages).as(endpoint).isNotEmpty();
    for (Object page : pages) {
      assertThat(page).as(endpoint).isInstanceOf(List.class);
      for (Object it : (List<Object>) page) {
        assertThat(it).as(endpoint).isInstanceOf(Map.class);
        out.add((Map<String, Object>) it);
      }
    }
    return out;
  }

  private static Map<Long, Map<String, Object>> byNumber(List<Map<String, Object>> items) {
    Map<Long, Map<String, Object>> out = new TreeMap<>();
    items.forEach(i -> out.put((Long) i.get("number"), i));
    return out;
  }

  private static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      // calls.log is gh's own log, written as it is run
      for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.endsWith("calls.log")).toList()) {
        out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return out;
  }

  private static Repository open(Path dir) throws IOException {
    return new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).setMustExist(true).build();
  }
}
