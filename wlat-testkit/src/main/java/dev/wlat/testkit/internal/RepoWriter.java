package dev.wlat.testkit.internal;

import dev.wlat.testkit.GroundTruth;
import dev.wlat.testkit.HomeSpec;
import dev.wlat.testkit.PlantedSecret;
import dev.wlat.testkit.RepoManifest;
import dev.wlat.testkit.ThreadTruth;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.api.errors.InvalidRefNameException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/*
 * Plans, then writes, one git repository per spec repo.
 *
 * Planning is pure: for each repo a list of commits (branch, time, thread, message, file changes)
 * is derived from the ground truth's threads and from random generators seeded by
 * mix(spec seed, salt) with salts of their own (never the home's), so writing repos neither
 * consumes nor perturbs the home's random streams. Per-thread choices are seeded by the thread id,
 * per-branch choices by the branch name, so they do not shift when other threads change.
 *
 * Writing replays the plan in time order with JGit's ObjectInserter (blobs, in-core DirCache
 * trees, commits) and RefUpdate, then checks the head branch out with DirCacheCheckout. Reflogs
 * are appended by hand, because JGit stamps reflog entries with the current time. No working-tree porcelain runs, so the user's git config (templates, hooks,
 * autocrlf, identity) cannot leak into objects. The linked worktree is laid out by hand as
 * `git worktree add` does (JGit cannot create one), then opened with FileRepositoryBuilder, which
 * follows the .git file and commondir, and checked out.
 */
/** Writes the example git repositories; use {@code dev.wlat.testkit.ExampleRepos}. */
public final class RepoWriter {
  private static final long SALT_HISTORY = 0x5EED_0000_0001L;
  private static final long SALT_THREAD = 0x5EED_0000_0002L;
  private static final long SALT_BRANCH = 0x5EED_0000_0003L;
  private static final long SALT_TRAILER = 0x5EED_0000_0004L;
  private static final long SALT_SECRET = 0x5EED_0000_0005L;

  /** A recorded branch is not created locally with this probability. */
  private static final double MISSING_BRANCH = 0.25;
  /** A thread gets a {@code Codex-Thread:} trailer with this probability. */
  private static final double TRAILER = 0.25;
  /** A thread on {@code main} commits to {@code main} with this probability. */
  private static final double MAIN_COMMIT = 0.4;

  static final Ident DEV = new Ident("Dev Example", "dev@example.invalid", ZoneId.of("Europe/Berlin"));
  static final Ident RILEY = new Ident("Riley Maintainer", "riley@example.invalid", ZoneId.of("America/New_York"));

  private final Path dir;
  private final GroundTruth truth;
  private final HomeSpec spec;
  private final List<PlantedSecret> secrets = new ArrayList<>();

  private RepoWriter(Path dir, GroundTruth truth) {
    this.dir = dir;
    this.truth = truth;
    this.spec = truth.spec();
  }

  /** Writes the repositories for {@code truth} into {@code dir}, which must be empty or absent. */
  public static RepoManifest write(Path dir, GroundTruth truth) throws IOException {
    Files.createDirectories(dir);
    try (var s = Files.list(dir)) {
      if (s.findAny().isPresent()) {
        throw new IllegalArgumentException("Repositories directory [%s] must be empty or absent".formatted(dir));
      }
    }
    return new RepoWriter(dir, truth).run();
  }

  private RepoManifest run() throws IOException {
    List<HomeSpec.Repo> remoteRepos = spec.repos().stream().filter(HomeSpec.Repo::hasRemote).toList();
    HomeSpec.Repo worktreeRepo = remoteRepos.isEmpty() ? spec.repos().get(0) : remoteRepos.get(0);
    HomeSpec.Repo upstreamRepo = remoteRepos.isEmpty() ? null : remoteRepos.get(Math.min(1, remoteRepos.size() - 1));
    Set<String> dirNames = new LinkedHashSet<>();
    for (HomeSpec.Repo r : spec.repos()) {
      if (!dirNames.add(dirName(r))) {
        throw new IllegalArgumentException("Two repos end in [%s]; directory names must differ".formatted(dirName(r)));
      }
    }
    String worktreeName = dirName(worktreeRepo) + "-hotfix";
    if (dirNames.contains(worktreeName)) {
      throw new IllegalArgumentException("Repo directory [%s] clashes with the worktree's".formatted(worktreeName));
    }

    List<RepoManifest.Repo> repos = new ArrayList<>();
    RepoManifest.Worktree worktree = null;
    for (HomeSpec.Repo r : spec.repos()) {
      Plan plan = plan(r, /* plantSecret */ r == worktreeRepo);
      Written w = writeRepo(r, plan, r == upstreamRepo);
      RepoManifest.Repo m = w.manifest();
      if (r == worktreeRepo) {
        worktree = writeWorktree(r, w, worktreeName);
        if (!m.branches().contains(worktree.branch())) { // a branch made for the worktree
          List<String> branches = new ArrayList<>(m.branches());
          branches.add(worktree.branch());
          m = new RepoManifest.Repo(m.name(), m.githubRepo(), m.dir(), m.cwd(), m.remotes(), m.head(), branches,
              m.commits(), m.missingBranches());
        }
      }
      repos.add(m);
    }
    return new RepoManifest(dir, repos, worktree, secrets);
  }

  static String dirName(HomeSpec.Repo r) {
    String cwd = r.cwd().replaceAll("/+$", "");
    return cwd.substring(cwd.lastIndexOf('/') + 1);
  }

  // ------------------------------------------------------------------------------------------
  // Planning
  // ------------------------------------------------------------------------------------------

  record Ident(String name, String email, ZoneId zone) {
    PersonIdent at(long epochSec) {
      return new PersonIdent(name, email, Instant.ofEpochSecond(epochSec), zone);
    }
  }

  /** A commit to make: where, when, for which thread, what message, what changes. */
  static final class Planned {
    final String branch;
    final ThreadTruth thread;
    final Ident ident;
    long epochSec;
    int order;
    String subject;
    final List<String> paragraphs = new ArrayList<>();
    final List<Integer> fixes = new ArrayList<>();
    boolean trailer;
    final Map<String, String> changes = new LinkedHashMap<>(); // path -> line added

    Planned(String branch, ThreadTruth thread, Ident ident) {
      this.branch = branch;
      this.thread = thread;
      this.ident = ident;
    }

    String message() {
      StringBuilder sb = new StringBuilder(subject).append('\n');
      List<String> body = new ArrayList<>(paragraphs);
      if (!fixes.isEmpty()) {
        StringBuilder f = new StringBuilder();
        for (int n : fixes) {
          f.append(f.length() == 0 ? "" : "\n").append("Fixes #").append(n);
        }
        body.add(f.toString());
      }
      if (trailer) {
        body.add("Codex-Thread: " + thread.threadId());
      }
      for (String p : body) {
        sb.append('\n').append(p).append('\n');
      }
      return sb.toString();
    }
  }

  /** The plan of one repository. */
  static final class Plan {
    final List<Planned> commits = new ArrayList<>();
    final List<RepoManifest.MissingBranch> missing = new ArrayList<>();
  }

  private SplittableRandom random(long salt, String key) {
    return new SplittableRandom(Ids.mix(Ids.mix(spec.seed(), salt), key.hashCode()));
  }

  private Plan plan(HomeSpec.Repo repo, boolean plantSecret) {
    Layout layout = Layout.of(repo);
    Plan plan = new Plan();
    SplittableRandom hr = random(SALT_HISTORY, repo.name());
    history(plan, repo, layout, hr);
    long historyStart = plan.commits.get(0).epochSec;

    List<ThreadTruth> threads = new ArrayList<>();
    for (ThreadTruth t : truth.threads()) {
      if (repo.name().equals(t.repo()) && t.gitBranch() != null) {
        threads.add(t);
      }
    }

    // Which recorded branches are not created: per branch, seeded by its name; at least one when
    // there are three or more candidates, so every sizeable repo shows the case.
    Map<String, Double> draws = new LinkedHashMap<>();
    for (ThreadTruth t : threads) {
      if (!t.gitBranch().equals("main") && t.createdAt().getEpochSecond() > historyStart) {
        draws.computeIfAbsent(t.gitBranch(), b -> random(SALT_BRANCH, repo.name() + "\n" + b).nextDouble());
      }
    }
    Set<String> missing = new LinkedHashSet<>();
    draws.forEach((b, u) -> {
      if (u < MISSING_BRANCH) {
        missing.add(b);
      }
    });
    if (missing.isEmpty() && draws.size() >= 3) {
      missing.add(draws.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey());
    }

    Words words = new Words(repo, layout);
    int[] issue = {10 + hr.nextInt(40)};
    Map<String, List<Planned>> byThread = new LinkedHashMap<>();
    for (ThreadTruth t : threads) {
      SplittableRandom r = random(SALT_THREAD, t.threadId());
      String b = t.gitBranch();
      List<Planned> made = new ArrayList<>();
      if (t.createdAt().getEpochSecond() <= historyStart) {
        if (!b.equals("main")) {
          plan.missing.add(new RepoManifest.MissingBranch(t.threadId(), b,
              "thread older than the repository's history", t.createdAt(), t.updatedAt()));
        }
        continue;
      }
      if (b.equals("main")) {
        if (r.nextDouble() < MAIN_COMMIT) {
          String slug = Filler.sentence(r, 2).toLowerCase(Locale.ROOT).replace(' ', '-');
          String kind = layout == Layout.NOTES ? "docs" : new String[] {"docs", "test", "chore(deps)", "fix"}[r.nextInt(4)];
          made.add(words.commit(t, "main", kind, slug, 0, r));
        }
      } else if (missing.contains(b)) {
        plan.missing.add(new RepoManifest.MissingBranch(t.threadId(), b, "never created locally", t.createdAt(),
            t.updatedAt()));
        continue;
      } else {
        // a fork or subagent follows up on its parent's branch: tests, docs, review fixes
        boolean root = t.kind() == ThreadTruth.Kind.ROOT;
        int n = 1 + r.nextInt(root ? 3 : 2);
        int slash = b.indexOf('/');
        String kind = slash > 0 ? b.substring(0, slash) : "chore";
        String slug = slash > 0 ? b.substring(slash + 1) : b;
        for (int k = root ? 0 : 1; made.size() < n; k++) {
          made.add(words.commit(t, b, kind, slug, k, r));
        }
      }
      if (made.isEmpty()) {
        continue;
      }
      times(t, made, r);
      if (repo.hasRemote()) {
        Planned first = made.get(0);
        double p = first.subject.startsWith("fix") ? 0.5 : first.subject.startsWith("feat") ? 0.3 : 0.1;
        if (r.nextDouble() < p) {
          first.fixes.add(issue[0]);
          issue[0] += 1 + r.nextInt(9);
        }
      }
      byThread.put(t.threadId(), made);
      plan.commits.addAll(made);
    }

    // Trailers: per thread, seeded by its id; at least one per repo with session commits.
    String fallback = null;
    double lowest = 2;
    boolean any = false;
    for (Map.Entry<String, List<Planned>> e : byThread.entrySet()) {
      double u = random(SALT_TRAILER, e.getKey()).nextDouble();
      List<Planned> made = e.getValue();
      if (u < TRAILER) {
        made.get(made.size() - 1).trailer = true;
        any = true;
      }
      if (u < lowest) {
        lowest = u;
        fallback = e.getKey();
      }
    }
    if (!any && fallback != null) {
      List<Planned> made = byThread.get(fallback);
      made.get(made.size() - 1).trailer = true;
    }
    if (repo.hasRemote() && plan.commits.stream().allMatch(c -> c.fixes.isEmpty())) {
      plan.commits.stream().filter(c -> c.thread != null).findFirst().ifPresent(c -> c.fixes.add(issue[0]));
    }

    for (int i = 0; i < plan.commits.size(); i++) {
      plan.commits.get(i).order = i;
    }
    plan.commits.sort(Comparator.comparingLong((Planned c) -> c.epochSec).thenComparingInt(c -> c.order));

    if (plantSecret) {
      Planned carrier = plan.commits.stream().filter(c -> c.thread != null && !c.branch.equals("main")).findFirst()
          .orElse(plan.commits.get(plan.commits.size() - 1));
      SplittableRandom sr = random(SALT_SECRET, repo.name());
      String key = Ids.of(sr, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+", 40);
      carrier.paragraphs.add("The staging smoke test ran with a throwaway AWS secret access key, " + key
          + ", while debugging; it has been revoked.");
      secrets.add(new PlantedSecret("aws-secret-access-key", key, "commit message body (" + repo.name() + ")"));
    }
    return plan;
  }

  /** A few commits on {@code main} in the four weeks before the first session day. */
  private void history(Plan plan, HomeSpec.Repo repo, Layout layout, SplittableRandom r) {
    long day0 = spec.start().minusDays(28).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    String[][] templates = layout.history;
    int n = Math.min(templates.length, 3 + r.nextInt(3));
    TreeSet<Integer> days = new TreeSet<>();
    while (days.size() < n) {
      days.add(r.nextInt(25));
    }
    Words w = new Words(repo, layout);
    int i = 0;
    for (int d : days) {
      Ident who = !repo.hasRemote() ? DEV : i == 0 || r.nextBoolean() ? RILEY : DEV;
      Planned c = new Planned("main", null, who);
      c.epochSec = day0 + d * 86_400L + 8 * 3600 + r.nextInt(9 * 3600);
      String[] tpl = templates[i];
      c.subject = tpl[0];
      for (int k = 1; k < tpl.length; k++) {
        c.changes.put(w.expand(tpl[k]), tpl[0]);
      }
      plan.commits.add(c);
      i++;
    }
  }

  /**
   * Spreads {@code made} over the thread's span: whole seconds strictly after {@code createdAt}
   * and no later than {@code updatedAt} (stretched to a few minutes for very short sessions, and
   * sometimes ending up to 30 minutes after), always well within an hour after the span.
   */
  private static void times(ThreadTruth t, List<Planned> made, SplittableRandom r) {
    int n = made.size();
    long c = (t.createdAt().toEpochMilli() + 999) / 1000;
    long u = Math.max(c, t.updatedAt().toEpochMilli() / 1000);
    long lo = c + 1;
    long hi = Math.max(u, lo + 90L * n);
    TreeSet<Long> at = new TreeSet<>();
    while (at.size() < n) {
      at.add(lo + r.nextLong(hi - lo + 1));
    }
    List<Long> sorted = new ArrayList<>(at);
    if (r.nextInt(10) < 3) {
      long last = Math.max(hi, sorted.get(n - 1)) + 60 + r.nextLong(1800);
      sorted.set(n - 1, last);
    }
    for (int i = 0; i < n; i++) {
      made.get(i).epochSec = sorted.get(i);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Writing
  // ------------------------------------------------------------------------------------------

  /** A branch's state while the plan is replayed. */
  private static final class Branch {
    ObjectId tip;
    final TreeMap<String, List<String>> files = new TreeMap<>();

    Branch copy() {
      Branch b = new Branch();
      b.tip = tip;
      files.forEach((p, l) -> b.files.put(p, new ArrayList<>(l)));
      return b;
    }
  }

  private record Written(RepoManifest.Repo manifest, Path gitDir, Map<String, ObjectId> tips, long lastEpochSec) {}

  private Written writeRepo(HomeSpec.Repo spec, Plan plan, boolean upstream) throws IOException {
    Path work = dir.resolve(dirName(spec));
    Path gitDir = work.resolve(Constants.DOT_GIT);
    Files.createDirectories(work);
    Map<String, String> remotes = new LinkedHashMap<>();
    if (spec.hasRemote()) {
      remotes.put("origin", spec.remoteUrl());
      if (upstream) {
        remotes.put("upstream", spec.remoteUrl().startsWith("ssh://")
            ? "https://github.com/" + spec.name() + ".git" : "ssh://git@github.com/" + spec.name() + ".git");
      }
    }
    List<RepoManifest.Commit> commits = new ArrayList<>();
    Map<String, Branch> branches = new LinkedHashMap<>();
    branches.put("main", new Branch());
    String head = "main";
    long last = 0;
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setWorkTree(work.toFile());
    try {
      builder.setInitialBranch("main");
    } catch (InvalidRefNameException e) {
      throw new AssertionError("main is a valid branch name", e);
    }
    try (Repository repo = builder.build()) {
      repo.create(/* bare */ false);
      StoredConfig cfg = repo.getConfig();
      for (Map.Entry<String, String> e : remotes.entrySet()) {
        cfg.setString("remote", e.getKey(), "url", e.getValue());
        cfg.setString("remote", e.getKey(), "fetch", "+refs/heads/*:refs/remotes/" + e.getKey() + "/*");
      }
      if (spec.hasRemote()) {
        cfg.setString("branch", "main", "remote", "origin");
        cfg.setString("branch", "main", "merge", "refs/heads/main");
      }
      cfg.save();

      try (ObjectInserter ins = repo.newObjectInserter()) {
        for (Planned p : plan.commits) {
          Branch b = branches.get(p.branch);
          boolean created = b == null;
          if (created) {
            b = branches.get("main").copy();
            branches.put(p.branch, b);
          }
          for (Map.Entry<String, String> ch : p.changes.entrySet()) {
            b.files.computeIfAbsent(ch.getKey(), k -> new ArrayList<>()).add(ch.getValue());
          }
          ObjectId tree = tree(ins, b.files, spec);
          PersonIdent who = p.ident.at(p.epochSec);
          CommitBuilder cb = new CommitBuilder();
          cb.setTreeId(tree);
          if (b.tip != null) {
            cb.setParentId(b.tip);
          }
          cb.setAuthor(who);
          cb.setCommitter(who);
          cb.setMessage(p.message());
          ObjectId id = ins.insert(cb);
          ins.flush();
          String ref = Constants.R_HEADS + p.branch;
          if (created) {
            update(repo, ref, null, b.tip, who, "branch: Created from main");
          }
          update(repo, ref, b.tip, id, who, (b.tip == null ? "commit (initial): " : "commit: ") + p.subject);
          b.tip = id;
          head = p.branch;
          last = p.epochSec;
          commits.add(new RepoManifest.Commit(id.name(), p.branch, Instant.ofEpochSecond(p.epochSec),
              p.thread == null ? null : p.thread.threadId(), p.trailer ? p.thread.threadId() : null, p.subject,
              p.fixes, new ArrayList<>(new TreeSet<>(p.changes.keySet()))));
        }
      }
      if (spec.hasRemote()) {
        update(repo, Constants.R_REMOTES + "origin/main", null, branches.get("main").tip, DEV.at(last),
            "fetch: fast-forward");
      }
      if (!head.equals("main")) {
        RefUpdate u = repo.updateRef(Constants.HEAD);
        u.disableRefLog();
        check(u.link(Constants.R_HEADS + head), Constants.HEAD);
        reflog(repo, Constants.HEAD, branches.get("main").tip, branches.get(head).tip, DEV.at(last + 60),
            "checkout: moving from main to " + head);
      }
      checkout(repo, branches.get(head).tip);
    }
    Map<String, ObjectId> tips = new LinkedHashMap<>();
    branches.forEach((n, b) -> tips.put(n, b.tip));
    RepoManifest.Repo m = new RepoManifest.Repo(spec.name(), spec.hasRemote() ? spec.name() : null, work,
        spec.cwd(), remotes, head, new ArrayList<>(branches.keySet()), commits, plan.missing);
    return new Written(m, gitDir, tips, last);
  }

  private static ObjectId tree(ObjectInserter ins, TreeMap<String, List<String>> files, HomeSpec.Repo repo)
      throws IOException {
    DirCache dc = DirCache.newInCore();
    DirCacheBuilder b = dc.builder();
    for (Map.Entry<String, List<String>> f : files.entrySet()) {
      byte[] bytes = Content.render(f.getKey(), f.getValue(), repo).getBytes(StandardCharsets.UTF_8);
      DirCacheEntry e = new DirCacheEntry(f.getKey());
      e.setFileMode(FileMode.REGULAR_FILE);
      e.setObjectId(ins.insert(Constants.OBJ_BLOB, bytes));
      b.add(e);
    }
    b.finish();
    return dc.writeTree(ins);
  }

  /**
   * Moves {@code ref} from {@code old} to {@code id} and appends to its reflog (and HEAD's, when
   * HEAD points at it). The reflog is written here rather than by JGit, which stamps entries with
   * the current time whatever ident it is given.
   */
  private static void update(Repository repo, String ref, ObjectId old, ObjectId id, PersonIdent who, String log)
      throws IOException {
    RefUpdate u = repo.updateRef(ref);
    u.setExpectedOldObjectId(old == null ? ObjectId.zeroId() : old);
    u.setNewObjectId(id);
    u.disableRefLog();
    check(u.update(), ref);
    reflog(repo, ref, old, id, who, log);
    if (ref.equals(repo.getFullBranch())) {
      reflog(repo, Constants.HEAD, old, id, who, log);
    }
  }

  private static void reflog(Repository repo, String ref, ObjectId old, ObjectId id, PersonIdent who, String msg)
      throws IOException {
    Path log = repo.getDirectory().toPath().resolve(Constants.LOGS).resolve(ref);
    Files.createDirectories(log.getParent());
    String line = (old == null ? ObjectId.zeroId() : old).name() + " " + id.name() + " " + who.toExternalString()
        + "\t" + msg + "\n";
    Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void check(RefUpdate.Result r, String ref) throws IOException {
    switch (r) {
      case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> { }
      default -> throw new IOException("updating %s failed: %s".formatted(ref, r));
    }
  }

  private static void checkout(Repository repo, ObjectId commit) throws IOException {
    try (RevWalk rw = new RevWalk(repo)) {
      RevCommit c = rw.parseCommit(commit);
      DirCacheCheckout co = new DirCacheCheckout(repo, repo.lockDirCache(), c.getTree());
      co.setFailOnConflict(true);
      if (!co.checkout()) {
        throw new IOException("checking out %s in %s failed".formatted(commit.name(), repo.getWorkTree()));
      }
    }
  }

  /**
   * A linked worktree as {@code git worktree add ../<name> <branch>} leaves it: the worktree's
   * {@code .git} file, and {@code .git/worktrees/<name>/} with {@code HEAD}, {@code commondir},
   * {@code gitdir}, {@code ORIG_HEAD}, {@code logs/HEAD} and (from the checkout) {@code index}.
   */
  private RepoManifest.Worktree writeWorktree(HomeSpec.Repo spec, Written w, String name) throws IOException {
    RepoManifest.Repo m = w.manifest();
    String branch = null;
    for (String b : m.branches()) {
      if (!b.equals("main") && !b.equals(m.head()) && (branch == null || b.startsWith("fix/")
          || !branch.startsWith("fix/"))) {
        branch = b; // the last created fix/ branch, else the last created other branch
      }
    }
    ObjectId tip;
    long at = w.lastEpochSec() + 600;
    if (branch == null) {
      branch = "hotfix/" + dirName(spec);
      tip = w.tips().get("main");
      try (Repository repo = new FileRepositoryBuilder().setGitDir(w.gitDir().toFile()).setMustExist(true).build()) {
        update(repo, Constants.R_HEADS + branch, null, tip, DEV.at(at), "branch: Created from main");
      }
    } else {
      tip = w.tips().get(branch);
    }
    Path wt = dir.resolve(name);
    Path admin = w.gitDir().resolve("worktrees").resolve(name);
    Files.createDirectories(admin.resolve("logs"));
    Files.createDirectories(wt);
    String sha = tip.name();
    String ident = DEV.at(at).toExternalString();
    writeText(admin.resolve(Constants.HEAD), "ref: " + Constants.R_HEADS + branch + "\n");
    writeText(admin.resolve(Constants.COMMONDIR_FILE), "../..\n");
    writeText(admin.resolve(Constants.GITDIR_FILE), wt.resolve(Constants.DOT_GIT) + "\n");
    writeText(admin.resolve(Constants.ORIG_HEAD), sha + "\n");
    writeText(admin.resolve("logs").resolve(Constants.HEAD), ObjectId.zeroId().name() + " " + sha + " " + ident + "\n"
        + sha + " " + sha + " " + ident + "\treset: moving to HEAD\n");
    writeText(wt.resolve(Constants.DOT_GIT), "gitdir: " + admin + "\n");
    try (Repository repo = new FileRepositoryBuilder().setWorkTree(wt.toFile()).setMustExist(true).build()) {
      ObjectId resolved = repo.resolve(Constants.HEAD);
      File common = repo.getCommonDirectory();
      if (!tip.equals(resolved) || !common.toPath().toRealPath().equals(w.gitDir().toRealPath())) {
        throw new IOException("worktree %s resolves HEAD to %s in %s, expected %s in %s".formatted(wt, resolved,
            common, sha, w.gitDir()));
      }
      checkout(repo, tip);
    }
    return new RepoManifest.Worktree(spec.name(), wt, name, branch, sha);
  }

  private static void writeText(Path p, String s) throws IOException {
    Files.writeString(p, s, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------------------------------
  // Words, paths and contents
  // ------------------------------------------------------------------------------------------

  /** What a repository holds: sources and tests, a web app, or plain notes. */
  enum Layout {
    JAVA(new String[][] {
      {"chore: initial import", "README.md", "pom.xml", ".gitignore", "{main}/Application.java",
        "{test}/ApplicationTests.java"},
      {"ci: build and test on every push", ".github/workflows/ci.yml"},
      {"feat: add a health endpoint", "{main}/HealthResource.java"},
      {"test: add a smoke test", "{test}/SmokeTests.java"},
      {"chore(deps): bump junit-jupiter from 5.11.3 to 5.11.4", "pom.xml"},
    }, new String[] {"refund flow", "webhook handler", "invoice export", "ledger sync"},
        new String[] {"api", "billing", "webhooks", "db"},
        new String[] {"jackson-databind from 2.18.1 to 2.18.2", "postgresql from 42.7.4 to 42.7.5",
          "junit-jupiter from 5.11.4 to 5.12.0"}),
    WEB(new String[][] {
      {"chore: initial import", "README.md", "package.json", ".gitignore", "src/index.ts", "src/test/index.test.ts"},
      {"ci: lint and test on every push", ".github/workflows/ci.yml"},
      {"feat: add the app shell", "src/app/shell.ts"},
      {"test: add a smoke test", "src/test/shell.test.ts"},
      {"chore(deps): bump vite from 5.4.10 to 5.4.11", "package.json"},
    }, new String[] {"settings page", "billing dashboard", "login form", "audit view"},
        new String[] {"ui", "auth", "charts"},
        new String[] {"react from 18.3.0 to 18.3.1", "typescript from 5.6.2 to 5.6.3", "vitest from 2.1.4 to 2.1.5"}),
    NOTES(new String[][] {
      {"docs: start the notebook", "README.md"},
      {"docs: start a reading list", "notes/reading-list.md"},
      {"docs: add a research template", "research/template.md"},
      {"chore: ignore drafts", ".gitignore"},
      {"docs: notes on retries", "notes/retries.md"},
    }, new String[] {"reading list", "design notes", "meeting notes"}, new String[] {"notes"}, new String[0]);

    final String[][] history;
    final String[] areas;
    final String[] scopes;
    final String[] deps;

    Layout(String[][] history, String[] areas, String[] scopes, String[] deps) {
      this.history = history;
      this.areas = areas;
      this.scopes = scopes;
      this.deps = deps;
    }

    static Layout of(HomeSpec.Repo r) {
      if (!r.hasRemote()) {
        return NOTES;
      }
      for (String token : r.name().toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
        if (List.of("web", "console", "ui", "frontend", "app").contains(token)) {
          return WEB;
        }
      }
      return JAVA;
    }
  }

  /** Subjects and paths for one repository. */
  static final class Words {
    private final Layout layout;
    private final String mainDir;
    private final String testDir;

    Words(HomeSpec.Repo repo, Layout layout) {
      this.layout = layout;
      String pkg = "com/example/app";
      int slash = repo.name().indexOf('/');
      if (slash > 0) {
        String owner = repo.name().substring(0, slash).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String first = repo.name().substring(slash + 1).toLowerCase(Locale.ROOT).split("[^a-z0-9]+")[0];
        pkg = "com/" + owner + "/" + (first.isEmpty() ? "app" : first);
      }
      this.mainDir = "src/main/java/" + pkg;
      this.testDir = "src/test/java/" + pkg;
    }

    String expand(String path) {
      return path.replace("{main}", mainDir).replace("{test}", testDir);
    }

    private String source(String slug, String suffix) {
      return switch (layout) {
        case JAVA -> mainDir + "/" + camel(slug) + suffix + ".java";
        case WEB -> "src/" + slug + "/" + slug + ".ts";
        case NOTES -> "notes/" + slug + ".md";
      };
    }

    private String test(String slug, String suffix) {
      return switch (layout) {
        case JAVA -> testDir + "/" + camel(slug) + suffix + "Tests.java";
        case WEB -> "src/test/" + slug + ".test.ts";
        case NOTES -> "research/" + slug + ".md";
      };
    }

    private String docs(String slug) {
      return layout == Layout.NOTES ? "README.md" : "docs/" + slug + ".md";
    }

    private String build() {
      return switch (layout) {
        case JAVA -> "pom.xml";
        case WEB -> "package.json";
        case NOTES -> ".gitignore";
      };
    }

    /** The {@code k}-th commit of a thread working on {@code slug} in a branch of {@code kind}. */
    Planned commit(ThreadTruth t, String branch, String kind, String slug, int k, SplittableRandom r) {
      Planned c = new Planned(branch, t, DEV);
      String w = slug.replace('-', ' ');
      String area = layout.areas[r.nextInt(layout.areas.length)];
      String scope = layout.scopes[r.nextInt(layout.scopes.length)];
      String suffix = new String[] {"Handler", "Service", "Policy"}[Math.floorMod(slug.hashCode(), 3)];
      String k0 = k == 0 ? kind : k == 1 ? (r.nextBoolean() ? "test" : "docs") : (r.nextBoolean() ? "fix" : "refactor");
      if (k0.equals("chore") && layout.deps.length > 0 && r.nextBoolean()) {
        k0 = "chore(deps)";
      }
      String scoped = r.nextInt(3) == 0 && !k0.contains("(") ? k0 + "(" + scope + ")" : k0;
      switch (k0) {
        case "feat" -> {
          c.subject = scoped + ": " + (r.nextBoolean() ? "add " + w + " to the " + area : "support " + w);
          c.changes.put(source(slug, suffix), c.subject);
          if (r.nextBoolean()) {
            c.changes.put(test(slug, suffix), c.subject);
          }
        }
        case "fix" -> {
          c.subject = scoped + ": " + (k > 0 ? "address review comments on " + w
              : r.nextBoolean() ? w + " no longer breaks the " + area : "handle " + w + " on retry");
          c.changes.put(source(slug, suffix), c.subject);
          if (r.nextBoolean()) {
            c.changes.put(test(slug, suffix), c.subject);
          }
        }
        case "refactor" -> {
          c.subject = scoped + ": " + (k > 0 ? "rename " + w + " helpers" : "extract " + w + " from the " + area);
          c.changes.put(source(slug, suffix), c.subject);
        }
        case "test" -> {
          c.subject = scoped + ": cover " + w + " edge cases";
          c.changes.put(test(slug, suffix), c.subject);
        }
        case "docs" -> {
          c.subject = scoped + ": " + (layout == Layout.NOTES ? "notes on " + w : "document " + w);
          c.changes.put(layout == Layout.NOTES ? source(slug, suffix) : docs(slug), c.subject);
        }
        case "chore(deps)" -> {
          c.subject = "chore(deps): bump " + layout.deps[r.nextInt(layout.deps.length)];
          c.changes.put(build(), c.subject);
        }
        default -> {
          c.subject = scoped + ": tidy " + w + " configuration";
          c.changes.put(layout == Layout.NOTES ? ".gitignore" : ".github/workflows/ci.yml", c.subject);
        }
      }
      if (r.nextBoolean()) {
        c.paragraphs.add(Filler.sentence(r, 8 + r.nextInt(10)) + ".");
      }
      return c;
    }

    private static String camel(String slug) {
      StringBuilder sb = new StringBuilder();
      for (String p : slug.split("[^A-Za-z0-9]+")) {
        if (!p.isEmpty()) {
          sb.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1));
        }
      }
      return sb.length() == 0 ? "Work" : sb.toString();
    }
  }

  /** Small, fixed file contents: a header, one line per commit that touched the file, a footer. */
  static final class Content {
    private Content() {}

    static String render(String path, List<String> lines, HomeSpec.Repo repo) {
      String file = path.substring(path.lastIndexOf('/') + 1);
      String base = file.contains(".") ? file.substring(0, file.indexOf('.')) : file;
      StringBuilder sb = new StringBuilder();
      if (file.endsWith(".java")) {
        int j = path.indexOf("java/");
        String pkg = path.substring(j + 5, path.lastIndexOf('/')).replace('/', '.');
        sb.append("package ").append(pkg).append(";\n\n/** ").append(base).append(". */\nfinal class ")
            .append(base).append(" {\n");
        lines.forEach(l -> sb.append("  // ").append(l).append('\n'));
        sb.append("  private ").append(base).append("() {}\n}\n");
      } else if (file.endsWith(".ts")) {
        sb.append("// ").append(path).append('\n');
        lines.forEach(l -> sb.append("// ").append(l).append('\n'));
        String id = Words.camel(base);
        sb.append("export const ").append(Character.toLowerCase(id.charAt(0))).append(id.substring(1))
            .append(" = '").append(base).append("';\n");
      } else if (file.equals("pom.xml")) {
        String artifact = repo.name().substring(repo.name().indexOf('/') + 1);
        sb.append("<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.example</groupId>\n")
            .append("  <artifactId>").append(artifact).append("</artifactId>\n  <version>0.1.0-SNAPSHOT</version>\n");
        lines.forEach(l -> sb.append("  <!-- ").append(l).append(" -->\n"));
        sb.append("</project>\n");
      } else if (file.equals("package.json")) {
        String artifact = repo.name().substring(repo.name().indexOf('/') + 1);
        sb.append("{\n  \"name\": \"").append(artifact).append("\",\n  \"private\": true,\n  \"changes\": [\n");
        for (int i = 0; i < lines.size(); i++) {
          sb.append("    \"").append(lines.get(i)).append(i + 1 < lines.size() ? "\",\n" : "\"\n");
        }
        sb.append("  ]\n}\n");
      } else if (file.endsWith(".md")) {
        sb.append("# ").append(Character.toUpperCase(base.charAt(0))).append(base.substring(1).replace('-', ' '))
            .append("\n\n");
        lines.forEach(l -> sb.append("- ").append(l).append('\n'));
      } else if (file.endsWith(".yml")) {
        sb.append("name: ci\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n");
        lines.forEach(l -> sb.append("# ").append(l).append('\n'));
      } else {
        lines.forEach(l -> sb.append("# ").append(l).append('\n'));
        sb.append(path.endsWith(".gitignore") ? "target/\nnode_modules/\n" : "");
      }
      return sb.toString();
    }
  }
}
