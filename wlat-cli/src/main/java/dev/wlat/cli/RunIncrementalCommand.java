package dev.wlat.cli;

import dev.wlat.model.TimeWindow;
import dev.wlat.report.ReportWindow;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wlat run-incremental}: the scheduled run. Keeps a state DB under the output root and
 * parses only the bytes appended since the last run; the data facts cover the whole history and
 * equal a {@code backfill --since all} row for row; the report and plots cover {@code --window}.
 */
@Command(name = "run-incremental", sortOptions = false,
    description = {"Bring the data facts up to date, parsing only what Codex appended since the last run,"
        + " then write the report and plots for --window.",
        "The data facts cover the whole history and equal those of 'wlat backfill --since all' row for row;"
            + " the state is kept in <output-root>/state/wlat_state.sqlite."})
final class RunIncrementalCommand implements Callable<Integer>, RunLogged {

  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  @Option(names = "--window", paramLabel = "WINDOW", defaultValue = "30d", order = -1,
      description = "Window of the report and plots: 30d, 12h, 2w, or all (default: ${DEFAULT-VALUE}).")
  String window;

  @Mixin RunArgs run;

  @Override
  public RunLogged.Trace runTrace() {
    return run.trace;
  }

  @Override
  public Integer call() {
    Instant now = Instant.now();
    try {
      ReportWindow.parse(window, now, run.zone());
    } catch (IllegalArgumentException e) {
      throw WlatException.invalidInput("--window: " + e.getMessage());
    }
    return run.run(spec, "run-incremental", TimeWindow.ALL, "all", null, true, window, now);
  }
}
