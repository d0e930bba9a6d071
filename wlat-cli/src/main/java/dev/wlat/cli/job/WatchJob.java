package dev.wlat.cli.job;

import dev.wlat.accounting.ThreadAccountant;
import dev.wlat.accounting.ThreadGrouping;
import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.attribution.AttributionOverrides;
import dev.wlat.attribution.Attributor;
import dev.wlat.ingest.ChatProcesses;
import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.ResumedParse;
import dev.wlat.ingest.RolloutCheckpoint;
import dev.wlat.ingest.RolloutFile;
import dev.wlat.ingest.RolloutParser;
import dev.wlat.model.Charge;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.Privacy;
import dev.wlat.model.RateLimitSnapshot;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SessionSegment;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TokenUsage;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Follows a Codex home live for {@code wlat watch}: each {@link #tick} reads only the bytes appended
 * since the last one (new files whole, grown files from their checkpoint), accounts the threads that
 * changed, and gives one line per turn that completed (a later turn began in its thread, or no row
 * came for it for one interval). What existed when watching began is the baseline, never printed.
 */
public final class WatchJob {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final CodexHome home;
  private final Pricing pricing;
  private final ZoneId zone;
  private final Privacy privacy;
  private final Duration idle;
  private final RolloutParser parser = RolloutParser.create();
  private final ThreadAccountant accountant = ThreadAccountant.create();
  private final AttributionStep attribution = new AttributionStep(
      Attributor.create(dev.wlat.attribution.RepoIndex.empty(), AttributionOverrides.EMPTY, List.of()), List.of(),
      ChatProcesses.EMPTY);
  private final Map<String, RolloutCheckpoint> checkpoints = new HashMap<>();
  private final Map<String, RolloutSegment> segments = new HashMap<>();
  private final Map<String, String> threadOfFile = new HashMap<>();
  /** Every rollout file by the thread its name carries, listed once at the start and grown by each scan. */
  private final Map<String, List<RolloutFile>> filesOfThread = new HashMap<>();
  private final Set<String> done = new HashSet<>(); // thread + turn already printed or in the baseline
  private final Set<String> baselineEvents = new HashSet<>(); // rows that were on disk before watching
  private final Set<String> pending = new HashSet<>(); // threads with a turn not yet printed
  private RateLimitSnapshot limits;
  private Instant lastScan;
  private long bytesRead;

  private WatchJob(CodexHome home, Pricing pricing, ZoneId zone, Privacy privacy, Duration idle) {
    this.home = home;
    this.pricing = pricing;
    this.zone = zone;
    this.privacy = privacy;
    this.idle = idle;
  }

  /**
   * {@return a watcher of {@code codexHome} whose baseline is what the files modified in the last
   * day hold now}; a turn counts as completed after {@code idle} without rows.
   */
  public static WatchJob start(Path codexHome, Pricing pricing, ZoneId zone, Privacy privacy, Duration idle,
      Instant now) {
    WatchJob w = new WatchJob(CodexHome.open(codexHome), pricing, zone, privacy, idle);
    for (RolloutFile f : w.home.rollouts(null)) { // names and sizes only: nothing is parsed here
      w.know(f);
    }
    w.scan(now.minus(Duration.ofDays(1)));
    for (RolloutSegment s : w.segments.values()) {
      s.events().forEach(e -> w.baselineEvents.add(e.eventId()));
    }
    w.pending.clear();
    w.lastScan = now;
    return w;
  }

  /** {@return how many rollout bytes the watcher has parsed so far}: each byte once. */
  public long bytesRead() {
    return bytesRead;
  }

  /** {@return the lines of the turns completed since the last tick}, reading what was appended. */
  public List<String> tick(Instant now) {
    Set<String> changed = scan(lastScan.minus(Duration.ofSeconds(5)));
    lastScan = now;
    pending.addAll(changed);
    List<String> lines = new ArrayList<>();
    for (String thread : new ArrayList<>(pending)) {
      List<Turn> turns = turns(thread);
      boolean open = false;
      for (int i = 0; i < turns.size(); i++) {
        Turn t = turns.get(i);
        String key = thread + "\n" + t.id();
        if (done.contains(key)) {
          continue;
        }
        if (!t.fresh()) { // all its rows were on disk before watching began
          done.add(key);
          continue;
        }
        boolean later = i < turns.size() - 1;
        if (later || !t.lastAt().isAfter(now.minus(idle))) {
          lines.add(line(t));
          done.add(key);
        } else {
          open = true;
        }
      }
      if (!open) {
        pending.remove(thread);
      }
    }
    return lines;
  }

  private void know(RolloutFile f) {
    if (f.threadIdFromName() == null) {
      return;
    }
    List<RolloutFile> files = filesOfThread.computeIfAbsent(f.threadIdFromName(), k -> new ArrayList<>());
    files.removeIf(g -> g.relativePath().equals(f.relativePath()));
    files.add(f);
  }

  /**
   * Reads every file modified since {@code since}, and the other files of their threads not read yet
   * (a resumed thread's earlier segments are its baseline, however old); {@return the threads that
   * got new rows}.
   */
  private Set<String> scan(Instant since) {
    Set<String> changed = new HashSet<>();
    List<RolloutFile> recent = home.rollouts(since);
    List<RolloutFile> toRead = new ArrayList<>(recent);
    for (RolloutFile f : recent) {
      know(f);
    }
    for (RolloutFile f : recent) {
      for (RolloutFile sibling : filesOfThread.getOrDefault(f.threadIdFromName(), List.of())) {
        if (!checkpoints.containsKey(sibling.relativePath()) && !toRead.contains(sibling)) {
          toRead.add(sibling);
        }
      }
    }
    for (RolloutFile f : toRead) {
      boolean sibling = !recent.contains(f); // not modified lately: what it holds was there before watching
      RolloutCheckpoint from = checkpoints.get(f.relativePath());
      if (from != null && from.unchanged(f)) {
        continue;
      }
      ResumedParse p = parser.parseFrom(f, from);
      bytesRead += p.bytesRead();
      checkpoints.put(f.relativePath(), p.checkpoint());
      RolloutSegment before = segments.put(f.relativePath(), p.segment());
      if (sibling) {
        p.segment().events().forEach(e -> baselineEvents.add(e.eventId()));
      }
      String thread = p.segment().segment().threadId();
      threadOfFile.put(f.relativePath(), thread);
      if (before == null || before.events().size() != p.segment().events().size()) {
        changed.add(thread);
      }
      for (TokenEvent e : p.segment().events()) {
        if (e.rateLimits() != null && !e.rateLimits().isEmpty()) {
          limits = e.rateLimits();
        }
      }
    }
    return changed;
  }

  /** One turn of a thread, accounted. */
  private record Turn(String id, Instant lastAt, String model, TokenUsage usage, double contextUse, Charge usd,
      String label, boolean fresh) {}

  private List<Turn> turns(String thread) {
    List<RolloutSegment> mine = new ArrayList<>();
    Map<String, SessionSegment> byId = new HashMap<>();
    threadOfFile.forEach((file, t) -> {
      if (t.equals(thread)) {
        RolloutSegment s = segments.get(file);
        mine.add(s);
        byId.put(s.segment().segmentId(), s.segment());
      }
    });
    List<Turn> out = new ArrayList<>();
    for (List<RolloutSegment> group : ThreadGrouping.byThread(mine)) {
      ThreadAccounting t = accountant.account(group);
      if (!t.threadId().equals(thread) || t.events().isEmpty()) {
        continue;
      }
      String label = privacy.workstream(attribution.attribute(t, t.events(), AttributionStep.firstSegment(t, byId), null)
          .attribution().workstreamLabel());
      Map<String, List<EventAccounting>> byTurn = new LinkedHashMap<>();
      for (EventAccounting e : t.events()) {
        byTurn.computeIfAbsent(e.event().turnId() == null ? "" : e.event().turnId(), k -> new ArrayList<>()).add(e);
      }
      byTurn.forEach((id, rows) -> {
        TokenUsage u = TokenUsage.ZERO;
        Charge usd = Charge.NONE;
        double ctx = 0;
        String model = null;
        Instant last = rows.get(0).event().timestamp();
        boolean fresh = false;
        for (EventAccounting e : rows) {
          fresh |= !baselineEvents.contains(e.event().eventId());
          u = u.plus(e.delta());
          usd = usd.plus(pricing.price(e.delta(), e.event().model(), e.event().timestamp()).usd());
          Long w = e.event().modelContextWindow();
          if (w != null && w > 0) {
            ctx = Math.max(ctx, (double) e.delta().inputTokens() / w);
          }
          if (e.event().model() != null) {
            model = e.event().model();
          }
          if (e.event().timestamp().isAfter(last)) {
            last = e.event().timestamp();
          }
        }
        out.add(new Turn(id, last, model, u, ctx, usd, label, fresh));
      });
    }
    return out;
  }

  private String line(Turn t) {
    TokenUsage u = t.usage();
    String cached = u.inputTokens() == 0 ? "-" : Math.round(100.0 * u.cachedInputTokens() / u.inputTokens()) + "%";
    String cost = t.usd().amount() == null ? "unpriced" : "$" + t.usd().amount().setScale(4, RoundingMode.HALF_UP);
    StringBuilder b = new StringBuilder();
    b.append(TIME.format(t.lastAt().atZone(zone))).append("  ").append(t.label() == null ? "(none)" : t.label())
        .append("  ").append(t.model() == null ? "(model?)" : t.model())
        .append(String.format(Locale.ROOT, "  %,d tokens  cached %s  context %d%%  %s", u.totalTokens(), cached,
            Math.round(t.contextUse() * 100), cost));
    if (limits != null) {
      limits.fiveHour().ifPresent(w -> b.append(String.format(Locale.ROOT, "  5h %.0f%%", w.usedPercent())));
      limits.weekly().ifPresent(w -> b.append(String.format(Locale.ROOT, "  weekly %.0f%%", w.usedPercent())));
    }
    return b.toString();
  }
}
