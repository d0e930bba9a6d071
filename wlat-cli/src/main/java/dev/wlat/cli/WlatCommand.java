package dev.wlat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The root command: lists one small class per subcommand. */
@Command(
    name = "wlat",
    mixinStandardHelpOptions = true,
    versionProvider = WlatCommand.VersionProvider.class,
    description = {
        "well, look at that: honest token accounting for the OpenAI Codex CLI's local logs.",
        ""
    },
    subcommands = {
        BackfillCommand.class,
        RunIncrementalCommand.class,
        ReportCommand.class,
        PlotCommand.class,
        AllocateValueCommand.class,
        PricingCommand.class,
        StatusCommand.class,
        UsageCommand.class,
        InsightsCommand.class,
        CaptureCommand.class,
        WatchCommand.class,
        ServeCommand.class,
        DashboardCommand.class,
        CompletionCommand.class,
        ValidateCommand.class,
        InspectLogCommand.class,
        GenerateHomeCommand.class,
        VersionCommand.class,
        CommandLine.HelpCommand.class
    })
final class WlatCommand implements Runnable {

  @Option(names = "--json", description = "Print machine-readable JSON where a command supports it.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {Versions.APP + " " + Versions.version()};
    }
  }
}
