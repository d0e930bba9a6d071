package dev.wlat.attribution.internal;

import dev.wlat.attribution.LocalCommit;
import dev.wlat.attribution.LocalRepo;
import dev.wlat.model.Mentions;
import dev.wlat.model.OutcomeTaxonomy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The recent history of one repository (all working trees sharing one {@code commonDir}), walked
 * once and cached.
 *
 * <p>The walk starts from every local and remote-tracking branch and from the HEAD of every known
 * working tree (a detached HEAD's commits are reachable from nothing else), newest committer time
 * first, and stops at the first commit older than the floor minus {@link #SKEW} (clock skew between
 * machines) or after {@link #MAX_COMMITS} commits. The floor is the earliest time asked for; a later
 * question about older commits walks again from a floor {@link #EXTEND} earlier still, so threads
 * asked about in any order cost a few walks, not one each.
 *
 * <p>Which branches contain a commit is propagated from the branch tips to their ancestors over the
 * walked commits in topological order (Kahn's algorithm over child counts, so clock skew cannot
 * break it): a commit is on a branch when that branch's tip reaches it without leaving the walked
 * history. Full messages are read once per walk, reduced to their mentions and outcome, and dropped.
 *
 * <p>Thread-safe: questions about one repository wait for one walk.
 */
public final class CommitLog {

  /** At most this many commits are kept per repository. */
  public static final int MAX_COMMITS = 20_000;
  /** Commits this much older than the floor still end the walk only then. */
  public static final Duration SKEW = Duration.ofDays(1);
  /** A walk that has to go further back goes this much further still. */
  public static final Duration EXTEND = Duration.ofDays(30);

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{4,40}");

  private final LocalRepo repo;
  private final List<String> heads;
  private final Consumer<String> problems;
  private Instant floor;
  private List<LocalCommit> commits = List.of();
  private Map<String, LocalCommit> bySha = Map.of();
  private boolean truncated;
  private boolean failed;
  private final Map<String, Boolean> known = new ConcurrentHashMap<>();

  /**
   * A log of the repository of {@code trees} (working trees sharing one common dir, the first opened).
   *
   * @param problems where to report a walk that fails or is cut short
   */
  public CommitLog(Collection<LocalRepo> trees, Consumer<String> problems) {
    if (trees.isEmpty()) {
      throw new IllegalArgumentException("a commit log needs at least one working tree");
    }
    this.repo = trees.stream().filter(t -> !t.isLinkedWorktree()).findFirst().orElse(trees.iterator().next());
    this.heads = trees.stream().map(LocalRepo::headSha).filter(s -> s != null).distinct().toList();
    this.problems = problems;
  }

  /** {@return the commits with committer time in {@code [from, to)}, oldest first}. */
  public synchronized List<LocalCommit> between(Instant from, Instant to) {
    cover(from);
    int lo = firstAtOrAfter(from);
    List<LocalCommit> out = new ArrayList<>();
    for (int i = lo; i < commits.size() && commits.get(i).committedAt().isBefore(to); i++) {
      out.add(commits.get(i));
    }
    return out;
  }

  /** {@return true when the repository holds {@code sha} (full or abbreviated, at least 4 hex digits)}. */
  public boolean contains(String sha) {
    if (sha == null) {
      return false;
    }
    String s = sha.trim().toLowerCase(Locale.ROOT);
    if (!HEX.matcher(s).matches()) {
      return false;
    }
    synchronized (this) {
      if (bySha.containsKey(s)) {
        return true;
      }
    }
    return known.computeIfAbsent(s, this::lookUp);
  }

  private boolean lookUp(String sha) {
    try (Repository r = open(); ObjectReader reader = r.newObjectReader()) {
      if (sha.length() == Constants.OBJECT_ID_STRING_LENGTH) {
        return reader.has(ObjectId.fromString(sha));
      }
      return reader.resolve(AbbreviatedObjectId.fromString(sha)).size() == 1;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void cover(Instant from) {
    if (failed || (floor != null && !from.isBefore(floor))) {
      return;
    }
    Instant target = floor == null ? from : from.minus(EXTEND);
    if (target.isBefore(Instant.EPOCH.plus(EXTEND))) {
      target = Instant.MIN;
    }
    walk(target);
  }

  private void walk(Instant newFloor) {
    long floorSeconds = newFloor.equals(Instant.MIN) ? Long.MIN_VALUE
        : newFloor.getEpochSecond() - SKEW.getSeconds();
    List<String> names = new ArrayList<>();
    List<RevCommit> tips = new ArrayList<>();
    List<RevCommit> walked = new ArrayList<>();
    List<LocalCommit> shells = new ArrayList<>();
    boolean cut = false;
    try (Repository r = open(); RevWalk rw = new RevWalk(r)) {
      for (Ref ref : r.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_REMOTES)) {
        if (ref.isSymbolic() || ref.getObjectId() == null) {
          continue;
        }
        RevObject o = rw.peel(rw.parseAny(ref.getObjectId()));
        if (o instanceof RevCommit) {
          RevCommit c = (RevCommit) o;
          names.add(Repository.shortenRefName(ref.getName()));
          tips.add(c);
          rw.markStart(c);
        }
      }
      for (String head : heads) {
        RevObject o = rw.peel(rw.parseAny(ObjectId.fromString(head)));
        if (o instanceof RevCommit) {
          rw.markStart((RevCommit) o);
        }
      }
      rw.sort(RevSort.COMMIT_TIME_DESC);
      for (RevCommit c = rw.next(); c != null; c = rw.next()) {
        if (c.getCommitTime() < floorSeconds) {
          break;
        }
        if (walked.size() >= MAX_COMMITS) {
          cut = true;
          break;
        }
        walked.add(c);
        String message = c.getFullMessage();
        shells.add(new LocalCommit(c.name(), Instant.ofEpochSecond(c.getCommitTime()),
            c.getAuthorIdent().getName(), c.getShortMessage(), Mentions.in(message),
            List.copyOf(Mentions.closedIssues(message)), List.of(), OutcomeTaxonomy.ofCommitMessage(message)));
      }
    } catch (IOException | RuntimeException e) {
      failed = true;
      problems.accept(repo.root() + ": cannot walk git history (" + RepoScanner.oneLine(e) + "); no commits used");
      return;
    }
    List<List<String>> branches = branchesOf(walked, tips, names);
    List<LocalCommit> all = new ArrayList<>(walked.size());
    Map<String, LocalCommit> index = new HashMap<>();
    for (int i = 0; i < shells.size(); i++) {
      LocalCommit s = shells.get(i);
      LocalCommit c = new LocalCommit(s.sha(), s.committedAt(), s.authorName(), s.subject(), s.mentions(),
          s.closesIssues(), branches.get(i), s.outcome());
      all.add(c);
      index.put(c.sha(), c);
    }
    all.sort(Comparator.comparing(LocalCommit::committedAt).thenComparing(LocalCommit::sha));
    if (cut && !truncated) {
      truncated = true;
      problems.accept(repo.root() + ": git history walk stopped at " + MAX_COMMITS
          + " commits; older commits are not linked");
    }
    commits = List.copyOf(all);
    bySha = index;
    floor = newFloor;
  }

  private static List<List<String>> branchesOf(List<RevCommit> walked, List<RevCommit> tips, List<String> names) {
    Map<ObjectId, Integer> at = new HashMap<>();
    for (int i = 0; i < walked.size(); i++) {
      at.put(walked.get(i), i);
    }
    BitSet[] bits = new BitSet[walked.size()];
    int[] children = new int[walked.size()];
    for (int i = 0; i < walked.size(); i++) {
      bits[i] = new BitSet();
      for (RevCommit p : walked.get(i).getParents()) {
        Integer j = at.get(p);
        if (j != null) {
          children[j]++;
        }
      }
    }
    for (int t = 0; t < tips.size(); t++) {
      Integer i = at.get(tips.get(t));
      if (i != null) {
        bits[i].set(t);
      }
    }
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < walked.size(); i++) {
      if (children[i] == 0) {
        ready.add(i);
      }
    }
    while (!ready.isEmpty()) {
      int i = ready.poll();
      for (RevCommit p : walked.get(i).getParents()) {
        Integer j = at.get(p);
        if (j != null) {
          bits[j].or(bits[i]);
          if (--children[j] == 0) {
            ready.add(j);
          }
        }
      }
    }
    List<List<String>> out = new ArrayList<>(walked.size());
    for (BitSet b : bits) {
      List<String> on = new ArrayList<>();
      for (int t = b.nextSetBit(0); t >= 0; t = b.nextSetBit(t + 1)) {
        on.add(names.get(t));
      }
      out.add(on);
    }
    return out;
  }

  private int firstAtOrAfter(Instant from) {
    int lo = 0;
    int hi = commits.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (commits.get(mid).committedAt().isBefore(from)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private Repository open() throws IOException {
    return new FileRepositoryBuilder().setWorkTree(repo.root().toFile()).setMustExist(true).build();
  }
}
