package dev.wlat.testkit;

import static dev.wlat.testkit.Rollouts.obj;
import static dev.wlat.testkit.Rollouts.tokenCount;
import static dev.wlat.testkit.Rollouts.usage;

import dev.wlat.testkit.Rollouts.Line;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A deliberately simple accountant, written without looking at the generator's bookkeeping: pick
 * one copy per rollout name (live plain, then live zst, then archived), group files by the first
 * session_meta id, skip a child's rows until its own first turn (a turn whose UUIDv7 time is not
 * before the child's creation), then take cumulative deltas (a drop restarts from zero). Files with
 * token_usage_record lines are summed by unique response_id instead.
 */
final class Recompute {
  private Recompute() {}

  static Map<String, SortedMap<LocalDate, Usage>> perThreadPerUtcDay(Path home) throws IOException {
    Map<String, Path> byName = new TreeMap<>();
    for (Path p : Rollouts.rolloutFiles(home)) {
      String rel = Rollouts.rel(home, p);
      String name = p.getFileName().toString().replace(".zst", "");
      Path have = byName.get(name);
      if (have == null || rank(rel) < rank(Rollouts.rel(home, have))) {
        byName.put(name, p);
      }
    }
    Map<String, List<Path>> byThread = new TreeMap<>();
    for (Path p : byName.values()) {
      List<Line> lines = Rollouts.lines(p);
      Map<String, Object> first = lines.get(0).map();
      String id = first.containsKey("payload") ? (String) obj(first, "payload").get("id") : (String) first.get("id");
      byThread.computeIfAbsent(id, k -> new ArrayList<>()).add(p);
    }
    Map<String, SortedMap<LocalDate, Usage>> out = new TreeMap<>();
    for (Map.Entry<String, List<Path>> e : byThread.entrySet()) {
      List<Path> files = e.getValue();
      files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
      SortedMap<LocalDate, Usage> days = new TreeMap<>();
      long[] prev = null;
      for (Path p : files) {
        List<Line> lines = Rollouts.lines(p);
        if (lines.stream().anyMatch(l -> l.valid() && "token_usage_record".equals(l.map().get("type")))) {
          Set<String> seen = new HashSet<>();
          for (Line l : lines) {
            if (l.valid() && "token_usage_record".equals(l.map().get("type"))) {
              Map<String, Object> pl = obj(l.value(), "payload");
              if (seen.add((String) pl.get("response_id"))) {
                add(days, l, usage(obj(pl, "usage")));
              }
            }
          }
          continue;
        }
        Map<String, Object> meta = obj(lines.get(0).value(), "payload");
        if (meta == null) {
          continue; // legacy: no token events
        }
        boolean child = meta.containsKey("forked_from_id");
        long created = Instant.parse((String) meta.get("timestamp")).toEpochMilli();
        boolean own = !child;
        for (Line l : lines) {
          if (!l.valid()) {
            continue;
          }
          Map<String, Object> pl = obj(l.value(), "payload");
          if (!own && "task_started".equals(pl.get("type"))) {
            String turn = ((String) pl.get("turn_id")).replace("-", "");
            own = Long.parseLong(turn.substring(0, 12), 16) >= created;
          }
          Map<String, Object> tc = tokenCount(l);
          if (tc == null || tc.get("info") == null) {
            continue;
          }
          long[] total = usage(obj(tc.get("info"), "total_token_usage"));
          if (own) {
            long[] delta = total.clone();
            if (prev != null && total[4] >= prev[4]) {
              for (int i = 0; i < 5; i++) {
                delta[i] = total[i] - prev[i];
              }
            }
            if (delta[4] > 0) {
              add(days, l, delta);
            }
          }
          prev = total;
        }
      }
      out.put(e.getKey(), days);
    }
    return out;
  }

  private static int rank(String rel) {
    return (rel.startsWith("sessions/") ? 0 : 2) + (rel.endsWith(".zst") ? 1 : 0);
  }

  private static void add(SortedMap<LocalDate, Usage> days, Line l, long[] u) {
    LocalDate d = LocalDate.ofInstant(Instant.parse((String) l.map().get("timestamp")), ZoneOffset.UTC);
    days.merge(d, new Usage(u[0], u[1], u[2], u[3], u[4]), Usage::plus);
  }
}
