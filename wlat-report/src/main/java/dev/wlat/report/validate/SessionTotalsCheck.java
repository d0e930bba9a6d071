package dev.wlat.report.validate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/*
 * session_totals: final_session_total_tokens against cumulative_delta_tokens in
 * token_session_rollups.tsv (full-history values of each session).
 *
 * One cumulative baseline runs across a thread's counted segments, in the order of their first
 * token row (the accounting's order). So, for the counted segments of a thread in that order:
 *
 *   - the first starts from zero: its delta is its final total;
 *   - a later one (a resume) starts from the previous segment's final total: its delta is its final
 *     total less the previous one's, as long as that previous segment was itself comparable.
 *
 * Flags that break these equalities on purpose, so such a segment (and a resume right after it) is
 * not compared: cumulative_reset (a restart counts the new total whole), replayed_prefix and
 * replay_unverified (replayed or unproven rows move the baseline without counting), boundary_uncertain,
 * duplicate_segment_excluded (not counted), superseded_by_usage_records and duplicate_response (a
 * usage-record file counts responses, not totals); so is a segment on the token_usage_records basis.
 * A segment without token rows counts nothing and moves nothing. An excluded duplicate must carry a
 * zero delta.
 */
final class SessionTotalsCheck {

  static final String CHECK = "session_totals";

  private static final Set<String> BREAKING = Set.of("cumulative_reset", "replayed_prefix", "replay_unverified",
      "duplicate_segment_excluded", "superseded_by_usage_records", "boundary_uncertain", "duplicate_response");

  private record Session(String id, long line, String path, boolean included, String basis, Instant first,
      long events, long finalTotal, long delta, boolean comparable) {}

  private SessionTotalsCheck() {}

  static CheckResult run(Path root) {
    Findings f = new Findings(CHECK);
    Map<String, List<Session>> byThread = new LinkedHashMap<>();
    try (TsvFile t = TsvFile.open(root, DataFiles.SESSIONS)) {
      int id = t.column("session_segment_id");
      int thread = t.column("thread_id");
      int path = t.column("source_path");
      int included = t.column("accounting_included");
      int basis = t.column("accounting_basis");
      int first = t.column("first_event_at");
      int events = t.column("token_event_count");
      int finalTotal = t.column("final_session_total_tokens");
      int delta = t.column("cumulative_delta_tokens");
      int flags = t.column("warning_flags");
      while (t.next()) {
        try {
          boolean counted = t.cell(included).equals("1");
          long n = t.number(events, "token_event_count");
          boolean comparable = counted && !t.cell(basis).equals("token_usage_records")
              && List.of(t.cell(flags).split(";")).stream().noneMatch(BREAKING::contains);
          Session s = new Session(t.cell(id), t.line(), t.cell(path), counted, t.cell(basis),
              n == 0 || t.cell(first).isEmpty() ? null : t.instant(first, "first_event_at"), n,
              t.number(finalTotal, "final_session_total_tokens"), t.number(delta, "cumulative_delta_tokens"),
              comparable);
          byThread.computeIfAbsent(t.cell(thread), k -> new ArrayList<>()).add(s);
        } catch (TsvFile.Bad e) {
          f.add(e.finding);
        }
      }
    } catch (TsvFile.Bad e) {
      f.add(e.finding);
      return f.result("");
    }
    long single = 0;
    long resumes = 0;
    long notComparable = 0;
    for (List<Session> sessions : byThread.values()) {
      List<Session> counted = new ArrayList<>();
      for (Session s : sessions) {
        if (!s.included()) {
          if (s.delta() != 0) {
            f.add(DataFiles.SESSIONS, s.line(), String.format(Locale.ROOT,
                "session %s is not accounting_included but has cumulative_delta_tokens %,d", s.id(), s.delta()));
          }
          notComparable++;
        } else if (s.events() == 0) {
          if (s.delta() != 0 || s.finalTotal() != 0) {
            f.add(DataFiles.SESSIONS, s.line(), String.format(Locale.ROOT,
                "session %s has no token rows but final_session_total_tokens %,d and cumulative_delta_tokens %,d",
                s.id(), s.finalTotal(), s.delta()));
          }
        } else {
          counted.add(s);
        }
      }
      counted.sort(Comparator.comparing(Session::first, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Session::path).thenComparing(Session::id));
      Session previous = null;
      for (Session s : counted) {
        if (!s.comparable()) {
          notComparable++;
        } else if (previous == null) {
          single++;
          if (s.delta() != s.finalTotal()) {
            f.add(DataFiles.SESSIONS, s.line(), String.format(Locale.ROOT,
                "session %s: cumulative_delta_tokens %,d ≠ final_session_total_tokens %,d", s.id(), s.delta(),
                s.finalTotal()));
          }
        } else if (previous.comparable()) {
          resumes++;
          if (s.delta() != s.finalTotal() - previous.finalTotal()) {
            f.add(DataFiles.SESSIONS, s.line(), String.format(Locale.ROOT,
                "resumed session %s: cumulative_delta_tokens %,d ≠ final_session_total_tokens %,d − the previous"
                    + " segment's %,d (line %d)", s.id(), s.delta(), s.finalTotal(), previous.finalTotal(),
                previous.line()));
          }
        } else {
          notComparable++;
        }
        previous = s;
      }
    }
    return f.result(String.format(Locale.ROOT, "cumulative_delta_tokens = final_session_total_tokens for %,d sessions,"
        + " and = final less the previous segment's final for %,d resume segments; %,d not comparable"
        + " (excluded, reset, replayed, usage records or after such a segment)", single, resumes, notComparable));
  }
}
