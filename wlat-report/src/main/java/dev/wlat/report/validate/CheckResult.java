package dev.wlat.report.validate;

import java.util.List;
import java.util.Objects;

/**
 * The result of one validation check.
 *
 * @param check the check's name, e.g. {@code secrets}
 * @param status ok, fail or skipped
 * @param detail one line: what was checked (ok), the first finding (fail), or why it did not run
 *     (skipped)
 * @param findings what was found wrong, at most {@link #KEPT_FINDINGS}, in file and line order
 * @param findingCount how many findings there were in all
 */
public record CheckResult(String check, CheckStatus status, String detail, List<Finding> findings, long findingCount) {

  /** How many findings a result keeps; the count says how many there were. */
  public static final int KEPT_FINDINGS = 200;

  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    findings = List.copyOf(findings);
    if (findingCount < findings.size()) {
      throw new IllegalArgumentException("check [" + check + "] counts " + findingCount + " findings but keeps "
          + findings.size());
    }
    if ((status == CheckStatus.FAIL) != (findingCount > 0)) {
      throw new IllegalArgumentException("check [" + check + "] is " + status.label() + " with " + findingCount
          + " findings: exactly the failed checks have findings");
    }
  }

  /** {@return a passed check}. */
  public static CheckResult ok(String check, String detail) {
    return new CheckResult(check, CheckStatus.OK, detail, List.of(), 0);
  }

  /** {@return a check that did not run, and why}. */
  public static CheckResult skipped(String check, String reason) {
    return new CheckResult(check, CheckStatus.SKIPPED, reason, List.of(), 0);
  }

  /** {@return a failed check; its detail is the first finding and how many more there are}. */
  public static CheckResult fail(String check, List<Finding> findings, long findingCount) {
    if (findings.isEmpty()) {
      throw new IllegalArgumentException("failed check [" + check + "] needs a finding");
    }
    String detail = findings.get(0).toString() + (findingCount > 1
        ? String.format(java.util.Locale.ROOT, " (and %,d more)", findingCount - 1) : "");
    List<Finding> kept = findings.size() > KEPT_FINDINGS ? findings.subList(0, KEPT_FINDINGS) : findings;
    return new CheckResult(check, CheckStatus.FAIL, detail, kept, findingCount);
  }
}
