package dev.wlat.cli.job;

import dev.wlat.report.ReportWindow;
import dev.wlat.report.plot.Entitlements;
import dev.wlat.report.plot.PlotData;
import dev.wlat.report.plot.Plots;
import dev.wlat.report.summary.Report;
import dev.wlat.report.summary.ReportFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/*
 * What a person reads, made at the end of a backfill from the data facts it has just published: the
 * report (summary and tables) and the plots, over the backfill's own window. A relative --since
 * (30d, 12h, 2w) names the files (latest_30d_...); any other window (all, a date) is "all", which
 * over data holding only the backfill's window is the same rows. Both run after the data is
 * committed, so a failure here leaves the data facts in place.
 */

/** The report and plots a backfill makes unless told not to. */
public final class ReadingsStep {

  private static final Pattern RELATIVE = Pattern.compile("\\d{1,9}[mhdw]");

  private ReadingsStep() {}

  /** {@return the window label of a backfill's {@code --since}}. */
  public static String label(String since) {
    return since != null && RELATIVE.matcher(since).matches() ? since : "all";
  }

  /** {@return the window label of the readings of {@code options}}. */
  public static String labelOf(BackfillOptions options) {
    return options.readingsWindow() != null ? options.readingsWindow() : label(options.sinceText());
  }

  static void run(BackfillOptions options, String runId, Map<String, Long> outputs, List<String> notes) {
    if (!options.reports() && !options.plots()) {
      return;
    }
    Path root = options.outputRoot();
    ReportWindow window = ReportWindow.parse(labelOf(options), options.now(), options.zone());
    if (options.reports()) {
      ReportFiles files = Report.builder(window).zone(options.zone()).thresholds(options.thresholds()).read(root)
          .write(root, runId);
      for (Path p : files.latest()) {
        outputs.put(p.toString(), files.rows().get(p.getFileName().toString()));
      }
    } else {
      notes.add("Reports: skipped (--no-reports).");
    }
    if (options.plots()) {
      PlotData data = PlotData.load(root.resolve("data"), window, options.zone());
      for (Plots.Written p : Plots.write(root, runId, Plots.render(data, Entitlements.NONE, runId))) {
        outputs.put(p.latest().toString(), null);
      }
    } else {
      notes.add("Plots: skipped (--no-plots).");
    }
  }
}
