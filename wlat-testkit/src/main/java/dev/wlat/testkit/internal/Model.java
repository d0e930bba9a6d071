package dev.wlat.testkit.internal;

import dev.wlat.testkit.FileTruth;
import dev.wlat.testkit.HomeSpec;
import dev.wlat.testkit.ThreadTruth;
import dev.wlat.testkit.Usage;
import dev.wlat.testkit.UsageIncrement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The generator's plans and accumulators: plain mutable holders, single-threaded. */
final class Model {
  private Model() {}

  /** Which Codex version's line shapes a session uses. */
  enum Style {
    /** codex 0.100–0.125: session_meta without session_id. */
    CLASSIC,
    /** codex 0.144: session_id, thread_source, history_mode, context_window. */
    V144,
    /** codex 0.153: subagent sources, parent_thread_id. */
    V153,
    /** codex 0.154: token_usage_record lines, per-turn token_count totals. */
    V154
  }

  /** A planned session (thread). */
  static final class Session {
    String id;
    long seed;
    long createdMs;
    /** The git repository worked in, or {@code null} in a plain directory. */
    HomeSpec.Repo repo;
    /** The plain directory worked in, or {@code null} in a repository. */
    HomeSpec.PlainDir plainDir;
    /** The recorded {@code git.branch}, or {@code null}: then no {@code git} object is written. */
    String branch;
    String commit;
    Style style = Style.CLASSIC;
    String originator;
    String cliVersion;
    String source;
    ThreadTruth.Kind kind = ThreadTruth.Kind.ROOT;
    Session parent;
    int parentReplayTurns;
    String agentNickname;
    String agentRole;
    boolean weeklyPrimary;
    boolean secondaryNull;
    boolean rateLimitsNull;
    boolean reEmits;
    boolean perTurnTotals;
    int duplicateRecordTurn = -1;
    int malformedAfterTurn = -1;
    boolean truncateEnd;
    /** Turn indexes at which a new segment file starts (besides 0). */
    List<Integer> segmentStarts = new ArrayList<>();
    String timezone;
    int contextWindow = 258_400;
    int payloadBytes;
    List<Turn> turns = new ArrayList<>();
    boolean interactive = true;

    // Filled in while writing.
    ThreadAcc acc;
    UsageState finalState;

    /** {@return the working directory Codex records: the repo's or the plain directory's}. */
    String cwd() {
      return repo != null ? repo.cwd() : plainDir.cwd();
    }
  }

  /** A planned turn. */
  static final class Turn {
    String id;
    long startMs;
    String model;
    String effort;
    int calls;
    boolean nullRow;
    boolean compactBefore;
    boolean resetBefore;
    boolean resumeRepeat;
    String prompt;
    String toolOutputSecret;
    String argsSecret;
    String messageSecret;
  }

  /** The running token state of a rollout, copied to replay a parent exactly. */
  static final class UsageState {
    long cIn, cCa, cOut, cRe;       // thread cumulative (the real running total)
    long rIn, rCa, rOut, rRe;       // reported total_token_usage (differs after a reset / per turn)
    long lIn, lCa, lOut, lRe;       // last_token_usage of the last info row
    boolean hasInfo;
    long ctx;
    long prevInput;
    double p5h;
    double pWeek;
    long window5h = -1;
    long windowWeek = -1;
    boolean resetPending;

    UsageState copy() {
      UsageState s = new UsageState();
      s.cIn = cIn; s.cCa = cCa; s.cOut = cOut; s.cRe = cRe;
      s.rIn = rIn; s.rCa = rCa; s.rOut = rOut; s.rRe = rRe;
      s.lIn = lIn; s.lCa = lCa; s.lOut = lOut; s.lRe = lRe;
      s.hasInfo = hasInfo; s.ctx = ctx; s.prevInput = prevInput;
      s.p5h = p5h; s.pWeek = pWeek; s.window5h = window5h; s.windowWeek = windowWeek;
      s.resetPending = resetPending;
      return s;
    }

    Usage reported() {
      return Usage.of(rIn, rCa, rOut, rRe);
    }

    Usage cumulative() {
      return Usage.of(cIn, cCa, cOut, cRe);
    }
  }

  /** Counts for one rollout file. */
  static final class FileStats {
    final String path;
    final String threadId;
    FileTruth.Role role;
    boolean counted = true;
    long bytes;
    int rows, infoNull, usage, reEmit, compaction, replayed, resets, records, dupRecords, malformed, truncated;
    long nIn, nCa, nOut, nRe, nTot;
    Usage finalTotal = Usage.ZERO;
    Usage trueUsage = Usage.ZERO;

    FileStats(String path, String threadId, FileTruth.Role role) {
      this.path = path;
      this.threadId = threadId;
      this.role = role;
    }

    void naive(long in, long ca, long out, long re, long tot) {
      nIn += in; nCa += ca; nOut += out; nRe += re; nTot += tot;
    }

    FileTruth toTruth() {
      return new FileTruth(path, threadId, role, counted, bytes, rows, infoNull, usage, reEmit, compaction,
          replayed, resets, records, dupRecords, malformed, truncated,
          new FileTruth.NaiveSum(nIn, nCa, nOut, nRe, nTot), finalTotal, trueUsage);
    }

    FileStats copyAs(String newPath, FileTruth.Role newRole, boolean isCounted, long newBytes) {
      FileStats f = new FileStats(newPath, threadId, newRole);
      f.counted = isCounted; f.bytes = newBytes;
      f.rows = rows; f.infoNull = infoNull; f.usage = usage; f.reEmit = reEmit; f.compaction = compaction;
      f.replayed = replayed; f.resets = resets; f.records = records; f.dupRecords = dupRecords;
      f.malformed = malformed; f.truncated = truncated;
      f.nIn = nIn; f.nCa = nCa; f.nOut = nOut; f.nRe = nRe; f.nTot = nTot;
      f.finalTotal = finalTotal; f.trueUsage = trueUsage;
      return f;
    }
  }

  /** What is accumulated about one thread. */
  static final class ThreadAcc {
    String threadId;
    ThreadTruth.Kind kind;
    String parentThreadId;
    String repo;
    String cwd;
    String gitBranch;
    String gitOriginUrl;
    String gitSha;
    String effort;
    String originator;
    String cliVersion;
    long createdMs;
    long updatedMs;
    final List<String> countedFiles = new ArrayList<>();
    final List<String> otherFiles = new ArrayList<>();
    boolean archived;
    String title;
    String threadName;
    int turns;
    final LinkedHashSet<String> models = new LinkedHashSet<>();
    Usage usage = Usage.ZERO;
    Usage replayed = Usage.ZERO;
    Usage finalCumulative = Usage.ZERO;
    int historyLines;
    final List<UsageIncrement> increments = new ArrayList<>();
    String rolloutPath;

    void increment(long tsMs, String turnId, String model, Usage u) {
      increments.add(new UsageIncrement(threadId, Instant.ofEpochMilli(tsMs), turnId, model, u));
      usage = usage.plus(u);
    }

    ThreadTruth toTruth() {
      List<String> files = new ArrayList<>(countedFiles);
      files.addAll(otherFiles);
      return new ThreadTruth(threadId, kind, parentThreadId, repo, cwd, gitBranch, gitOriginUrl, originator,
          cliVersion, Instant.ofEpochMilli(createdMs), Instant.ofEpochMilli(updatedMs), files, archived, title,
          threadName, turns, new ArrayList<>(models), usage, replayed, finalCumulative, historyLines, increments);
    }
  }
}
