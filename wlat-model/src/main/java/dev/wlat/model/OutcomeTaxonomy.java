package dev.wlat.model;

import static dev.wlat.model.OutcomeTaxonomy.Source.BRANCH_PREFIX;
import static dev.wlat.model.OutcomeTaxonomy.Source.CONVENTIONAL_SCOPE;
import static dev.wlat.model.OutcomeTaxonomy.Source.CONVENTIONAL_TYPE;
import static dev.wlat.model.OutcomeTaxonomy.Source.CONVENTIONAL_WEAK_TYPE;
import static dev.wlat.model.OutcomeTaxonomy.Source.LABEL;
import static dev.wlat.model.OutcomeTaxonomy.Source.PATH;
import static dev.wlat.model.OutcomeTaxonomy.Source.TITLE_LEAD;
import static dev.wlat.model.OutcomeTaxonomy.Source.TITLE_WORD;
import static dev.wlat.model.OutcomeTaxonomy.Source.VERSION;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome taxonomy: which {@link OutcomeType} a commit, branch, pull request, issue or set of
 * changed paths belongs to.
 *
 * <p>The whole taxonomy is the table {@code RULES} at the top of this class: one row per rule, an
 * outcome, the {@link Source} its signals apply to, and the signals. Within one source the first
 * matching row wins, so the table's order is the precedence.
 *
 * <h2>Words, never substrings</h2>
 *
 * <p>Titles, labels, branch names and scopes are split into lower-case words on every character that
 * is not a letter or digit, and on camelCase humps ({@code fixRetry} is {@code fix retry},
 * {@code HTTPServer} is {@code http server}); digits stay with their letters ({@code e2e},
 * {@code v1}). A signal matches a whole word, or, for a signal of several words ({@code "bump
 * version"}), consecutive whole words. So {@code latest} is not a test, {@code prefix} is not a fix,
 * {@code docker} is not docs, {@code project} is nothing, and {@code debug} is never a bug: as the
 * first word of a title or the first word of a branch it is an investigation, elsewhere nothing.
 * Inflections are listed where they count ({@code fixes}, {@code testing}). Path patterns are
 * case-sensitive ({@code *Test.java} is not {@code Latest.java}).
 *
 * <h2>Precedence</h2>
 *
 * <ul>
 *   <li><b>Pull requests and issues</b> ({@link #ofPullRequest}): labels, then the title's
 *       conventional-commit prefix, then the title's words, then the branch, then the paths. The
 *       first that says anything decides.
 *   <li><b>Commits</b> ({@link #ofCommitMessage}): only the subject line (the body is too noisy:
 *       trailers, quoted logs, lists of squashed commits). Its conventional-commit prefix, then, for
 *       a merge ({@code Merge pull request #12 from acme/fix-retry}, {@code Merge branch
 *       'feature/x'}), the merged branch, else the subject's words.
 *   <li><b>Conventional-commit prefixes</b> ({@code type(scope)!: description}, {@code !} ignored):
 *       a known scope first ({@code chore(deps):}, {@code build(deps):}, {@code fix(deps):} are
 *       dependency updates, {@code chore(release):} a release), then the type. A prefix whose type
 *       is not in the table ({@code Note:}, {@code WIP:}) is not conventional: the whole text goes
 *       to the title rules. {@code chore} and {@code build} are weak types: a description that
 *       names a release or a dependency update decides ({@code chore: release 1.2.0},
 *       {@code build: bump jackson}), else they are {@link OutcomeType#INFRA}. {@code chore:} is
 *       infra and not refactor because chores are upkeep of the build, tooling and repository;
 *       restructured code says {@code refactor:}. {@code revert:} is a bugfix: a change is undone
 *       because it was wrong.
 *   <li><b>Titles and commit subjects</b>: a leading {@code [tag]}, {@code ABC-123}, {@code #12},
 *       {@code WIP} or {@code Draft:} is skipped. A whole title that is a version ({@code v1.2.3},
 *       {@code 2.0.0-rc.1}) is a release. Then the title rows in table order: a release, a
 *       dependency update, then the area touched (tests, docs, infra: {@code Fix flaky test} is
 *       tests, {@code Fix typo in README} docs), then a strong leading verb ({@code Fix},
 *       {@code Refactor}, {@code Spike}), then bug words anywhere, then a weak leading verb
 *       ({@code Add}, {@code Implement}: {@code Add fix for the crash} is a bugfix), then the other
 *       words anywhere.
 *   <li><b>Labels</b>: the first row any label matches; a label that starts with a negation
 *       ({@code needs tests}, {@code skip changelog}, {@code no release}) says nothing.
 *   <li><b>Branches</b>: a branch that is a version is a release; else the first word of the first
 *       {@code /}-segment is looked up, then of the second and third, so namespaced branches
 *       ({@code alice/fix-retry}, {@code codex/feat-login}) count.
 *   <li><b>Paths</b> ({@link #ofPaths}): each path takes the first row whose pattern matches. A
 *       pattern ending in {@code /} is a directory anywhere in the path ({@code test/} matches
 *       {@code src/test/java/A.java}); any other pattern matches the file name, {@code *} standing
 *       for any characters. Paths decide only when none is ordinary code: all of one outcome gives
 *       that outcome, a mix the most frequent (ties in table order); any path no row matches makes
 *       the set {@link OutcomeType#UNKNOWN}, since paths alone cannot tell a feature from a fix.
 *       {@code pom.xml} or {@code package-lock.json} alone is a dependency update.
 * </ul>
 *
 * <p>Every method is total: {@code null}, empty or arbitrary text gives {@link OutcomeType#UNKNOWN}
 * or an outcome, never an exception.
 */
public final class OutcomeTaxonomy {

  // ---------------------------------------------------------------------------------------------
  // The taxonomy
  // ---------------------------------------------------------------------------------------------

  static final List<Rule> RULES = List.of(
      // Conventional-commit scope, checked before the type: chore(deps), build(deps-dev), fix(deps).
      rule(DEPENDENCY,    CONVENTIONAL_SCOPE, "deps", "dependencies", "dependency"),
      rule(RELEASE,       CONVENTIONAL_SCOPE, "release"),
      // Conventional-commit type.
      rule(RELEASE,       CONVENTIONAL_TYPE, "release"),
      rule(DEPENDENCY,    CONVENTIONAL_TYPE, "deps", "dep"),
      rule(BUGFIX,        CONVENTIONAL_TYPE, "fix", "bugfix", "hotfix", "revert"),
      rule(FEATURE,       CONVENTIONAL_TYPE, "feat", "feature"),
      rule(REFACTOR,      CONVENTIONAL_TYPE, "refactor", "perf", "style", "cleanup"),
      rule(TESTS,         CONVENTIONAL_TYPE, "test", "tests"),
      rule(DOCS,          CONVENTIONAL_TYPE, "docs", "doc"),
      rule(INFRA,         CONVENTIONAL_TYPE, "ci", "ops", "infra"),
      rule(INFRA,         CONVENTIONAL_WEAK_TYPE, "chore", "build"),
      rule(INVESTIGATION, CONVENTIONAL_TYPE, "spike", "experiment", "exp", "research"),
      // Pull request and issue labels.
      rule(RELEASE,       LABEL, "release", "autorelease"),
      rule(DEPENDENCY,    LABEL, "dependencies", "dependency", "deps", "dependabot", "renovate"),
      rule(BUGFIX,        LABEL, "bug", "bugs", "bugfix", "fix", "regression", "defect", "hotfix", "crash"),
      rule(FEATURE,       LABEL, "enhancement", "enhancements", "feature", "features", "feat", "improvement"),
      rule(REFACTOR,      LABEL, "refactor", "refactoring", "cleanup", "performance", "perf", "tech debt",
          "techdebt"),
      rule(TESTS,         LABEL, "test", "tests", "testing"),
      rule(DOCS,          LABEL, "documentation", "docs", "doc"),
      rule(INFRA,         LABEL, "ci", "infra", "infrastructure", "build", "devops", "chore", "tooling",
          "github actions"),
      rule(INVESTIGATION, LABEL, "question", "spike", "research", "investigation", "experiment", "discussion"),
      // A whole title, commit subject, tag or branch name that is a version.
      rule(RELEASE,       VERSION,
          "(?i)v\\d+(?:\\.\\d+){0,3}(?:[-+][0-9a-z.-]+)?|\\d+(?:\\.\\d+){1,3}(?:[-+][0-9a-z.-]+)?"),
      // Titles and commit subjects, in this order: release, dependency, the area touched, a strong leading
      // verb, bug words anywhere, a weak leading verb (Add), the other words anywhere.
      rule(RELEASE,       TITLE_LEAD, "release", "releases", "released", "releasing"),
      rule(RELEASE,       TITLE_WORD, "bump version", "version bump", "prepare release", "cut release",
          "release candidate"),
      rule(DEPENDENCY,    TITLE_LEAD, "bump", "bumps", "bumped"),
      rule(DEPENDENCY,    TITLE_WORD, "dependency", "dependencies", "deps", "dependabot", "renovate", "lockfile"),
      rule(TESTS,         TITLE_WORD, "test", "tests", "testing", "unittest", "unittests", "testcase", "testcases",
          "e2e", "coverage", "fixture", "fixtures"),
      rule(DOCS,          TITLE_WORD, "doc", "docs", "documentation", "document", "documents", "documented",
          "readme", "changelog", "javadoc", "javadocs", "docstring", "docstrings", "typo", "typos"),
      rule(INFRA,         TITLE_WORD, "ci", "workflow", "workflows", "pipeline", "pipelines", "dockerfile", "docker",
          "makefile", "jenkinsfile", "deploy", "deployment", "terraform", "helm", "kubernetes", "k8s", "infra",
          "infrastructure", "devcontainer", "lint", "linter", "linting", "github actions"),
      rule(BUGFIX,        TITLE_LEAD, "fix", "fixes", "fixed", "fixing", "hotfix", "bugfix", "revert", "reverts",
          "reverted", "correct", "corrects", "prevent", "prevents", "crash", "crashes"),
      rule(REFACTOR,      TITLE_LEAD, "refactor", "refactors", "refactored", "refactoring", "cleanup", "clean",
          "simplify", "simplifies", "rename", "renames", "renamed", "restructure", "reorganize", "reorganise",
          "tidy", "extract", "optimize", "optimise", "perf", "speed", "deduplicate", "dedupe", "modernize"),
      rule(INVESTIGATION, TITLE_LEAD, "spike", "investigate", "investigates", "explore", "experiment", "research",
          "prototype", "poc", "debug", "try", "evaluate", "benchmark"),
      rule(BUGFIX,        TITLE_WORD, "fix", "fixes", "fixed", "fixing", "bug", "bugs", "bugfix", "bugfixes",
          "hotfix", "regression", "broken"),
      rule(FEATURE,       TITLE_LEAD, "feat", "feature", "add", "adds", "added", "adding", "implement",
          "implements", "implemented", "introduce", "introduces", "support", "supports", "allow", "allows",
          "enable", "enables", "new", "create", "creates", "expose", "provide"),
      rule(REFACTOR,      TITLE_WORD, "refactor", "refactoring", "refactored", "cleanup", "clean up", "simplify",
          "restructure", "perf", "performance", "optimize", "optimise", "optimization", "optimisation",
          "tech debt"),
      rule(INVESTIGATION, TITLE_WORD, "spike", "investigation", "investigate", "experiment", "experimental",
          "research", "prototype", "poc", "exploration", "proof of concept"),
      rule(FEATURE,       TITLE_WORD, "feature", "features", "feat", "add", "adds", "added", "support",
          "implement", "implementation", "introduce"),
      // Branch names: the first word of the first, else second, else third /-segment.
      rule(RELEASE,       BRANCH_PREFIX, "release", "releases"),
      rule(DEPENDENCY,    BRANCH_PREFIX, "dependabot", "renovate", "deps", "dependencies"),
      rule(BUGFIX,        BRANCH_PREFIX, "fix", "fixes", "bugfix", "hotfix", "bug", "revert"),
      rule(FEATURE,       BRANCH_PREFIX, "feature", "features", "feat"),
      rule(REFACTOR,      BRANCH_PREFIX, "refactor", "refactoring", "perf", "cleanup", "style"),
      rule(TESTS,         BRANCH_PREFIX, "test", "tests", "testing"),
      rule(DOCS,          BRANCH_PREFIX, "docs", "doc", "documentation"),
      rule(INFRA,         BRANCH_PREFIX, "chore", "ci", "build", "infra"),
      rule(INVESTIGATION, BRANCH_PREFIX, "spike", "experiment", "exp", "research", "poc", "prototype", "debug",
          "investigate"),
      // Changed paths: "dir/" is that directory anywhere, anything else a file name ("*" = any chars).
      rule(TESTS,         PATH, "test/", "tests/", "__tests__/", "testdata/", "e2e/", "*Test.java",
          "*Tests.java", "*IT.java", "*Test.kt", "*Tests.kt", "*_test.go", "test_*.py", "*_test.py",
          "conftest.py", "*.test.js", "*.test.jsx", "*.test.ts", "*.test.tsx", "*.spec.js", "*.spec.ts",
          "*_spec.rb", "*Tests.cs"),
      rule(DEPENDENCY,    PATH, "pom.xml", "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
          "pnpm-lock.yaml", "go.mod", "go.sum", "Cargo.toml", "Cargo.lock", "Gemfile", "Gemfile.lock",
          "requirements*.txt", "Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock", "pyproject.toml",
          "composer.json", "composer.lock", "libs.versions.toml", "build.gradle", "build.gradle.kts"),
      rule(INFRA,         PATH, ".github/", ".circleci/", ".gitlab/", ".ci/", ".devcontainer/", ".mvn/", "ci/",
          "deploy/", "k8s/", "helm/", "terraform/", "gradle/wrapper/", ".gitlab-ci.yml", ".travis.yml",
          "azure-pipelines.yml", "Dockerfile", "Dockerfile.*", "*.dockerfile", ".dockerignore",
          "docker-compose*.yml", "docker-compose*.yaml", "compose.yml", "compose.yaml", "Makefile",
          "Jenkinsfile", "*.tf", ".gitignore", ".gitattributes", ".editorconfig", ".pre-commit-config.yaml",
          "mvnw", "mvnw.cmd", "gradlew", "gradlew.bat", "renovate.json"),
      rule(DOCS,          PATH, "docs/", "doc/", "*.md", "*.mdx", "*.rst", "*.adoc", "README*", "LICENSE*",
          "mkdocs.yml"));

  /** Where a rule's signals are looked for. */
  enum Source {
    /** The scope of a conventional-commit prefix, {@code chore(deps):}, as words. */
    CONVENTIONAL_SCOPE,
    /** The type of a conventional-commit prefix, {@code fix:}, {@code feat(api)!:}. */
    CONVENTIONAL_TYPE,
    /** A conventional type whose description decides when it names a release or dependency. */
    CONVENTIONAL_WEAK_TYPE,
    /** Pull request or issue label names, as words. */
    LABEL,
    /** A whole title, subject, tag or branch name matching the signal, a regular expression. */
    VERSION,
    /** The first word of a title or subject. */
    TITLE_LEAD,
    /** Any word (or run of words) of a title or subject. */
    TITLE_WORD,
    /** The first word of a branch name's first, second or third {@code /}-segment. */
    BRANCH_PREFIX,
    /** A changed path: {@code dir/} anywhere in it, or a file name pattern. */
    PATH
  }

  /** One row of the taxonomy: {@code signals} in {@code source} mean {@code outcome}. */
  record Rule(OutcomeType outcome, Source source, List<String> signals) {
    Rule {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(source, "source");
      signals = List.copyOf(signals);
    }
  }

  private static Rule rule(OutcomeType outcome, Source source, String... signals) {
    return new Rule(outcome, source, Arrays.asList(signals));
  }

  // ---------------------------------------------------------------------------------------------
  // Compiled forms of the table
  // ---------------------------------------------------------------------------------------------

  private static final Pattern CONVENTIONAL = Pattern.compile(
      "([A-Za-z]+)(?:\\(([^()\\r\\n]*)\\))?!?:(?:\\s+|$)(.*)", Pattern.DOTALL);
  private static final Pattern LEAD_NOISE = Pattern.compile(
      "^(?:\\s*(?:\\[[^\\]\\r\\n]*\\]\\s*:?|[A-Z][A-Z0-9]+-\\d+\\s*:?|#\\d+\\s*:?|(?i:wip|draft)\\s*:"
          + "|WIP(?![\\p{L}\\p{N}])))+\\s*");
  private static final Pattern MERGE_PR = Pattern.compile(
      "Merge pull request #\\d+ from [^/\\s]+/(\\S+).*", Pattern.DOTALL);
  private static final Pattern MERGE_BRANCH = Pattern.compile(
      "Merge (?:remote-tracking )?branch '([^']+)'.*", Pattern.DOTALL);
  private static final Set<String> LABEL_NEGATIONS = Set.of("needs", "need", "no", "not", "skip", "missing",
      "without", "non");

  private static final Pattern VERSION_PATTERN = Pattern.compile(
      rules(VERSION).get(0).signals().get(0));
  private static final List<PathRule> PATH_RULES = compilePaths();

  private record PathRule(OutcomeType outcome, List<String> directories, List<Pattern> names) {}

  private OutcomeTaxonomy() {}

  // ---------------------------------------------------------------------------------------------
  // API
  // ---------------------------------------------------------------------------------------------

  /**
   * {@return the outcome of a commit message}: its subject line's conventional-commit prefix, the
   * branch of a merge, else the subject's words; the body is not read.
   */
  public static OutcomeType ofCommitMessage(String message) {
    if (message == null) {
      return UNKNOWN;
    }
    String subject = subjectLine(message);
    OutcomeType conventional = conventional(subject);
    if (conventional != null) {
      return conventional;
    }
    String merged = mergedBranch(subject);
    if (merged != null) {
      return ofBranch(merged);
    }
    return title(subject);
  }

  /** {@return the outcome a branch name suggests ({@code fix/retry} is a bugfix)}. */
  public static OutcomeType ofBranch(String branch) {
    if (branch == null || branch.isBlank()) {
      return UNKNOWN;
    }
    String b = branch.strip();
    if (b.startsWith("refs/heads/")) {
      b = b.substring("refs/heads/".length());
    }
    if (VERSION_PATTERN.matcher(b).matches()) {
      return RELEASE;
    }
    String[] segments = b.split("/", -1);
    for (int i = 0; i < Math.min(3, segments.length); i++) {
      List<String> words = words(segments[i]);
      if (!words.isEmpty()) {
        OutcomeType t = firstMatch(BRANCH_PREFIX, words.subList(0, 1), /* anywhere */ false);
        if (t != null) {
          return t;
        }
      }
    }
    return UNKNOWN;
  }

  /** {@return the outcome of changed paths alone ({@code docs/**}, {@code *Test.java}, ...)}. */
  public static OutcomeType ofPaths(List<String> paths) {
    if (paths == null || paths.isEmpty()) {
      return UNKNOWN;
    }
    Map<OutcomeType, Integer> counts = new EnumMap<>(OutcomeType.class);
    int seen = 0;
    for (String p : paths) {
      if (p == null || p.isBlank()) {
        continue;
      }
      OutcomeType t = ofPath(p);
      if (t == null) {
        return UNKNOWN;
      }
      counts.merge(t, 1, Integer::sum);
      seen++;
    }
    if (seen == 0) {
      return UNKNOWN;
    }
    OutcomeType best = UNKNOWN;
    int bestCount = 0;
    for (PathRule r : PATH_RULES) {
      int c = counts.getOrDefault(r.outcome(), 0);
      if (c > bestCount) {
        best = r.outcome();
        bestCount = c;
      }
    }
    return best;
  }

  /**
   * {@return the outcome of a pull request or issue: labels first, then the title's conventional
   * prefix, the title's words, the branch, the paths}. Any argument may be {@code null}.
   */
  public static OutcomeType ofPullRequest(String title, List<String> labels, String branch, List<String> paths) {
    OutcomeType byLabel = ofLabels(labels);
    if (byLabel != UNKNOWN) {
      return byLabel;
    }
    if (title != null) {
      String t = subjectLine(title);
      OutcomeType conventional = conventional(t);
      if (conventional != null) {
        return conventional;
      }
      OutcomeType byWords = title(t);
      if (byWords != UNKNOWN) {
        return byWords;
      }
    }
    OutcomeType byBranch = ofBranch(branch);
    if (byBranch != UNKNOWN) {
      return byBranch;
    }
    return ofPaths(paths);
  }

  // ---------------------------------------------------------------------------------------------
  // Sources
  // ---------------------------------------------------------------------------------------------

  private static OutcomeType ofLabels(List<String> labels) {
    if (labels == null || labels.isEmpty()) {
      return UNKNOWN;
    }
    List<List<String>> labelWords = new ArrayList<>();
    for (String label : labels) {
      if (label != null) {
        List<String> w = words(label);
        if (!w.isEmpty() && !LABEL_NEGATIONS.contains(w.get(0))) {
          labelWords.add(w);
        }
      }
    }
    for (Rule r : RULES) {
      if (r.source() == LABEL) {
        for (List<String> w : labelWords) {
          if (matches(r, w, /* anywhere */ true)) {
            return r.outcome();
          }
        }
      }
    }
    return UNKNOWN;
  }

  /** {@return the outcome of a conventional-commit prefix, or {@code null} when there is none}. */
  private static OutcomeType conventional(String subject) {
    Matcher m = CONVENTIONAL.matcher(stripLeadNoise(subject));
    if (!m.matches()) {
      return null;
    }
    List<String> type = List.of(m.group(1).toLowerCase(Locale.ROOT));
    Rule typeRule = null;
    for (Rule r : RULES) {
      if ((r.source() == CONVENTIONAL_TYPE || r.source() == CONVENTIONAL_WEAK_TYPE) && matches(r, type, false)) {
        typeRule = r;
        break;
      }
    }
    if (typeRule == null) {
      return null;
    }
    if (m.group(2) != null) {
      OutcomeType byScope = firstMatch(CONVENTIONAL_SCOPE, words(m.group(2)), /* anywhere */ true);
      if (byScope != null) {
        return byScope;
      }
    }
    if (typeRule.source() == CONVENTIONAL_WEAK_TYPE) {
      OutcomeType byDescription = title(m.group(3));
      if (byDescription == RELEASE || byDescription == DEPENDENCY) {
        return byDescription;
      }
    }
    return typeRule.outcome();
  }

  /** {@return the outcome of a title or subject by the version and title rows}. */
  private static OutcomeType title(String text) {
    String t = stripLeadNoise(text).strip();
    if (t.isEmpty()) {
      return UNKNOWN;
    }
    if (VERSION_PATTERN.matcher(t).matches()) {
      return RELEASE;
    }
    List<String> words = words(t);
    if (words.isEmpty()) {
      return UNKNOWN;
    }
    for (Rule r : RULES) {
      if (r.source() == TITLE_LEAD && matches(r, words, /* anywhere */ false)
          || r.source() == TITLE_WORD && matches(r, words, /* anywhere */ true)) {
        return r.outcome();
      }
    }
    return UNKNOWN;
  }

  private static String mergedBranch(String subject) {
    Matcher m = MERGE_PR.matcher(subject);
    if (m.matches()) {
      return m.group(1);
    }
    m = MERGE_BRANCH.matcher(subject);
    return m.matches() ? m.group(1) : null;
  }

  /** {@return the outcome of one path, or {@code null} for ordinary code}. */
  private static OutcomeType ofPath(String path) {
    String p = path.strip().replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    String slashed = p.startsWith("/") ? p : "/" + p;
    String name = p.substring(p.lastIndexOf('/') + 1);
    for (PathRule r : PATH_RULES) {
      for (String dir : r.directories()) {
        if (slashed.contains(dir)) {
          return r.outcome();
        }
      }
      for (Pattern n : r.names()) {
        if (n.matcher(name).matches()) {
          return r.outcome();
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Matching
  // ---------------------------------------------------------------------------------------------

  private static OutcomeType firstMatch(Source source, List<String> words, boolean anywhere) {
    for (Rule r : RULES) {
      if (r.source() == source && matches(r, words, anywhere)) {
        return r.outcome();
      }
    }
    return null;
  }

  /** {@return whether a signal of {@code rule} is {@code words}' first word(s), or any run of them}. */
  private static boolean matches(Rule rule, List<String> words, boolean anywhere) {
    for (String signal : rule.signals()) {
      String[] parts = signal.split(" ");
      int last = anywhere ? words.size() - parts.length : Math.min(0, words.size() - parts.length);
      for (int start = 0; start <= last; start++) {
        boolean all = true;
        for (int k = 0; k < parts.length && all; k++) {
          all = words.get(start + k).equals(parts[k]);
        }
        if (all) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@return the lower-case words of {@code text}}: split on every code point that is not a letter
   * or digit, and before an upper-case letter that follows a lower-case one ({@code fixRetry}) or
   * starts a capitalised word after capitals ({@code HTTPServer}).
   */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int n = text.length();
    int start = -1;
    for (int i = 0; i < n; ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (!Character.isLetterOrDigit(cp)) {
        if (start >= 0) {
          out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      } else if (Character.isUpperCase(cp)) {
        int prev = text.codePointBefore(i);
        boolean hump = Character.isLowerCase(prev)
            || Character.isUpperCase(prev) && next < n && Character.isLowerCase(text.codePointAt(next));
        if (hump) {
          out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
          start = i;
        }
      }
      i = next;
    }
    if (start >= 0) {
      out.add(text.substring(start).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static String subjectLine(String message) {
    String s = message.strip();
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  private static String stripLeadNoise(String text) {
    Matcher m = LEAD_NOISE.matcher(text);
    return m.lookingAt() ? text.substring(m.end()) : text;
  }

  static List<Rule> rules(Source source) {
    return RULES.stream().filter(r -> r.source() == source).toList();
  }

  private static List<PathRule> compilePaths() {
    List<PathRule> out = new ArrayList<>();
    for (Rule r : rules(PATH)) {
      List<String> dirs = new ArrayList<>();
      List<Pattern> names = new ArrayList<>();
      for (String s : r.signals()) {
        if (s.endsWith("/")) {
          dirs.add("/" + s);
        } else {
          String[] parts = s.split("\\*", -1);
          StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
          for (int i = 1; i < parts.length; i++) {
            regex.append(".*").append(Pattern.quote(parts[i]));
          }
          names.add(Pattern.compile(regex.toString()));
        }
      }
      out.add(new PathRule(r.outcome(), List.copyOf(dirs), List.copyOf(names)));
    }
    return List.copyOf(out);
  }
}
