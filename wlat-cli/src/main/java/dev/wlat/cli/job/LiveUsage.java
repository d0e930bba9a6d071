package dev.wlat.cli.job;

import dev.wlat.cli.job.UsageJob.Accounting;
import dev.wlat.cli.job.UsageJob.Result;
import dev.wlat.cli.job.UsageJob.ThreadRows;
import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.ResumedParse;
import dev.wlat.ingest.RolloutCheckpoint;
import dev.wlat.ingest.RolloutFile;
import dev.wlat.ingest.RolloutParser;
import dev.wlat.ingest.SessionIndex;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.TimeWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The accounted rows of a window kept up to date for {@code wlat serve}: the first read is
 * {@link UsageJob#fromHome}'s, and each {@link #refresh} reads only what was appended since (new
 * files whole, grown files from their checkpoint) and accounts again only the threads whose files
 * changed. After any refresh, {@link #result} holds the rows a fresh {@code fromHome} would read.
 */
public final class LiveUsage {

  /** A file modified this long before the last scan is looked at again: clocks and mtimes are coarse. */
  private static final Duration SLACK = Duration.ofSeconds(5);

  private final CodexHome home;
  private final TimeWindow window;
  private final RolloutParser parser = RolloutParser.create();
  private final Accounting accounting = new Accounting();
  /** Every rollout file known, by the key of its thread group. */
  private final Map<String, Map<String, RolloutFile>> files = new HashMap<>();
  private final Map<String, RolloutCheckpoint> checkpoints = new HashMap<>();
  private final Map<String, RolloutSegment> segments = new HashMap<>();
  /** The rows of each group read, in the order {@code fromHome} takes them. */
  private final TreeMap<String, List<ThreadRows>> groups = new TreeMap<>();
  private Instant lastScan;
  private long bytesRead;
  private Result result;

  private LiveUsage(CodexHome home, TimeWindow window) {
    this.home = home;
    this.window = window;
  }

  /** What one refresh did. */
  public record Refresh(int filesRead, long bytesRead, int groupsAccounted) {}

  /**
   * {@return the rows of {@code window} in {@code codexHome}, read on {@code threads} threads}, ready
   * to be refreshed; {@code now} is the time of this first scan.
   */
  public static LiveUsage open(Path codexHome, TimeWindow window, int threads, Instant now) {
    LiveUsage live = new LiveUsage(CodexHome.open(codexHome), window);
    List<RolloutFile> all = live.home.rollouts(null);
    for (RolloutFile f : all) {
      live.know(f);
    }
    List<List<RolloutFile>> work = UsageJob.groupsSince(live.home, window.since());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "wlat-live");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<String, Future<List<ResumedParse>>> parsed = new LinkedHashMap<>();
      for (List<RolloutFile> g : work) {
        parsed.put(UsageJob.groupKey(g.get(0)), pool.submit(() -> {
          List<ResumedParse> out = new ArrayList<>(g.size());
          for (RolloutFile f : g) {
            out.add(live.parser.parseFrom(f, null));
          }
          return out;
        }));
      }
      List<String> keys = new ArrayList<>();
      for (var e : parsed.entrySet()) {
        List<ResumedParse> ps = Futures.get(e.getValue());
        for (int i = 0; i < ps.size(); i++) {
          live.keep(work.get(keys.size()).get(i), ps.get(i));
        }
        keys.add(e.getKey());
      }
      for (String key : keys) {
        live.account(key);
      }
    } finally {
      pool.shutdownNow();
    }
    live.lastScan = now;
    live.result = live.assemble(work.stream().mapToLong(List::size).sum());
    return live;
  }

  /** {@return the rows as of the last read}. */
  public synchronized Result result() {
    return result;
  }

  /** {@return how many rollout bytes were parsed so far, the first read included}: each appended byte once. */
  public synchronized long bytesRead() {
    return bytesRead;
  }

  /**
   * Reads what was appended to the Codex home since the last scan ({@code now} is this scan's time)
   * and accounts again the thread groups that changed; {@return what it read}.
   */
  public synchronized Refresh refresh(Instant now) {
    long before = bytesRead;
    int read = 0;
    List<String> changed = new ArrayList<>();
    for (RolloutFile f : home.rollouts(lastScan.minus(SLACK))) {
      know(f);
      String key = UsageJob.groupKey(f);
      if (!groups.containsKey(key)) {
        if (window.since() == null || !f.lastModified().isBefore(window.since())) {
          for (RolloutFile g : files.get(key).values()) { // a new group, or an old thread resumed: all its files
            keep(g, parser.parseFrom(g, null));
            read++;
          }
          changed.add(key);
        }
        continue;
      }
      RolloutCheckpoint from = checkpoints.get(f.relativePath());
      if (from != null && from.unchanged(f)) {
        continue;
      }
      keep(f, parser.parseFrom(f, from));
      read++;
      if (!changed.contains(key)) {
        changed.add(key);
      }
    }
    for (String key : changed) {
      account(key);
    }
    lastScan = now;
    if (!changed.isEmpty()) {
      result = assemble(read);
    }
    return new Refresh(read, bytesRead - before, changed.size());
  }

  private void know(RolloutFile f) {
    Map<String, RolloutFile> group = files.computeIfAbsent(UsageJob.groupKey(f), k -> new TreeMap<>());
    group.put(f.relativePath(), f);
    if (!f.compressed()) {
      group.remove(f.relativePath() + ".zst"); // as CodexHome lists them: the plain file wins
    }
  }

  private void keep(RolloutFile f, ResumedParse p) {
    bytesRead += p.bytesRead();
    checkpoints.put(f.relativePath(), p.checkpoint());
    segments.put(f.relativePath(), p.segment());
  }

  private void account(String key) {
    List<RolloutSegment> mine = new ArrayList<>();
    for (String path : files.get(key).keySet()) {
      RolloutSegment s = segments.get(path);
      if (s != null) {
        mine.add(s);
      }
    }
    groups.put(key, accounting.rows(mine, window));
  }

  private Result assemble(long filesRead) {
    return UsageJob.named(UsageJob.assemble(groups.values(), filesRead, home.path().toString()),
        SessionIndex.read(home.path()));
  }
}
