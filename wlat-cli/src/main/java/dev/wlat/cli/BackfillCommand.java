package dev.wlat.cli;

import dev.wlat.cli.job.ReadingsStep;
import dev.wlat.model.TimeWindow;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wlat backfill}: reads the Codex home and writes the data facts and a run ledger. */
@Command(name = "backfill", sortOptions = false,
    description = "Read Codex rollouts and write honest token accounting facts (TSV) and a run ledger.")
final class BackfillCommand implements Callable<Integer>, RunLogged {

  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  @Option(names = "--since", paramLabel = "WHEN", defaultValue = "30d", order = -2,
      description = "Window start: 30d, 12h, 90m, 2w, an ISO date (start of that day in --timezone) or instant, or all (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(names = "--until", paramLabel = "WHEN", order = -1,
      description = "Window end (exclusive), same forms as --since (default: open).")
  String until;

  @Mixin RunArgs run;

  @Override
  public RunLogged.Trace runTrace() {
    return run.trace;
  }

  @Override
  public Integer call() {
    Instant now = Instant.now();
    TimeWindow window;
    try {
      window = TimeWindow.parse(since, until, now, run.zone());
    } catch (IllegalArgumentException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
    return run.run(spec, "backfill", window, since, until, false, ReadingsStep.label(since), now);
  }
}
