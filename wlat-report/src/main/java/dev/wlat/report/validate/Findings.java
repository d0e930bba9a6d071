package dev.wlat.report.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the findings of one check, keeping the first {@link CheckResult#KEPT_FINDINGS} and counting the rest. */
final class Findings {

  private final String check;
  private final List<Finding> kept = new ArrayList<>();
  private long count;

  Findings(String check) {
    this.check = check;
  }

  void add(String file, long line, String what) {
    add(new Finding(file, line, what));
  }

  void add(Finding f) {
    count++;
    if (kept.size() < CheckResult.KEPT_FINDINGS) {
      kept.add(f);
    }
  }

  /** {@return the findings kept so far}. */
  List<Finding> kept() {
    return List.copyOf(kept);
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** {@return ok with {@code detail} when nothing was found, else a failure listing the findings}. */
  CheckResult result(String detail) {
    if (count == 0) {
      return CheckResult.ok(check, detail);
    }
    List<Finding> sorted = new ArrayList<>(kept);
    // by file, then line; a finding about a whole file comes after those that name a line of it
    sorted.sort(Comparator.comparing(Finding::file).thenComparingLong(f -> f.line() == 0 ? Long.MAX_VALUE : f.line()));
    return CheckResult.fail(check, sorted, count);
  }
}
