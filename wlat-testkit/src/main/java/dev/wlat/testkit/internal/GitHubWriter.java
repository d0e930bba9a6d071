package dev.wlat.testkit.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.wlat.testkit.FakeGh;
import dev.wlat.testkit.GitHubManifest;
import dev.wlat.testkit.GitHubManifest.IssueState;
import dev.wlat.testkit.GitHubManifest.PullSource;
import dev.wlat.testkit.GitHubManifest.PullState;
import dev.wlat.testkit.PlantedSecret;
import dev.wlat.testkit.RepoManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/*
 * Plans, then writes, what GitHub's REST API would answer about each example repository.
 *
 * Planning reads only the repo manifest, with random generators seeded by the first GitHub
 * repository's first commit SHA mixed with salts of their own and keyed by repo, branch or number,
 * so one pull request's choices do not shift when another's change. Over all repositories the session
 * pull requests' fates are then fixed together: exactly one closed unmerged (in a repository with two
 * or more, preferring one that fixes nothing, so no issue is left claimed by dead work), one or two
 * left open (the newest, and perhaps the one drawing highest), every repository keeping at least one
 * merged; the rest merged. Times follow from the commits' times: nothing reads the clock.
 *
 * Two kinds of pull request hold commits no local repository has, with fake SHAs (the SHA-1 of a
 * text, which no git object has): dependabot's open one in each repository with a build file, and
 * one merged from the first recorded branch never created locally (work pushed from another
 * machine). The latter's commits are dated just after the history, before every session, so they
 * fall in no session; it was open during its thread's session and merged after the session's grace,
 * so the only tie to the thread is its branch.
 *
 * Numbers: GitHub numbers issues and pull requests in one series per repository, in order of
 * creation. The issues the commits fix (RepoWriter draws them from 10..50) were opened before any
 * session, in number order; pull requests, the bot's and the extra open issues follow from 101 (or
 * the next hundred past the fixed issues), in order of creation.
 *
 * Writing reads what the manifest does not hold from the repositories themselves with JGit: full
 * messages, trees, parents, and the blobs of each branch's base and tip for the files' line counts
 * (a histogram diff, as git's). The responses are pretty-printed JSON; a --paginate endpoint's
 * pages of 100 are printed back to back as gh prints them, a hand-paged list's pages go to
 * <key>.pageN.json.
 */
/** Writes the example GitHub responses; use {@code dev.wlat.testkit.ExampleGitHub}. */
public final class GitHubWriter {
  private static final long SALT_PULL = 0x61B0_0000_0001L;
  private static final long SALT_STATE = 0x61B0_0000_0002L;
  private static final long SALT_TIMES = 0x61B0_0000_0003L;
  private static final long SALT_ISSUE = 0x61B0_0000_0004L;
  private static final long SALT_RELEASE = 0x61B0_0000_0005L;
  private static final long SALT_BOT = 0x61B0_0000_0006L;
  private static final long SALT_SECRET = 0x61B0_0000_0007L;
  private static final long SALT_ID = 0x61B0_0000_0008L;
  private static final long SALT_REMOTE = 0x61B0_0000_0009L;

  /** A session branch of a repository with four or more gets no pull request with this probability. */
  private static final double NO_PULL = 0.15;
  /** Items per page, as wlat asks ({@code per_page=100}). */
  static final int PER_PAGE = 100;

  private static final String API = "https://api.github.com/repos/";
  private static final String WEB = "https://github.com/";
  private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final Pattern PREFIX = Pattern.compile("^([a-z]+)(?:\\(([^)]*)\\))?!?: (.*)$");
  private static final Pattern AREA = Pattern.compile("\\bthe ([a-z]+(?: [a-z]+)?)$");
  private static final Pattern BUMP = Pattern.compile("^bump (\\S+) from (\\S+) to (\\S+)$");

  /** A GitHub account: {@code type} is {@code User}, {@code Bot} or {@code Organization}. */
  record User(String login, long id, String type) {}

  static final User DEV = new User("dev-example", 190_000_001L, "User");
  static final User RILEY = new User("riley-maintainer", 190_000_002L, "User");
  static final User BOT = new User("dependabot[bot]", 190_000_003L, "Bot");

  private final RepoManifest manifest;
  private final long seed;
  private final List<PlantedSecret> secrets = new ArrayList<>();

  private GitHubWriter(RepoManifest manifest, long seed) {
    this.manifest = manifest;
    this.seed = seed;
  }

  /** Writes the responses of {@code manifest}'s GitHub repositories into {@code dir}, empty or absent. */
  public static GitHubManifest write(Path dir, RepoManifest manifest) throws IOException {
    Files.createDirectories(dir);
    try (var s = Files.list(dir)) {
      if (s.findAny().isPresent()) {
        throw new IllegalArgumentException("GitHub directory [%s] must be empty or absent".formatted(dir));
      }
    }
    RepoManifest.Repo first = manifest.repos().stream().filter(r -> r.githubRepo() != null && !r.commits().isEmpty())
        .findFirst().orElse(null);
    long seed = first == null ? 0 : Long.parseUnsignedLong(first.commits().get(0).sha().substring(0, 16), 16);
    return new GitHubWriter(manifest, seed).run(FakeGh.install(dir));
  }

  private SplittableRandom random(long salt, String key) {
    return new SplittableRandom(Ids.mix(Ids.mix(seed, salt), key.hashCode()));
  }

  // ------------------------------------------------------------------------------------------
  // Plans
  // ------------------------------------------------------------------------------------------

  /** A dependency update the bot proposes. */
  record Bump(String dependency, String from, String to, String ecosystem, String file, String label) {}

  private static final List<Bump> JAVA_BUMPS = List.of(
      new Bump("com.fasterxml.jackson.core:jackson-databind", "2.18.2", "2.18.3", "maven", "pom.xml", "java"),
      new Bump("org.postgresql:postgresql", "42.7.5", "42.7.6", "maven", "pom.xml", "java"),
      new Bump("org.junit:junit-bom", "5.12.0", "5.12.1", "maven", "pom.xml", "java"));
  private static final List<Bump> WEB_BUMPS = List.of(
      new Bump("vite", "5.4.11", "5.4.12", "npm_and_yarn", "package.json", "javascript"),
      new Bump("vitest", "2.1.5", "2.1.6", "npm_and_yarn", "package.json", "javascript"));

  /** One pull request: from a session branch, from a branch never created locally, or the bot's. */
  static final class PullPlan {
    final String branch;
    final PullSource source;
    final List<RepoManifest.Commit> commits; // a REMOTE one's are made up; empty for the bot's
    final Bump bump; // the bot's only
    final double draw;
    Instant created;
    Instant closed;
    Instant updated;
    PullState state = PullState.MERGED;
    int number;
    String title;
    List<String> labels = List.of();
    final List<Integer> fixes = new ArrayList<>();
    String mentionedThread;
    String secret;
    String headSha;
    String baseSha;
    String mergeSha;

    final List<String> threadIds = new ArrayList<>();

    PullPlan(String branch, PullSource source, List<RepoManifest.Commit> commits, Bump bump, double draw) {
      this.branch = branch;
      this.source = source;
      this.commits = commits;
      this.bump = bump;
      this.draw = draw;
      commits.stream().map(RepoManifest.Commit::threadId).filter(t -> t != null && !threadIds.contains(t))
          .forEach(threadIds::add);
    }

    boolean bot() {
      return source == PullSource.BOT;
    }

    RepoManifest.Commit first() {
      return commits.get(0);
    }

    RepoManifest.Commit last() {
      return commits.get(commits.size() - 1);
    }

    User author() {
      return bot() ? BOT : DEV;
    }
  }

  /** One issue. */
  static final class IssuePlan {
    int number;
    String title;
    String body;
    List<String> labels = List.of();
    User author;
    Instant created;
    Instant closed;
    Instant updated;
    Integer closedByPull;
    String closedByCommit;
    int comments;
  }

  /** A commit only GitHub has: what a local one's JGit object would say. */
  record RemoteCommit(RepoManifest.Commit commit, String parentSha, String treeSha, String message) {}

  /** One release with its tag. */
  static final class ReleasePlan {
    String tag;
    String previousTag;
    Instant published;
    RepoManifest.Commit target;
    final List<PullPlan> pulls = new ArrayList<>();
  }

  /** One repository while it is planned and written. */
  final class RepoPlan {
    final RepoManifest.Repo repo;
    final String slug;
    final String owner;
    final RepoWriter.Layout layout;
    final List<RepoManifest.Commit> main;
    final List<PullPlan> pulls = new ArrayList<>();
    final List<IssuePlan> issues = new ArrayList<>();
    final List<ReleasePlan> releases = new ArrayList<>();
    /** The made-up commits of the remote pull request, by SHA: no local repository has them. */
    final Map<String, RemoteCommit> remote = new LinkedHashMap<>();

    RepoPlan(RepoManifest.Repo repo) {
      this.repo = repo;
      this.slug = repo.githubRepo();
      this.owner = slug.substring(0, slug.indexOf('/'));
      Set<String> paths = new TreeSet<>();
      repo.commits().forEach(c -> paths.addAll(c.paths()));
      this.layout = paths.contains("pom.xml") ? RepoWriter.Layout.JAVA
          : paths.contains("package.json") ? RepoWriter.Layout.WEB : RepoWriter.Layout.NOTES;
      this.main = repo.commitsOn("main");
    }

    /** {@return the pull requests of {@code source}, by number once numbered}. */
    List<PullPlan> pulls(PullSource source) {
      return pulls.stream().filter(pr -> pr.source == source).toList();
    }

    /** {@return the pull requests someone worked on in a session: all but the bot's}. */
    List<PullPlan> worked() {
      return pulls.stream().filter(pr -> !pr.bot()).toList();
    }

    /** {@return the commits GitHub lists: the local ones and the merged remote pull request's, oldest first}. */
    List<RepoManifest.Commit> listedCommits() {
      List<RepoManifest.Commit> all = new ArrayList<>(repo.commits());
      pulls(PullSource.REMOTE).forEach(pr -> all.addAll(pr.commits));
      all.sort(Comparator.comparing(RepoManifest.Commit::time));
      return all;
    }

    /** {@return the last commit of {@code main} made at or before {@code t}}. */
    RepoManifest.Commit mainAt(Instant t) {
      RepoManifest.Commit at = main.get(0);
      for (RepoManifest.Commit c : main) {
        if (!c.time().isAfter(t)) {
          at = c;
        }
      }
      return at;
    }

    /** {@return a source and a test path for work on {@code slug}, laid out as the repository's own}. */
    String[] remotePaths(String slug) {
      String camel = camel(slug);
      if (layout == RepoWriter.Layout.JAVA) {
        String app = repo.commits().stream().flatMap(c -> c.paths().stream())
            .filter(x -> x.endsWith("/Application.java")).findFirst()
            .orElse("src/main/java/com/example/app/Application.java");
        String main = app.substring(0, app.lastIndexOf('/'));
        return new String[] {main + "/" + camel + "Service.java",
            main.replaceFirst("^src/main/", "src/test/") + "/" + camel + "ServiceTests.java"};
      }
      if (layout == RepoWriter.Layout.WEB) {
        return new String[] {"src/" + slug + "/" + slug + ".ts", "src/test/" + slug + ".test.ts"};
      }
      return new String[] {"notes/" + slug + ".md", "research/" + slug + ".md"};
    }

    Instant lastActivity() {
      return repo.commits().get(repo.commits().size() - 1).time();
    }

    Instant firstSessionCommit() {
      return repo.commits().stream().filter(c -> c.threadId() != null).map(RepoManifest.Commit::time).findFirst()
          .orElse(lastActivity());
    }
  }

  private GitHubManifest run(FakeGh gh) throws IOException {
    List<RepoPlan> plans = new ArrayList<>();
    for (RepoManifest.Repo r : manifest.repos()) {
      if (r.githubRepo() != null && !r.commits().isEmpty()) {
        RepoPlan p = new RepoPlan(r);
        sessionPulls(p);
        plans.add(p);
      }
    }
    decideStates(plans);
    remotePull(plans);
    for (RepoPlan p : plans) {
      p.pulls(PullSource.SESSION).forEach(pr -> times(p, pr));
      botPull(p);
      number(p, p == plans.get(0));
      fixedIssues(p);
      releases(p);
    }
    if (!plans.isEmpty()) {
      carriers(plans.get(0));
    }
    List<GitHubManifest.Repo> out = new ArrayList<>();
    for (RepoPlan p : plans) {
      for (PullPlan pr : p.pulls) {
        pr.title = !pr.bot() ? sessionTitle(pr) : "Bump " + pr.bump.dependency() + " from " + pr.bump.from()
            + " to " + pr.bump.to();
      }
      out.add(new Responses(p).write(gh));
    }
    return new GitHubManifest(out, secrets);
  }

  /** A pull request from most session branches that exist, opened a few minutes before their first commit. */
  private void sessionPulls(RepoPlan p) {
    List<String> branches = new ArrayList<>();
    for (String b : p.repo.branches()) {
      if (!b.equals("main") && !p.repo.commitsOn(b).isEmpty()) {
        branches.add(b);
      }
    }
    branches.sort(Comparator.comparing((String b) -> p.repo.commitsOn(b).get(0).time()).thenComparing(b -> b));
    for (String b : branches) {
      SplittableRandom r = random(SALT_PULL, p.slug + "\n" + b);
      boolean skip = r.nextDouble() < NO_PULL && branches.size() >= 4;
      double draw = r.nextDouble();
      if (skip) {
        continue; // pushed, never proposed
      }
      List<RepoManifest.Commit> commits = p.repo.commitsOn(b);
      PullPlan pr = new PullPlan(b, PullSource.SESSION, commits, null, draw);
      pr.created = commits.get(0).time().minusSeconds(120 + r.nextInt(780));
      pr.headSha = commits.get(commits.size() - 1).sha();
      for (RepoManifest.Commit c : commits) {
        for (int n : c.fixes()) {
          if (!pr.fixes.contains(n)) {
            pr.fixes.add(n);
          }
        }
      }
      p.pulls.add(pr);
    }
    if (p.pulls.isEmpty() && !branches.isEmpty()) {
      List<RepoManifest.Commit> commits = p.repo.commitsOn(branches.get(0));
      PullPlan pr = new PullPlan(branches.get(0), PullSource.SESSION, commits, null, 0.5);
      pr.created = commits.get(0).time().minusSeconds(300);
      pr.headSha = commits.get(commits.size() - 1).sha();
      commits.forEach(c -> c.fixes().stream().filter(n -> !pr.fixes.contains(n)).forEach(pr.fixes::add));
      p.pulls.add(pr);
    }
  }

  /** One closed unmerged, one or two open, at least one merged per repository, the rest merged. */
  private void decideStates(List<RepoPlan> plans) {
    List<PullPlan> eligibleClosed = new ArrayList<>();
    for (RepoPlan p : plans) {
      if (p.pulls.size() >= 2) {
        eligibleClosed.addAll(p.pulls);
      }
    }
    List<PullPlan> noFixes = eligibleClosed.stream().filter(pr -> pr.fixes.isEmpty()).toList();
    (noFixes.isEmpty() ? eligibleClosed : noFixes).stream().min(Comparator.comparingDouble(pr -> pr.draw))
        .ifPresent(pr -> pr.state = PullState.CLOSED);

    int opens = 1 + random(SALT_STATE, "open").nextInt(2);
    List<PullPlan> newestFirst = new ArrayList<>();
    plans.forEach(p -> newestFirst.addAll(p.pulls));
    newestFirst.sort(Comparator.comparing((PullPlan pr) -> pr.created).reversed());
    List<PullPlan> byDraw = new ArrayList<>(newestFirst);
    byDraw.sort(Comparator.comparingDouble((PullPlan pr) -> pr.draw).reversed());
    for (List<PullPlan> order : List.of(newestFirst, byDraw)) {
      for (PullPlan pr : order) {
        if (opens > 0 && pr.state == PullState.MERGED && mergedLeft(plans, pr) > 1) {
          pr.state = PullState.OPEN;
          opens--;
          break;
        }
      }
    }
  }

  private static long mergedLeft(List<RepoPlan> plans, PullPlan pr) {
    return plans.stream().filter(p -> p.pulls.contains(pr)).findFirst().orElseThrow().pulls.stream()
        .filter(x -> x.state == PullState.MERGED).count();
  }

  private void times(RepoPlan p, PullPlan pr) {
    SplittableRandom r = random(SALT_TIMES, p.slug + "\n" + pr.branch);
    Instant last = pr.last().time();
    switch (pr.state) {
      case MERGED -> {
        pr.closed = last.plusSeconds(3600 + r.nextInt(29 * 3600));
        pr.updated = pr.closed.plusSeconds(r.nextInt(40));
      }
      case CLOSED -> {
        pr.closed = last.plusSeconds(2 * 3600 + r.nextInt(70 * 3600));
        pr.updated = pr.closed;
      }
      default -> pr.updated = last.plusSeconds(300 + r.nextInt(85 * 60));
    }
    pr.baseSha = p.mainAt(pr.created).sha();
    pr.mergeSha = fakeSha("merge " + p.slug + " " + pr.branch);
  }

  /**
   * A merged pull request from the first recorded branch that was never created locally: pushed
   * from another machine just after the history (before any session, so its commits fall in none),
   * open during the thread's session, merged a few hours after the session's grace; it fixes an
   * issue of its own.
   */
  private void remotePull(List<RepoPlan> plans) {
    for (RepoPlan p : plans) {
      RepoManifest.Commit history = null;
      for (RepoManifest.Commit c : p.repo.commits()) {
        if (c.threadId() == null) {
          history = c;
        }
      }
      Instant after = history == null ? Instant.MAX : history.time();
      RepoManifest.MissingBranch mb = p.repo.missingBranches().stream()
          .filter(m -> !m.branch().equals("main") && m.createdAt().isAfter(after)).findFirst().orElse(null);
      if (mb == null) {
        continue;
      }
      SplittableRandom r = random(SALT_REMOTE, p.slug + "\n" + mb.branch());
      int slash = mb.branch().indexOf('/');
      String kind = slash > 0 ? mb.branch().substring(0, slash) : "chore";
      String slug = slash > 0 ? mb.branch().substring(slash + 1) : mb.branch();
      String w = slug.replace('-', ' ');
      String first = switch (kind) {
        case "feat" -> "feat: add " + w;
        case "fix" -> "fix: handle " + w + " on retry";
        case "refactor" -> "refactor: extract " + w;
        case "docs" -> "docs: document " + w;
        default -> kind + ": tidy " + w + " configuration";
      };
      String[] paths = p.remotePaths(slug);
      int maxFix = p.repo.commits().stream().flatMap(c -> c.fixes().stream()).mapToInt(Integer::intValue).max()
          .orElse(10);
      int fixes = maxFix + 1 + r.nextInt(3);
      long t1 = history.time().getEpochSecond() + 2 * 3600 + r.nextInt(10 * 3600);
      long t2 = t1 + 600 + r.nextInt(2 * 3600);
      long latest = mb.createdAt().getEpochSecond() - 3600; // well before the session, whatever the spec
      if (t2 > latest) {
        t1 -= t2 - latest;
        t2 = latest;
      }
      List<RepoManifest.Commit> commits = List.of(
          new RepoManifest.Commit(fakeSha("remote " + p.slug + " " + mb.branch() + " 1"), mb.branch(),
              Instant.ofEpochSecond(t1), null, null, first, List.of(fixes), List.of(paths[0])),
          new RepoManifest.Commit(fakeSha("remote " + p.slug + " " + mb.branch() + " 2"), mb.branch(),
              Instant.ofEpochSecond(t2), null, null, "test: cover " + w + " edge cases", List.of(), List.of(paths[1])));
      String parent = history.sha();
      for (RepoManifest.Commit c : commits) {
        String message = c.subject() + "\n\n" + Filler.sentence(r, 8 + r.nextInt(8)) + "."
            + (c.fixes().isEmpty() ? "" : "\n\nFixes #" + c.fixes().get(0));
        p.remote.put(c.sha(), new RemoteCommit(c, parent, fakeSha("tree " + c.sha()), message));
        parent = c.sha();
      }
      PullPlan pr = new PullPlan(mb.branch(), PullSource.REMOTE, commits, null, r.nextDouble());
      p.repo.missingBranches().stream().filter(m -> m.branch().equals(mb.branch()))
          .map(RepoManifest.MissingBranch::threadId).filter(t -> !pr.threadIds.contains(t))
          .forEach(pr.threadIds::add);
      Instant end = p.repo.missingBranches().stream().filter(m -> m.branch().equals(mb.branch()))
          .map(RepoManifest.MissingBranch::updatedAt).max(Comparator.naturalOrder()).orElseThrow();
      pr.created = Instant.ofEpochSecond(t1 - 120 - r.nextInt(780));
      pr.closed = Instant.ofEpochSecond(end.getEpochSecond() + 2 * 3600 + 3600 + r.nextInt(19 * 3600));
      pr.updated = pr.closed.plusSeconds(r.nextInt(40));
      pr.headSha = commits.get(1).sha();
      pr.baseSha = history.sha();
      pr.mergeSha = fakeSha("merge " + p.slug + " " + mb.branch());
      pr.fixes.add(fixes);
      p.pulls.add(pr);
      return;
    }
  }

  /** An open dependency update by dependabot[bot] in a repository with a build file: no session made it. */
  private void botPull(RepoPlan p) {
    List<Bump> bumps = p.layout == RepoWriter.Layout.JAVA ? JAVA_BUMPS
        : p.layout == RepoWriter.Layout.WEB ? WEB_BUMPS : List.of();
    if (bumps.isEmpty()) {
      return;
    }
    SplittableRandom r = random(SALT_BOT, p.slug);
    Bump b = bumps.get(r.nextInt(bumps.size()));
    String dep = b.dependency().replace(':', '-');
    String branch = "dependabot/" + b.ecosystem() + "/" + dep + "-" + b.to();
    PullPlan pr = new PullPlan(branch, PullSource.BOT, List.of(), b, r.nextDouble());
    Instant created = p.lastActivity().minusSeconds(86_400L + r.nextInt(4 * 86_400));
    pr.created = created.isBefore(p.firstSessionCommit()) ? p.firstSessionCommit().plusSeconds(3600) : created;
    pr.state = PullState.OPEN;
    pr.updated = pr.created.plusSeconds(60 + r.nextInt(1800));
    pr.headSha = fakeSha("dependabot " + p.slug + " " + branch);
    pr.baseSha = p.mainAt(pr.created).sha();
    pr.mergeSha = fakeSha("merge " + p.slug + " " + branch);
    pr.labels = List.of("dependencies", b.label());
    p.pulls.add(pr);
  }

  /** Numbers pull requests and the extra open issues in one series, in order of creation. */
  private void number(RepoPlan p, boolean first) {
    int maxFix = p.listedCommits().stream().flatMap(c -> c.fixes().stream()).mapToInt(Integer::intValue).max()
        .orElse(0);
    int next = maxFix < 100 ? 101 : (maxFix / 100 + 1) * 100 + 1;
    SplittableRandom r = random(SALT_ISSUE, p.slug + "\nopen");
    int extra = first ? 2 : 1;
    long from = p.firstSessionCommit().getEpochSecond() + 86_400;
    long to = Math.max(from + 3600, p.lastActivity().getEpochSecond() + 86_400);
    List<IssuePlan> open = new ArrayList<>();
    String[][] templates = {
      {"Flaky %s test on CI", "bug", "The %s smoke test fails about one run in ten on CI; a rerun passes."},
      {"Document the %s retry policy", "documentation", "It is not written down how often the %s retries."},
      {"Export the %s as CSV", "enhancement", "Finance asks for the %s as a CSV download."},
    };
    int t0 = r.nextInt(templates.length);
    for (int i = 0; i < extra; i++) {
      String[] t = templates[(t0 + i) % templates.length];
      String area = p.layout.areas[r.nextInt(p.layout.areas.length)];
      IssuePlan is = new IssuePlan();
      is.title = t[0].formatted(area);
      is.labels = List.of(t[1]);
      is.body = t[2].formatted(area) + "\r\n\r\n" + Filler.sentence(r, 8 + r.nextInt(8)) + ".";
      is.author = r.nextInt(3) == 0 ? DEV : RILEY;
      is.created = Instant.ofEpochSecond(from + r.nextLong(to - from));
      is.updated = is.created.plusSeconds(r.nextInt(3 * 86_400));
      is.comments = r.nextInt(4);
      open.add(is);
    }
    record Numbered(Instant created, int kind, int index) {}
    List<Numbered> all = new ArrayList<>();
    for (int i = 0; i < p.pulls.size(); i++) {
      all.add(new Numbered(p.pulls.get(i).created, 0, i));
    }
    for (int i = 0; i < open.size(); i++) {
      all.add(new Numbered(open.get(i).created, 1, i));
    }
    all.sort(Comparator.comparing(Numbered::created).thenComparingInt(Numbered::kind)
        .thenComparingInt(Numbered::index));
    for (Numbered n : all) {
      if (n.kind() == 0) {
        p.pulls.get(n.index()).number = next++;
      } else {
        open.get(n.index()).number = next++;
      }
    }
    p.pulls.sort(Comparator.comparingInt(pr -> pr.number));
    p.issues.addAll(open);
  }

  /** An issue for every {@code Fixes #n}: opened before the sessions, closed by a merge or a push to main. */
  private void fixedIssues(RepoPlan p) {
    TreeSet<Integer> numbers = new TreeSet<>();
    p.listedCommits().forEach(c -> numbers.addAll(c.fixes()));
    if (numbers.isEmpty()) {
      return;
    }
    Instant end = p.firstSessionCommit();
    for (PullPlan pr : p.pulls) {
      end = pr.created.isBefore(end) ? pr.created : end;
    }
    long spacing = Duration.ofDays(21).getSeconds() / (numbers.size() + 1);
    long start = end.getEpochSecond() - 3600 - Duration.ofDays(21).getSeconds();
    int k = 0;
    for (int n : numbers) {
      SplittableRandom r = random(SALT_ISSUE, p.slug + "\n#" + n);
      k++;
      List<RepoManifest.Commit> fixers = p.listedCommits().stream().filter(c -> c.fixes().contains(n)).toList();
      IssuePlan is = new IssuePlan();
      is.number = n;
      is.created = Instant.ofEpochSecond(start + k * spacing + r.nextLong(Math.max(1, spacing / 2)) - spacing / 4);
      describe(is, fixers.get(0), r);
      for (RepoManifest.Commit c : fixers) {
        Instant at = null;
        Integer byPull = null;
        if (c.branch().equals("main")) {
          at = c.time().plusSeconds(30 + r.nextInt(210)); // closed when the push reached main
        } else {
          PullPlan pr = p.worked().stream().filter(x -> x.branch.equals(c.branch())).findFirst().orElse(null);
          if (pr != null && pr.state == PullState.MERGED) {
            at = pr.closed;
            byPull = pr.number;
          }
        }
        if (at != null && (is.closed == null || at.isBefore(is.closed))) {
          is.closed = at;
          is.closedByPull = byPull;
          is.closedByCommit = byPull == null ? c.sha() : null;
        }
      }
      Instant touched = is.created.plusSeconds(3600 + r.nextInt(86_400));
      for (PullPlan pr : p.worked()) {
        if (pr.fixes.contains(n) && pr.updated.isAfter(touched)) {
          touched = pr.updated; // the pull request's reference shows in the issue's timeline
        }
      }
      is.updated = is.closed != null ? is.closed : touched;
      is.comments = r.nextInt(4);
      p.issues.add(is);
    }
    p.issues.sort(Comparator.comparingInt(i -> i.number));
  }

  /** Title, labels, body and author of an issue, from the first commit that fixes it. */
  private static void describe(IssuePlan is, RepoManifest.Commit fixer, SplittableRandom r) {
    Matcher m = PREFIX.matcher(fixer.subject());
    String type = m.matches() ? m.group(1) : "";
    String scope = m.matches() ? m.group(2) : null;
    String desc = m.matches() ? m.group(3) : fixer.subject();
    Matcher bump = BUMP.matcher(desc);
    if ("deps".equals(scope) && bump.matches()) {
      is.title = "Upgrade " + bump.group(1) + " to " + bump.group(3) + " (security advisory)";
      is.labels = List.of("dependencies");
    } else if (type.equals("fix")) {
      String d = desc.replace(" no longer breaks ", " breaks ");
      if (d.startsWith("handle ") && d.endsWith(" on retry")) {
        d = d.substring("handle ".length(), d.length() - " on retry".length()) + " fails on retry";
      }
      is.title = capitalize(d);
      is.labels = List.of("bug");
    } else if (type.equals("feat")) {
      is.title = capitalize(desc);
      is.labels = List.of("enhancement");
    } else if (type.equals("docs")) {
      is.title = capitalize(desc);
      is.labels = List.of("documentation");
    } else {
      is.title = capitalize(desc);
    }
    is.author = r.nextInt(3) == 0 ? DEV : RILEY;
    is.body = is.labels.contains("bug")
        ? "Seen on staging: " + Filler.sentence(r, 6 + r.nextInt(8)).toLowerCase(Locale.ROOT) + ".\r\n\r\n"
            + "Steps to reproduce:\r\n1. " + Filler.sentence(r, 5) + ".\r\n2. " + Filler.sentence(r, 6) + ".\r\n"
        : Filler.sentence(r, 10 + r.nextInt(10)) + ".";
  }

  /** One or two releases a few days after merges; the tag on the last commit of main before each. */
  private void releases(RepoPlan p) {
    List<PullPlan> merged = p.worked().stream().filter(pr -> pr.state == PullState.MERGED)
        .sorted(Comparator.comparing((PullPlan pr) -> pr.closed)).toList();
    if (merged.isEmpty()) {
      return;
    }
    SplittableRandom r = random(SALT_RELEASE, p.slug);
    int minor = 2 + r.nextInt(5);
    List<PullPlan> after = merged.size() >= 3 ? List.of(merged.get((merged.size() - 1) / 2),
        merged.get(merged.size() - 1)) : List.of(merged.get(merged.size() - 1));
    Instant previous = null;
    String previousTag = null;
    for (PullPlan pivot : after) {
      Instant published = pivot.closed.plusSeconds(86_400L + r.nextInt(3 * 86_400));
      if (previous != null && !pivot.closed.isAfter(previous)) {
        continue;
      }
      ReleasePlan rel = new ReleasePlan();
      rel.tag = "v1." + minor++ + ".0";
      rel.previousTag = previousTag;
      rel.published = published;
      rel.target = p.mainAt(published);
      for (PullPlan pr : merged) {
        if (!pr.closed.isAfter(published) && (previous == null || pr.closed.isAfter(previous))) {
          rel.pulls.add(pr);
        }
      }
      p.releases.add(rel);
      previous = published;
      previousTag = rel.tag;
    }
  }

  /**
   * The first repository's lowest merged pull request made without a {@code Codex-Thread:} trailer
   * names its thread; the next merged one carries the planted secret.
   */
  private void carriers(RepoPlan p) {
    List<PullPlan> merged = p.pulls(PullSource.SESSION).stream().filter(pr -> pr.state == PullState.MERGED).toList();
    if (merged.isEmpty()) {
      return;
    }
    PullPlan mention = merged.stream().filter(pr -> pr.commits.stream().allMatch(c -> c.mentionedThreadId() == null))
        .findFirst().orElse(merged.get(0));
    mention.mentionedThread = mention.first().threadId();
    PullPlan carrier = merged.stream().filter(pr -> pr != mention).findFirst().orElse(mention);
    String key = "sk_live_" + Ids.of(random(SALT_SECRET, p.slug), BASE62, 24);
    carrier.secret = key;
    secrets.add(new PlantedSecret("stripe-secret-key", key, "pull request body (" + p.slug + "#" + carrier.number
        + ")"));
  }

  // ------------------------------------------------------------------------------------------
  // Texts
  // ------------------------------------------------------------------------------------------

  /** {@code Fix …}, {@code Add …}, {@code Bump …}: from the branch kind, its slug and its first commit. */
  private static String sessionTitle(PullPlan pr) {
    int slash = pr.branch.indexOf('/');
    String kind = slash > 0 ? pr.branch.substring(0, slash) : "chore";
    String w = (slash > 0 ? pr.branch.substring(slash + 1) : pr.branch).replace('-', ' ');
    Matcher m = PREFIX.matcher(pr.first().subject());
    String desc = m.matches() ? m.group(3) : pr.first().subject();
    Matcher a = AREA.matcher(desc);
    String area = a.find() ? a.group(1) : null;
    for (RepoManifest.Commit c : pr.commits) {
      Matcher cm = PREFIX.matcher(c.subject());
      Matcher bump = cm.matches() && "deps".equals(cm.group(2)) ? BUMP.matcher(cm.group(3)) : null;
      if (bump != null && bump.matches()) {
        pr.labels = List.of("dependencies");
        return "Bump " + bump.group(1) + " from " + bump.group(2) + " to " + bump.group(3);
      }
    }
    switch (kind) {
      case "fix" -> {
        pr.labels = List.of("bug");
        return "Fix " + w + (area != null ? " in the " + area : desc.endsWith(" on retry") ? " on retry" : "");
      }
      case "feat" -> {
        pr.labels = List.of("enhancement");
        return "Add " + w + (area != null ? " to the " + area : "");
      }
      case "docs" -> {
        pr.labels = List.of("documentation");
        return "Document " + w;
      }
      case "refactor" -> {
        return "Refactor " + w + (area != null ? " in the " + area : "");
      }
      case "test" -> {
        return "Cover " + w + " edge cases";
      }
      case "chore" -> {
        return "Tidy " + w + " configuration";
      }
      default -> {
        return capitalize(w);
      }
    }
  }

  private static String sessionBody(RepoPlan p, PullPlan pr) {
    StringBuilder sb = new StringBuilder("## Summary\n");
    for (RepoManifest.Commit c : pr.commits) {
      sb.append("- ").append(c.subject()).append('\n');
    }
    sb.append("\n## Testing\n- `").append(p.layout == RepoWriter.Layout.WEB ? "npm test" : "mvn -B verify")
        .append("`\n");
    if (pr.secret != null) {
      sb.append("\n## Notes\nReproduced against the staging account with the Stripe key ").append(pr.secret)
          .append(" before it was rotated.\n");
    }
    if (!pr.fixes.isEmpty() || pr.mentionedThread != null) {
      sb.append('\n');
    }
    for (int n : pr.fixes) {
      sb.append("Fixes #").append(n).append('\n');
    }
    if (pr.mentionedThread != null) {
      sb.append("Codex-Thread: ").append(pr.mentionedThread).append('\n');
    }
    return sb.toString();
  }

  private static String botBody(PullPlan pr) {
    Bump b = pr.bump;
    return "Bumps " + b.dependency() + " from " + b.from() + " to " + b.to() + ".\n\n---\n\n"
        + "Dependabot will resolve any conflicts with this PR as long as you don't alter it yourself. You can also"
        + " trigger a rebase manually by commenting `@dependabot rebase`.\n";
  }

  private static String camel(String slug) {
    StringBuilder sb = new StringBuilder();
    for (String part : slug.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return sb.length() == 0 ? "Work" : sb.toString();
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** {@return a fixed fake SHA for {@code key}: the SHA-1 of the text, which no real object has}. */
  static String fakeSha(String key) {
    try {
      byte[] text = ("wlat-testkit fake\n" + key).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-1", e);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Responses
  // ------------------------------------------------------------------------------------------

  /** A JSON writer: one generator per response. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static final JsonFactory JSON = new JsonFactory();
  /** Two-space indents, {@code "key": value}, every array element on its own line: as {@code jq} prints. */
  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
      .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("").withArrayEmptySeparator(""))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")).withObjectIndenter(new DefaultIndenter("  ", "\n"));

  static String json(Body body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(PRETTY.createInstance());
      body.write(g);
    }
    return out.toString(StandardCharsets.UTF_8) + "\n";
  }

  /** {@return the pages of {@code items}, each a JSON array of at most {@link #PER_PAGE}}; one empty page for none. */
  static <T> List<String> pages(List<T> items, ItemWriter<T> w) throws IOException {
    List<String> pages = new ArrayList<>();
    for (int from = 0; from < items.size() || from == 0; from += PER_PAGE) {
      List<T> page = items.subList(from, Math.min(items.size(), from + PER_PAGE));
      pages.add(json(g -> {
        g.writeStartArray();
        for (T t : page) {
          w.write(g, t);
        }
        g.writeEndArray();
      }));
      if (items.isEmpty()) {
        break;
      }
    }
    return pages;
  }

  @FunctionalInterface
  interface ItemWriter<T> {
    void write(JsonGenerator g, T item) throws IOException;
  }

  /** Renders and records one repository's responses. */
  private final class Responses {
    private final RepoPlan p;
    private final String api;
    private final String web;
    private final User org;

    Responses(RepoPlan p) {
      this.p = p;
      this.api = API + p.slug;
      this.web = WEB + p.slug;
      this.org = new User(p.owner, id("org " + p.owner), "Organization");
    }

    GitHubManifest.Repo write(FakeGh gh) throws IOException {
      String base = "repos/" + p.slug;
      try (Repository git = new FileRepositoryBuilder().setGitDir(p.repo.dir().resolve(".git").toFile())
          .setMustExist(true).build(); RevWalk rw = new RevWalk(git)) {
        gh.respond(base + "/commits", String.join("", pages(newestFirst(), (g, c) -> commit(g, git, rw, c))));

        List<PullPlan> byUpdate = new ArrayList<>(p.pulls);
        byUpdate.sort(Comparator.comparing((PullPlan pr) -> pr.updated).thenComparingInt(pr -> pr.number).reversed());
        List<String> pullPages = pages(byUpdate, this::pull);
        gh.respond(base + "/pulls", pullPages.get(0));
        for (int i = 1; i < pullPages.size(); i++) {
          gh.respondPage(base + "/pulls", i + 1, pullPages.get(i));
        }
        for (PullPlan pr : p.pulls) {
          String key = base + "/pulls/" + pr.number;
          if (pr.source == PullSource.SESSION) {
            gh.respond(key + "/commits", String.join("", pages(pr.commits, (g, c) -> commit(g, git, rw, c))));
            gh.respond(key + "/files", String.join("", pages(files(git, rw, pr), this::file)));
          } else if (pr.source == PullSource.REMOTE) {
            gh.respond(key + "/commits", String.join("", pages(pr.commits, (g, c) -> commit(g, git, rw, c))));
            gh.respond(key + "/files", String.join("", pages(remoteFiles(pr), this::file)));
          } else {
            gh.respond(key + "/commits", String.join("", pages(List.of(pr), this::botCommit)));
            String f = pr.bump.file();
            gh.respond(key + "/files", String.join("", pages(List.of(new FileChange(f, "modified", 1, 1,
                fakeSha("blob " + p.slug + " " + pr.branch), pr.headSha)), this::file)));
          }
        }

        record Entry(Instant created, IssuePlan issue, PullPlan pull) {}
        List<Entry> issues = new ArrayList<>();
        p.issues.forEach(i -> issues.add(new Entry(i.created, i, null)));
        p.pulls.forEach(pr -> issues.add(new Entry(pr.created, null, pr)));
        issues.sort(Comparator.comparing(Entry::created).reversed());
        gh.respond(base + "/issues", String.join("", pages(issues, (g, e) -> {
          if (e.issue() != null) {
            issue(g, e.issue());
          } else {
            pullAsIssue(g, e.pull());
          }
        })));

        List<ReleasePlan> newest = new ArrayList<>(p.releases);
        Collections.reverse(newest);
        gh.respond(base + "/releases", String.join("", pages(newest, this::release)));
        gh.respond(base + "/tags", String.join("", pages(newest, this::tag)));
      }
      return manifestRepo();
    }

    /** {@return the repository's commits, newest first (the later made first among equal times)}. */
    private List<RepoManifest.Commit> newestFirst() {
      List<RepoManifest.Commit> out = new ArrayList<>(p.listedCommits());
      Collections.reverse(out);
      out.sort(Comparator.comparing(RepoManifest.Commit::time).reversed());
      return out;
    }

    private GitHubManifest.Repo manifestRepo() {
      List<RepoManifest.Commit> newestFirst = newestFirst();
      List<GitHubManifest.Pull> pulls = new ArrayList<>();
      for (PullPlan pr : p.pulls) {
        List<String> commitShas = pr.bot() ? List.of(pr.headSha)
            : pr.commits.stream().map(RepoManifest.Commit::sha).toList();
        pulls.add(new GitHubManifest.Pull(pr.number, pr.branch, pr.state, pr.source, pr.author().login(), pr.headSha,
            commitShas, pr.threadIds, pr.created, pr.closed, pr.mergeSha, pr.fixes, pr.mentionedThread));
      }
      List<GitHubManifest.Issue> issues = new ArrayList<>();
      for (IssuePlan i : p.issues) {
        issues.add(new GitHubManifest.Issue(i.number, i.closed == null ? IssueState.OPEN : IssueState.CLOSED,
            i.created, i.closed, i.closedByPull, i.closedByCommit));
      }
      List<GitHubManifest.Release> releases = new ArrayList<>();
      for (ReleasePlan r : p.releases) {
        releases.add(new GitHubManifest.Release(r.tag, r.published, r.target.sha(),
            r.pulls.stream().map(pr -> pr.number).toList()));
      }
      return new GitHubManifest.Repo(p.slug, newestFirst.stream().map(RepoManifest.Commit::sha).toList(), pulls,
          issues, releases);
    }

    // -- commits -------------------------------------------------------------------------------

    private void commit(JsonGenerator g, Repository git, RevWalk rw, RepoManifest.Commit c) throws IOException {
      RemoteCommit remote = p.remote.get(c.sha());
      if (remote != null) {
        commit(g, c, DEV, "Dev Example", "dev@example.invalid", remote.message(), remote.treeSha(),
            List.of(remote.parentSha()));
        return;
      }
      RevCommit rc = rw.parseCommit(ObjectId.fromString(c.sha()));
      String name = rc.getAuthorIdent().getName();
      String email = rc.getAuthorIdent().getEmailAddress();
      User who = name.equals("Riley Maintainer") ? RILEY : name.equals("Dev Example") ? DEV : null;
      List<String> parents = new ArrayList<>();
      for (RevCommit parent : rc.getParents()) {
        parents.add(parent.name());
      }
      commit(g, c, who, name, email, message(rc.getFullMessage()), rc.getTree().name(), parents);
    }

    private void commit(JsonGenerator g, RepoManifest.Commit c, User who, String name, String email, String message,
        String tree, List<String> parents) throws IOException {
      g.writeStartObject();
      g.writeStringField("sha", c.sha());
      g.writeStringField("node_id", nodeId("C", c.sha()));
      g.writeObjectFieldStart("commit");
      person(g, "author", name, email, c.time());
      person(g, "committer", name, email, c.time());
      g.writeStringField("message", message);
      g.writeObjectFieldStart("tree");
      g.writeStringField("sha", tree);
      g.writeStringField("url", api + "/git/trees/" + tree);
      g.writeEndObject();
      g.writeStringField("url", api + "/git/commits/" + c.sha());
      g.writeNumberField("comment_count", 0);
      verification(g, false);
      g.writeEndObject();
      g.writeStringField("url", api + "/commits/" + c.sha());
      g.writeStringField("html_url", web + "/commit/" + c.sha());
      g.writeStringField("comments_url", api + "/commits/" + c.sha() + "/comments");
      user(g, "author", who);
      user(g, "committer", who);
      g.writeArrayFieldStart("parents");
      for (String parent : parents) {
        g.writeStartObject();
        g.writeStringField("sha", parent);
        g.writeStringField("url", api + "/commits/" + parent);
        g.writeStringField("html_url", web + "/commit/" + parent);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }

    private void botCommit(JsonGenerator g, PullPlan pr) throws IOException {
      Bump b = pr.bump;
      Instant at = pr.created.minusSeconds(20);
      String tree = fakeSha("tree " + p.slug + " " + pr.branch);
      g.writeStartObject();
      g.writeStringField("sha", pr.headSha);
      g.writeStringField("node_id", nodeId("C", pr.headSha));
      g.writeObjectFieldStart("commit");
      person(g, "author", BOT.login(), "support@example.invalid", at);
      person(g, "committer", "GitHub", "noreply@example.invalid", at);
      g.writeStringField("message", "chore(deps): bump " + b.dependency() + " from " + b.from() + " to " + b.to()
          + "\n\nBumps " + b.dependency() + " from " + b.from() + " to " + b.to() + ".\n\n---\nupdated-dependencies:\n"
          + "- dependency-name: " + b.dependency() + "\n  dependency-version: " + b.to()
          + "\n  dependency-type: direct:production\n  update-type: version-update:semver-patch\n...\n\n"
          + "Signed-off-by: dependabot[bot] <support@example.invalid>");
      g.writeObjectFieldStart("tree");
      g.writeStringField("sha", tree);
      g.writeStringField("url", api + "/git/trees/" + tree);
      g.writeEndObject();
      g.writeStringField("url", api + "/git/commits/" + pr.headSha);
      g.writeNumberField("comment_count", 0);
      verification(g, true);
      g.writeEndObject();
      g.writeStringField("url", api + "/commits/" + pr.headSha);
      g.writeStringField("html_url", web + "/commit/" + pr.headSha);
      g.writeStringField("comments_url", api + "/commits/" + pr.headSha + "/comments");
      user(g, "author", BOT);
      user(g, "committer", null);
      g.writeArrayFieldStart("parents");
      g.writeStartObject();
      g.writeStringField("sha", pr.baseSha);
      g.writeStringField("url", api + "/commits/" + pr.baseSha);
      g.writeStringField("html_url", web + "/commit/" + pr.baseSha);
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }

    /** {@return the message as GitHub shows it: no trailing newline, and no paragraph holding a planted secret}. */
    private String message(String full) {
      List<String> kept = new ArrayList<>();
      for (String para : full.split("\n\n")) {
        if (manifest.plantedSecrets().stream().noneMatch(s -> para.contains(s.value()))) {
          kept.add(para);
        }
      }
      return String.join("\n\n", kept).stripTrailing();
    }

    private void person(JsonGenerator g, String field, String name, String email, Instant at) throws IOException {
      g.writeObjectFieldStart(field);
      g.writeStringField("name", name);
      g.writeStringField("email", email);
      g.writeStringField("date", at.toString());
      g.writeEndObject();
    }

    private void verification(JsonGenerator g, boolean signed) throws IOException {
      g.writeObjectFieldStart("verification");
      g.writeBooleanField("verified", signed);
      g.writeStringField("reason", signed ? "valid" : "unsigned");
      g.writeNullField("signature");
      g.writeNullField("payload");
      g.writeNullField("verified_at");
      g.writeEndObject();
    }

    // -- pull requests ---------------------------------------------------------------------------

    private void pull(JsonGenerator g, PullPlan pr) throws IOException {
      String url = api + "/pulls/" + pr.number;
      g.writeStartObject();
      g.writeStringField("url", url);
      g.writeNumberField("id", id("pull " + p.slug + " " + pr.number));
      g.writeStringField("node_id", nodeId("PR", p.slug + " " + pr.number));
      g.writeStringField("html_url", web + "/pull/" + pr.number);
      g.writeStringField("diff_url", web + "/pull/" + pr.number + ".diff");
      g.writeStringField("patch_url", web + "/pull/" + pr.number + ".patch");
      g.writeStringField("issue_url", api + "/issues/" + pr.number);
      g.writeNumberField("number", pr.number);
      g.writeStringField("state", pr.state == PullState.OPEN ? "open" : "closed");
      g.writeBooleanField("locked", false);
      g.writeStringField("title", pr.title);
      user(g, "user", pr.author());
      g.writeStringField("body", pr.bot() ? botBody(pr) : sessionBody(p, pr));
      labels(g, pr.labels);
      g.writeNullField("milestone");
      g.writeNullField("active_lock_reason");
      g.writeStringField("created_at", pr.created.toString());
      g.writeStringField("updated_at", pr.updated.toString());
      g.writeStringField("closed_at", pr.closed == null ? null : pr.closed.toString());
      g.writeStringField("merged_at", pr.state == PullState.MERGED ? pr.closed.toString() : null);
      g.writeStringField("merge_commit_sha", pr.mergeSha);
      user(g, "assignee", pr.bot() ? null : DEV);
      g.writeArrayFieldStart("assignees");
      if (!pr.bot()) {
        userObject(g, DEV);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("requested_reviewers");
      if (pr.state == PullState.OPEN) {
        userObject(g, RILEY);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("requested_teams");
      g.writeEndArray();
      g.writeStringField("commits_url", url + "/commits");
      g.writeStringField("review_comments_url", url + "/comments");
      g.writeStringField("comments_url", api + "/issues/" + pr.number + "/comments");
      g.writeStringField("statuses_url", api + "/statuses/" + pr.headSha);
      ref(g, "head", pr.branch, pr.headSha);
      ref(g, "base", "main", pr.baseSha);
      g.writeStringField("author_association", pr.bot() ? "NONE" : "MEMBER");
      g.writeNullField("auto_merge");
      g.writeBooleanField("draft", false);
      g.writeEndObject();
    }

    private void ref(JsonGenerator g, String field, String branch, String sha) throws IOException {
      g.writeObjectFieldStart(field);
      g.writeStringField("label", p.owner + ":" + branch);
      g.writeStringField("ref", branch);
      g.writeStringField("sha", sha);
      user(g, "user", org);
      g.writeObjectFieldStart("repo");
      g.writeNumberField("id", id("repo " + p.slug));
      g.writeStringField("node_id", nodeId("R", p.slug));
      g.writeStringField("name", p.slug.substring(p.slug.indexOf('/') + 1));
      g.writeStringField("full_name", p.slug);
      g.writeBooleanField("private", true);
      user(g, "owner", org);
      g.writeStringField("html_url", web);
      g.writeNullField("description");
      g.writeBooleanField("fork", false);
      g.writeStringField("url", api);
      g.writeStringField("default_branch", "main");
      g.writeStringField("visibility", "private");
      g.writeEndObject();
      g.writeEndObject();
    }

    /** A changed file of a pull request. */
    record FileChange(String path, String status, int additions, int deletions, String blobSha, String ref) {}

    /** {@return the files the branch changed since it left {@code main}, with the diff's real line counts}. */
    private List<FileChange> files(Repository git, RevWalk rw, PullPlan pr) throws IOException {
      RevCommit first = rw.parseCommit(ObjectId.fromString(pr.first().sha()));
      RevTree baseTree = first.getParentCount() == 0 ? null : rw.parseCommit(first.getParent(0)).getTree();
      RevTree tipTree = rw.parseCommit(ObjectId.fromString(pr.headSha)).getTree();
      TreeSet<String> paths = new TreeSet<>();
      pr.commits.forEach(c -> paths.addAll(c.paths()));
      List<FileChange> out = new ArrayList<>();
      for (String path : paths) {
        ObjectId before = baseTree == null ? null : blob(git, path, baseTree);
        ObjectId after = blob(git, path, tipTree);
        if (after == null) {
          continue;
        }
        RawText a = before == null ? RawText.EMPTY_TEXT : new RawText(git.open(before).getBytes());
        RawText b = new RawText(git.open(after).getBytes());
        int add = 0;
        int del = 0;
        for (Edit e : new HistogramDiff().diff(RawTextComparator.DEFAULT, a, b)) {
          add += e.getLengthB();
          del += e.getLengthA();
        }
        if (add + del > 0) {
          out.add(new FileChange(path, before == null ? "added" : "modified", add, del, after.name(), pr.headSha));
        }
      }
      return out;
    }

    /** {@return the files of the remote pull request: added, a few dozen lines each}. */
    private List<FileChange> remoteFiles(PullPlan pr) {
      List<FileChange> out = new ArrayList<>();
      TreeSet<String> paths = new TreeSet<>();
      pr.commits.forEach(c -> paths.addAll(c.paths()));
      for (String path : paths) {
        int add = 6 + random(SALT_REMOTE, p.slug + "\n" + path).nextInt(40);
        out.add(new FileChange(path, "added", add, 0, fakeSha("blob " + p.slug + " " + path), pr.headSha));
      }
      return out;
    }

    private ObjectId blob(Repository git, String path, RevTree tree) throws IOException {
      try (TreeWalk tw = TreeWalk.forPath(git, path, tree)) {
        return tw == null ? null : tw.getObjectId(0);
      }
    }

    private void file(JsonGenerator g, FileChange f) throws IOException {
      g.writeStartObject();
      g.writeStringField("sha", f.blobSha());
      g.writeStringField("filename", f.path());
      g.writeStringField("status", f.status());
      g.writeNumberField("additions", f.additions());
      g.writeNumberField("deletions", f.deletions());
      g.writeNumberField("changes", f.additions() + f.deletions());
      g.writeStringField("blob_url", web + "/blob/" + f.ref() + "/" + f.path());
      g.writeStringField("raw_url", web + "/raw/" + f.ref() + "/" + f.path());
      g.writeStringField("contents_url", api + "/contents/" + f.path() + "?ref=" + f.ref());
      g.writeEndObject();
    }

    // -- issues ------------------------------------------------------------------------------------

    private void issueCommon(JsonGenerator g, int number, String nodeId, String htmlUrl) throws IOException {
      String url = api + "/issues/" + number;
      g.writeStringField("url", url);
      g.writeStringField("repository_url", api);
      g.writeStringField("labels_url", url + "/labels{/name}");
      g.writeStringField("comments_url", url + "/comments");
      g.writeStringField("events_url", url + "/events");
      g.writeStringField("html_url", htmlUrl);
      g.writeNumberField("id", id("issue " + p.slug + " " + number));
      g.writeStringField("node_id", nodeId);
      g.writeNumberField("number", number);
    }

    private void issue(JsonGenerator g, IssuePlan i) throws IOException {
      g.writeStartObject();
      issueCommon(g, i.number, nodeId("I", p.slug + " " + i.number), web + "/issues/" + i.number);
      g.writeStringField("title", i.title);
      user(g, "user", i.author);
      labels(g, i.labels);
      g.writeStringField("state", i.closed == null ? "open" : "closed");
      g.writeBooleanField("locked", false);
      user(g, "assignee", null);
      g.writeArrayFieldStart("assignees");
      g.writeEndArray();
      g.writeNullField("milestone");
      g.writeNumberField("comments", i.comments);
      g.writeStringField("created_at", i.created.toString());
      g.writeStringField("updated_at", i.updated.toString());
      g.writeStringField("closed_at", i.closed == null ? null : i.closed.toString());
      g.writeStringField("author_association", "MEMBER");
      g.writeNullField("active_lock_reason");
      g.writeStringField("body", i.body);
      g.writeStringField("timeline_url", api + "/issues/" + i.number + "/timeline");
      g.writeNullField("performed_via_github_app");
      g.writeStringField("state_reason", i.closed == null ? null : "completed");
      g.writeEndObject();
    }

    private void pullAsIssue(JsonGenerator g, PullPlan pr) throws IOException {
      g.writeStartObject();
      issueCommon(g, pr.number, nodeId("PR", p.slug + " " + pr.number), web + "/pull/" + pr.number);
      g.writeStringField("title", pr.title);
      user(g, "user", pr.author());
      labels(g, pr.labels);
      g.writeStringField("state", pr.state == PullState.OPEN ? "open" : "closed");
      g.writeBooleanField("locked", false);
      user(g, "assignee", pr.bot() ? null : DEV);
      g.writeArrayFieldStart("assignees");
      if (!pr.bot()) {
        userObject(g, DEV);
      }
      g.writeEndArray();
      g.writeNullField("milestone");
      g.writeNumberField("comments", 0);
      g.writeStringField("created_at", pr.created.toString());
      g.writeStringField("updated_at", pr.updated.toString());
      g.writeStringField("closed_at", pr.closed == null ? null : pr.closed.toString());
      g.writeStringField("author_association", pr.bot() ? "NONE" : "MEMBER");
      g.writeNullField("active_lock_reason");
      g.writeBooleanField("draft", false);
      g.writeObjectFieldStart("pull_request");
      g.writeStringField("url", api + "/pulls/" + pr.number);
      g.writeStringField("html_url", web + "/pull/" + pr.number);
      g.writeStringField("diff_url", web + "/pull/" + pr.number + ".diff");
      g.writeStringField("patch_url", web + "/pull/" + pr.number + ".patch");
      g.writeStringField("merged_at", pr.state == PullState.MERGED ? pr.closed.toString() : null);
      g.writeEndObject();
      g.writeStringField("body", pr.bot() ? botBody(pr) : sessionBody(p, pr));
      g.writeStringField("timeline_url", api + "/issues/" + pr.number + "/timeline");
      g.writeNullField("performed_via_github_app");
      g.writeNullField("state_reason");
      g.writeEndObject();
    }

    // -- releases and tags -----------------------------------------------------------------------

    private void release(JsonGenerator g, ReleasePlan r) throws IOException {
      long id = id("release " + p.slug + " " + r.tag);
      StringBuilder notes = new StringBuilder("## What's Changed\n");
      for (PullPlan pr : r.pulls) {
        notes.append("* ").append(pr.title).append(" by @").append(pr.author().login()).append(" in ").append(web)
            .append("/pull/").append(pr.number).append('\n');
      }
      notes.append("\n\n**Full Changelog**: ").append(web).append(r.previousTag == null ? "/commits/" + r.tag
          : "/compare/" + r.previousTag + "..." + r.tag);
      g.writeStartObject();
      g.writeStringField("url", api + "/releases/" + id);
      g.writeStringField("assets_url", api + "/releases/" + id + "/assets");
      g.writeStringField("upload_url", "https://uploads.github.com/repos/" + p.slug + "/releases/" + id
          + "/assets{?name,label}");
      g.writeStringField("html_url", web + "/releases/tag/" + r.tag);
      g.writeNumberField("id", id);
      user(g, "author", RILEY);
      g.writeStringField("node_id", nodeId("RE", p.slug + " " + r.tag));
      g.writeStringField("tag_name", r.tag);
      g.writeStringField("target_commitish", "main");
      g.writeStringField("name", r.tag);
      g.writeBooleanField("draft", false);
      g.writeBooleanField("prerelease", false);
      g.writeStringField("created_at", r.target.time().toString());
      g.writeStringField("published_at", r.published.toString());
      g.writeArrayFieldStart("assets");
      g.writeEndArray();
      g.writeStringField("tarball_url", api + "/tarball/" + r.tag);
      g.writeStringField("zipball_url", api + "/zipball/" + r.tag);
      g.writeStringField("body", notes.toString());
      g.writeEndObject();
    }

    private void tag(JsonGenerator g, ReleasePlan r) throws IOException {
      g.writeStartObject();
      g.writeStringField("name", r.tag);
      g.writeStringField("zipball_url", api + "/zipball/refs/tags/" + r.tag);
      g.writeStringField("tarball_url", api + "/tarball/refs/tags/" + r.tag);
      g.writeObjectFieldStart("commit");
      g.writeStringField("sha", r.target.sha());
      g.writeStringField("url", api + "/commits/" + r.target.sha());
      g.writeEndObject();
      g.writeStringField("node_id", nodeId("REF", p.slug + " refs/tags/" + r.tag));
      g.writeEndObject();
    }

    // -- shared parts ------------------------------------------------------------------------------

    private void labels(JsonGenerator g, List<String> names) throws IOException {
      g.writeArrayFieldStart("labels");
      for (String n : names) {
        String[] style = switch (n) {
          case "bug" -> new String[] {"d73a4a", "Something isn't working", "true"};
          case "enhancement" -> new String[] {"a2eeef", "New feature or request", "true"};
          case "documentation" -> new String[] {"0075ca", "Improvements or additions to documentation", "true"};
          case "dependencies" -> new String[] {"0366d6", "Pull requests that update a dependency file", "false"};
          case "java" -> new String[] {"ffa221", "Pull requests that update Java code", "false"};
          case "javascript" -> new String[] {"168700", "Pull requests that update JavaScript code", "false"};
          default -> new String[] {"ededed", null, "false"};
        };
        g.writeStartObject();
        g.writeNumberField("id", id("label " + p.slug + " " + n));
        g.writeStringField("node_id", nodeId("LA", p.slug + " " + n));
        g.writeStringField("url", api + "/labels/" + n);
        g.writeStringField("name", n);
        g.writeStringField("color", style[0]);
        g.writeBooleanField("default", Boolean.parseBoolean(style[2]));
        g.writeStringField("description", style[1]);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  private static void user(JsonGenerator g, String field, User u) throws IOException {
    g.writeFieldName(field);
    if (u == null) {
      g.writeNull();
    } else {
      userObject(g, u);
    }
  }

  private static void userObject(JsonGenerator g, User u) throws IOException {
    boolean bot = u.type().equals("Bot");
    String path = u.login().replace("[bot]", "%5Bbot%5D");
    g.writeStartObject();
    g.writeStringField("login", u.login());
    g.writeNumberField("id", u.id());
    g.writeStringField("node_id", (bot ? "BOT_kgDO" : u.type().equals("Organization") ? "O_kgDO" : "U_kgDO")
        + Long.toString(u.id(), 36).toUpperCase(Locale.ROOT));
    g.writeStringField("avatar_url", "https://avatars.githubusercontent.com/" + (bot ? "in/29110" : "u/" + u.id())
        + "?v=4");
    g.writeStringField("url", "https://api.github.com/users/" + path);
    g.writeStringField("html_url", bot ? "https://github.com/apps/dependabot" : WEB + u.login());
    g.writeStringField("type", u.type());
    g.writeStringField("user_view_type", "public");
    g.writeBooleanField("site_admin", false);
    g.writeEndObject();
  }

  /** {@return a stable numeric id for {@code key}, in the range GitHub's ids have reached}. */
  private long id(String key) {
    return 1_000_000_000L + Math.floorMod(Ids.mix(Ids.mix(seed, SALT_ID), key.hashCode()), 1_500_000_000L);
  }

  /** {@return a stable GraphQL node id like {@code PR_kwDOAbC…} for {@code key}}. */
  private String nodeId(String prefix, String key) {
    return prefix + "_kwDO" + Ids.of(random(SALT_ID, prefix + " " + key), BASE62, 16);
  }
}
