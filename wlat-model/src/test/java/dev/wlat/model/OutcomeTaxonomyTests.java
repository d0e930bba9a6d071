package dev.wlat.model;

import static dev.wlat.model.OutcomeType.BUGFIX;
import static dev.wlat.model.OutcomeType.DEPENDENCY;
import static dev.wlat.model.OutcomeType.DOCS;
import static dev.wlat.model.OutcomeType.FEATURE;
import static dev.wlat.model.OutcomeType.INFRA;
import static dev.wlat.model.OutcomeType.INVESTIGATION;
import static dev.wlat.model.OutcomeType.REFACTOR;
import static dev.wlat.model.OutcomeType.RELEASE;
import static dev.wlat.model.OutcomeType.TESTS;
import static dev.wlat.model.OutcomeType.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.wlat.model.OutcomeTaxonomy.Rule;
import dev.wlat.model.OutcomeTaxonomy.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.quicktheories.core.Gen;

class OutcomeTaxonomyTests {

  // ---------------------------------------------------------------------------------------------
  // Helpers: one case per line
  // ---------------------------------------------------------------------------------------------

  private static Executable commit(String message, OutcomeType expected) {
    return () -> assertThat(OutcomeTaxonomy.ofCommitMessage(message)).as("commit [%s]", message)
        .isEqualTo(expected);
  }

  private static Executable branch(String name, OutcomeType expected) {
    return () -> assertThat(OutcomeTaxonomy.ofBranch(name)).as("branch [%s]", name).isEqualTo(expected);
  }

  private static Executable paths(OutcomeType expected, String... paths) {
    return () -> assertThat(OutcomeTaxonomy.ofPaths(Arrays.asList(paths)))
        .as("paths %s", Arrays.toString(paths)).isEqualTo(expected);
  }

  private static Executable labels(OutcomeType expected, String... labels) {
    return () -> assertThat(OutcomeTaxonomy.ofPullRequest(null, Arrays.asList(labels), null, null))
        .as("labels %s", Arrays.toString(labels)).isEqualTo(expected);
  }

  private static Executable title(String title, OutcomeType expected) {
    return () -> assertThat(OutcomeTaxonomy.ofPullRequest(title, List.of(), null, List.of()))
        .as("title [%s]", title).isEqualTo(expected);
  }

  private static Executable pr(String title, List<String> labels, String branch, List<String> paths,
      OutcomeType expected) {
    return () -> assertThat(OutcomeTaxonomy.ofPullRequest(title, labels, branch, paths))
        .as("pr [%s] %s [%s] %s", title, labels, branch, paths).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // Conventional commits
  // ---------------------------------------------------------------------------------------------

  @Test
  void conventionalCommitTypesDecideCommits() {
    assertAll(
        commit("fix: retry on 502", BUGFIX),
        commit("fix(api): handle an empty body", BUGFIX),
        commit("Fix: crash on start", BUGFIX),
        commit("feat: add retry", FEATURE),
        commit("feat(api)!: drop the v1 endpoints", FEATURE),
        commit("docs: explain the cache", DOCS),
        commit("test: cover retries", TESTS),
        commit("refactor: split the parser", REFACTOR),
        commit("perf: avoid copying buffers", REFACTOR),
        commit("style: reformat", REFACTOR),
        commit("build: speed up the compile", INFRA),
        commit("ci: cache the maven repository", INFRA),
        commit("revert: feat: add retry", BUGFIX),
        commit("release: 1.2.0", RELEASE),
        commit("deps: bump jackson", DEPENDENCY),
        commit("spike: try zstd", INVESTIGATION));
  }

  @Test
  void aDependencyOrReleaseScopeComesBeforeTheType() {
    assertAll(
        commit("chore(deps): bump jackson-core from 2.15.0 to 2.16.0", DEPENDENCY),
        commit("build(deps-dev): bump junit", DEPENDENCY),
        commit("fix(deps): update dependency lodash to v4.17.21", DEPENDENCY),
        commit("chore(release): 1.2.0", RELEASE),
        commit("fix(api): retry", BUGFIX));
  }

  @Test
  void choreAloneIsInfraUnlessItsDescriptionNamesAReleaseOrADependencyUpdate() {
    assertAll(
        commit("chore: tidy the scripts", INFRA),
        commit("chore: fix typo", INFRA),
        commit("chore: release 1.2.0", RELEASE),
        commit("chore(main): release 1.2.0", RELEASE),
        commit("chore: bump jackson", DEPENDENCY),
        commit("chore: update dependencies", DEPENDENCY),
        commit("build: bump jackson", DEPENDENCY));
  }

  @Test
  void anUnknownTypeIsNotAConventionalPrefixAndTheWordsDecide() {
    assertAll(
        commit("Note: this changes nothing", UNKNOWN),
        commit("WIP: fix retry", BUGFIX),
        commit("fix:crash", BUGFIX),
        commit("Retry: add a backoff", FEATURE));
  }

  @Test
  void onlyTheSubjectLineOfACommitCounts() {
    assertAll(
        commit("Update the widget\n\nfix: this body mentions a fix, tests and docs", UNKNOWN),
        commit("docs: explain the cache\n\nFixes #12", DOCS),
        commit("\n  Fix retry  \r\nbody", BUGFIX));
  }

  @Test
  void aMergeCommitTakesTheMergedBranchesOutcome() {
    assertAll(
        commit("Merge pull request #12 from acme/fix-retry", BUGFIX),
        commit("Merge pull request #13 from acme/docs\n\nAdd tests", DOCS),
        commit("Merge branch 'feature/login' into main", FEATURE),
        commit("Merge remote-tracking branch 'origin/main'", UNKNOWN));
  }

  // ---------------------------------------------------------------------------------------------
  // Titles and subjects
  // ---------------------------------------------------------------------------------------------

  @Test
  void titleWordsFollowTheirPrecedence() {
    assertAll(
        title("Fix retry on timeout", BUGFIX),
        title("Fixes crash on start", BUGFIX),
        title("Crash when opening an empty file", BUGFIX),
        title("Bump jackson-core from 2.15.0 to 2.16.0", DEPENDENCY),
        title("Bump actions/checkout from 3 to 4", DEPENDENCY),
        title("Update dependency lodash to v4.17.21", DEPENDENCY),
        title("Bump version to 1.3.0", RELEASE),
        title("Release v1.2.0", RELEASE),
        title("Prepare release 2.0", RELEASE),
        title("Add tests for the retry loop", TESTS),
        title("Fix flaky test in the parser", TESTS),
        title("Improve testing of retries", TESTS),
        title("Fix typo in README", DOCS),
        title("Document the cache format", DOCS),
        title("Fix CI on Windows", INFRA),
        title("Update Dockerfile base image", INFRA),
        title("Refactor the parser into stages", REFACTOR),
        title("Clean up unused imports", REFACTOR),
        title("Refactor retries to fix the crash", REFACTOR),
        title("Investigate slow startup", INVESTIGATION),
        title("Debug flaky retries", INVESTIGATION),
        title("Spike: try zstd", INVESTIGATION),
        title("Add retry to the fetcher", FEATURE),
        title("Implement crash reporting", FEATURE),
        title("Add fix for the crash", BUGFIX),
        title("Speed up startup with a cache", REFACTOR),
        title("Make startup faster", UNKNOWN),
        title("Update the widget", UNKNOWN));
  }

  @Test
  void aVersionIsARelease() {
    assertAll(
        commit("v1.2.3", RELEASE),
        commit("1.2.0", RELEASE),
        commit("2.0.0-rc.1", RELEASE),
        title("v1", RELEASE),
        title("V2.1", RELEASE),
        branch("v1.2", RELEASE),
        title("1", UNKNOWN),
        title("Python 3.12 support", FEATURE));
  }

  @Test
  void leadingTagsTicketKeysAndWipAreSkipped() {
    assertAll(
        title("[WIP] Fix retry", BUGFIX),
        title("[api] feat: add retry", FEATURE),
        title("ABC-123: Add retry", FEATURE),
        title("ABC-123 Fix retry", BUGFIX),
        title("#12: Fix retry", BUGFIX),
        title("WIP fix retry", BUGFIX),
        title("Draft: docs for the cache", DOCS),
        title("Wipe the cache", UNKNOWN));
  }

  @Test
  void camelCaseHumpsSplitWords() {
    assertAll(
        () -> assertThat(OutcomeTaxonomy.words("HTTPServer fixRetry e2e v1.2 iOS"))
            .containsExactly("http", "server", "fix", "retry", "e2e", "v1", "2", "i", "os"),
        commit("fixRetryLoop", BUGFIX),
        commit("addTestsForRetry", TESTS),
        commit("HTTPFix for proxies", BUGFIX),
        commit("latestVersion", UNKNOWN));
  }

  // ---------------------------------------------------------------------------------------------
  // Words, never substrings
  // ---------------------------------------------------------------------------------------------

  @Test
  void signalsNeverMatchInsideLongerWords() {
    assertAll(
        title("Use the latest jackson", UNKNOWN),
        title("Contest the attestation results", UNKNOWN),
        title("Strip the prefix from keys", UNKNOWN),
        title("Affix the label", UNKNOWN),
        title("Update the project layout", UNKNOWN),
        title("Update the docker image", INFRA),
        title("Remove debug logging", UNKNOWN),
        title("Bugle sounds", UNKNOWN),
        title("Improve testing of retries", TESTS),
        title("Fixes the crash on start", BUGFIX),
        labels(UNKNOWN, "debug"),
        labels(UNKNOWN, "latest"),
        labels(UNKNOWN, "project"),
        branch("prefix-handling", UNKNOWN),
        branch("latest", UNKNOWN),
        branch("project/x", UNKNOWN),
        branch("docker/base", UNKNOWN),
        branch("fixes-12", BUGFIX),
        branch("testing/flaky", TESTS),
        paths(UNKNOWN, "src/main/java/Latest.java"),
        paths(UNKNOWN, "src/main/java/Contest.java"),
        paths(UNKNOWN, "latest/notes.txt"),
        paths(UNKNOWN, "docker/entrypoint.sh"),
        paths(UNKNOWN, "src/testutils/Helper.java"),
        paths(UNKNOWN, "lib/contest_results.py"));
  }

  @Test
  void debugIsNeverABugButLeadingOffATitleOrBranchItIsAnInvestigation() {
    assertAll(
        title("Debug the retry loop", INVESTIGATION),
        branch("debug/retry", INVESTIGATION),
        title("Remove debug output", UNKNOWN),
        title("Add debug logging", FEATURE),
        labels(UNKNOWN, "debug"));
  }

  // ---------------------------------------------------------------------------------------------
  // Labels
  // ---------------------------------------------------------------------------------------------

  @Test
  void labelsMatchOnTheirWordsInTableOrder() {
    assertAll(
        labels(BUGFIX, "bug"),
        labels(BUGFIX, "type: bug"),
        labels(FEATURE, "kind/feature"),
        labels(FEATURE, "enhancement"),
        labels(DOCS, "documentation"),
        labels(DEPENDENCY, "dependencies", "java"),
        labels(INFRA, "github_actions"),
        labels(INFRA, "ci"),
        labels(INVESTIGATION, "question"),
        labels(RELEASE, "release"),
        labels(RELEASE, "autorelease: pending"),
        labels(REFACTOR, "tech-debt"),
        labels(TESTS, "testing"),
        labels(BUGFIX, "bug", "documentation"),
        labels(BUGFIX, "documentation", "bug"),
        labels(UNKNOWN, "good first issue"));
  }

  @Test
  void aNegatedLabelSaysNothing() {
    assertAll(
        labels(UNKNOWN, "needs tests"),
        labels(UNKNOWN, "skip-changelog"),
        labels(UNKNOWN, "no release"),
        labels(DOCS, "needs tests", "docs"));
  }

  // ---------------------------------------------------------------------------------------------
  // Branches
  // ---------------------------------------------------------------------------------------------

  @Test
  void theFirstWordOfABranchDecides() {
    assertAll(
        branch("fix/retry", BUGFIX),
        branch("hotfix/login", BUGFIX),
        branch("revert-12-fix-retry", BUGFIX),
        branch("fixRetry", BUGFIX),
        branch("feature/login", FEATURE),
        branch("feat-login", FEATURE),
        branch("docs/cache", DOCS),
        branch("dependabot/maven/com.fasterxml.jackson.core-jackson-core-2.16.0", DEPENDENCY),
        branch("renovate/lodash-4.x", DEPENDENCY),
        branch("release/1.2", RELEASE),
        branch("release-please--branches--main", RELEASE),
        branch("spike/zstd", INVESTIGATION),
        branch("chore/tidy", INFRA),
        branch("refactor/parser", REFACTOR),
        branch("test/retry", TESTS),
        branch("refs/heads/fix/retry", BUGFIX),
        branch("main", UNKNOWN),
        branch("retry-fix", UNKNOWN));
  }

  @Test
  void aNamespacedBranchIsReadFromItsNextSegments() {
    assertAll(
        branch("alice/fix-retry", BUGFIX),
        branch("codex/feat-login", FEATURE),
        branch("users/alice/docs-update", DOCS),
        branch("a/b/c/fix-retry", UNKNOWN),
        branch("origin/main", UNKNOWN));
  }

  // ---------------------------------------------------------------------------------------------
  // Paths
  // ---------------------------------------------------------------------------------------------

  @Test
  void pathsOfOneKindDecide() {
    assertAll(
        paths(DOCS, "docs/guide.md"),
        paths(DOCS, "README.md"),
        paths(DOCS, "guide/intro.md"),
        paths(DOCS, "./docs/a.txt"),
        paths(DOCS, "docs\\a.txt"),
        paths(TESTS, "src/test/java/a/RetryTest.java"),
        paths(TESTS, "src/main/java/a/RetryTests.java"),
        paths(TESTS, "pkg/retry_test.go"),
        paths(TESTS, "tests/test_retry.py"),
        paths(TESTS, "lib/test_retry.py"),
        paths(TESTS, "src/test/resources/README.md"),
        paths(INFRA, ".github/workflows/ci.yml"),
        paths(INFRA, "Dockerfile"),
        paths(INFRA, "docker/Dockerfile"),
        paths(DEPENDENCY, "pom.xml"),
        paths(DEPENDENCY, "package-lock.json"),
        paths(DEPENDENCY, "pom.xml", "api/pom.xml"));
  }

  @Test
  void anyOrdinaryCodePathMakesPathsUnknown() {
    assertAll(
        paths(UNKNOWN, "pom.xml", "src/main/java/A.java"),
        paths(UNKNOWN, "src/main/java/A.java", "src/test/java/ATest.java"),
        paths(UNKNOWN, "src/main/java/A.java"),
        paths(UNKNOWN));
  }

  @Test
  void mixedNonCodePathsTakeTheMostFrequentKindTiesInTableOrder() {
    assertAll(
        paths(DOCS, "docs/a.md", "docs/b.md", "src/test/java/ATest.java"),
        paths(TESTS, "docs/a.md", "src/test/java/ATest.java"),
        paths(DEPENDENCY, "pom.xml", ".github/workflows/ci.yml"));
  }

  // ---------------------------------------------------------------------------------------------
  // Pull requests
  // ---------------------------------------------------------------------------------------------

  @Test
  void pullRequestsTakeLabelsThenConventionalTitleThenTitleWordsThenBranchThenPaths() {
    List<String> code = List.of("src/A.java");
    List<String> docs = List.of("docs/a.md");
    assertAll(
        pr("docs: explain the cache", List.of("bug"), "feature/x", code, BUGFIX),
        pr("docs: add tests", List.of(), "feature/x", code, DOCS),
        pr("Add tests for retry", List.of(), "fix/retry", code, TESTS),
        pr("Update the widget", List.of(), "fix/widget", docs, BUGFIX),
        pr("Update the widget", List.of(), "alice/widget", docs, DOCS),
        pr("Update the widget", List.of(), "main", code, UNKNOWN),
        pr("Bump lodash from 4.17.20 to 4.17.21", List.of("dependencies", "javascript"),
            "dependabot/npm_and_yarn/lodash-4.17.21", List.of("package-lock.json"), DEPENDENCY),
        pr(null, null, null, null, UNKNOWN));
  }

  // ---------------------------------------------------------------------------------------------
  // The table itself
  // ---------------------------------------------------------------------------------------------

  private static final Map<Source, Set<Source>> CHECKED_TOGETHER = Map.of(
      Source.TITLE_LEAD, EnumSet.of(Source.TITLE_LEAD, Source.TITLE_WORD),
      Source.TITLE_WORD, EnumSet.of(Source.TITLE_LEAD, Source.TITLE_WORD),
      Source.CONVENTIONAL_TYPE, EnumSet.of(Source.CONVENTIONAL_TYPE, Source.CONVENTIONAL_WEAK_TYPE),
      Source.CONVENTIONAL_WEAK_TYPE, EnumSet.of(Source.CONVENTIONAL_TYPE, Source.CONVENTIONAL_WEAK_TYPE));

  private static final Set<Source> WORD_SOURCES = EnumSet.of(Source.CONVENTIONAL_SCOPE, Source.CONVENTIONAL_TYPE,
      Source.CONVENTIONAL_WEAK_TYPE, Source.LABEL, Source.TITLE_LEAD, Source.TITLE_WORD, Source.BRANCH_PREFIX);

  /** {@return a case that feeds {@code signal} to the method that reads {@code rule}'s source}. */
  private static Executable recognised(Rule rule, String signal) {
    OutcomeType expected = rule.outcome();
    switch (rule.source()) {
      case CONVENTIONAL_SCOPE:
        return commit("chore(" + signal + "): the widget", expected);
      case CONVENTIONAL_TYPE:
      case CONVENTIONAL_WEAK_TYPE:
        return commit(signal + ": the widget", expected);
      case LABEL:
        return labels(expected, signal);
      case VERSION:
        return commit("v1.2.3", expected);
      case TITLE_LEAD:
        return commit(Character.toUpperCase(signal.charAt(0)) + signal.substring(1) + " the widget", expected);
      case TITLE_WORD:
        return commit("the widget " + signal, expected);
      case BRANCH_PREFIX:
        return branch(signal + "/widget", expected);
      case PATH:
        return signal.endsWith("/")
            ? paths(expected, "a/" + signal + "widget.c")
            : paths(expected, "a/" + signal.replace("*", "Widget"));
      default:
        throw new AssertionError(rule.source());
    }
  }

  @Test
  void everySignalOfEveryRuleIsRecognisedInItsSource() {
    List<Executable> cases = new ArrayList<>();
    for (Rule r : OutcomeTaxonomy.RULES) {
      for (String s : r.signals()) {
        cases.add(recognised(r, s));
      }
    }
    assertThat(cases).hasSizeGreaterThan(300);
    assertAll(cases.stream());
  }

  @Test
  void everyRuleHasSignalsAndEverySourceHasRules() {
    assertAll(
        () -> assertThat(OutcomeTaxonomy.RULES).allSatisfy(r -> assertThat(r.signals()).isNotEmpty()),
        () -> assertThat(OutcomeTaxonomy.RULES.stream().map(Rule::source).distinct())
            .containsExactlyInAnyOrder(Source.values()),
        () -> assertThat(OutcomeTaxonomy.RULES.stream().map(Rule::outcome).distinct())
            .containsExactlyInAnyOrder(Stream.of(OutcomeType.values()).filter(t -> t != UNKNOWN)
                .toArray(OutcomeType[]::new)));
  }

  @Test
  void wordSignalsAreLowerCaseWholeWordsSoTheyCanMatch() {
    assertAll(OutcomeTaxonomy.RULES.stream().filter(r -> WORD_SOURCES.contains(r.source()))
        .flatMap(r -> r.signals().stream())
        .<Executable>map(s -> () -> assertThat(String.join(" ", OutcomeTaxonomy.words(s))).as(s).isEqualTo(s)));
  }

  @Test
  void aSignalMeansOneOutcomeAmongTheRowsCheckedTogether() {
    Map<String, OutcomeType> seen = new HashMap<>();
    List<String> conflicts = new ArrayList<>();
    for (Rule r : OutcomeTaxonomy.RULES) {
      for (String s : r.signals()) {
        for (Source together : CHECKED_TOGETHER.getOrDefault(r.source(), EnumSet.of(r.source()))) {
          OutcomeType before = seen.putIfAbsent(together + ":" + s, r.outcome());
          if (before != null && before != r.outcome()) {
            conflicts.add(r.source() + " " + s + ": " + before + " and " + r.outcome());
          }
        }
      }
    }
    assertThat(conflicts).isEmpty();
  }

  @Test
  void nullBlankAndEmptyInputsAreUnknown() {
    assertAll(
        commit(null, UNKNOWN),
        commit("", UNKNOWN),
        commit("   \n ", UNKNOWN),
        branch(null, UNKNOWN),
        branch("", UNKNOWN),
        paths(UNKNOWN, (String) null),
        paths(UNKNOWN, "", " "),
        () -> assertThat(OutcomeTaxonomy.ofPaths(null)).isEqualTo(UNKNOWN),
        labels(UNKNOWN, (String) null),
        pr("", List.of(), "", List.of(), UNKNOWN));
  }

  // ---------------------------------------------------------------------------------------------
  // Properties
  // ---------------------------------------------------------------------------------------------

  private static final List<String> FRAGMENTS = List.of("fix", "feat", "docs", "chore", "(", ")", "(deps)", "!",
      ":", ": ", " ", "/", "-", "_", ".", "v1", "2", "Merge pull request #1 from a/", "Merge branch '", "'",
      "[", "]", "\n", "\r", "\t", "FixRetry", "HTTP", "docs/", "*", "#", "ABC-1", "WIP", "bump version",
      "test_", ".md", "Test.java", "é", "\uD83D\uDE00", "\uD800", "İ", "ǅ", "\u0000", "1.2.3", "refs/heads/");

  private static Gen<String> texts() {
    Gen<String> structured = lists().of(arbitrary().pick(FRAGMENTS)).ofSizeBetween(0, 12)
        .map(parts -> String.join("", parts));
    return structured.mix(strings().allPossible().ofLengthBetween(0, 40), 40);
  }

  @Test
  void classificationIsTotalForArbitraryText() {
    qt().withExamples(2000).forAll(texts(), lists().of(texts()).ofSizeBetween(0, 4), texts())
        .checkAssert((text, list, other) -> {
          assertThat(OutcomeTaxonomy.ofCommitMessage(text)).isNotNull();
          assertThat(OutcomeTaxonomy.ofBranch(text)).isNotNull();
          assertThat(OutcomeTaxonomy.ofPaths(list)).isNotNull();
          assertThat(OutcomeTaxonomy.ofPullRequest(text, list, other, list)).isNotNull();
          assertThat(OutcomeTaxonomy.words(text)).doesNotContain("");
        });
  }

  private static final Set<String> VOCABULARY = vocabulary();

  private static Set<String> vocabulary() {
    Set<String> words = new HashSet<>(Set.of("wip", "draft", "merge"));
    OutcomeTaxonomy.RULES.stream().filter(r -> WORD_SOURCES.contains(r.source()))
        .flatMap(r -> r.signals().stream()).forEach(s -> words.addAll(OutcomeTaxonomy.words(s)));
    return words;
  }

  private static final List<Rule> WORD_RULES = OutcomeTaxonomy.RULES.stream()
      .filter(r -> WORD_SOURCES.contains(r.source())).toList();

  @Test
  void aSignalInsideALongerWordNeverYieldsItsOutcome() {
    Gen<Rule> rules = arbitrary().pick(WORD_RULES);
    Gen<String> affixes = strings().betweenCodePoints('a', 'z').ofLengthBetween(0, 3);
    qt().withExamples(2000)
        .forAll(rules.flatMap(r -> arbitrary().pick(r.signals()).map(s -> List.of(r.outcome().label(), s))),
            affixes, affixes)
        .assuming((rs, prefix, suffix) -> !rs.get(1).contains(" ") && !(prefix + suffix).isEmpty()
            && !VOCABULARY.contains(prefix + rs.get(1) + suffix))
        .checkAssert((rs, prefix, suffix) -> {
          OutcomeType outcome = OutcomeType.ofLabel(rs.get(0));
          String longer = prefix + rs.get(1) + suffix;
          String capitalised = Character.toUpperCase(longer.charAt(0)) + longer.substring(1);
          assertAll(
              () -> assertThat(OutcomeTaxonomy.ofCommitMessage(capitalised + " the widget"))
                  .as(longer).isNotEqualTo(outcome).isEqualTo(UNKNOWN),
              () -> assertThat(OutcomeTaxonomy.ofCommitMessage("the widget " + longer))
                  .as(longer).isNotEqualTo(outcome).isEqualTo(UNKNOWN),
              () -> assertThat(OutcomeTaxonomy.ofCommitMessage(longer + ": the widget"))
                  .as(longer).isNotEqualTo(outcome).isEqualTo(UNKNOWN),
              () -> assertThat(OutcomeTaxonomy.ofCommitMessage("chore(" + longer + "): the widget"))
                  .as(longer).isEqualTo(INFRA),
              () -> assertThat(OutcomeTaxonomy.ofPullRequest(null, List.of(longer), null, null))
                  .as(longer).isNotEqualTo(outcome).isEqualTo(UNKNOWN),
              () -> assertThat(OutcomeTaxonomy.ofBranch(longer + "/widget"))
                  .as(longer).isNotEqualTo(outcome).isEqualTo(UNKNOWN));
        });
  }
}
