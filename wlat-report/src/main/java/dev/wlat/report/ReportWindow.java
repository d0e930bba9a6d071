package dev.wlat.report;

import dev.wlat.model.TimeWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The window of a report, plot or value allocation: a label that names its output files
 * ({@code latest_30d_summary.md}) and the time window it covers, ending at the run's clock.
 *
 * <p>Labels are {@code all} or a relative length: {@code 30d}, {@code 12h}, {@code 90m}, {@code 2w}.
 * The window is {@code [asOf - length, asOf)}; {@code all} has no bounds.
 *
 * @param label the label as given, e.g. {@code 30d}
 * @param window the time window
 * @param asOf the instant the window ends at (the run's clock, or {@code --as-of})
 */
public record ReportWindow(String label, TimeWindow window, Instant asOf) {

  private static final Pattern LABEL = Pattern.compile("all|\\d{1,9}[mhdw]");

  public ReportWindow {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(asOf, "asOf");
    if (!LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException("window [" + label + "] must be all or a length like 30d, 12h, 90m, 2w");
    }
  }

  /** {@return the window named {@code label}, ending at {@code asOf}}; throws for a bad label, naming it. */
  public static ReportWindow parse(String label, Instant asOf, ZoneId zone) {
    Objects.requireNonNull(label, "label");
    if (!LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException("window [" + label + "] must be all or a length like 30d, 12h, 90m, 2w");
    }
    TimeWindow w = label.equals("all") ? TimeWindow.ALL : TimeWindow.parse(label, null, asOf, zone);
    if (!label.equals("all")) {
      w = new TimeWindow(w.since(), asOf);
    }
    return new ReportWindow(label, w, asOf);
  }

  /** {@return {@code latest_<label>_<name>}, the stable name of an output}. */
  public String latest(String name) {
    return "latest_" + label + "_" + name;
  }

  /** {@return {@code <runId>_<label>_<name>}, the kept copy of an output}. */
  public String kept(String runId, String name) {
    return runId + "_" + label + "_" + name;
  }
}
