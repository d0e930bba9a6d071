package dev.wlat.cli;

import dev.wlat.accounting.insights.Thresholds;
import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.UsageJob;
import dev.wlat.cli.serve.DashboardData;
import dev.wlat.cli.serve.UsageServer;
import dev.wlat.model.Privacy;
import dev.wlat.model.TimeWindow;
import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wlat dashboard --output F}: the page {@code wlat serve} shows, as one static, self-contained
 * HTML file with the data in it (no request, no context API), written atomically.
 */
@Command(name = "dashboard", description = "Write the dashboard as one self-contained HTML file (a snapshot: no server,"
    + " no context API); open it in any browser.")
final class DashboardCommand implements Callable<Integer> {

  @Mixin HelpOption help;
  @Spec CommandSpec spec;
  @Mixin UsageSource source;
  @Mixin PrivacyOption privacy;

  @Option(names = "--output", paramLabel = "FILE", required = true, description = "The HTML file to write.")
  Path output;

  @Option(names = "--thresholds", paramLabel = "FILE",
      description = "Insight thresholds TSV (default <output-root>/config/thresholds.tsv when it exists, else built in).")
  Path thresholds;

  @Override
  public Integer call() {
    Privacy p = privacy.privacy();
    TimeWindow window = source.window();
    UsageJob.Result read = source.read(window, true);
    try {
      DashboardData.of(read, source.prices(), ThresholdArgs.load(thresholds, source.outputRoot), p, source.zone(),
          source.now(), window, false).writeStaticPage(output);
    } catch (IOException e) {
      throw WlatException.invalidInput(output + ": cannot write the dashboard (" + e.getMessage() + ")");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "wlat dashboard: %s (%,d calls in %,d threads, %s privacy)%n", output, read.rows().size(),
        read.threads(), p.mode().label());
    return ExitCodes.OK;
  }

  /** {@return the writer of the dashboard JSON of some rows}: what {@code wlat serve} sends at {@code /api/dashboard}. */
  static UsageServer.Dashboard json(UsageSource source, Pricing prices, Thresholds thresholds, Privacy privacy,
      TimeWindow window, boolean contextApi) {
    return (r, out) -> DashboardData.of(r, prices, thresholds, privacy, source.zone(), source.now(), window,
        contextApi).writeJson(out);
  }
}
