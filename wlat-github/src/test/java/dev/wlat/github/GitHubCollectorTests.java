package dev.wlat.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.wlat.github.GitHubException.Kind;
import dev.wlat.model.ArtifactKind;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GitHubCollector} against a fake {@code gh} ({@link FakeGh}) serving recorded acme/api
 * responses: a fix, a merge and a docs commit over two pages; open PR 13, merged PR 12 (files over two
 * pages), old PR 9; issues 14, 7 and 2 plus PR 13 in the issue list; a release, a draft, two tags.
 */
class GitHubCollectorTests {

  private static final GitHubRepo ACME = GitHubRepo.parse("acme/api");
  private static final Instant SINCE = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant UNTIL = Instant.parse("2026-12-01T00:00:00Z");
  private static final String C1 = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  private static final String C2 = "2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";
  private static final String C3 = "3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f";
  private static final String P12B = "5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081";
  private static final String P13A = "6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192";
  private static final String THREAD = "0195c4a2-7b7e-7c3d-9f00-123456789abc";

  private static final List<String> FIRST_RUN = List.of(
      "api --paginate repos/acme/api/commits?since=2026-11-01T00:00:00Z&per_page=100",
      "api repos/acme/api/pulls?state=all&sort=updated&direction=desc&per_page=100&page=1",
      "api --paginate repos/acme/api/pulls/13/files?per_page=100",
      "api --paginate repos/acme/api/pulls/13/commits?per_page=100",
      "api --paginate repos/acme/api/pulls/12/files?per_page=100",
      "api --paginate repos/acme/api/pulls/12/commits?per_page=100",
      "api --paginate repos/acme/api/issues?state=all&since=2026-11-01T00:00:00Z&per_page=100",
      "api --paginate repos/acme/api/tags?per_page=100",
      "api --paginate repos/acme/api/releases?per_page=100");

  @TempDir
  Path tmp;
  private FakeGh gh;
  private Path cacheDir;
  private GitHubCollector collector;

  @BeforeEach
  void installFakeGh() {
    gh = FakeGh.install(tmp.resolve("gh"));
    cacheDir = tmp.resolve("out/cache/github");
    collector = GitHubCollector.create(gh.runner(), cacheDir);
  }

  private RepoCollection collect() {
    return collector.collect(ACME, SINCE, null);
  }

  private List<String> callsOfCollect(Instant since, Instant until) {
    int before = gh.calls().size();
    collector.collect(ACME, since, until);
    List<String> all = gh.calls();
    return all.subList(before, all.size());
  }

  private static GitHubArtifact the(RepoCollection c, ArtifactKind kind, String id) {
    return c.ofKind(kind).stream().filter(a -> a.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + id + " in " + ids(c)));
  }

  private static List<String> ids(RepoCollection c) {
    return c.artifacts().stream().map(a -> a.kind().label() + ":" + a.id()).toList();
  }

  private static List<String> ids(RepoCollection c, ArtifactKind kind) {
    return c.ofKind(kind).stream().map(GitHubArtifact::id).toList();
  }

  private String cacheText() {
    return FakeGh.read(collector.cacheFile(ACME));
  }

  // ---------------------------------------------------------------------------------------------
  // What is asked
  // ---------------------------------------------------------------------------------------------

  @Test
  void asksEachEndpointWithPaginateExceptThePullListWhichIsPagedByHand() {
    assertThat(callsOfCollect(SINCE, null)).containsExactlyElementsOf(FIRST_RUN);
  }

  @Test
  void aBoundedWindowAsksCommitsUntilItsEnd() {
    assertThat(callsOfCollect(SINCE, UNTIL))
        .startsWith("api --paginate repos/acme/api/commits?since=2026-11-01T00:00:00Z&until=2026-12-01T00:00:00Z"
            + "&per_page=100");
  }

  @Test
  void aWindowWithoutStartAsksEverything() {
    assertThat(callsOfCollect(null, null))
        .contains("api --paginate repos/acme/api/commits?per_page=100",
            "api --paginate repos/acme/api/issues?state=all&per_page=100",
            "api --paginate repos/acme/api/pulls/9/files?per_page=100");
  }

  @Test
  void readsEveryPageOfAPaginatedAnswer() {
    RepoCollection c = collect();
    assertAll(
        () -> assertThat(ids(c, ArtifactKind.COMMIT)).containsExactly(C1, C2, C3),
        () -> assertThat(ids(c, ArtifactKind.PULL_REQUEST_FILE)).contains("12:docs/retry.md"),
        () -> assertThat(ids(c, ArtifactKind.ISSUE)).contains("7"));
  }

  @Test
  void pagesThePullListByHandUntilAPageReachesBackPastTheWindow() {
    String original = gh.response("repos/acme/api/pulls");
    gh.respond("repos/acme/api/pulls", generatedPulls(100, 100));
    gh.respondPage("repos/acme/api/pulls", 2, original);

    List<String> calls = callsOfCollect(SINCE, UNTIL);
    RepoCollection c = collector.collect(ACME, SINCE, UNTIL);

    assertThat(calls).filteredOn(l -> l.contains("/pulls?")).containsExactly(
        "api repos/acme/api/pulls?state=all&sort=updated&direction=desc&per_page=100&page=1",
        "api repos/acme/api/pulls?state=all&sort=updated&direction=desc&per_page=100&page=2");
    assertThat(calls).filteredOn(l -> l.contains("/pulls/")).hasSize(4)
        .allMatch(l -> l.contains("/pulls/12/") || l.contains("/pulls/13/"));
    assertThat(ids(c, ArtifactKind.PULL_REQUEST)).containsExactly("12", "13");
  }

  /** {@return a page of {@code count} pull requests created and updated after {@link #UNTIL}}. */
  private static String generatedPulls(int first, int count) {
    return Stream.iterate(first, n -> n + 1).limit(count).map(n -> String.format("{\"url\": "
        + "\"https://api.github.com/repos/acme/api/pulls/%1$d\", \"number\": %1$d, \"state\": \"open\", \"title\": "
        + "\"Later work %1$d\", \"user\": {\"login\": \"octo\", \"id\": 7}, \"body\": \"BODY-MARKER-gen\", "
        + "\"created_at\": \"2026-12-05T09:00:00Z\", \"updated_at\": \"2026-12-06T%2$02d:%3$02d:00Z\", "
        + "\"closed_at\": null, \"merged_at\": null, \"merge_commit_sha\": null, \"labels\": [], \"head\": "
        + "{\"ref\": \"later-%1$d\", \"sha\": \"%4$040d\"}, \"html_url\": \"https://github.com/acme/api/pull/%1$d\"}",
        n, 23 - (n - first) / 60, 59 - (n - first) % 60, n)).collect(Collectors.joining(",\n", "[", "]\n"));
  }

  @Test
  void asksDetailsOnlyOfPullRequestsWhoseLifeOverlapsTheWindow() {
    List<String> calls = callsOfCollect(SINCE, null);
    assertThat(calls).noneMatch(l -> l.contains("/pulls/9/"));
    assertThat(calls).filteredOn(l -> l.contains("/pulls/")).hasSize(4);
  }

  // ---------------------------------------------------------------------------------------------
  // What is made
  // ---------------------------------------------------------------------------------------------

  @Test
  void collectsTheWindowsArtifactsOfEveryKind() {
    RepoCollection c = collect();
    assertAll(
        () -> assertThat(c.repo()).isEqualTo(ACME),
        () -> assertThat(c.complete()).isTrue(),
        () -> assertThat(c.requests()).isEqualTo(9),
        () -> assertThat(c.cachedPages()).isZero(),
        () -> assertThat(ids(c)).containsExactly(
            "commit:" + C1, "commit:" + C2, "commit:" + C3,
            "pull_request:12", "pull_request:13",
            "pull_request_file:12:docs/retry.md", "pull_request_file:12:src/main/java/acme/Retry.java",
            "pull_request_file:12:src/test/java/acme/RetryTest.java",
            "pull_request_file:13:src/test/java/acme/RetryTest.java",
            "issue:7", "issue:14",
            "release:v1.2.0",
            "tag:v1.2.0"));
  }

  @Test
  void keepsTitlesAndSubjectLinesButNoBodyOrFullMessageAnywhere() {
    RepoCollection c = collect();
    List<String> texts = new ArrayList<>();
    for (GitHubArtifact a : c.artifacts()) {
      Stream.of(a.id(), a.actor(), a.sha(), a.branch(), a.title(), a.state(), a.url(), a.filePath())
          .filter(s -> s != null).forEach(texts::add);
      texts.addAll(a.labels());
      texts.addAll(a.mentions());
      texts.addAll(a.commitShas());
    }
    assertAll(
        () -> assertThat(the(c, ArtifactKind.COMMIT, C1).title()).isEqualTo("fix(api): retry on 502"),
        () -> assertThat(the(c, ArtifactKind.COMMIT, C2).title())
            .isEqualTo("Merge pull request #12 from acme/feature/retry-backoff"),
        () -> assertThat(the(c, ArtifactKind.PULL_REQUEST, "12").title()).isEqualTo("Add retry backoff"),
        () -> assertThat(the(c, ArtifactKind.ISSUE, "14").title())
            .isEqualTo("How should retries interact with timeouts?"),
        () -> assertThat(the(c, ArtifactKind.RELEASE, "v1.2.0").title()).isEqualTo("v1.2.0"),
        () -> assertThat(texts).noneMatch(s -> s.contains("BODY-MARKER") || s.contains("gave up")
            || s.contains("Worked on") || s.contains("Seen in production") || s.contains("What's Changed")),
        () -> assertThat(cacheText()).doesNotContain("BODY-MARKER", "gave up", "Worked on", "Seen in production",
            "What's Changed", "@@ -1,3"));
  }

  @Test
  void setsAnOutcomeOnEveryArtifact() {
    RepoCollection c = collect();
    assertAll(
        () -> assertThat(the(c, ArtifactKind.COMMIT, C1).outcome()).isEqualTo(OutcomeType.BUGFIX),
        () -> assertThat(the(c, ArtifactKind.COMMIT, C2).outcome()).isEqualTo(OutcomeType.FEATURE),
        () -> assertThat(the(c, ArtifactKind.COMMIT, C3).outcome()).isEqualTo(OutcomeType.DOCS),
        () -> assertThat(the(c, ArtifactKind.PULL_REQUEST, "12").outcome()).isEqualTo(OutcomeType.FEATURE),
        () -> assertThat(the(c, ArtifactKind.PULL_REQUEST, "13").outcome()).isEqualTo(OutcomeType.TESTS),
        () -> assertThat(the(c, ArtifactKind.PULL_REQUEST_FILE, "12:docs/retry.md").outcome())
            .isEqualTo(OutcomeType.FEATURE),
        () -> assertThat(the(c, ArtifactKind.ISSUE, "7").outcome()).isEqualTo(OutcomeType.BUGFIX),
        () -> assertThat(the(c, ArtifactKind.ISSUE, "14").outcome()).isEqualTo(OutcomeType.INVESTIGATION),
        () -> assertThat(the(c, ArtifactKind.RELEASE, "v1.2.0").outcome()).isEqualTo(OutcomeType.RELEASE),
        () -> assertThat(the(c, ArtifactKind.TAG, "v1.2.0").outcome()).isEqualTo(OutcomeType.RELEASE),
        () -> assertThat(c.artifacts()).noneMatch(a -> a.outcome() == null));
  }

  @Test
  void joinsPullRequestFilesAndCommits() {
    RepoCollection c = collect();
    GitHubArtifact pr12 = the(c, ArtifactKind.PULL_REQUEST, "12");
    GitHubArtifact file = the(c, ArtifactKind.PULL_REQUEST_FILE, "12:src/main/java/acme/Retry.java");
    assertAll(
        () -> assertThat(pr12.commitShas()).containsExactly(C1, P12B, C2),
        () -> assertThat(pr12.additions()).isEqualTo(75L),
        () -> assertThat(pr12.deletions()).isEqualTo(4L),
        () -> assertThat(pr12.merged()).isTrue(),
        () -> assertThat(pr12.state()).isEqualTo("merged"),
        () -> assertThat(pr12.closedAt()).isEqualTo(Instant.parse("2026-11-12T10:05:00Z")),
        () -> assertThat(pr12.branch()).isEqualTo("feature/retry-backoff"),
        () -> assertThat(pr12.sha()).isEqualTo(P12B),
        () -> assertThat(pr12.actor()).isEqualTo("mona"),
        () -> assertThat(pr12.labels()).containsExactly("enhancement"),
        () -> assertThat(pr12.url()).isEqualTo("https://github.com/acme/api/pull/12"),
        () -> assertThat(file.filePath()).isEqualTo("src/main/java/acme/Retry.java"),
        () -> assertThat(file.additions()).isEqualTo(40L),
        () -> assertThat(file.deletions()).isEqualTo(3L),
        () -> assertThat(file.title()).isNull(),
        () -> assertThat(file.merged()).isNull(),
        () -> assertThat(the(c, ArtifactKind.PULL_REQUEST, "13").commitShas())
            .as("an open PR's merge_commit_sha is GitHub's test merge").containsExactly(P13A),
        () -> assertThat(the(c, ArtifactKind.PULL_REQUEST, "13").state()).isEqualTo("open"),
        () -> assertThat(the(c, ArtifactKind.PULL_REQUEST, "13").merged()).isFalse());
  }

  @Test
  void findsMentionsAndClosedIssuesInBodiesAndMessages() {
    RepoCollection c = collect();
    assertAll(
        () -> assertThat(the(c, ArtifactKind.PULL_REQUEST, "12").closesIssues()).containsExactly(7),
        () -> assertThat(the(c, ArtifactKind.PULL_REQUEST, "12").mentions())
            .contains("closes:7", "ref:7", "thread:" + THREAD, "plan:plans/retry.md"),
        () -> assertThat(the(c, ArtifactKind.COMMIT, C1).closesIssues()).containsExactly(7),
        () -> assertThat(the(c, ArtifactKind.COMMIT, C3).mentions())
            .contains("thread:" + THREAD, "plan:plans/retry.md"),
        () -> assertThat(the(c, ArtifactKind.COMMIT, C3).actor()).as("no GitHub user: the author's name")
            .isEqualTo("Ada Lovelace"),
        () -> assertThat(the(c, ArtifactKind.ISSUE, "7").mentions()).contains("ref:3"),
        () -> assertThat(the(c, ArtifactKind.ISSUE, "7").closesIssues()).isEmpty(),
        () -> assertThat(the(c, ArtifactKind.RELEASE, "v1.2.0").mentions()).contains("ref:12"));
  }

  @Test
  void skipsPullRequestsInTheIssueListDraftReleasesAndTagsOfUnknownDate() {
    RepoCollection c = collect();
    assertAll(
        () -> assertThat(ids(c, ArtifactKind.ISSUE)).doesNotContain("13"),
        () -> assertThat(ids(c, ArtifactKind.RELEASE)).containsExactly("v1.2.0"),
        () -> assertThat(ids(c, ArtifactKind.TAG)).containsExactly("v1.2.0"),
        () -> assertThat(ids(collector.collect(ACME, null, null), ArtifactKind.TAG))
            .as("without a start, a tag of unknown date is kept").containsExactly("v1.1.0", "v1.2.0"));
  }

  @Test
  void joinsTagsToTheirCommitsDateAndReleasesToTheirTagsSha() {
    RepoCollection c = collect();
    assertAll(
        () -> assertThat(the(c, ArtifactKind.TAG, "v1.2.0").timestamp())
            .isEqualTo(Instant.parse("2026-11-12T10:05:00Z")),
        () -> assertThat(the(c, ArtifactKind.TAG, "v1.2.0").sha()).isEqualTo(C2),
        () -> assertThat(the(c, ArtifactKind.TAG, "v1.2.0").url())
            .isEqualTo("https://github.com/acme/api/releases/tag/v1.2.0"),
        () -> assertThat(the(c, ArtifactKind.RELEASE, "v1.2.0").sha()).isEqualTo(C2),
        () -> assertThat(the(c, ArtifactKind.RELEASE, "v1.2.0").timestamp())
            .isEqualTo(Instant.parse("2026-11-12T11:00:00Z")),
        () -> assertThat(the(c, ArtifactKind.COMMIT, C1).timestamp()).isEqualTo(Instant.parse("2026-11-10T09:00:00Z")),
        () -> assertThat(the(c, ArtifactKind.COMMIT, C3).timestamp()).as("the committer's date")
            .isEqualTo(Instant.parse("2026-11-14T08:00:00Z")));
  }

  @Test
  void issuesAndPullRequestsCountWhenTheirLifeOverlapsTheWindow() {
    RepoCollection november = collector.collect(ACME, SINCE, UNTIL);
    RepoCollection early = collector.collect(ACME, Instant.parse("2026-11-01T00:00:00Z"),
        Instant.parse("2026-11-06T00:00:00Z"));
    assertAll(
        () -> assertThat(ids(november, ArtifactKind.ISSUE)).as("7 was opened in October, closed in November")
            .containsExactly("7", "14"),
        () -> assertThat(ids(early, ArtifactKind.PULL_REQUEST)).as("13 was opened after the window")
            .containsExactly("12"),
        () -> assertThat(ids(early, ArtifactKind.COMMIT)).isEmpty());
  }

  // ---------------------------------------------------------------------------------------------
  // The cache
  // ---------------------------------------------------------------------------------------------

  @Test
  void aRerunWithNothingNewAsksLessAndReturnsTheSameArtifacts() {
    RepoCollection first = collect();
    int before = gh.calls().size();
    RepoCollection second = collect();
    List<String> calls = gh.calls().subList(before, gh.calls().size());

    assertAll(
        () -> assertThat(second.artifacts()).isEqualTo(first.artifacts()),
        () -> assertThat(second.requests()).isEqualTo(5).isLessThan(first.requests()),
        () -> assertThat(calls).hasSize(5).noneMatch(l -> l.contains("/pulls/")),
        () -> assertThat(second.cachedPages()).as("commits, pulls, issues, and 2 PRs x (files, commits)")
            .isEqualTo(7));
  }

  @Test
  void aRerunAsksForCommitsAndIssuesFromADayBeforeTheWatermark() {
    Instant before = Instant.now();
    collect();
    Instant after = Instant.now();
    List<String> calls = callsOfCollect(SINCE, null);

    Instant commitsSince = sinceOf(calls, "repos/acme/api/commits?");
    Instant issuesSince = sinceOf(calls, "repos/acme/api/issues?");
    Instant earliest = before.minus(Duration.ofDays(1)).minusSeconds(1);
    Instant latest = after.minus(Duration.ofDays(1));
    assertThat(commitsSince).isBetween(earliest, latest);
    assertThat(issuesSince).isBetween(earliest, latest);
  }

  private static Instant sinceOf(List<String> calls, String endpoint) {
    String line = calls.stream().filter(l -> l.contains(endpoint)).findFirst().orElseThrow();
    int s = line.indexOf("since=") + "since=".length();
    return Instant.parse(line.substring(s, line.indexOf('&', s)));
  }

  @Test
  void anUpdatedPullRequestIsTheOnlyOneFetchedAgainInDetail() {
    collect();
    gh.respond("repos/acme/api/pulls", gh.response("repos/acme/api/pulls")
        .replace("\"updated_at\": \"2026-11-16T12:00:00Z\"", "\"updated_at\": \"2026-11-19T08:00:00Z\"")
        .replace("Fix flaky retry test", "Fix the flaky retry test for good"));
    int before = gh.calls().size();
    RepoCollection c = collect();
    List<String> calls = gh.calls().subList(before, gh.calls().size());

    assertThat(calls).filteredOn(l -> l.contains("/pulls/")).containsExactly(
        "api --paginate repos/acme/api/pulls/13/files?per_page=100",
        "api --paginate repos/acme/api/pulls/13/commits?per_page=100");
    assertThat(the(c, ArtifactKind.PULL_REQUEST, "13").title()).isEqualTo("Fix the flaky retry test for good");
    assertThat(c.cachedPages()).isEqualTo(5);
  }

  @Test
  void aWindowStartingEarlierAsksOnlyForTheCommitsBeforeTheCachedOnes() {
    collect();
    Instant october = Instant.parse("2026-10-01T00:00:00Z");
    List<String> calls = callsOfCollect(october, null);
    assertThat(calls).filteredOn(l -> l.contains("repos/acme/api/commits?")).hasSize(2)
        .first().isEqualTo("api --paginate repos/acme/api/commits?since=2026-10-01T00:00:00Z"
            + "&until=2026-11-01T00:00:00Z&per_page=100");
    assertThat(calls)
        .contains("api --paginate repos/acme/api/issues?state=all&since=2026-10-01T00:00:00Z&per_page=100");
  }

  @Test
  void aBoundedWindowTheCacheCoversAsksNoCommits() {
    collector.collect(ACME, SINCE, UNTIL);
    List<String> calls = callsOfCollect(SINCE, UNTIL);
    assertThat(calls).noneMatch(l -> l.contains("repos/acme/api/commits?")).hasSize(4);
  }

  @Test
  void aWindowEndingInTheFutureIsCachedAsCompleteOnlyUpToNow() {
    Instant before = Instant.now();
    collector.collect(ACME, SINCE, before.plus(Duration.ofDays(7)));
    List<String> calls = callsOfCollect(SINCE, null);
    assertThat(sinceOf(calls, "repos/acme/api/commits?")).isBefore(before);
  }

  @Test
  void theCacheIsOneJsonFilePerRepositoryRenamedIntoPlace() throws IOException {
    collect();
    Path file = cacheDir.resolve("acme/api/collection.json");
    assertThat(collector.cacheFile(ACME)).isEqualTo(file);
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("collection.json");
    }
    assertThat(cacheText()).contains("\"format\" : 1", "\"repo\" : \"acme/api\"", "\"commits\"", "\"pulls\"",
        "\"issues\"", "\"detail\"", "\"closes_issues\"");
  }

  @Test
  void aDamagedCacheIsIgnoredAndRewritten() throws IOException {
    RepoCollection first = collect();
    Files.writeString(collector.cacheFile(ACME), "{\"format\": 1, \"repo\": \"acme/api\", \"commits\": {\"items\": [{");
    Files.writeString(collector.cacheFile(ACME).resolveSibling("collection.json.tmp"), "left by a crash");

    List<String> calls = callsOfCollect(SINCE, null);

    assertThat(calls).containsExactlyElementsOf(FIRST_RUN);
    assertThat(collect().artifacts()).isEqualTo(first.artifacts());
    assertThat(collector.cacheFile(ACME).resolveSibling("collection.json.tmp")).doesNotExist();
  }

  @Test
  void theCacheOfAnotherRepositoryIsNotUsed() throws IOException {
    collect();
    GitHubRepo other = GitHubRepo.parse("acme/web");
    Path otherFile = collector.cacheFile(other);
    Files.createDirectories(otherFile.getParent());
    Files.copy(collector.cacheFile(ACME), otherFile);

    int before = gh.calls().size();
    RepoCollection web = collector.collect(other, SINCE, null);

    assertThat(gh.calls().get(before))
        .isEqualTo("api --paginate repos/acme/web/commits?since=2026-11-01T00:00:00Z&per_page=100");
    assertThat(web.artifacts()).isEmpty();
    assertThat(web.cachedPages()).isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // Failures
  // ---------------------------------------------------------------------------------------------

  private void assertFailure(Kind kind, String message) {
    assertThatThrownBy(this::collect).isInstanceOfSatisfying(GitHubException.class, e -> assertAll(
        () -> assertThat(e.kind()).isEqualTo(kind),
        () -> assertThat(e.getMessage()).isEqualTo(message),
        () -> assertThat(e.getMessage()).startsWith("gh: acme/api: ").doesNotContain("\n", "\r"),
        () -> assertThat(e.repo()).contains(ACME)));
  }

  @Test
  void aMissingExecutableIsGhMissing() {
    Path nowhere = tmp.resolve("no-such/gh");
    GitHubCollector missing = GitHubCollector.create(GhRunner.of(nowhere), cacheDir);
    assertAll(
        () -> assertThatThrownBy(missing::checkAvailable).isInstanceOfSatisfying(GitHubException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.GH_MISSING);
          assertThat(e.getMessage()).isEqualTo("gh: " + nowhere
              + ": not found or not executable; install GitHub CLI or rerun with --skip-github");
        }),
        () -> assertThatThrownBy(() -> missing.collect(ACME, SINCE, null))
            .isInstanceOfSatisfying(GitHubException.class, e -> {
              assertThat(e.kind()).isEqualTo(Kind.GH_MISSING);
              assertThat(e.getMessage()).isEqualTo("gh: acme/api: " + nowhere
                  + ": not found or not executable; install GitHub CLI or rerun with --skip-github");
            }));
  }

  @Test
  void noGhOnThePathIsGhMissingWithTheInstallHint() throws IOException {
    Path emptyDir = Files.createDirectories(tmp.resolve("empty-bin"));
    GhRunner none = GhRunner.onPath(Map.of("PATH", emptyDir.toString()));
    assertThat(none.executable()).isEmpty();
    assertThatThrownBy(() -> GitHubCollector.create(none, cacheDir).checkAvailable())
        .isInstanceOfSatisfying(GitHubException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.GH_MISSING);
          assertThat(e.getMessage())
              .isEqualTo("gh is not installed or not on PATH; install GitHub CLI or rerun with --skip-github");
        });
  }

  @Test
  void aLoggedInGhIsAvailable() {
    collector.checkAvailable();
    assertThat(gh.calls()).containsExactly("auth status --hostname github.com");
  }

  @Test
  void failingAuthStatusIsNotAuthenticated() {
    gh.unauthenticated();
    assertThatThrownBy(collector::checkAvailable).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.NOT_AUTHENTICATED);
      assertThat(e.getMessage()).isEqualTo("gh is not authenticated; run 'gh auth login' or rerun with --skip-github");
      assertThat(e.repo()).isEmpty();
    });
  }

  @Test
  void http404IsRepoNotReadable() {
    gh.fail("repos/acme/api/commits", "404");
    assertFailure(Kind.REPO_NOT_READABLE, "gh: acme/api: not found or not readable (HTTP 404); check the name and"
        + " that 'gh auth status' shows access to it, or rerun with --skip-github");
  }

  @Test
  void http403IsRepoNotReadable() {
    gh.fail("repos/acme/api/pulls", "403");
    assertFailure(Kind.REPO_NOT_READABLE, "gh: acme/api: access denied (HTTP 403: Resource not accessible by"
        + " integration); check that 'gh auth status' shows access to it, or rerun with --skip-github");
  }

  @Test
  void http401IsNotAuthenticated() {
    gh.fail("repos/acme/api/commits", "401");
    assertFailure(Kind.NOT_AUTHENTICATED, "gh: acme/api: gh is not authenticated or its token was rejected"
        + " (HTTP 401); run 'gh auth login' or rerun with --skip-github");
  }

  @Test
  void aRateLimitSaysWhenItResets() {
    gh.fail("repos/acme/api/issues", "ratelimit");
    assertFailure(Kind.RATE_LIMITED, "gh: acme/api: GitHub API rate limit exceeded (HTTP 403); it resets at"
        + " 2026-11-18T11:06:40Z; rerun after that or with --skip-github");
    assertThat(gh.calls()).endsWith("api rate_limit");
  }

  @Test
  void aRateLimitWhoseResetIsUnknownSaysHowToFindOut() {
    gh.fail("repos/acme/api/issues", "ratelimit").removeResponse("rate_limit");
    assertFailure(Kind.RATE_LIMITED, "gh: acme/api: GitHub API rate limit exceeded (HTTP 403); wait for it to reset"
        + " ('gh api rate_limit' shows when) or rerun with --skip-github");
  }

  @Test
  void aSecondaryRateLimitSaysToWaitAFewMinutes() {
    gh.fail("repos/acme/api/pulls/12/files", "secondary");
    assertFailure(Kind.RATE_LIMITED, "gh: acme/api: GitHub's secondary rate limit was hit (HTTP 429); wait a few"
        + " minutes and rerun, or rerun with --skip-github");
  }

  @Test
  void malformedJsonIsMalformedResponse() {
    gh.fail("repos/acme/api/commits", "malformed");
    assertThatThrownBy(this::collect).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
      assertThat(e.getMessage()).startsWith("gh: acme/api: unexpected response to repos/acme/api/commits (")
          .endsWith("); rerun, or rerun with --skip-github if it persists").doesNotContain("\n");
    });
  }

  @Test
  void anObjectWhereAListBelongsIsMalformedResponse() {
    gh.respond("repos/acme/api/tags", "{\"message\": \"not a list\"}");
    assertFailure(Kind.MALFORMED_RESPONSE, "gh: acme/api: unexpected response to repos/acme/api/tags (expected a"
        + " JSON array, found '{'); rerun, or rerun with --skip-github if it persists");
  }

  @Test
  void aServerErrorIsFailed() {
    gh.fail("repos/acme/api/releases", "502");
    assertFailure(Kind.FAILED, "gh: acme/api: repos/acme/api/releases failed (HTTP 502: Server Error); rerun later,"
        + " or rerun with --skip-github");
  }

  @Test
  void aNetworkErrorIsFailedNamingTheNetwork() {
    gh.fail("repos/acme/api/commits", "network");
    assertFailure(Kind.FAILED, "gh: acme/api: could not reach GitHub (error connecting to api.github.com); check the"
        + " network and rerun, or rerun with --skip-github");
  }

  @Test
  void aTimeoutIsFailed() {
    collector = GitHubCollector.create(gh.runner().withTimeout(Duration.ofMillis(500)), cacheDir);
    gh.fail("repos/acme/api/commits", "hang");
    long start = System.nanoTime();
    assertFailure(Kind.FAILED, "gh: acme/api: gh did not answer repos/acme/api/commits in time and was stopped;"
        + " check the network and rerun, or rerun with --skip-github");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aFailureInTheMiddleOfPagingThrowsAndKeepsNothingOfThatCall() {
    gh.fail("repos/acme/api/issues", "midpage");
    assertFailure(Kind.FAILED, "gh: acme/api: repos/acme/api/issues failed (HTTP 502: Server Error); rerun later,"
        + " or rerun with --skip-github");
    assertThat(cacheText()).doesNotContain("How should retries interact", "Client gives up", "\"issues\"");

    gh.clearFailures();
    List<String> calls = callsOfCollect(SINCE, null);
    assertThat(calls).contains("api --paginate repos/acme/api/issues?state=all&since=2026-11-01T00:00:00Z&per_page=100")
        .noneMatch(l -> l.contains("/pulls/"));
    assertThat(ids(collect(), ArtifactKind.ISSUE)).containsExactly("7", "14");
  }

  @Test
  void aNetworkErrorInTheMiddleOfPagingNamesTheNetworkAndKeepsNothingOfThatCall() {
    gh.fail("repos/acme/api/issues", "midpage-network");
    assertFailure(Kind.FAILED, "gh: acme/api: could not reach GitHub (error connecting to api.github.com); check the"
        + " network and rerun, or rerun with --skip-github");
    assertThat(cacheText()).doesNotContain("How should retries interact", "Client gives up", "\"issues\"");

    gh.clearFailures();
    assertThat(ids(collect(), ArtifactKind.ISSUE)).containsExactly("7", "14");
  }

  @Test
  void aFailureLeavesTheCacheAsItWasBeforeTheFailedRequest() throws IOException {
    collect();
    byte[] before = Files.readAllBytes(collector.cacheFile(ACME));
    gh.fail("repos/acme/api/commits", "502");

    assertThatThrownBy(this::collect).isInstanceOf(GitHubException.class);

    assertThat(Files.readAllBytes(collector.cacheFile(ACME))).isEqualTo(before);
  }

  @Test
  void detailsFetchedBeforeAFailureAreKeptForTheNextRun() {
    gh.fail("repos/acme/api/pulls/12/files", "502");
    assertThatThrownBy(this::collect).isInstanceOf(GitHubException.class);

    gh.clearFailures();
    List<String> calls = callsOfCollect(SINCE, null);

    assertThat(calls).filteredOn(l -> l.contains("/pulls/")).containsExactly(
        "api --paginate repos/acme/api/pulls/12/files?per_page=100",
        "api --paginate repos/acme/api/pulls/12/commits?per_page=100");
  }

  @Test
  void anEmptyRepositoryHasNoCommitsAndDisabledIssuesNoIssues() {
    gh.fail("repos/acme/api/commits", "409").fail("repos/acme/api/issues", "410");
    RepoCollection c = collect();
    assertThat(c.ofKind(ArtifactKind.COMMIT)).isEmpty();
    assertThat(c.ofKind(ArtifactKind.ISSUE)).isEmpty();
    assertThat(c.ofKind(ArtifactKind.PULL_REQUEST)).hasSize(2);
  }

  @Test
  void aWindowThatEndsBeforeItStartsIsRejected() {
    assertThatThrownBy(() -> collector.collect(ACME, UNTIL, SINCE)).isInstanceOf(IllegalArgumentException.class);
  }
}
