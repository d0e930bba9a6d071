package dev.wlat.testkit.internal;

import dev.wlat.testkit.Feature;
import dev.wlat.testkit.FileTruth;
import dev.wlat.testkit.GroundTruth;
import dev.wlat.testkit.HomeSpec;
import dev.wlat.testkit.PlantedSecret;
import dev.wlat.testkit.ThreadTruth;
import dev.wlat.testkit.internal.Model.FileStats;
import dev.wlat.testkit.internal.Model.Session;
import dev.wlat.testkit.internal.Model.Style;
import dev.wlat.testkit.internal.Model.ThreadAcc;
import dev.wlat.testkit.internal.Model.Turn;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/*
 * Plans and writes a whole Codex home.
 *
 * Day by day, the special sessions that exercise one feature each are written first, then regular
 * sessions: a number drawn from sessionsPerDay, or, in target-size mode, as many as keep the bytes
 * written on track for targetBytes * (day + 1) / days. Each session is streamed to disk as it is
 * rendered; only the per-thread accumulators (and the few parent plans that children replay) stay
 * in memory, so memory is bounded by the number of threads, not by the bytes written.
 *
 * The sessions of the plain directories (no git) come after the day loop, from a random stream of
 * their own, so neither the regular sessions' stream nor session_index.jsonl's per-thread draws
 * (made in the order threads were written) shift: every other rollout keeps its bytes whether or
 * not the spec has plain directories. history.jsonl and session_index.jsonl gain the plain
 * threads' lines, and chat_processes.json may name them among the newest threads.
 */
/** Writes a Codex home for a {@link HomeSpec}; use {@code dev.wlat.testkit.CodexHomeGenerator}. */
public final class HomeWriter {
  private static final long DAY_MS = 86_400_000L;
  /** Session salts of plain-directory sessions start here, far above every other salt. */
  private static final long PLAIN_DIR_SALT = 1L << 40;
  private static final String[] MODELS = {"gpt-5-codex", "gpt-5.1-codex-max", "gpt-5.2", "nebula-coder-preview"};
  private static final String[] EFFORTS = {"low", "medium", "medium", "high", "high", "xhigh", "minimal", null};
  private static final String[] ZONES = {"Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC", "Europe/Vilnius"};
  private static final String[] BRANCH_KINDS = {"feat", "fix", "chore", "refactor"};
  private static final String[][] ORIGINS = {
    {"codex_cli_rs", "cli"}, {"codex-tui", "cli"}, {"codex_exec", "exec"}, {"Codex Desktop", "vscode"}
  };

  private final HomeSpec spec;
  private final Path home;
  private final Renderer renderer;
  private final List<ThreadAcc> threads = new ArrayList<>();
  private final List<FileStats> files = new ArrayList<>();
  private final List<String[]> history = new ArrayList<>(); // {ts, id, text}
  private final Map<String, String> lastTurnIds = new LinkedHashMap<>();
  private final List<String[]> spawnEdges = new ArrayList<>();
  private final List<PlantedSecret> secrets = new ArrayList<>();
  private long written;
  private int regularOrdinal;
  private long regularBytes;
  private int regularCount;

  private HomeWriter(HomeSpec spec, Path home) {
    this.spec = spec;
    this.home = home;
    this.renderer = new Renderer(home);
  }

  /** Writes the home described by {@code spec} into {@code home}, which must be empty or absent. */
  public static GroundTruth write(HomeSpec spec, Path home) throws IOException {
    Files.createDirectories(home);
    try (var s = Files.list(home)) {
      if (s.findAny().isPresent()) {
        throw new IllegalArgumentException("Codex home [%s] must be empty or absent".formatted(home));
      }
    }
    return new HomeWriter(spec, home).run();
  }

  private boolean on(Feature f) {
    return spec.has(f);
  }

  private long dayStartMs(int dayIndex) {
    return spec.start().plusDays(dayIndex).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private int day(int k) {
    return Math.min(k, spec.days() - 1);
  }

  // ------------------------------------------------------------------------------------------
  // Main loop
  // ------------------------------------------------------------------------------------------

  private GroundTruth run() throws IOException {
    SplittableRandom top = new SplittableRandom(Ids.mix(spec.seed(), 1));
    List<IoTask> tasks = new ArrayList<>();
    planSpecials(tasks);
    for (int d = 0; d < spec.days(); d++) {
      for (IoTask t : tasks) {
        if (t.day == d) {
          t.run();
        }
      }
      if (spec.targetBytes() > 0) {
        long cumTarget = spec.targetBytes() * (d + 1) / spec.days();
        while (true) {
          long avg = regularCount == 0 ? 0 : regularBytes / regularCount;
          if (written + avg / 2 >= cumTarget) {
            break;
          }
          regular(d, top);
        }
      } else {
        int n = pick(top, spec.sessionsPerDay());
        for (int i = 0; i < n; i++) {
          regular(d, top);
        }
      }
    }
    plainDirSessions();
    if (on(Feature.LEGACY_FILE)) {
      legacy();
    }
    if (on(Feature.SESSION_INDEX)) {
      sessionIndex();
    }
    if (on(Feature.HISTORY)) {
      history();
    }
    if (on(Feature.PROCESS_MANAGER)) {
      processManager();
    }
    if (on(Feature.STATE_DB)) {
      written += StateDb.write(home.resolve("state_5.sqlite"), spec, threads, lastTurnIds, spawnEdges);
    }
    threads.sort(Comparator.comparingLong((ThreadAcc a) -> a.createdMs).thenComparing(a -> a.threadId));
    files.sort(Comparator.comparing(f -> f.path));
    List<ThreadTruth> tt = new ArrayList<>();
    for (ThreadAcc a : threads) {
      tt.add(a.toTruth());
    }
    List<FileTruth> ft = new ArrayList<>();
    for (FileStats f : files) {
      ft.add(f.toTruth());
    }
    return GroundTruth.of(spec, tt, ft, secrets, written);
  }

  private abstract static class IoTask {
    final int day;

    IoTask(int day) {
      this.day = day;
    }

    abstract void run() throws IOException;
  }

  private static int pick(SplittableRandom r, HomeSpec.Range range) {
    return range.min() + r.nextInt(range.max() - range.min() + 1);
  }

  /** {@return a start time between 07:00 and 21:30 UTC on day {@code d}}. */
  private long daytime(int d, SplittableRandom r) {
    return dayStartMs(d) + 7 * 3_600_000L + r.nextLong(14 * 3_600_000L + 1_800_000L);
  }

  private void regular(int d, SplittableRandom top) throws IOException {
    long created = daytime(d, top);
    Session s = session(500_000 + regularOrdinal++, d, created);
    regularTurns(s);
    long before = written;
    write(s, Placement.LIVE);
    regularBytes += written - before;
    regularCount++;
  }

  private void regularTurns(Session s) {
    turns(s, pick(new SplittableRandom(s.seed ^ 3), spec.turnsPerSession()), spec.callsPerTurn(),
        s.createdMs + 200);
  }

  /**
   * Writes the sessions of every plain directory: for each, a count drawn from its range, each on a
   * random day at a daytime hour, all from one stream seeded apart from the others; written in time
   * order. They are regular sessions whose cwd is the directory and which record no git facts.
   */
  private void plainDirSessions() throws IOException {
    SplittableRandom r = new SplittableRandom(Ids.mix(spec.seed(), 13));
    List<Session> planned = new ArrayList<>();
    long ordinal = 0;
    for (HomeSpec.PlainDir dir : spec.plainDirs()) {
      int n = pick(r, dir.sessions());
      for (int i = 0; i < n; i++) {
        int d = r.nextInt(spec.days());
        Session s = session(PLAIN_DIR_SALT + ordinal++, d, daytime(d, r));
        s.repo = null;
        s.plainDir = dir;
        s.branch = null;
        s.commit = null;
        regularTurns(s);
        planned.add(s);
      }
    }
    planned.sort(Comparator.comparingLong((Session s) -> s.createdMs).thenComparing(s -> s.id));
    for (Session s : planned) {
      write(s, Placement.LIVE);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Planning
  // ------------------------------------------------------------------------------------------

  private Session session(long salt, int dayIndex, long createdMs) {
    Session s = new Session();
    s.seed = Ids.mix(spec.seed(), salt);
    SplittableRandom r = new SplittableRandom(s.seed);
    s.createdMs = createdMs;
    s.id = Ids.uuid7(createdMs, r);
    s.repo = spec.repos().get(r.nextInt(spec.repos().size()));
    s.branch = r.nextInt(2) == 0 ? "main"
        : BRANCH_KINDS[r.nextInt(BRANCH_KINDS.length)] + "/" + Filler.sentence(r, 2).toLowerCase().replace(' ', '-');
    s.commit = Ids.hex(r, 40);
    double progress = spec.days() == 1 ? 0 : dayIndex / (double) (spec.days() - 1);
    s.cliVersion = "0." + (100 + (int) (progress * 25)) + "." + r.nextInt(3);
    String[] origin = ORIGINS[r.nextInt(ORIGINS.length)];
    s.originator = origin[0];
    s.source = origin[1];
    s.interactive = !origin[1].equals("exec");
    s.weeklyPrimary = progress > 0.66;
    s.secondaryNull = s.weeklyPrimary && r.nextBoolean();
    s.rateLimitsNull = r.nextInt(12) == 0;
    s.reEmits = on(Feature.RE_EMITS);
    s.timezone = ZONES[r.nextInt(ZONES.length)];
    s.payloadBytes = spec.payloadBytes();
    ThreadAcc a = new ThreadAcc();
    a.threadId = s.id;
    a.kind = ThreadTruth.Kind.ROOT;
    a.createdMs = createdMs;
    a.updatedMs = createdMs;
    s.acc = a;
    return s;
  }

  private void turns(Session s, int n, HomeSpec.Range calls, long firstStart) {
    SplittableRandom r = new SplittableRandom(Ids.mix(s.seed, 2));
    int m = r.nextInt(20);
    String model = m < 5 ? MODELS[0] : m < 11 ? MODELS[1] : m < 19 ? MODELS[2] : MODELS[3];
    String effort = EFFORTS[r.nextInt(EFFORTS.length)];
    s.contextWindow = model.equals(MODELS[3]) ? 128_000 : model.equals(MODELS[2]) ? 272_000 : 258_400;
    long t0 = firstStart;
    for (int i = 0; i < n; i++) {
      Turn t = new Turn();
      t.startMs = t0;
      t.id = Ids.uuid7(t0, r);
      boolean switchModel = r.nextInt(12) == 0 && !model.equals(MODELS[3]);
      t.model = switchModel ? (model.equals(MODELS[1]) ? MODELS[2] : MODELS[1]) : model;
      t.effort = r.nextInt(8) == 0 ? EFFORTS[r.nextInt(EFFORTS.length)] : effort;
      t.calls = pick(r, calls);
      t.nullRow = i == 0 || r.nextInt(4) == 0;
      t.prompt = Filler.sentence(r, 6 + r.nextInt(18)) + (r.nextInt(3) == 0 ? "?" : ".");
      s.turns.add(t);
      t0 = next(t, r);
    }
  }

  /** {@return a start time safely after turn {@code t} ends}. */
  private static long next(Turn t, SplittableRandom r) {
    return t.startMs + t.calls * Renderer.MAX_CALL_MS + 15_000 + 20_000 + r.nextLong(20 * 60_000L);
  }

  private static long end(Turn t) {
    return t.startMs + t.calls * Renderer.MAX_CALL_MS + 15_000;
  }

  private void ensureTurns(Session s, int min, int minCalls) {
    SplittableRandom r = new SplittableRandom(Ids.mix(s.seed, 4));
    while (s.turns.size() < min) {
      Turn last = s.turns.get(s.turns.size() - 1);
      Turn t = new Turn();
      t.startMs = next(last, r);
      t.id = Ids.uuid7(t.startMs, r);
      t.model = last.model;
      t.effort = last.effort;
      t.calls = Math.max(1, last.calls);
      t.prompt = Filler.sentence(r, 8) + ".";
      s.turns.add(t);
    }
    for (Turn t : s.turns) {
      t.calls = Math.max(t.calls, minCalls);
    }
    // calls may have grown: re-space the turns so none overlaps the next
    for (int i = 1; i < s.turns.size(); i++) {
      Turn p = s.turns.get(i - 1);
      Turn t = s.turns.get(i);
      if (t.startMs < end(p) + 20_000) {
        shift(s, i, end(p) + 20_000 - t.startMs);
      }
    }
  }

  /** Moves turns {@code from..} later by {@code delta} ms, renewing their ids' timestamps. */
  private static void shift(Session s, int from, long delta) {
    SplittableRandom r = new SplittableRandom(Ids.mix(s.seed, 5 + from));
    for (int i = from; i < s.turns.size(); i++) {
      Turn t = s.turns.get(i);
      t.startMs += delta;
      t.id = Ids.uuid7(t.startMs, r);
    }
  }

  private long at(int dayIndex, int hour, int minute, SplittableRandom r) {
    return dayStartMs(dayIndex) + hour * 3_600_000L + minute * 60_000L + r.nextInt(59_000);
  }

  private void planSpecials(List<IoTask> tasks) {
    SplittableRandom r = new SplittableRandom(Ids.mix(spec.seed(), 3));
    HomeSpec.Range calls = spec.callsPerTurn();
    // Secret carriers (always).
    secretCarriers(tasks, r);
    if (on(Feature.ZSTD)) {
      Session s = session(1001, 0, at(0, 6, 5, r));
      turns(s, 2, calls, s.createdMs + 300);
      tasks.add(task(0, s, Placement.ZSTD_ONLY));
    }
    if (on(Feature.ZSTD_AND_PLAIN)) {
      int d = day(1);
      Session s = session(1002, d, at(d, 6, 40, r));
      turns(s, 2, calls, s.createdMs + 300);
      tasks.add(task(d, s, Placement.ZSTD_AND_PLAIN));
    }
    if (on(Feature.ARCHIVED_DUPLICATE)) {
      int d = day(2);
      Session s = session(1003, d, at(d, 9, 10, r));
      turns(s, 2, calls, s.createdMs + 300);
      tasks.add(task(d, s, Placement.ARCHIVED_DUPLICATE));
    }
    if (on(Feature.ARCHIVED_ONLY)) {
      int d = day(3);
      Session s = session(1004, d, at(d, 10, 20, r));
      turns(s, 2, calls, s.createdMs + 300);
      tasks.add(task(d, s, Placement.ARCHIVED_ONLY));
    }
    if (on(Feature.FORK)) {
      int d = day(4);
      Session p = session(1005, d, at(d, 13, 0, r));
      p.style = Style.V144;
      p.cliVersion = "0.144.4";
      p.originator = "codex_exec";
      p.source = "exec";
      p.interactive = false;
      turns(p, 2, calls, p.createdMs + 400);
      Session c = session(1006, d, end(p.turns.get(p.turns.size() - 1)) + 10 * 60_000L + r.nextInt(60_000));
      c.style = Style.V144;
      c.cliVersion = "0.144.4";
      c.originator = "codex_exec";
      c.source = "cli";
      c.kind = ThreadTruth.Kind.FORK;
      c.parent = p;
      c.repo = p.repo;
      c.branch = p.branch;
      c.commit = p.commit;
      turns(c, 2, calls, c.createdMs + 1_200);
      child(c, p);
      tasks.add(task(d, p, Placement.LIVE));
      tasks.add(task(d, c, Placement.LIVE));
    }
    if (on(Feature.SUBAGENT)) {
      int d = day(5);
      Session p = session(1007, d, at(d, 15, 30, r));
      p.style = Style.V153;
      p.cliVersion = "0.153.0";
      p.originator = "codex_vscode";
      p.source = "vscode";
      turns(p, 3, calls, p.createdMs + 400);
      ensureTurns(p, 3, 2);
      int j = p.turns.size() - 2;
      long created = end(p.turns.get(j)) + 2_000;
      Session c = session(1008, d, created);
      c.style = Style.V153;
      c.cliVersion = "0.153.0";
      c.originator = "codex_vscode";
      c.source = "vscode";
      c.kind = ThreadTruth.Kind.SUBAGENT;
      c.parent = p;
      c.parentReplayTurns = j + 1;
      c.agentNickname = "Euler";
      c.agentRole = "explorer";
      c.repo = p.repo;
      c.branch = p.branch;
      c.commit = p.commit;
      c.interactive = false;
      turns(c, 1, calls, created + 1_500);
      c.turns.get(0).resumeRepeat = true;
      c.turns.get(0).nullRow = false;
      child(c, p);
      // the parent's next turn starts after the child is done
      Turn nextTurn = p.turns.get(j + 1);
      long childEnd = end(c.turns.get(0)) + 30_000;
      if (nextTurn.startMs < childEnd) {
        shift(p, j + 1, childEnd - nextTurn.startMs);
      }
      spawnEdges.add(new String[] {p.id, c.id});
      tasks.add(task(d, p, Placement.LIVE));
      tasks.add(task(d, c, Placement.LIVE));
    }
    {
      // A session spanning midnight UTC (always).
      int d = day(6);
      Session s = session(1009, d, at(d, 23, 35, r));
      turns(s, 4, calls, s.createdMs + 300);
      ensureTurns(s, 4, 2);
      tasks.add(task(d, s, Placement.LIVE));
    }
    if (on(Feature.COMPACTION)) {
      int d = day(7);
      Session s = session(1010, d, at(d, 11, 0, r));
      turns(s, 4, calls, s.createdMs + 300);
      ensureTurns(s, 4, 2);
      s.turns.get(2).compactBefore = true;
      tasks.add(task(d, s, Placement.LIVE));
    }
    if (on(Feature.CUMULATIVE_RESET)) {
      int d = day(8);
      Session s = session(1011, d, at(d, 12, 0, r));
      turns(s, 4, calls, s.createdMs + 300);
      ensureTurns(s, 4, 1);
      s.turns.get(2).resetBefore = true;
      tasks.add(task(d, s, Placement.LIVE));
    }
    if (on(Feature.SAME_FILE_RESUME)) {
      int d = day(9);
      Session s = session(1012, d, at(d, 14, 0, r));
      s.cliVersion = "0.100.0";
      turns(s, 4, calls, s.createdMs + 300);
      ensureTurns(s, 4, 1);
      long resumeAt = at(d + 2, 10, 0, r);
      shift(s, 2, resumeAt - s.turns.get(2).startMs);
      s.turns.get(2).resumeRepeat = true;
      tasks.add(task(d, s, Placement.LIVE));
    }
    if (on(Feature.RESUME_SEGMENTS)) {
      int d = day(10);
      Session s = session(1013, d, at(d, 16, 0, r));
      turns(s, 5, calls, s.createdMs + 300);
      ensureTurns(s, 5, 1);
      shift(s, 2, at(d + 1, 9, 0, r) - s.turns.get(2).startMs);
      shift(s, 4, at(d + 2, 9, 30, r) - s.turns.get(4).startMs);
      s.segmentStarts.add(2);
      s.segmentStarts.add(4);
      tasks.add(task(d, s, Placement.LIVE));
    }
    if (on(Feature.MALFORMED_LINE)) {
      int d = day(11);
      Session s = session(1014, d, at(d, 17, 0, r));
      turns(s, 3, calls, s.createdMs + 300);
      ensureTurns(s, 3, 1);
      s.malformedAfterTurn = 0;
      tasks.add(task(d, s, Placement.LIVE));
    }
    if (on(Feature.TOKEN_USAGE_RECORDS)) {
      int d = Math.max(0, spec.days() - 3);
      Session s = session(1015, d, at(d, 8, 15, r));
      s.style = Style.V154;
      s.cliVersion = "0.154.2";
      s.originator = "codex_vscode";
      s.source = "vscode";
      s.perTurnTotals = true;
      turns(s, 3, calls, s.createdMs + 300);
      ensureTurns(s, 3, 2);
      s.duplicateRecordTurn = 1;
      tasks.add(task(d, s, Placement.LIVE));
    }
    if (on(Feature.TRUNCATED_LAST_LINE)) {
      int d = spec.days() - 1;
      Session s = session(1016, d, at(d, 23, 50, r));
      turns(s, 2, calls, s.createdMs + 300);
      s.truncateEnd = true;
      tasks.add(task(d, s, Placement.LIVE));
    }
  }

  private static void child(Session c, Session p) {
    c.acc.kind = c.kind;
    c.acc.parentThreadId = p.id;
  }

  private void secretCarriers(List<IoTask> tasks, SplittableRandom r) {
    SplittableRandom sr = new SplittableRandom(Ids.mix(spec.seed(), 99));
    String password = "password=" + Ids.alnum(sr, 16);
    String ghp = "ghp_" + Ids.alnum(sr, 36);
    String email = "dana.whitfield." + Ids.of(sr, "abcdefghijklmnopqrstuvwxyz0123456789", 5) + "@acme-payments.example";
    String xoxb = "xoxb-" + Ids.of(sr, "0123456789", 10) + "-" + Ids.of(sr, "0123456789", 13) + "-" + Ids.alnum(sr, 24);
    String akia = "AKIA" + Ids.of(sr, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    String skProj = "sk-proj-" + Ids.alnum(sr, 48);
    String rsa = "MIIEowIBAAKCAQEA" + Ids.of(sr, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 48);

    Session a = session(900, 0, at(0, 8, 30, r));
    a.originator = "codex-tui";
    a.source = "cli";
    a.interactive = true;
    turns(a, 2, spec.callsPerTurn(), a.createdMs + 300);
    ensureTurns(a, 2, 1);
    a.turns.get(0).prompt = "Deploys fail: staging " + password + " is rejected by the config loader, can you check why?";
    a.turns.get(1).prompt = "Use my token " + ghp + " to pull the private fork, then mail " + email + " when done.";
    a.turns.get(1).messageSecret = xoxb;
    tasks.add(task(0, a, Placement.LIVE));

    Session b = session(901, 0, at(0, 9, 45, r));
    b.originator = "codex_cli_rs";
    b.source = "cli";
    turns(b, 2, spec.callsPerTurn(), b.createdMs + 300);
    ensureTurns(b, 2, 2);
    b.turns.get(0).argsSecret = akia;
    b.turns.get(0).toolOutputSecret = "OPENAI_API_KEY=" + skProj + "\n-----BEGIN RSA PRIVATE KEY-----\n" + rsa
        + "\nQ2hhbmdlIG1lIGJlZm9yZSBzaGlwcGluZywgdGhpcyBpcyBhIGZha2Uga2V5Lg==\n-----END RSA PRIVATE KEY-----";
    tasks.add(task(0, b, Placement.LIVE));

    secrets.add(new PlantedSecret("password", password, "prompt, history.jsonl, state-db title and first_user_message"));
    secrets.add(new PlantedSecret("github-token", ghp, "prompt, history.jsonl"));
    secrets.add(new PlantedSecret("email", email, "prompt, history.jsonl"));
    secrets.add(new PlantedSecret("slack-bot-token", xoxb, "agent message, last_agent_message"));
    secrets.add(new PlantedSecret("aws-access-key-id", akia, "function_call arguments"));
    secrets.add(new PlantedSecret("openai-api-key", skProj, "function_call_output"));
    secrets.add(new PlantedSecret("rsa-private-key", rsa, "function_call_output"));
  }

  // ------------------------------------------------------------------------------------------
  // Writing
  // ------------------------------------------------------------------------------------------

  private enum Placement { LIVE, ARCHIVED_ONLY, ARCHIVED_DUPLICATE, ZSTD_ONLY, ZSTD_AND_PLAIN }

  private IoTask task(int day, Session s, Placement p) {
    return new IoTask(day) {
      @Override
      void run() throws IOException {
        write(s, p);
      }
    };
  }

  private void write(Session s, Placement placement) throws IOException {
    ThreadAcc a = s.acc;
    a.repo = s.repo == null ? null : s.repo.name();
    a.cwd = s.cwd();
    a.gitBranch = s.branch;
    a.gitOriginUrl = s.repo == null ? null : s.repo.remoteUrl();
    a.gitSha = s.commit;
    a.effort = s.turns.get(0).effort;
    a.originator = s.originator;
    a.cliVersion = s.cliVersion;
    a.title = title(s.turns.get(0).prompt);
    String live = Renderer.livePath(s.id, s.createdMs, 0);
    List<FileStats> out;
    if (placement == Placement.ARCHIVED_ONLY) {
      out = renderer.write(s, "archived_sessions/" + Renderer.fileName(s.id, s.createdMs, 0),
          FileTruth.Role.ARCHIVED_ONLY);
      a.archived = true;
    } else {
      out = renderer.write(s, live, FileTruth.Role.LIVE);
    }
    List<FileStats> extra = new ArrayList<>();
    FileStats first = out.get(0);
    if (placement == Placement.ARCHIVED_DUPLICATE) {
      String copy = "archived_sessions/" + Renderer.fileName(s.id, s.createdMs, 0);
      Files.createDirectories(home.resolve("archived_sessions"));
      Files.copy(home.resolve(live), home.resolve(copy));
      extra.add(first.copyAs(copy, FileTruth.Role.ARCHIVED_DUPLICATE, false, first.bytes));
      a.otherFiles.add(copy);
    } else if (placement == Placement.ZSTD_ONLY || placement == Placement.ZSTD_AND_PLAIN) {
      String zst = live + ".zst";
      long size = compress(home.resolve(live), home.resolve(zst));
      if (placement == Placement.ZSTD_ONLY) {
        Files.delete(home.resolve(live));
        out.set(0, first.copyAs(zst, FileTruth.Role.COMPRESSED, true, size));
        a.countedFiles.set(a.countedFiles.indexOf(live), zst);
        a.rolloutPath = zst;
      } else {
        extra.add(first.copyAs(zst, FileTruth.Role.COMPRESSED_SHADOWED, false, size));
        a.otherFiles.add(zst);
      }
    }
    out.addAll(extra);
    FileTime mtime = FileTime.fromMillis(a.updatedMs);
    for (FileStats f : out) {
      written += f.bytes;
      Files.setLastModifiedTime(home.resolve(f.path), mtime);
    }
    files.addAll(out);
    threads.add(a);
    if (s.interactive && s.kind != ThreadTruth.Kind.SUBAGENT) {
      for (Turn t : s.turns) {
        history.add(new String[] {Long.toString(t.startMs / 1000), s.id, t.prompt});
        a.historyLines++;
      }
    }
    lastTurnIds.put(s.id, s.turns.get(s.turns.size() - 1).id);
    if (s.kind == ThreadTruth.Kind.ROOT && !isParent(s)) {
      s.turns = List.of(); // drop the plan: bounded memory
    }
  }

  private boolean isParent(Session s) {
    return s.style == Style.V144 || s.style == Style.V153;
  }

  private static String title(String prompt) {
    return prompt.length() <= 100 ? prompt : prompt.substring(0, 100);
  }

  private static long compress(Path plain, Path zst) throws IOException {
    try (InputStream in = Files.newInputStream(plain);
        OutputStream out = new ZstdOutputStream(Files.newOutputStream(zst))) {
      in.transferTo(out);
    }
    return Files.size(zst);
  }

  private void legacy() throws IOException {
    LocalDate date = spec.start().minusDays(400);
    LocalDate cutoff = LocalDate.of(2025, 8, 20);
    if (date.isAfter(cutoff)) {
      date = cutoff;
    }
    long created = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 10 * 3_600_000L + 671_345;
    Session s = session(1100, 0, created);
    SplittableRandom r = new SplittableRandom(s.seed);
    s.id = Ids.uuid4(r);
    s.acc.threadId = s.id;
    s.acc.kind = ThreadTruth.Kind.LEGACY;
    s.cliVersion = null;
    s.originator = null;
    // a legacy file records a GitHub repo when there is one
    for (HomeSpec.Repo repo : spec.repos()) {
      if (repo.hasRemote()) {
        s.repo = repo;
        break;
      }
    }
    turns(s, 2, HomeSpec.Range.of(1, 2), created + 1_000);
    ThreadAcc a = s.acc;
    a.repo = s.repo.name();
    a.cwd = s.repo.cwd();
    a.gitBranch = s.branch;
    a.gitOriginUrl = s.repo.remoteUrl();
    a.title = title(s.turns.get(0).prompt);
    FileStats f = renderer.writeLegacy(s, Renderer.livePath(s.id, created, 0));
    Files.setLastModifiedTime(home.resolve(f.path), FileTime.fromMillis(a.updatedMs));
    written += f.bytes;
    files.add(f);
    threads.add(a);
  }

  private void sessionIndex() throws IOException {
    SplittableRandom r = new SplittableRandom(Ids.mix(spec.seed(), 11));
    List<Object[]> lines = new ArrayList<>(); // {updatedMs, id, name}
    for (ThreadAcc a : threads) {
      if (a.kind == ThreadTruth.Kind.LEGACY || r.nextInt(10) >= 6) {
        continue;
      }
      String name = Filler.sentence(r, 3 + r.nextInt(3));
      long at = a.createdMs + 60_000 + r.nextInt(600_000);
      lines.add(new Object[] {at, a.threadId, name});
      a.threadName = name;
      if (r.nextInt(6) == 0) {
        String renamed = "Renamed: " + Filler.sentence(r, 3);
        lines.add(new Object[] {at + DAY_MS / 4 + r.nextInt(3_600_000), a.threadId, renamed});
        a.threadName = renamed;
      }
    }
    lines.sort(Comparator.comparingLong(o -> (Long) o[0]));
    Buf b = new Buf();
    for (Object[] l : lines) {
      b.raw("{\"id\":").str((String) l[1]).raw(",\"thread_name\":").str((String) l[2]).raw(",\"updated_at\":")
          .ts((Long) l[0]).raw("}\n");
    }
    writeSmall("session_index.jsonl", b);
  }

  private void history() throws IOException {
    history.sort(Comparator.comparingLong((String[] h) -> Long.parseLong(h[0])).thenComparing(h -> h[1]));
    Buf b = new Buf();
    for (String[] h : history) {
      b.raw("{\"session_id\":").str(h[1]).raw(",\"ts\":").raw(h[0]).raw(",\"text\":").str(h[2]).raw("}\n");
    }
    writeSmall("history.jsonl", b);
  }

  private void processManager() throws IOException {
    List<ThreadAcc> recent = new ArrayList<>(threads);
    recent.removeIf(a -> a.kind == ThreadTruth.Kind.LEGACY);
    recent.sort(Comparator.comparingLong((ThreadAcc a) -> a.createdMs).reversed());
    Buf b = new Buf();
    b.raw("[\n");
    SplittableRandom r = new SplittableRandom(Ids.mix(spec.seed(), 12));
    int n = Math.min(2, recent.size());
    for (int i = 0; i < n; i++) {
      ThreadAcc a = recent.get(i);
      b.raw("  {\"conversationId\":").str(a.threadId).raw(",\"osPid\":").num(20_000 + r.nextInt(40_000))
          .raw(",\"command\":\"codex\",\"startedAtMs\":").num(a.createdMs).raw(",\"updatedAtMs\":").num(a.updatedMs)
          .raw(",\"turnId\":").str(lastTurnIds.get(a.threadId)).raw(",\"cwd\":").str(a.cwd).raw('}')
          .raw(i + 1 < n ? ",\n" : "\n");
    }
    b.raw("]\n");
    writeSmall("process_manager/chat_processes.json", b);
  }

  private void writeSmall(String rel, Buf b) throws IOException {
    Path p = home.resolve(rel);
    Files.createDirectories(p.getParent());
    try (OutputStream out = Files.newOutputStream(p)) {
      out.write(b.a, 0, b.n);
    }
    written += b.n;
  }
}
