package dev.wlat.attribution.internal;

import dev.wlat.model.OutcomeLink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Shares a thread's tokens over its links in equal parts; the remainder of the division goes one
 * token each to the first links in a stable order (strongest confidence first, then list order), so
 * the parts sum exactly to the thread's tokens (largest remainder with equal weights).
 */
public final class Allocation {

  private Allocation() {}

  /** {@return the links, in their order, carrying their share of {@code threadTokens}}. */
  public static List<OutcomeLink> allocate(List<OutcomeLink> links, long threadTokens) {
    if (threadTokens < 0) {
      throw new IllegalArgumentException("thread tokens [" + threadTokens + "] must not be negative");
    }
    int n = links.size();
    if (n == 0) {
      return List.of();
    }
    long share = threadTokens / n;
    long remainder = threadTokens % n;
    int[] order = IntStream.range(0, n).boxed()
        .sorted(Comparator.comparing((Integer i) -> links.get(i).confidence()).thenComparing(i -> i))
        .mapToInt(Integer::intValue).toArray();
    long[] parts = new long[n];
    for (int k = 0; k < n; k++) {
      parts[order[k]] = share + (k < remainder ? 1 : 0);
    }
    List<OutcomeLink> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(links.get(i).withTokens(threadTokens, parts[i]));
    }
    return List.copyOf(out);
  }
}
