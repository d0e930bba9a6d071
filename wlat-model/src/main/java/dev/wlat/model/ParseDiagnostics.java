package dev.wlat.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What went wrong, and where, while one file was parsed: counts per {@link IssueKind} and the first
 * few line numbers of each, so a user can open the file at the right place.
 *
 * @param counts how many lines of each kind
 * @param sampleLines the first line numbers of each kind (at most {@link #MAX_SAMPLE_LINES})
 */
public record ParseDiagnostics(Map<IssueKind, Long> counts, Map<IssueKind, List<Long>> sampleLines) {

  /** How many line numbers are kept per kind. */
  public static final int MAX_SAMPLE_LINES = 5;

  /** No issues. */
  public static final ParseDiagnostics EMPTY = new ParseDiagnostics(Map.of(), Map.of());

  public ParseDiagnostics {
    counts = counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(counts));
    EnumMap<IssueKind, List<Long>> copy = new EnumMap<>(IssueKind.class);
    sampleLines.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    sampleLines = copy.isEmpty() ? Map.of() : Collections.unmodifiableMap(copy);
  }

  /** {@return the total number of issues of every kind}. */
  public long total() {
    long sum = 0;
    for (long c : counts.values()) {
      sum += c;
    }
    return sum;
  }

  /** {@return the number of issues of {@code kind}}. */
  public long count(IssueKind kind) {
    return counts.getOrDefault(kind, 0L);
  }

  /** {@return true when nothing was wrong}. */
  public boolean isEmpty() {
    return counts.isEmpty();
  }

  /** {@return the field-wise sum of this and {@code other}}, keeping the first sample lines. */
  public ParseDiagnostics plus(ParseDiagnostics other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Builder b = new Builder();
    b.addAll(this);
    b.addAll(other);
    return b.build();
  }

  /** {@return a new builder}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Accumulates issues while a file is read; single-threaded. */
  public static final class Builder {
    private final EnumMap<IssueKind, Long> counts = new EnumMap<>(IssueKind.class);
    private final EnumMap<IssueKind, List<Long>> lines = new EnumMap<>(IssueKind.class);

    private Builder() {}

    /** Counts one issue of {@code kind} at {@code lineNumber} (0 when it concerns the whole file). */
    public Builder add(IssueKind kind, long lineNumber) {
      counts.merge(kind, 1L, Long::sum);
      List<Long> sample = lines.computeIfAbsent(kind, k -> new ArrayList<>(2));
      if (sample.size() < MAX_SAMPLE_LINES) {
        sample.add(lineNumber);
      }
      return this;
    }

    /** Adds every issue of {@code other}. */
    public Builder addAll(ParseDiagnostics other) {
      other.counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
      other.sampleLines().forEach((k, v) -> {
        List<Long> sample = lines.computeIfAbsent(k, x -> new ArrayList<>(2));
        for (Long line : v) {
          if (sample.size() < MAX_SAMPLE_LINES) {
            sample.add(line);
          }
        }
      });
      return this;
    }

    /** {@return the diagnostics so far}. */
    public ParseDiagnostics build() {
      return counts.isEmpty() ? EMPTY : new ParseDiagnostics(counts, lines);
    }
  }
}
