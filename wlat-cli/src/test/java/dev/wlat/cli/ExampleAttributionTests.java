package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import dev.wlat.testkit.CodexHomeGenerator;
import dev.wlat.testkit.ExampleGitHub;
import dev.wlat.testkit.ExampleRepos;
import dev.wlat.testkit.GitHubManifest;
import dev.wlat.testkit.HomeSpec;
import dev.wlat.testkit.RepoManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * The README's attribution example: the committed example home with the example repositories (which
 * git cannot store in this repository, so they are written here from the same spec, as the launcher
 * and examples/generate-example-repos.sh do) and the committed overrides file.
 */

/** The bundled example gives threads and links at every confidence level. */
class ExampleAttributionTests {

  private static final Path HOME = Path.of("..", "examples", "codex-home");
  private static final Path OVERRIDES = Path.of("..", "examples", "attribution_overrides.tsv");

  @TempDir static Path temp;
  static Cli.Result run;
  static List<Map<String, String>> threads;
  static List<Map<String, String>> links;
  static GitHubManifest github;
  static Cli.Result githubRun;
  static List<Map<String, String>> githubLinks;

  @BeforeAll
  static void backfillTheExampleWithItsRepos() throws IOException {
    Path repos = temp.resolve("repos");
    RepoManifest manifest = ExampleRepos.write(repos,
        CodexHomeGenerator.generate(HomeSpec.defaults(), temp.resolve("home")));
    Path out = temp.resolve("out");
    run = BackfillCommandTests.backfill(HOME, out, "--repo-root", repos.toString(),
        "--attribution-overrides", OVERRIDES.toString());
    threads = TsvReader.readAll(out.resolve("data").resolve("codex_threads.tsv"));
    links = TsvReader.readAll(out.resolve("data").resolve("token_outcome_links.tsv"));

    github = ExampleGitHub.write(temp.resolve("github"), manifest);
    Path ghOut = temp.resolve("out-github");
    githubRun = Cli.run("backfill", "--since", "all", "--codex-home", HOME.toString(), "--output-root",
        ghOut.toString(), "--repo-root", repos.toString(), "--attribution-overrides", OVERRIDES.toString(),
        "--gh", temp.resolve("github").resolve("gh").toString(), "--no-reports", "--no-plots");
    githubLinks = TsvReader.readAll(ghOut.resolve("data").resolve("token_outcome_links.tsv"));
  }

  @Test
  void everyConfidenceLevelHasThreads() {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    Map<String, Long> byLevel = threads.stream()
        .collect(Collectors.groupingBy(t -> t.get("attribution_confidence"), Collectors.counting()));
    assertThat(byLevel).containsOnlyKeys("manual", "exact", "strong", "derived", "weak", "none");
  }

  @Test
  void linksComeAtEveryLevelTheirMethodsReach() {
    assertThat(links).extracting(l -> l.get("attribution_confidence"))
        .contains("exact", "strong", "derived");
    assertThat(links).extracting(l -> l.get("link_method"))
        .contains("thread_id_in_commit", "commit_on_session_branch", "commit_during_session");
  }

  @Test
  void withTheExampleGitHubDataMergedPullRequestsIssuesAndReleasesAreLinked() {
    assertThat(githubRun.exitCode()).as(githubRun.describe()).isZero();
    long merged = github.pulls().stream().filter(p -> p.state() == GitHubManifest.PullState.MERGED).count();
    java.util.Set<String> mergedLinked = githubLinks.stream()
        .filter(l -> l.get("artifact_kind").equals("pull_request") && l.get("merged").equals("1"))
        .map(l -> l.get("github_repo") + "#" + l.get("artifact_id")).collect(Collectors.toSet());
    assertThat(mergedLinked).as("every merged PR of the example is linked to its threads").hasSize((int) merged);
    assertThat(githubRun.out()).contains(merged + " merged PRs linked").contains("closed issues linked")
        .contains("releases linked");
    assertThat(githubLinks).extracting(l -> l.get("link_method"))
        .contains("commit_in_session_in_pull_request", "closed_by_linked_work", "release_after_linked_work",
            "thread_id_in_pull_request");
  }

  @Test
  void aThreadIsNeverTiedExactlyToAnotherBranchsPullRequest() {
    for (Map<String, String> l : githubLinks) {
      if (!l.get("artifact_kind").equals("pull_request") || !l.get("link_method").equals("commit_in_session_in_pull_request")) {
        continue;
      }
      GitHubManifest.Pull pr = github.repo(l.get("github_repo")).orElseThrow().pulls().stream()
          .filter(p -> Integer.toString(p.number()).equals(l.get("artifact_id"))).findFirst().orElseThrow();
      assertThat(pr.threadIds()).as("PR #%s linked to %s", pr.number(), l.get("thread_id")).contains(l.get("thread_id"));
    }
  }

  @Test
  void workOutsideAnyRepositoryIsNoneUnlessAnOverrideMapsIt() {
    assertThat(threads).filteredOn(t -> t.get("session_cwd").equals("/home/dev/Downloads")).isNotEmpty()
        .allSatisfy(t -> {
          assertThat(t.get("attribution_confidence")).isEqualTo("none");
          assertThat(t.get("workstream_label")).isEqualTo("cwd:dev/Downloads");
        });
    assertThat(threads).filteredOn(t -> t.get("session_cwd").equals("/home/dev/experiments/llm-eval")).isNotEmpty()
        .allSatisfy(t -> {
          assertThat(t.get("attribution_confidence")).isEqualTo("manual");
          assertThat(t.get("workstream_label")).isEqualTo("research:llm-eval");
          assertThat(t.get("outcome_type")).isEqualTo("investigation");
        });
  }
}
