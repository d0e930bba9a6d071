package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import dev.wlat.testkit.CodexHomeGenerator;
import dev.wlat.testkit.ExampleRepos;
import dev.wlat.testkit.FakeGh;
import dev.wlat.testkit.GroundTruth;
import dev.wlat.testkit.HomeSpec;
import dev.wlat.testkit.RepoManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfills with GitHub collection through a fake {@code gh} that serves recorded-shape pages: a merged
 * PR from a session's branch, the issue it closes and the release after it. No test touches the network.
 */
class GitHubEndToEndTests {

  private static final String REPO = "repos/acme/payments-api";
  private static final String BODY_MARKER = "PR-BODY-MUST-NOT-LEAK";
  private static final String TITLE_SECRET = "ghp_" + "a".repeat(36);

  @TempDir static Path temp;
  static Path home;
  static Path src;
  static RepoManifest.Commit sessionCommit;

  @BeforeAll
  static void homeWithRepos() throws IOException {
    src = temp.resolve("src");
    home = temp.resolve("home");
    RepoManifest manifest = twoRepoHome(home, src);
    sessionCommit = sessionCommit(manifest, "acme/payments-api").orElseThrow();
  }

  /**
   * Writes a 10-day Codex home whose sessions work in two GitHub repositories, acme/payments-api
   * (an https remote) and acme/web-console (an ssh remote), into {@code home}, and the matching git
   * repositories under {@code src}; {@return their manifest}.
   */
  static RepoManifest twoRepoHome(Path home, Path src) throws IOException {
    HomeSpec spec = HomeSpec.builder().days(10).repos(List.of(
        HomeSpec.Repo.github("acme/payments-api", src.resolve("payments-api").toString(),
            "https://github.com/acme/payments-api.git"),
        HomeSpec.Repo.github("acme/web-console", src.resolve("web-console").toString(),
            "git@github.com:acme/web-console.git"))).build();
    GroundTruth truth = CodexHomeGenerator.generate(spec, home);
    return ExampleRepos.write(src, truth);
  }

  /** {@return the first commit of {@code slug} made by a session on a branch of its own that names no thread}. */
  static Optional<RepoManifest.Commit> sessionCommit(RepoManifest manifest, String slug) {
    return manifest.repo(slug).orElseThrow().commits().stream()
        .filter(c -> c.threadId() != null && !c.branch().equals("main") && c.mentionedThreadId() == null)
        .findFirst();
  }

  /** {@return a fake gh serving one merged PR (#42) from the session commit's branch, issue #7 it closes, and v1.0.0}. */
  private static FakeGh gh(Path dir) {
    Instant at = sessionCommit.time();
    String sha = sessionCommit.sha();
    return FakeGh.install(dir)
        .respond(REPO + "/commits", "[{\"sha\":\"" + sha + "\",\"commit\":{\"author\":{\"name\":\"Dev\",\"date\":\"" + at
            + "\"},\"committer\":{\"name\":\"Dev\",\"date\":\"" + at + "\"},\"message\":\"" + sessionCommit.subject()
            + "\\n\\n" + BODY_MARKER + "\"},\"author\":{\"login\":\"dev\"},\"html_url\":\"https://github.com/acme/payments-api/commit/"
            + sha + "\"}]")
        .respond(REPO + "/pulls", "[{\"number\":42,\"title\":\"Retry the widget " + TITLE_SECRET + "\",\"body\":\"Fixes #7. "
            + BODY_MARKER + "\",\"state\":\"closed\",\"created_at\":\"" + at.minus(Duration.ofMinutes(30))
            + "\",\"updated_at\":\"" + at.plus(Duration.ofHours(3)) + "\",\"closed_at\":\"" + at.plus(Duration.ofHours(3))
            + "\",\"merged_at\":\"" + at.plus(Duration.ofHours(3)) + "\",\"merge_commit_sha\":\"" + "f".repeat(40)
            + "\",\"user\":{\"login\":\"dev\"},\"head\":{\"ref\":\"" + sessionCommit.branch() + "\",\"sha\":\"" + sha
            + "\"},\"labels\":[{\"name\":\"bug\"}],\"html_url\":\"https://github.com/acme/payments-api/pull/42\"}]")
        .respond(REPO + "/pulls/42/commits", "[{\"sha\":\"" + sha + "\",\"commit\":{\"message\":\"x\",\"committer\":{\"date\":\""
            + at + "\"}}}]")
        .respond(REPO + "/pulls/42/files", "[{\"filename\":\"src/main/java/Retry.java\",\"additions\":12,\"deletions\":3}]")
        .respond(REPO + "/issues", "[{\"number\":7,\"title\":\"Widget fails\",\"body\":\"" + BODY_MARKER
            + "\",\"state\":\"closed\",\"created_at\":\"" + at.minus(Duration.ofDays(2)) + "\",\"updated_at\":\""
            + at.plus(Duration.ofHours(3)) + "\",\"closed_at\":\"" + at.plus(Duration.ofHours(3))
            + "\",\"user\":{\"login\":\"dev\"},\"labels\":[],\"html_url\":\"https://github.com/acme/payments-api/issues/7\"}]")
        .respond(REPO + "/releases", "[{\"tag_name\":\"v1.0.0\",\"name\":\"v1.0.0\",\"draft\":false,\"published_at\":\""
            + at.plus(Duration.ofDays(1)) + "\",\"target_commitish\":\"main\",\"author\":{\"login\":\"dev\"},"
            + "\"html_url\":\"https://github.com/acme/payments-api/releases/tag/v1.0.0\"}]");
  }

  private static Cli.Result backfill(Path out, FakeGh gh, String... extra) {
    List<String> args = new ArrayList<>(List.of("backfill", "--since", "all", "--codex-home", home.toString(),
        "--output-root", out.toString(), "--repo-root", src.toString(), "--gh", gh.executable().toString(),
        "--no-reports", "--no-plots"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  private static List<Map<String, String>> read(Path out, String file) {
    return TsvReader.readAll(out.resolve("data").resolve(file));
  }

  @Test
  void aMergedPullRequestFromTheSessionBranchIsLinkedExactlyWithItsIssueAndRelease() {
    Path out = temp.resolve("out-linked");
    Cli.Result r = backfill(out, gh(temp.resolve("gh-linked")));

    assertThat(r.exitCode()).as(r.describe()).isZero();
    List<Map<String, String>> links = read(out, "token_outcome_links.tsv");
    List<Map<String, String>> toPr = links.stream().filter(l -> l.get("thread_id").equals(sessionCommit.threadId())
        && l.get("artifact_kind").equals("pull_request")).toList();
    assertThat(toPr).singleElement().satisfies(l -> {
      assertThat(l.get("artifact_id")).isEqualTo("42");
      assertThat(l.get("attribution_confidence")).isEqualTo("exact");
      assertThat(l.get("link_method")).isEqualTo("commit_in_session_in_pull_request");
      assertThat(l.get("merged")).isEqualTo("1");
      assertThat(l.get("artifact_url")).isEqualTo("https://github.com/acme/payments-api/pull/42");
    });
    assertThat(links).anySatisfy(l -> {
      assertThat(l.get("thread_id")).isEqualTo(sessionCommit.threadId());
      assertThat(l.get("artifact_kind")).isEqualTo("issue");
      assertThat(l.get("artifact_id")).isEqualTo("7");
      assertThat(l.get("link_method")).isEqualTo("closed_by_linked_work");
    });
    assertThat(links).anySatisfy(l -> {
      assertThat(l.get("thread_id")).isEqualTo(sessionCommit.threadId());
      assertThat(l.get("artifact_kind")).isEqualTo("release");
      assertThat(l.get("link_method")).isEqualTo("release_after_linked_work");
    });
    assertThat(r.out()).contains("1 merged PR linked").contains("1 closed issue linked").contains("1 release linked");
  }

  @Test
  void githubEventsListEveryArtifactWithRedactedTitlesAndNoBodies() throws IOException {
    Path out = temp.resolve("out-events");
    Cli.Result r = backfill(out, gh(temp.resolve("gh-events")));

    assertThat(r.exitCode()).as(r.describe()).isZero();
    List<Map<String, String>> events = read(out, "github_events.tsv");
    assertThat(events).extracting(e -> e.get("artifact_kind") + ":" + e.get("artifact_id"))
        .contains("commit:" + sessionCommit.sha(), "pull_request:42", "pull_request_file:42:src/main/java/Retry.java",
            "issue:7", "release:v1.0.0");
    Map<String, String> pr = events.stream().filter(e -> e.get("artifact_id").equals("42")).findFirst().orElseThrow();
    assertThat(pr.get("title")).contains("[redacted:github_token]").doesNotContain(TITLE_SECRET);
    assertThat(pr.get("merged")).isEqualTo("1");
    assertThat(pr.get("closes_issues")).isEqualTo("7");
    assertThat(pr.get("outcome_type")).isEqualTo("bugfix");
    for (Path f : OutputTree.files(out)) {
      assertThat(Files.readString(f)).as(f.toString()).doesNotContain(BODY_MARKER).doesNotContain(TITLE_SECRET);
    }
  }

  @Test
  void aRerunServesUnchangedDataFromTheCacheWithFewerRequests() {
    Path out = temp.resolve("out-cache");
    FakeGh gh = gh(temp.resolve("gh-cache"));
    List<String> first = gh.callsOf(() -> assertThat(backfill(out, gh).exitCode()).isZero());
    List<Map<String, String>> events = read(out, "github_events.tsv");
    List<String> second = gh.callsOf(() -> assertThat(backfill(out, gh).exitCode()).isZero());

    assertThat(second.size()).isLessThan(first.size());
    assertThat(read(out, "github_events.tsv")).hasSameSizeAs(events);
    assertThat(out.resolve("cache/github/acme/payments-api")).isDirectory();
  }

  @Test
  void anUnauthenticatedGhExitsThreeInOneLineAndLeavesThePreviousOutputs() {
    Path out = temp.resolve("out-unauth");
    FakeGh gh = gh(temp.resolve("gh-unauth"));
    assertThat(backfill(out, gh).exitCode()).isZero();
    Map<String, OutputTree.Bytes> before = OutputTree.snapshot(out.resolve("data"));

    Cli.Result r = backfill(out, gh.unauthenticated());

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.UNEXPECTED_STATE);
    assertThat(r.err().strip()).doesNotContain("\n").contains("gh auth login").contains("--skip-github");
    assertThat(OutputTree.snapshot(out.resolve("data"))).isEqualTo(before);
  }

  @Test
  void aRepoGhCannotReadExitsThreeNamingTheRepo() {
    Path out = temp.resolve("out-404");
    Cli.Result r = backfill(out, gh(temp.resolve("gh-404")).fail("repos/acme/web-console/commits", "404"));

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.UNEXPECTED_STATE);
    assertThat(r.err().strip()).doesNotContain("\n").contains("acme/web-console").contains("404");
    assertThat(out.resolve("data").resolve("github_events.tsv")).doesNotExist();
  }

  @Test
  void maxReposCapsTheReposAskedAbout() {
    Path out = temp.resolve("out-max");
    FakeGh gh = gh(temp.resolve("gh-max"));
    List<String> calls = gh.callsOf(() -> assertThat(backfill(out, gh, "--max-repos", "1").exitCode()).isZero());

    assertThat(calls).filteredOn(c -> c.contains("repos/acme/")).allSatisfy(c ->
        assertThat(c).contains("repos/acme/payments-api"));
  }

  @Test
  void withAFakeGhFirstOnThePathTheRealCommandLineCollects() throws Exception {
    FakeGh gh = gh(temp.resolve("gh-path"));
    Path out = temp.resolve("out-path");
    Process p = launch(gh.dir() + ":" + System.getenv("PATH"), out);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes());

    assertThat(p.exitValue()).as(err).isZero();
    assertThat(gh.calls()).anySatisfy(c -> assertThat(c).startsWith("auth status"));
    assertThat(read(out, "github_events.tsv")).isNotEmpty();
  }

  @Test
  void withoutGhOnThePathTheRunExitsThreeSayingHowToFixIt() throws Exception {
    Path empty = Files.createDirectories(temp.resolve("no-gh-here"));
    Process p = launch(empty.toString(), temp.resolve("out-nogh"));
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes());

    assertThat(p.exitValue()).as(err).isEqualTo(ExitCodes.UNEXPECTED_STATE);
    assertThat(err.strip()).doesNotContain("\n").contains("gh is not installed").contains("--skip-github");
  }

  /** Starts the real {@code wlat backfill} in a JVM of its own with {@code path} as its PATH. */
  private static Process launch(String path, Path out) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder b = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        "dev.wlat.cli.Main", "backfill", "--since", "all", "--codex-home", home.toString(), "--output-root",
        out.toString(), "--repo-root", src.toString(), "--no-reports", "--no-plots", "-q");
    b.environment().put("PATH", path);
    b.environment().remove("GH_PATH");
    b.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return b.start();
  }
}
