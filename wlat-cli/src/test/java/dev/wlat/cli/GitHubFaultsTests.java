package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import dev.wlat.testkit.FakeGh;
import dev.wlat.testkit.RepoManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * The gh faults at the command line, with two GitHub repositories that both have work to collect.
 *
 * The design under test (GitHubStep, BackfillJob): every repository is collected before any output
 * is written, and a gh failure stops the run with exit 3 and one line on stderr naming the repository
 * and the fix. So a failure in the second repository after the first was collected publishes nothing:
 * data/, reports/ and plots/ of the last good run stay byte for byte (the state DB too, for
 * run-incremental), only runs/ gains the failed run's ledger and run-log row, and the cache keeps
 * what gh served before the failing call, which the next run does not ask again.
 */

/** {@code gh} failing mid-way through a backfill or a run-incremental. */
class GitHubFaultsTests {

  private static final List<String> SLUGS = List.of("acme/payments-api", "acme/web-console");
  /** What the fake's {@code gh api rate_limit} says: the core limit is used up until then. */
  private static final Instant RESET = Instant.ofEpochSecond(1_795_000_000L);

  @TempDir static Path temp;
  static Path home;
  static Path src;
  static Map<String, RepoManifest.Commit> sessionCommits = new LinkedHashMap<>();
  /** The repositories in the order wlat asks about them. */
  static String first;
  static String second;
  /** The data facts of a backfill whose gh never failed. */
  static Map<String, List<Map<String, String>>> reference;

  @BeforeAll
  static void homeWithTwoRepos() throws IOException {
    src = temp.resolve("src");
    home = temp.resolve("home");
    RepoManifest manifest = GitHubEndToEndTests.twoRepoHome(home, src);
    for (String slug : SLUGS) {
      sessionCommits.put(slug, GitHubEndToEndTests.sessionCommit(manifest, slug)
          .orElse(manifest.repo(slug).orElseThrow().commits().get(0)));
    }

    Path out = temp.resolve("out-reference");
    FakeGh gh = gh(temp.resolve("gh-reference"));
    List<String> calls = gh.callsOf(() -> assertOk(backfill(out, gh)));
    List<String> order = reposAsked(calls);
    assertThat(order).containsExactlyInAnyOrderElementsOf(SLUGS);
    first = order.get(0);
    second = order.get(1);
    reference = facts(out);
    assertThat(reference.get("github_events.tsv")).extracting(e -> e.get("github_repo")).contains(first, second);
  }

  // ---------------------------------------------------------------------------------------------
  // The fake gh and the runs
  // ---------------------------------------------------------------------------------------------

  /** {@return a fake gh serving, for each repo, its session commit, a merged PR from it, the issue it closes and a release}. */
  private static FakeGh gh(Path dir) {
    FakeGh gh = FakeGh.install(dir);
    for (String slug : SLUGS) {
      serve(gh, slug, sessionCommits.get(slug), pr(slug), issue(slug), "v" + issue(slug) + ".0.0");
    }
    return gh.respond("rate_limit", "{\"resources\":{\"core\":{\"limit\":5000,\"used\":5000,\"remaining\":0,"
        + "\"reset\":" + RESET.getEpochSecond() + "}},\"rate\":{\"limit\":5000,\"remaining\":0,\"reset\":"
        + RESET.getEpochSecond() + "}}");
  }

  /** {@return the number of {@code slug}'s pull request}. */
  private static int pr(String slug) {
    return 41 + SLUGS.indexOf(slug);
  }

  /** {@return the number of the issue {@code slug}'s pull request closes}. */
  private static int issue(String slug) {
    return 1 + SLUGS.indexOf(slug);
  }

  private static void serve(FakeGh gh, String slug, RepoManifest.Commit c, int pr, int issue, String tag) {
    String repo = "repos/" + slug;
    String web = "https://github.com/" + slug;
    Instant at = c.time();
    Instant merged = at.plus(Duration.ofHours(3));
    gh.respond(repo + "/commits", "[{\"sha\":\"" + c.sha() + "\",\"commit\":{\"author\":{\"name\":\"Dev\",\"date\":\""
            + at + "\"},\"committer\":{\"name\":\"Dev\",\"date\":\"" + at + "\"},\"message\":\"" + c.subject()
            + "\"},\"author\":{\"login\":\"dev\"},\"html_url\":\"" + web + "/commit/" + c.sha() + "\"}]")
        .respond(repo + "/pulls", "[{\"number\":" + pr + ",\"title\":\"Fix the widget\",\"body\":\"Fixes #" + issue
            + ".\",\"state\":\"closed\",\"created_at\":\"" + at.minus(Duration.ofMinutes(30)) + "\",\"updated_at\":\""
            + merged + "\",\"closed_at\":\"" + merged + "\",\"merged_at\":\"" + merged + "\",\"merge_commit_sha\":\""
            + "f".repeat(40) + "\",\"user\":{\"login\":\"dev\"},\"head\":{\"ref\":\"" + c.branch() + "\",\"sha\":\""
            + c.sha() + "\"},\"labels\":[{\"name\":\"bug\"}],\"html_url\":\"" + web + "/pull/" + pr + "\"}]")
        .respond(repo + "/pulls/" + pr + "/commits", "[{\"sha\":\"" + c.sha() + "\",\"commit\":{\"message\":\"x\","
            + "\"committer\":{\"date\":\"" + at + "\"}}}]")
        .respond(repo + "/pulls/" + pr + "/files", "[{\"filename\":\"src/Widget.java\",\"additions\":12,\"deletions\":3}]")
        .respond(repo + "/issues", issues(slug, at, issue))
        .respond(repo + "/releases", "[{\"tag_name\":\"" + tag + "\",\"name\":\"" + tag + "\",\"draft\":false,"
            + "\"published_at\":\"" + at.plus(Duration.ofDays(1)) + "\",\"target_commitish\":\"main\","
            + "\"author\":{\"login\":\"dev\"},\"html_url\":\"" + web + "/releases/tag/" + tag + "\"}]");
  }

  private static String issues(String slug, Instant at, int... numbers) {
    List<String> items = new ArrayList<>();
    for (int n : numbers) {
      items.add("{\"number\":" + n + ",\"title\":\"Widget fails " + n + "\",\"body\":\"\",\"state\":\"closed\","
          + "\"created_at\":\"" + at.minus(Duration.ofDays(2)) + "\",\"updated_at\":\"" + at.plus(Duration.ofHours(3))
          + "\",\"closed_at\":\"" + at.plus(Duration.ofHours(3)) + "\",\"user\":{\"login\":\"dev\"},\"labels\":[],"
          + "\"html_url\":\"https://github.com/" + slug + "/issues/" + n + "\"}");
    }
    return "[" + String.join(",", items) + "]";
  }

  private static Cli.Result backfill(Path out, FakeGh gh, String... extra) {
    List<String> args = new ArrayList<>(List.of("backfill", "--since", "all", "--codex-home", home.toString(),
        "--output-root", out.toString(), "--repo-root", src.toString(), "--gh", gh.executable().toString(),
        "--no-reports", "--no-plots", "-q"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  /** A backfill that also writes its reports and plots. */
  private static Cli.Result backfillWithReports(Path out, FakeGh gh) {
    return Cli.run("backfill", "--since", "all", "--codex-home", home.toString(), "--output-root", out.toString(),
        "--repo-root", src.toString(), "--gh", gh.executable().toString(), "-q");
  }

  private static Cli.Result runIncremental(Path out, FakeGh gh) {
    return Cli.run("run-incremental", "--window", "all", "--codex-home", home.toString(), "--output-root",
        out.toString(), "--repo-root", src.toString(), "--gh", gh.executable().toString(), "-q");
  }

  private static void assertOk(Cli.Result r) {
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }

  /** Asserts the one-line, trace-free failure every gh fault gives: exit 3, {@code wlat: gh: <repo>: ...}. */
  private static void assertGhFailure(Cli.Result r, String repo) {
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.UNEXPECTED_STATE);
    assertThat(r.err().strip()).as(r.describe()).doesNotContain("\n").startsWith("wlat: gh: " + repo + ": ")
        .doesNotContain("Exception");
  }

  /** {@return the repositories of {@code calls}, in the order they were first asked about}. */
  private static List<String> reposAsked(List<String> calls) {
    Pattern p = Pattern.compile("repos/([^/\\s]+/[^/?\\s]+)");
    LinkedHashSet<String> repos = new LinkedHashSet<>();
    for (String c : calls) {
      Matcher m = p.matcher(c);
      if (m.find()) {
        repos.add(m.group(1));
      }
    }
    return List.copyOf(repos);
  }

  /** {@return every file a user reads after a run: the output root but runs/ (the run log) and cache/}. */
  private static Map<String, OutputTree.Bytes> published(Path out) {
    Map<String, OutputTree.Bytes> m = new TreeMap<>(OutputTree.snapshot(out));
    m.keySet().removeIf(k -> k.startsWith("runs/") || k.startsWith("cache/"));
    return m;
  }

  /** {@return every data table's rows, without the columns that name the run}. */
  private static Map<String, List<Map<String, String>>> facts(Path out) {
    Map<String, List<Map<String, String>>> m = new TreeMap<>();
    for (Path f : OutputTree.files(out.resolve("data"))) {
      if (!f.getFileName().toString().endsWith(".tsv")) {
        continue;
      }
      List<Map<String, String>> rows = new ArrayList<>();
      for (Map<String, String> row : TsvReader.readAll(f)) {
        Map<String, String> kept = new TreeMap<>(row);
        kept.keySet().removeIf(k -> k.equals("run_id") || k.endsWith("_by_run"));
        rows.add(kept);
      }
      m.put(out.resolve("data").relativize(f).toString(), rows);
    }
    return m;
  }

  /** Asserts that the data facts under {@code out} are those of the run that never failed, naming the first rows that differ. */
  private static void assertFactsOfARunThatNeverFailed(Path out) {
    Map<String, List<Map<String, String>>> actual = facts(out);
    assertThat(actual.keySet()).isEqualTo(reference.keySet());
    List<String> differences = new ArrayList<>();
    reference.forEach((file, rows) -> {
      List<Map<String, String>> got = actual.get(file);
      if (!got.equals(rows)) {
        List<Map<String, String>> missing = new ArrayList<>(rows);
        missing.removeAll(got);
        List<Map<String, String>> extra = new ArrayList<>(got);
        extra.removeAll(rows);
        differences.add(file + ": " + got.size() + " rows, expected " + rows.size() + "; missing "
            + missing.stream().limit(2).toList() + "; unexpected " + extra.stream().limit(2).toList());
      }
    });
    assertThat(differences).isEmpty();
  }

  private static List<Map<String, String>> runLog(Path out) {
    return TsvReader.readAll(out.resolve("runs").resolve("run_log.tsv"));
  }

  /**
   * A good run into {@code out}, then the fault set by {@code fault} on a fresh fake: {@return the failed
   * run}, having checked that it published nothing and was logged as failed.
   */
  private static Cli.Result failAfterAGoodRun(String name, Consumer<FakeGh> fault) {
    Path out = temp.resolve("out-" + name);
    FakeGh gh = gh(temp.resolve("gh-" + name));
    assertOk(backfill(out, gh));
    Map<String, OutputTree.Bytes> before = published(out);
    fault.accept(gh);

    Cli.Result r = backfill(out, gh);

    assertThat(published(out)).isEqualTo(before);
    assertThat(runLog(out)).last().satisfies(row -> {
      assertThat(row).containsEntry("command", "backfill").containsEntry("exit_code", "3");
      assertThat(row.get("summary")).startsWith("failed: gh: ");
    });
    return r;
  }

  // ---------------------------------------------------------------------------------------------
  // Each fault: exit 3, one line naming the repo and the fix, the previous outputs as they were
  // ---------------------------------------------------------------------------------------------

  @Test
  void http403ExitsThreeNamingTheRepoAndLeavesThePreviousOutputs() {
    Cli.Result r = failAfterAGoodRun("403", gh -> gh.fail("repos/" + second + "/pulls", "403"));

    assertGhFailure(r, second);
    assertThat(r.err()).contains("access denied (HTTP 403: Resource not accessible by integration)")
        .contains("'gh auth status'");
  }

  @Test
  void aRateLimitExitsThreeSayingWhenItResetsAndLeavesThePreviousOutputs() {
    Cli.Result r = failAfterAGoodRun("ratelimit", gh -> gh.fail("repos/" + second + "/issues", "ratelimit"));

    assertGhFailure(r, second);
    assertThat(r.err()).contains("GitHub API rate limit exceeded (HTTP 403)")
        .contains("it resets at " + RESET + ";").contains("--skip-github");
  }

  @Test
  void aNetworkErrorInTheMiddleOfPagingExitsThreeNamingTheNetworkAndLeavesThePreviousOutputs() {
    Cli.Result r = failAfterAGoodRun("network", gh -> gh.fail("repos/" + second + "/commits", "midpage-network"));

    assertGhFailure(r, second);
    assertThat(r.err()).contains("could not reach GitHub (error connecting to api.github.com)")
        .contains("check the network");
  }

  @Test
  void malformedJsonExitsThreeNamingTheCallAndLeavesThePreviousOutputs() {
    Cli.Result r = failAfterAGoodRun("malformed", gh -> gh.fail("repos/" + second + "/issues", "malformed"));

    assertGhFailure(r, second);
    assertThat(r.err()).contains("unexpected response to repos/" + second + "/issues (")
        .contains("if it persists");
  }

  // ---------------------------------------------------------------------------------------------
  // No partial data presented as complete
  // ---------------------------------------------------------------------------------------------

  @Test
  void backfillWhoseSecondRepoFailsAfterTheFirstWasCollectedPublishesNothingOfIt() throws IOException {
    Path out = temp.resolve("out-partial");
    FakeGh gh = gh(temp.resolve("gh-partial"));
    assertOk(backfillWithReports(out, gh));
    assertThat(out.resolve("reports")).isDirectoryContaining(p -> Files.isRegularFile(p));
    assertThat(out.resolve("plots")).isDirectoryContaining(p -> Files.isRegularFile(p));
    Map<String, OutputTree.Bytes> before = published(out);
    // the first repo has new work, which a partial publication would show
    gh.respond("repos/" + first + "/issues", issues(first, sessionCommits.get(first).time(), issue(first), 99));
    gh.fail("repos/" + second + "/releases", "502");

    Cli.Result r = backfillWithReports(out, gh);

    assertGhFailure(r, second);
    assertThat(r.err()).contains("repos/" + second + "/releases failed (HTTP 502: Server Error)");
    assertThat(published(out)).isEqualTo(before);
    assertThat(Files.readString(out.resolve("data").resolve("github_events.tsv"))).doesNotContain("Widget fails 99");
    assertThat(failedLedger(out)).contains("(failed)").contains("Exit code 3").contains(second)
        .contains("Nothing was published");
  }

  @Test
  void runIncrementalWhoseSecondRepoFailsAfterTheFirstWasCollectedPublishesNothingAndThenCatchesUp() {
    Path out = temp.resolve("out-partial-incr");
    FakeGh gh = gh(temp.resolve("gh-partial-incr"));
    assertOk(runIncremental(out, gh));
    assertThat(out.resolve("reports")).isDirectoryContaining(p -> Files.isRegularFile(p));
    assertThat(out.resolve("plots")).isDirectoryContaining(p -> Files.isRegularFile(p));
    assertThat(out.resolve("state")).isDirectoryContaining(p -> Files.isRegularFile(p));
    Map<String, OutputTree.Bytes> before = published(out);
    gh.fail("repos/" + second + "/commits", "midpage-network");

    Cli.Result r = runIncremental(out, gh);

    assertGhFailure(r, second);
    assertThat(published(out)).isEqualTo(before); // data/, reports/, plots/ and state/
    assertThat(runLog(out)).last().satisfies(row ->
        assertThat(row).containsEntry("command", "run-incremental").containsEntry("exit_code", "3"));

    gh.clearFailures();
    assertOk(runIncremental(out, gh));
    assertFactsOfARunThatNeverFailed(out);
  }

  private static String failedLedger(Path out) throws IOException {
    Map<String, String> row = runLog(out).get(runLog(out).size() - 1);
    return Files.readString(out.resolve(row.get("ledger")));
  }

  // ---------------------------------------------------------------------------------------------
  // Cached pages kept
  // ---------------------------------------------------------------------------------------------

  @Test
  void aRunAfterAFailureAsksAgainOnlyWhatWasNotCompleteAndEndsEqualToARunThatNeverFailed() {
    Path out = temp.resolve("out-resume");
    FakeGh gh = gh(temp.resolve("gh-resume"));
    gh.fail("repos/" + second + "/releases", "network");
    List<String> failed = gh.callsOf(() -> assertGhFailure(backfill(out, gh), second));
    assertThat(out.resolve("data").resolve("github_events.tsv")).doesNotExist();
    assertThat(failed).contains("api --paginate repos/" + first + "/pulls/" + pr(first) + "/files?per_page=100",
        "api --paginate repos/" + second + "/pulls/" + pr(second) + "/files?per_page=100");

    gh.clearFailures();
    List<String> resumed = gh.callsOf(() -> assertOk(backfill(out, gh)));

    // the pull requests' files and commits of both repos came from the cache: only the lists were asked again
    assertThat(resumed).noneMatch(c -> c.contains("/pulls/4"));
    assertThat(resumed).filteredOn(c -> c.contains("/commits?")).hasSize(2)
        .allSatisfy(c -> assertThat(c).contains("since="));
    assertThat(resumed).filteredOn(c -> c.contains("/issues?")).hasSize(2)
        .allSatisfy(c -> assertThat(c).contains("since="));
    assertThat(resumed).contains("api --paginate repos/" + second + "/releases?per_page=100");
    assertThat(resumed.size()).isLessThan(failed.size());
    assertFactsOfARunThatNeverFailed(out);
  }
}
