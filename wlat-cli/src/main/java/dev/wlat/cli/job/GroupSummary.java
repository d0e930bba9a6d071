package dev.wlat.cli.job;

import dev.wlat.accounting.Reconciliation;
import dev.wlat.model.AccountingBasis;
import dev.wlat.model.AccountingWarning;
import dev.wlat.model.ArtifactKind;
import dev.wlat.model.Attribution;
import dev.wlat.model.Confidence;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.OutcomeType;
import dev.wlat.model.EventFlag;
import dev.wlat.model.GitFacts;
import dev.wlat.model.Grain;
import dev.wlat.model.IssueKind;
import dev.wlat.model.TokenUsage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/*
 * Everything one thread group (the rollout files named for one thread) adds to a run besides its
 * rows: the ledger's counts, its reconciliation contribution, and what its attribution is computed
 * from. A backfill makes one per group and folds it in; an incremental run also keeps it, and for a
 * group whose files did not change folds in the kept one instead of reading the files again.
 */

/** What one thread group adds to a run, besides its rows; also its blob in the state DB. */
record GroupSummary(String key, List<FileNote> files, List<ThreadNote> threads) {

  private static final int VERSION = 1;

  GroupSummary {
    files = List.copyOf(files);
    threads = List.copyOf(threads);
  }

  /** One rollout file of the group, as the ledger counts it. */
  record FileNote(String relativePath, String sourcePath, AccountingBasis basis, long byteCount,
      Map<IssueKind, Long> issueCounts, Map<IssueKind, List<Long>> issueLines) {}

  /**
   * One thread of the group.
   *
   * @param threadId the thread
   * @param active whether it has rows in the window (only active threads are written)
   * @param rawRows its raw token rows in the window
   * @param observed their observed sum
   * @param delta their cumulative delta tokens
   * @param finalSessionSum the sum of its sessions' final totals
   * @param flags its in-window rows per flag
   * @param duplicates "path duplicates id" lines for its duplicate segments
   * @param reconciliation its reconciliation contribution
   * @param evidence what its attribution is computed from (besides the state DB and processes)
   * @param windowDelta its in-window delta usage (what its links share)
   * @param attributionDigest a digest of its attribution and links when it was written
   * @param rowInputsDigest a digest of the other inputs of its rows (its state DB entry and name)
   * @param result its attribution and links when it was written, or {@code null} when inactive
   */
  record ThreadNote(String threadId, boolean active, long rawRows, long observed, long delta,
      long finalSessionSum, Map<EventFlag, Long> flags, List<String> duplicates,
      Reconciliation.Contribution reconciliation, AttributionStep.Inputs evidence, TokenUsage windowDelta,
      long attributionDigest, long rowInputsDigest, AttributionStep.Result result) {}

  byte[] toBytes() {
    Blobs.Out o = new Blobs.Out();
    o.varLong(VERSION).string(key).varLong(files.size());
    for (FileNote f : files) {
      o.string(f.relativePath()).string(f.sourcePath()).string(f.basis().name()).varLong(f.byteCount());
      o.varLong(f.issueCounts().size());
      f.issueCounts().forEach((k, n) -> o.string(k.name()).varLong(n));
      o.varLong(f.issueLines().size());
      f.issueLines().forEach((k, lines) -> {
        o.string(k.name()).varLong(lines.size());
        lines.forEach(o::varLong);
      });
    }
    o.varLong(threads.size());
    for (ThreadNote t : threads) {
      o.string(t.threadId()).bool(t.active()).varLong(t.rawRows()).varLong(t.observed()).varLong(t.delta())
          .varLong(t.finalSessionSum());
      o.varLong(t.flags().size());
      t.flags().forEach((k, n) -> o.string(k.name()).varLong(n));
      o.varLong(t.duplicates().size());
      t.duplicates().forEach(o::string);
      List<Reconciliation.Part> parts = t.reconciliation().parts();
      o.varLong(parts.size());
      for (Reconciliation.Part p : parts) {
        o.string(p.grain().name()).string(p.key()).string(p.threadId()).instant(p.periodStart())
            .instant(p.periodEnd()).instant(p.firstAt()).instant(p.lastAt()).varLong(p.tokenEventCount())
            .varLong(p.observedEventSumTokens()).varLong(p.finalSessionTotalTokens())
            .varLong(p.finalThreadTotalTokens()).varLong(p.uniqueLastPerSessionTurnTokens())
            .varLong(p.uniqueLastPerThreadTurnTokens()).varLong(p.dedupedTurnTokens())
            .varLong(p.cumulativeResetCount()).usage(p.delta()).varLong(p.warnings().size());
        p.warnings().forEach(w -> o.string(w.name()));
      }
      AttributionStep.Inputs e = t.evidence();
      o.string(e.parentThreadId()).bool(e.hasFirst()).string(e.firstCwd()).string(e.recordedGit().commitHash())
          .string(e.recordedGit().branch()).string(e.recordedGit().repositoryUrl()).string(e.lastCwd())
          .instant(e.firstAt()).instant(e.lastAt());
      o.usage(t.windowDelta()).varLong(t.attributionDigest()).varLong(t.rowInputsDigest());
      o.bool(t.result() != null);
      if (t.result() != null) {
        writeResult(o, t.result());
      }
    }
    return o.toBytes();
  }

  private static void writeRepo(Blobs.Out o, GitHubRepo r) {
    o.string(r == null ? null : r.owner()).string(r == null ? null : r.name());
  }

  private static GitHubRepo readRepo(Blobs.In in) {
    String owner = in.string();
    String name = in.string();
    try {
      return owner == null ? null : new GitHubRepo(owner, name);
    } catch (RuntimeException e) {
      throw new Blobs.Corrupt("bad repository " + owner + "/" + name);
    }
  }

  private static void writeResult(Blobs.Out o, AttributionStep.Result r) {
    Attribution a = r.attribution();
    o.string(a.threadId()).string(a.repoRoot());
    writeRepo(o, a.githubRepo());
    o.string(a.branch()).string(a.sha()).string(a.workstreamLabel()).string(a.outcome().name())
        .string(a.confidence().name()).string(a.method()).string(a.evidence());
    o.varLong(r.links().size());
    for (OutcomeLink l : r.links()) {
      o.string(l.threadId());
      writeRepo(o, l.repo());
      o.string(l.artifactKind().name()).string(l.artifactId()).string(l.artifactUrl()).string(l.outcome().name())
          .varLong(l.merged() == null ? -1 : l.merged() ? 1 : 0).varLong(l.threadTokens()).varLong(l.allocatedTokens())
          .string(l.method()).string(l.confidence().name()).string(l.evidence());
    }
    o.usage(r.delta());
  }

  private static AttributionStep.Result readResult(Blobs.In in) {
    try {
      Attribution a = new Attribution(in.string(), in.string(), readRepo(in), in.string(), in.string(), in.string(),
          Blobs.constant(OutcomeType.class, in.string()), Blobs.constant(Confidence.class, in.string()), in.string(),
          in.string());
      int n = in.count();
      List<OutcomeLink> links = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String thread = in.string();
        GitHubRepo repo = readRepo(in);
        ArtifactKind kind = Blobs.constant(ArtifactKind.class, in.string());
        String id = in.string();
        String url = in.string();
        OutcomeType outcome = Blobs.constant(OutcomeType.class, in.string());
        long m = in.varLong();
        links.add(new OutcomeLink(thread, repo, kind, id, url, outcome, m < 0 ? null : m == 1, in.varLong(),
            in.varLong(), in.string(), Blobs.constant(Confidence.class, in.string()), in.string()));
      }
      return new AttributionStep.Result(a, List.copyOf(links), in.usage());
    } catch (NullPointerException | IllegalArgumentException e) {
      throw new Blobs.Corrupt("bad attribution: " + e.getMessage());
    }
  }

  /** {@return the summary in {@code blob}}; throws {@link Blobs.Corrupt} when it does not read back whole. */
  static GroupSummary fromBytes(byte[] blob) {
    Blobs.In in = new Blobs.In(blob);
    long version = in.varLong();
    if (version != VERSION) {
      throw new Blobs.Corrupt("group summary version " + version + ", expected " + VERSION);
    }
    String key = in.string();
    int nFiles = in.count();
    List<FileNote> files = new ArrayList<>(nFiles);
    for (int i = 0; i < nFiles; i++) {
      String rel = in.string();
      String src = in.string();
      AccountingBasis basis = Blobs.constant(AccountingBasis.class, in.string());
      long bytes = in.varLong();
      Map<IssueKind, Long> counts = new EnumMap<>(IssueKind.class);
      for (int n = in.count(), j = 0; j < n; j++) {
        counts.put(Blobs.constant(IssueKind.class, in.string()), in.varLong());
      }
      Map<IssueKind, List<Long>> lines = new EnumMap<>(IssueKind.class);
      for (int n = in.count(), j = 0; j < n; j++) {
        IssueKind k = Blobs.constant(IssueKind.class, in.string());
        int m = in.count();
        List<Long> l = new ArrayList<>(m);
        for (int x = 0; x < m; x++) {
          l.add(in.varLong());
        }
        lines.put(k, List.copyOf(l));
      }
      files.add(new FileNote(rel, src, basis, bytes, counts, lines));
    }
    int nThreads = in.count();
    List<ThreadNote> threads = new ArrayList<>(nThreads);
    for (int i = 0; i < nThreads; i++) {
      String id = in.string();
      boolean active = in.bool();
      long rawRows = in.varLong();
      long observed = in.varLong();
      long delta = in.varLong();
      long finalSum = in.varLong();
      Map<EventFlag, Long> flags = new EnumMap<>(EventFlag.class);
      for (int n = in.count(), j = 0; j < n; j++) {
        flags.put(Blobs.constant(EventFlag.class, in.string()), in.varLong());
      }
      int nd = in.count();
      List<String> duplicates = new ArrayList<>(nd);
      for (int j = 0; j < nd; j++) {
        duplicates.add(in.string());
      }
      int np = in.count();
      List<Reconciliation.Part> parts = new ArrayList<>(np);
      for (int j = 0; j < np; j++) {
        Grain grain = Blobs.constant(Grain.class, in.string());
        String pk = in.string();
        String pt = in.string();
        var ps = in.instant();
        var pe = in.instant();
        var fa = in.instant();
        var la = in.instant();
        long[] v = new long[8];
        for (int x = 0; x < v.length; x++) {
          v[x] = in.varLong();
        }
        TokenUsage d = in.usage();
        EnumSet<AccountingWarning> w = EnumSet.noneOf(AccountingWarning.class);
        for (int n = in.count(), x = 0; x < n; x++) {
          w.add(Blobs.constant(AccountingWarning.class, in.string()));
        }
        if (pk == null) {
          throw new Blobs.Corrupt("a reconciliation part without a key");
        }
        parts.add(new Reconciliation.Part(grain, pk, pt, ps, pe, fa, la, v[0], v[1], v[2], v[3], v[4], v[5], v[6],
            v[7], d, w));
      }
      String parent = in.string();
      boolean hasFirst = in.bool();
      String firstCwd = in.string();
      GitFacts git = new GitFacts(in.string(), in.string(), in.string());
      String lastCwd = in.string();
      var firstAt = in.instant();
      var lastAt = in.instant();
      TokenUsage windowDelta = in.usage();
      long aDigest = in.varLong();
      long rDigest = in.varLong();
      AttributionStep.Result result = in.bool() ? readResult(in) : null;
      if (id == null) {
        throw new Blobs.Corrupt("a thread without an id");
      }
      threads.add(new ThreadNote(id, active, rawRows, observed, delta, finalSum, flags, duplicates,
          new Reconciliation.Contribution(id, parts),
          new AttributionStep.Inputs(id, parent, hasFirst, firstCwd, git, lastCwd, firstAt, lastAt),
          windowDelta, aDigest, rDigest, result));
    }
    in.end();
    return new GroupSummary(key, files, threads);
  }
}
