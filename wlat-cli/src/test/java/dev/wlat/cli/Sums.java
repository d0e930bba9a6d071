package dev.wlat.cli;

import dev.wlat.testkit.Usage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Token counts summed from TSV rows or taken from a ground truth, field by field, compared as a
 * whole so a failure shows every field.
 *
 * @param total {@code cumulative_delta_tokens} (or a truth's {@code total})
 * @param input {@code delta_input_tokens}
 * @param cached {@code delta_cached_input_tokens}
 * @param output {@code delta_output_tokens}
 * @param reasoning {@code delta_reasoning_output_tokens}
 */
record Sums(long total, long input, long cached, long output, long reasoning) {

  static final Sums ZERO = new Sums(0, 0, 0, 0, 0);

  /** {@return the truth's figures}. */
  static Sums of(Usage u) {
    return new Sums(u.total(), u.input(), u.cached(), u.output(), u.reasoning());
  }

  /** {@return the delta columns of one TSV row}. */
  static Sums ofRow(Map<String, String> row) {
    return new Sums(num(row, "cumulative_delta_tokens"), num(row, "delta_input_tokens"),
        num(row, "delta_cached_input_tokens"), num(row, "delta_output_tokens"),
        num(row, "delta_reasoning_output_tokens"));
  }

  /** {@return the delta columns summed over {@code rows}}. */
  static Sums sum(List<Map<String, String>> rows) {
    return rows.stream().map(Sums::ofRow).reduce(ZERO, Sums::plus);
  }

  /**
   * {@return the delta columns of {@code rows} summed per UTC day ({@code timestamp[:10]})}, days
   * whose sums are all zero (such as days of info-null rows only) left out, as a truth leaves them.
   */
  static Map<String, Sums> byUtcDay(List<Map<String, String>> rows) {
    Map<String, Sums> m = new TreeMap<>();
    for (Map<String, String> r : rows) {
      m.merge(r.get("timestamp").substring(0, 10), ofRow(r), Sums::plus);
    }
    m.values().removeIf(Sums::isZero);
    return m;
  }

  Sums plus(Sums o) {
    return new Sums(Math.addExact(total, o.total), Math.addExact(input, o.input), Math.addExact(cached, o.cached),
        Math.addExact(output, o.output), Math.addExact(reasoning, o.reasoning));
  }

  boolean isZero() {
    return equals(ZERO);
  }

  /** {@return the cell {@code column} of {@code row} as a number; an absent or empty cell fails}. */
  static long num(Map<String, String> row, String column) {
    String v = row.get(column);
    if (v == null || v.isEmpty()) {
      throw new AssertionError("column [" + column + "] is missing or empty in " + row);
    }
    return Long.parseLong(v);
  }
}
