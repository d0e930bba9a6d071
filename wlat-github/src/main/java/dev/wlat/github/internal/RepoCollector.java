package dev.wlat.github.internal;

import dev.wlat.github.GitHubException;
import dev.wlat.github.RepoCollection;
import dev.wlat.github.internal.JsonPages.Fields;
import dev.wlat.github.internal.JsonPages.Item;
import dev.wlat.github.internal.RepoCache.IssueEntry;
import dev.wlat.github.internal.RepoCache.PullDetail;
import dev.wlat.github.internal.RepoCache.PullEntry;
import dev.wlat.github.internal.RepoCache.PullFile;
import dev.wlat.github.internal.RepoCache.Watermark;
import dev.wlat.model.ArtifactKind;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeTaxonomy;
import dev.wlat.model.OutcomeType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Collects one repository's artifacts for a window through {@code gh api}, asking only for what its
 * cache does not hold. Public for {@code dev.wlat.github}; not part of wlat's API (see
 * {@code GitHubCollector} for the endpoints and the cache).
 *
 * <p>Each step saves the cache when it has succeeded (pull request details every
 * {@value #DETAIL_CHECKPOINT} pull requests), and nothing of a failed request is kept: a failure
 * throws, leaving the cache with the work completed before it.
 *
 * <p>Instances are immutable and thread-safe; collections of different repositories may run at once.
 */
public final class RepoCollector {

  static final int PER_PAGE = 100;
  /** Commits and issues are asked again from this long before the watermark: clocks differ, pushes lag. */
  static final Duration OVERLAP = Duration.ofDays(1);
  static final int DETAIL_CHECKPOINT = 25;
  /** GitHub lists at most 3,000 files and 250 commits of a pull request. */
  static final int MAX_PULL_FILES = 3000;
  static final int MAX_PULL_COMMITS = 250;

  private final GhInvoker gh;
  private final Path cacheDir;
  private final Clock clock;

  private RepoCollector(GhInvoker gh, Path cacheDir, Clock clock) {
    this.gh = Objects.requireNonNull(gh, "gh");
    this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@return a collector running {@code gh}, caching under {@code cacheDir}}. */
  public static RepoCollector create(GhInvoker gh, Path cacheDir, Clock clock) {
    return new RepoCollector(gh, cacheDir, clock);
  }

  /** {@return the cache file of {@code repo}}. */
  public Path cacheFile(GitHubRepo repo) {
    return CacheFile.of(cacheDir, repo);
  }

  /**
   * {@return {@code repo}'s artifacts in {@code [since, until)}}; either bound may be {@code null}.
   *
   * @throws GitHubException if a request fails or the cache cannot be written
   */
  public RepoCollection collect(GitHubRepo repo, Instant since, Instant until) {
    Objects.requireNonNull(repo, "repo");
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException("window start " + since + " must be before its end " + until);
    }
    return new Run(repo, since, until).collect();
  }

  // ---------------------------------------------------------------------------------------------
  // One collection
  // ---------------------------------------------------------------------------------------------

  private final class Run {
    private final GitHubRepo repo;
    private final Instant since;
    private final Instant until;
    private final Path file;
    private final RepoCache cache;
    private final Instant started;
    private final String base;
    private int requests;
    private int cachedPages;

    Run(GitHubRepo repo, Instant since, Instant until) {
      this.repo = repo;
      this.since = since;
      this.until = until;
      this.file = CacheFile.of(cacheDir, repo);
      CacheFile.removeStaleTemp(file);
      this.cache = CacheFile.load(file, repo);
      this.started = clock.instant();
      this.base = "repos/" + repo.slug() + "/";
    }

    RepoCollection collect() {
      commits();
      pullList();
      pullDetails();
      issues();
      List<GitHubArtifact> tags = api(base + "tags?per_page=" + PER_PAGE, true, Responses.TAG,
          it -> Responses.tag(repo, it), Set.of());
      List<GitHubArtifact> releases = api(base + "releases?per_page=" + PER_PAGE, true, Responses.RELEASE,
          it -> Responses.release(repo, it), Set.of());
      return assemble(releases, tags);
    }

    // -- commits: repos/{o}/{r}/commits?since=&until=, default branch ----------------------------

    private void commits() {
      Watermark w = cache.commits;
      // Never claim commits not made yet: a window ending in the future is complete only up to now.
      Instant to = until != null && until.isBefore(started) ? until : started;
      List<Instant[]> ranges = new ArrayList<>();
      Instant from;
      if (w == null) {
        ranges.add(new Instant[] {since, until});
        from = since;
      } else {
        boolean coversStart = w.from() == null || since != null && !since.isBefore(w.from());
        if (!coversStart) {
          ranges.add(new Instant[] {since, w.from()});
        }
        if (until == null || until.isAfter(w.to())) {
          ranges.add(new Instant[] {w.to().minus(OVERLAP), until});
        }
        from = coversStart ? w.from() : since;
        to = max(to, w.to());
        cachedPages++;
      }
      List<GitHubArtifact> fetched = new ArrayList<>();
      for (Instant[] r : ranges) {
        StringBuilder e = new StringBuilder(base).append("commits?");
        if (r[0] != null) {
          e.append("since=").append(r[0]).append('&');
        }
        if (r[1] != null) {
          e.append("until=").append(r[1]).append('&');
        }
        e.append("per_page=").append(PER_PAGE);
        // HTTP 409: the repository is empty.
        fetched.addAll(api(e.toString(), true, Responses.COMMIT, it -> Responses.commit(repo, it), Set.of(409)));
      }
      for (GitHubArtifact c : fetched) {
        cache.commitsBySha.put(c.id(), c);
      }
      cache.commits = new Watermark(from, to);
      save();
    }

    // -- pull requests: repos/{o}/{r}/pulls, newest update first, paged by hand ----------------

    /**
     * The list cannot be filtered by time, so it is read newest-updated first, page by page, up to
     * the first page that reaches back past what is needed: the newest {@code updated_at} already
     * cached when the cache covers the window's start, else the window's start.
     */
    private void pullList() {
      Watermark w = cache.pulls;
      boolean covered = w != null && (w.from() == null || since != null && !since.isBefore(w.from()));
      Instant stopBefore = covered ? w.to() : since;
      if (covered) {
        cachedPages++;
      }
      List<PullEntry> fetched = new ArrayList<>();
      for (int page = 1; ; page++) {
        List<PullEntry> items = api(base + "pulls?state=all&sort=updated&direction=desc&per_page=" + PER_PAGE
            + "&page=" + page, false, Responses.PULL, it -> Responses.pull(repo, it), Set.of());
        fetched.addAll(items);
        boolean reachedBack = stopBefore != null
            && items.stream().anyMatch(p -> p.updatedAt() != null && p.updatedAt().isBefore(stopBefore));
        if (items.size() < PER_PAGE || reachedBack) {
          break;
        }
      }
      Instant newest = w == null ? null : w.to();
      for (PullEntry p : fetched) {
        PullEntry known = cache.pullsByNumber.get(p.number());
        PullDetail detail = known == null ? null : known.detail();
        cache.pullsByNumber.put(p.number(), new PullEntry(p.updatedAt(), p.pull(), detail));
        newest = max(newest, p.updatedAt());
      }
      cache.pulls = new Watermark(covered ? w.from() : since, newest);
      save();
    }

    /** Files and commits of each pull request in the window whose cached ones are older than its update. */
    private void pullDetails() {
      List<PullEntry> due = cache.pullsByNumber.values().stream().filter(this::inWindow)
          .sorted(Comparator.comparing(PullEntry::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
              .thenComparing(PullEntry::number, Comparator.reverseOrder()))
          .toList();
      int unsaved = 0;
      try {
        for (PullEntry p : due) {
          if (p.detailCurrent()) {
            cachedPages += 2;
            continue;
          }
          String pr = base + "pulls/" + p.number() + "/";
          List<PullFile> files = api(pr + "files?per_page=" + PER_PAGE, true, Responses.PULL_FILE,
              Responses::pullFile, Set.of());
          List<String> shas = api(pr + "commits?per_page=" + PER_PAGE, true, Responses.PULL_COMMIT,
              Responses::pullCommit, Set.of());
          boolean truncated = files.size() >= MAX_PULL_FILES || shas.size() >= MAX_PULL_COMMITS;
          cache.pullsByNumber.put(p.number(), p.withDetail(new PullDetail(p.updatedAt(), files, shas, truncated)));
          if (++unsaved == DETAIL_CHECKPOINT) {
            save();
            unsaved = 0;
          }
        }
      } catch (GitHubException e) {
        // Keep the details fetched before the failed request; the failed one left nothing behind.
        if (unsaved > 0) {
          try {
            save();
          } catch (GitHubException saveFailed) {
            e.addSuppressed(saveFailed);
          }
        }
        throw e;
      }
      if (unsaved > 0) {
        save();
      }
    }

    // -- issues: repos/{o}/{r}/issues?state=all&since= --------------------------------------------

    private void issues() {
      Watermark w = cache.issues;
      boolean covered = w != null && (w.from() == null || since != null && !since.isBefore(w.from()));
      Instant asked = covered ? w.to().minus(OVERLAP) : since;
      if (covered) {
        cachedPages++;
      }
      // HTTP 410: issues are disabled for the repository.
      List<IssueEntry> fetched = api(base + "issues?state=all" + (asked == null ? "" : "&since=" + asked)
          + "&per_page=" + PER_PAGE, true, Responses.ISSUE, it -> Responses.issue(repo, it), Set.of(410));
      for (IssueEntry i : fetched) {
        cache.issuesByNumber.put(Integer.parseInt(i.issue().id()), i);
      }
      cache.issues = new Watermark(covered ? w.from() : since, max(started, w == null ? null : w.to()));
      save();
    }

    // -- the window's artifacts -------------------------------------------------------------------

    private RepoCollection assemble(List<GitHubArtifact> releases, List<GitHubArtifact> tags) {
      List<GitHubArtifact> out = new ArrayList<>();
      boolean complete = true;
      for (GitHubArtifact c : cache.commitsBySha.values()) {
        if (within(c.timestamp())) {
          out.add(c);
        }
      }
      for (PullEntry p : cache.pullsByNumber.values()) {
        if (!inWindow(p)) {
          continue;
        }
        PullDetail d = p.detail();
        complete &= d != null && !d.truncated();
        out.addAll(pullWithFiles(p.pull(), d));
      }
      for (IssueEntry i : cache.issuesByNumber.values()) {
        if (overlaps(i.issue().timestamp(), i.updatedAt())) {
          out.add(i.issue());
        }
      }
      Map<String, GitHubArtifact> tagByName = new HashMap<>();
      for (GitHubArtifact t : tags) {
        tagByName.put(t.id(), t);
      }
      Map<String, GitHubArtifact> releaseByTag = new HashMap<>();
      for (GitHubArtifact r : releases) {
        GitHubArtifact tag = tagByName.get(r.id());
        GitHubArtifact joined = r.sha() == null && tag != null ? with(r, r.timestamp(), tag.sha()) : r;
        releaseByTag.put(r.id(), joined);
        if (within(joined.timestamp())) {
          out.add(joined);
        }
      }
      for (GitHubArtifact t : tags) {
        GitHubArtifact commit = t.sha() == null ? null : cache.commitsBySha.get(t.sha());
        GitHubArtifact release = releaseByTag.get(t.id());
        Instant when = commit != null ? commit.timestamp() : release != null ? release.timestamp() : null;
        if (when == null ? since == null : within(when)) {
          out.add(with(t, when, t.sha()));
        }
      }
      out.sort(ORDER);
      return new RepoCollection(repo, out, requests, cachedPages, complete);
    }

    private List<GitHubArtifact> pullWithFiles(GitHubArtifact p, PullDetail d) {
      List<PullFile> files = d == null ? List.of() : d.files();
      List<String> paths = files.stream().map(PullFile::path).toList();
      LinkedHashSet<String> shas = new LinkedHashSet<>(d == null ? List.of() : d.commitShas());
      shas.addAll(p.commitShas());
      Long additions = d == null ? null : files.stream().mapToLong(f -> orZero(f.additions())).sum();
      Long deletions = d == null ? null : files.stream().mapToLong(f -> orZero(f.deletions())).sum();
      OutcomeType outcome = OutcomeTaxonomy.ofPullRequest(p.title(), p.labels(), p.branch(), paths);
      List<GitHubArtifact> out = new ArrayList<>(files.size() + 1);
      out.add(new GitHubArtifact(repo, ArtifactKind.PULL_REQUEST, p.id(), p.timestamp(), p.closedAt(), p.actor(),
          p.sha(), p.branch(), p.title(), p.state(), p.merged(), p.url(), p.labels(), null, additions, deletions,
          outcome, p.mentions(), List.copyOf(shas), p.closesIssues()));
      for (PullFile f : files) {
        out.add(new GitHubArtifact(repo, ArtifactKind.PULL_REQUEST_FILE, p.id() + ":" + f.path(), p.timestamp(),
            p.closedAt(), p.actor(), p.sha(), p.branch(), null, p.state(), null, p.url(), List.of(), f.path(),
            f.additions(), f.deletions(), outcome, Set.of(), List.of(), List.of()));
      }
      return out;
    }

    // -- calls --------------------------------------------------------------------------------------

    /**
     * {@return the non-null results of {@code map} over every object {@code endpoint} answered}, or
     * nothing when it failed with one of {@code emptyOn}; only a fully successful call yields items.
     */
    private <T> List<T> api(String endpoint, boolean paginate, Fields fields, Function<Item, T> map,
        Set<Integer> emptyOn) {
      List<String> args = paginate ? List.of("api", "--paginate", endpoint) : List.of("api", endpoint);
      List<T> items = new ArrayList<>();
      requests++;
      GhCall call = gh.call(args, in -> JsonPages.readArrays(in, fields, it -> {
        T t = map.apply(it);
        if (t != null) {
          items.add(t);
        }
      }));
      if (call.succeeded()) {
        return items;
      }
      if (call.status() == GhCall.Status.EXITED && call.exitCode() != 0
          && emptyOn.contains(Failures.status(call.stderr()))) {
        return List.of();
      }
      throw Failures.of(repo, endpoint, call, this::rateLimit);
    }

    private Failures.RateLimitState rateLimit() {
      JsonPages.Item[] found = new JsonPages.Item[1];
      GhCall call = gh.call(List.of("api", "rate_limit"),
          in -> found[0] = JsonPages.readObject(in, Responses.RATE_LIMIT));
      if (!call.succeeded() || found[0] == null) {
        return null;
      }
      try {
        Long reset = found[0].number("resources.core.reset");
        return new Failures.RateLimitState(found[0].number("resources.core.remaining"),
            reset == null ? null : Instant.ofEpochSecond(reset));
      } catch (JsonPages.BadValueException e) {
        return null;
      }
    }

    private void save() {
      try {
        CacheFile.save(file, cache, clock.instant());
      } catch (IOException e) {
        throw GitHubException.of(GitHubException.Kind.FAILED, repo, "gh: " + repo.slug() + ": cannot write the cache "
            + file + " (" + JsonPages.oneLine(String.valueOf(e.getMessage())) + "); check that the output root is"
            + " writable", e);
      }
    }

    // -- the window ---------------------------------------------------------------------------------

    private boolean within(Instant t) {
      if (t == null) {
        return since == null && until == null;
      }
      return (since == null || !t.isBefore(since)) && (until == null || t.isBefore(until));
    }

    /** {@return whether a life from {@code created} to {@code updated} overlaps the window}. */
    private boolean overlaps(Instant created, Instant updated) {
      return (until == null || created == null || created.isBefore(until))
          && (since == null || updated == null || !updated.isBefore(since));
    }

    private boolean inWindow(PullEntry p) {
      return overlaps(p.pull().timestamp(), p.updatedAt());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  private static final Comparator<GitHubArtifact> ORDER = Comparator
      .comparing(GitHubArtifact::kind)
      .thenComparing(GitHubArtifact::timestamp, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(GitHubArtifact::id, RepoCollector::compareIds);

  /** Compares ids numerically when both are numbers ({@code 9} before {@code 10}), else as text. */
  private static int compareIds(String a, String b) {
    boolean na = !a.isEmpty() && a.length() < 10 && a.chars().allMatch(Character::isDigit);
    boolean nb = !b.isEmpty() && b.length() < 10 && b.chars().allMatch(Character::isDigit);
    return na && nb ? Integer.compare(Integer.parseInt(a), Integer.parseInt(b)) : a.compareTo(b);
  }

  private static GitHubArtifact with(GitHubArtifact a, Instant timestamp, String sha) {
    return new GitHubArtifact(a.repo(), a.kind(), a.id(), timestamp, a.closedAt(), a.actor(), sha, a.branch(),
        a.title(), a.state(), a.merged(), a.url(), a.labels(), a.filePath(), a.additions(), a.deletions(),
        a.outcome(), a.mentions(), a.commitShas(), a.closesIssues());
  }

  private static long orZero(Long n) {
    return n == null ? 0 : n;
  }

  private static Instant max(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
