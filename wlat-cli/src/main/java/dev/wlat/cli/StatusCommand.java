package dev.wlat.cli;

import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.IngestException;
import dev.wlat.ingest.RolloutFile;
import dev.wlat.ingest.RolloutParser;
import dev.wlat.model.RateLimitSnapshot;
import dev.wlat.model.RateLimitWindow;
import dev.wlat.model.RolloutSegment;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/*
 * Reads the rollouts modified in the last 8 days, plus the earlier segments of the same threads
 * (by the thread id in the file name): a thread resumed in a new segment file repeats its old total
 * in its first row, and without the earlier segment as baseline that whole total would count as
 * usage of the last hour. Snapshots and burn come from RateLimitStatus; this class only reads and prints.
 * Nothing from the rollouts but counts, percentages, plan, credits and times is printed, and no path
 * but the Codex home's.
 */

/** {@code wlat status}: the latest rate limits, the token burn rate and the pace of each window over 1 h and 24 h. */
@Command(name = "status", sortOptions = false,
    description = "Show the latest Codex rate limits (5-hour and weekly windows, plan, credits), the tokens"
        + " used in the last hour and day, and how fast each window fills over the last hour and day."
        + " Reads the last 8 days; writes nothing.")
final class StatusCommand implements Callable<Integer> {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);
  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);
  private static final String NO_RATE_LIMITS = "no rate-limit data in the last 8 days: Codex writes it with each token_count";
  /** A line of the text output: a label, padded so that every value starts in one column. */
  private static final String LINE = "%-17s%s%n";
  private static final String HOUR = "last hour";
  private static final String DAY = "last 24 h";

  @Mixin HelpOption help;
  @Spec CommandSpec spec;
  @ParentCommand WlatCommand root;

  @Option(names = "--codex-home", paramLabel = "DIR",
      description = "Codex home to read (default: $CODEX_HOME, else ~/.codex). Never written.")
  Path codexHome;

  @picocli.CommandLine.Mixin PrivacyOption privacy;

  @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA zone to show times in (default: the system zone).")
  String timezone;

  @Option(names = "--now", paramLabel = "INSTANT", hidden = true,
      description = "Pretend it is this ISO-8601 instant (for tests).")
  String now;

  @Override
  public Integer call() {
    Path dir = codexHome != null ? codexHome : CodexHome.defaultLocation();
    ZoneId zone = timezone == null ? ZoneId.systemDefault() : TimeArgs.zone(timezone);
    Instant at = now == null ? Instant.now() : parseNow(now);
    List<RolloutFile> recent;
    List<RolloutFile> earlier;
    List<RolloutSegment> segments;
    try {
      CodexHome home = CodexHome.open(dir);
      recent = home.rollouts(at.minus(RateLimitStatus.LOOKBACK));
      earlier = earlierSegmentsOfTheirThreads(home, recent);
      List<RolloutFile> all = new ArrayList<>(recent);
      all.addAll(earlier);
      RolloutParser parser = RolloutParser.create();
      segments = all.parallelStream().map(parser::parse).toList();
    } catch (IngestException e) {
      throw WlatException.invalidInput("status: " + e.getMessage());
    }
    RateLimitStatus status = RateLimitStatus.of(segments, at);
    PrintWriter out = spec.commandLine().getOut();
    if (root != null && root.json) {
      out.println(json(shownHome(dir), zone, recent.size(), earlier.size(), status));
    } else {
      text(out, shownHome(dir), zone, recent.size(), earlier.size(), status);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static List<RolloutFile> earlierSegmentsOfTheirThreads(CodexHome home, List<RolloutFile> recent) {
    if (recent.isEmpty()) {
      return List.of();
    }
    Set<String> threads = new HashSet<>();
    Set<Path> read = new HashSet<>();
    for (RolloutFile f : recent) {
      read.add(f.path());
      if (f.threadIdFromName() != null) {
        threads.add(f.threadIdFromName());
      }
    }
    List<RolloutFile> earlier = new ArrayList<>();
    for (RolloutFile f : home.rollouts(null)) {
      if (!read.contains(f.path()) && f.threadIdFromName() != null && threads.contains(f.threadIdFromName())) {
        earlier.add(f);
      }
    }
    return earlier;
  }

  private static Instant parseNow(String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeException e) {
      throw WlatException.invalidInput("--now: cannot parse [" + text + "]; expected an instant like 2026-10-12T12:00:00Z");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // text
  // ---------------------------------------------------------------------------------------------

  /** {@return the home as printed}: its path, or a placeholder outside normal privacy mode. */
  private Path shownHome(Path dir) {
    return privacy.privacy().isNormal() ? dir : Path.of("<codex-home>");
  }

  private static void text(PrintWriter out, Path dir, ZoneId zone, int recent, int earlier, RateLimitStatus s) {
    if (recent == 0) {
      out.println("wlat status: " + dir + ": no rollouts modified in the last 8 days");
      return;
    }
    out.printf(Locale.ROOT, "wlat status: %s: %,d rollout%s modified in the last 8 days%s; as of %s (%s)%n", dir, recent,
        recent == 1 ? "" : "s",
        earlier == 0 ? "" : String.format(Locale.ROOT, " (and %,d earlier segment%s of their threads)", earlier,
            earlier == 1 ? "" : "s"),
        local(s.now(), zone), zone.getId());
    RateLimitStatus.Snapshot latest = s.latest();
    if (latest == null) {
      out.println(NO_RATE_LIMITS);
    } else {
      RateLimitSnapshot l = latest.limits();
      out.printf(Locale.ROOT, LINE, "rate limits", String.format(Locale.ROOT, "seen %s (%s ago)%s",
          local(latest.seenAt(), zone), span(Duration.between(latest.seenAt(), s.now())),
          l.planType() == null ? "" : ", plan " + l.planType()));
      out.printf(Locale.ROOT, LINE, "  5-hour", window(l.fiveHour(), s.now(), zone));
      out.printf(Locale.ROOT, LINE, "  weekly", window(l.weekly(), s.now(), zone));
      String credits = credits(l);
      if (!credits.isEmpty()) {
        out.printf(Locale.ROOT, LINE, "  credits", credits);
      }
    }
    out.println("burn rate");
    out.printf(Locale.ROOT, LINE, "  " + HOUR,
        String.format(Locale.ROOT, "%,d tokens (%,d tokens/h)", s.lastHourTokens(), s.lastHourTokens()));
    out.printf(Locale.ROOT, LINE, "  " + DAY,
        String.format(Locale.ROOT, "%,d tokens (%,d tokens/h)", s.lastDayTokens(), perHourOfDay(s.lastDayTokens())));
    if (latest != null) {
      // by window, so that the two paces of one window sit together
      out.printf(Locale.ROOT, LINE, "  5-hour (1 h)", pace(s.fiveHour(), HOUR, s.now(), zone));
      out.printf(Locale.ROOT, LINE, "  5-hour (24 h)", pace(s.fiveHourDay(), DAY, s.now(), zone));
      out.printf(Locale.ROOT, LINE, "  weekly (1 h)", pace(s.weekly(), HOUR, s.now(), zone));
      out.printf(Locale.ROOT, LINE, "  weekly (24 h)", pace(s.weeklyDay(), DAY, s.now(), zone));
    }
  }

  private static String window(Optional<RateLimitWindow> window, Instant now, ZoneId zone) {
    if (window.isEmpty()) {
      return "not in the latest snapshot";
    }
    RateLimitWindow w = window.get();
    String used = percent(w.usedPercent()) + " used";
    Instant resets = w.resetsAt();
    if (resets == null) {
      return used + ", reset time unknown";
    }
    return used + ", resets " + local(resets, zone) + (resets.isAfter(now)
        ? " (in " + span(Duration.between(now, resets)) + ")"
        : " (passed " + span(Duration.between(resets, now)) + " ago: the window has reset since)");
  }

  private static String credits(RateLimitSnapshot l) {
    List<String> parts = new ArrayList<>();
    if (l.creditsBalance() != null) {
      parts.add("balance " + l.creditsBalance());
    }
    if (l.unlimitedCredits() != null) {
      parts.add("unlimited " + (l.unlimitedCredits() ? "yes" : "no"));
    }
    if (l.hasCredits() != null) {
      parts.add("has credits " + (l.hasCredits() ? "yes" : "no"));
    }
    return String.join("; ", parts);
  }

  /** {@return pace {@code p} as text}; {@code period} names what it was measured over, as "last hour". */
  private static String pace(RateLimitStatus.Pace p, String period, Instant now, ZoneId zone) {
    switch (p.kind()) {
      case NO_DATA:
        return "fewer than two snapshots in the " + period + ": no pace yet";
      case WINDOW_RESET:
        return "the window reset within the " + period + " (" + percent(p.from().window().usedPercent()) + " then "
            + percent(p.to().window().usedPercent()) + "): no pace yet";
      default:
        break;
    }
    String rate = String.format(Locale.ROOT, "%+.1f%%/h (%s to %s in %s)", p.percentPerHour(),
        percent(p.from().window().usedPercent()), percent(p.to().window().usedPercent()),
        span(Duration.between(p.from().at(), p.to().at())));
    Instant resets = p.resetsAt();
    switch (p.kind()) {
      case NOT_RISING:
        return rate + ": not rising";
      case ALREADY_FULL:
        return rate + ": already at 100%";
      case RESETS_FIRST:
        return rate + ": resets first, " + when(resets, now, zone) + "; at this pace 100% would come "
            + local(p.fullAt(), zone);
      default:
        return rate + ": 100% " + when(p.fullAt(), now, zone)
            + (resets == null ? "" : ", before its reset " + local(resets, zone));
    }
  }

  /** {@return "at T (in D)"}, or "at T" when T is not after {@code now}. */
  private static String when(Instant t, Instant now, ZoneId zone) {
    return "at " + local(t, zone) + (t.isAfter(now) ? " (in " + span(Duration.between(now, t)) + ")" : "");
  }

  /** {@return the tokens of 24 hours per hour, rounded half up}. */
  static long perHourOfDay(long tokens) {
    return Math.addExact(tokens, 12) / 24;
  }

  static String percent(double p) {
    return String.format(Locale.ROOT, "%.1f%%", p);
  }

  static String local(Instant t, ZoneId zone) {
    return LOCAL.format(t.atZone(zone));
  }

  /** {@return {@code d} as "3d 12h", "2h 5m", "40m" or "<1m"}: days and hours, else hours and minutes. */
  static String span(Duration d) {
    long minutes = d.abs().toMinutes();
    if (minutes < 1) {
      return "<1m";
    }
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    return minutes >= 60 ? hours + "h " + minutes % 60 + "m" : minutes + "m";
  }

  // ---------------------------------------------------------------------------------------------
  // JSON
  // ---------------------------------------------------------------------------------------------

  private static StatusJson json(Path dir, ZoneId zone, int recent, int earlier, RateLimitStatus s) {
    RateLimitStatus.Snapshot latest = s.latest();
    String message = recent == 0 ? "no rollouts modified in the last 8 days" : latest == null ? NO_RATE_LIMITS : null;
    StatusJson o = StatusJson.create()
        .put("codex_home", dir.toString())
        .put("now", s.now().toString())
        .put("timezone", zone.getId())
        .put("rollouts", recent)
        .put("earlier_segments", earlier)
        .put("message", message);
    if (latest == null) {
      o.put("rate_limits", null);
    } else {
      RateLimitSnapshot l = latest.limits();
      o.put("rate_limits", StatusJson.create()
          .put("seen_at", latest.seenAt().toString())
          .put("seen_at_local", offset(latest.seenAt(), zone))
          .put("limit_id", l.limitId())
          .put("plan_type", l.planType())
          .put("five_hour", window(l.fiveHour().orElse(null), zone))
          .put("weekly", window(l.weekly().orElse(null), zone))
          .put("credits", l.hasCredits() == null && l.unlimitedCredits() == null && l.creditsBalance() == null ? null
              : StatusJson.create()
                  .put("balance", l.creditsBalance())
                  .put("unlimited", l.unlimitedCredits())
                  .put("has_credits", l.hasCredits())));
    }
    o.put("burn", StatusJson.create()
        .put("last_hour_tokens", s.lastHourTokens())
        .put("last_hour_tokens_per_hour", s.lastHourTokens())
        .put("last_24h_tokens", s.lastDayTokens())
        .put("last_24h_tokens_per_hour", perHourOfDay(s.lastDayTokens())));
    o.put("pace", latest == null ? null : StatusJson.create()
        .put("five_hour", pace(s.fiveHour(), zone))
        .put("weekly", pace(s.weekly(), zone)));
    o.put("pace_24h", latest == null ? null : StatusJson.create()
        .put("five_hour", pace(s.fiveHourDay(), zone))
        .put("weekly", pace(s.weeklyDay(), zone)));
    return o;
  }

  private static StatusJson window(RateLimitWindow w, ZoneId zone) {
    if (w == null) {
      return null;
    }
    return StatusJson.create()
        .put("used_percent", w.usedPercent())
        .put("window_minutes", w.windowMinutes())
        .put("resets_at", w.resetsAt() == null ? null : w.resetsAt().toString())
        .put("resets_at_local", w.resetsAt() == null ? null : offset(w.resetsAt(), zone));
  }

  private static StatusJson pace(RateLimitStatus.Pace p, ZoneId zone) {
    return StatusJson.create()
        .put("outcome", p.kind().label())
        .put("percent_per_hour", p.percentPerHour() == null ? null
            : BigDecimal.valueOf(p.percentPerHour()).setScale(1, RoundingMode.HALF_UP).doubleValue())
        .put("from", sample(p.from()))
        .put("to", sample(p.to()))
        .put("full_at", p.fullAt() == null ? null : p.fullAt().toString())
        .put("full_at_local", p.fullAt() == null ? null : offset(p.fullAt(), zone))
        .put("resets_at", p.resetsAt() == null ? null : p.resetsAt().toString());
  }

  private static StatusJson sample(RateLimitStatus.Sample s) {
    return s == null ? null : StatusJson.create()
        .put("at", s.at().toString())
        .put("used_percent", s.window().usedPercent());
  }

  private static String offset(Instant t, ZoneId zone) {
    return OFFSET.format(t.atZone(zone));
  }
}
