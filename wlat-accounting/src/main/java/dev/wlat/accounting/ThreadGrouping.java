package dev.wlat.accounting;

import dev.wlat.accounting.internal.ThreadLedger;
import dev.wlat.model.RolloutSegment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Groups parsed segments into logical threads, ready for {@link ThreadAccountant}. */
public final class ThreadGrouping {

  private static final Comparator<RolloutSegment> SEGMENT_ORDER = Comparator
      .comparing(ThreadLedger::firstTime, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
      .thenComparing(s -> s.segment().sourcePath())
      .thenComparing(s -> s.segment().segmentId());

  private ThreadGrouping() {}

  /**
   * {@return the segments grouped by {@code threadId}}: each group ordered by first row time (else
   * {@code session_meta} time), then path; groups ordered by their first segment the same way,
   * then thread id. The result does not depend on the input order.
   *
   * @param segments parsed segments of any threads
   */
  public static List<List<RolloutSegment>> byThread(Collection<RolloutSegment> segments) {
    Map<String, List<RolloutSegment>> groups = new HashMap<>();
    for (RolloutSegment s : segments) {
      groups.computeIfAbsent(s.segment().threadId(), k -> new ArrayList<>()).add(s);
    }
    List<List<RolloutSegment>> threads = new ArrayList<>(groups.size());
    for (List<RolloutSegment> g : groups.values()) {
      g.sort(SEGMENT_ORDER);
      threads.add(List.copyOf(g));
    }
    threads.sort(Comparator.comparing((List<RolloutSegment> g) -> g.get(0), SEGMENT_ORDER)
        .thenComparing(g -> g.get(0).segment().threadId()));
    return List.copyOf(threads);
  }
}
