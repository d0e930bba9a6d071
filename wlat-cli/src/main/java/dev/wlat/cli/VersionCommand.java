package dev.wlat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wlat version}: prints the application name and version (as JSON with the root's {@code --json}). */
@Command(name = "version", description = "Print the application name and version.")
final class VersionCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @ParentCommand WlatCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String version = Versions.version();
    if (root != null && root.json) {
      spec.commandLine().getOut().println("{\"app\": \"" + Versions.APP + "\", \"version\": \"" + version + "\"}");
    } else {
      spec.commandLine().getOut().println(Versions.APP + " " + version);
    }
    return ExitCodes.OK;
  }
}
