package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every subcommand answers {@code --help}, which every usage error tells the user to run. */
class HelpTests {

  @Test
  void everySubcommandPrintsItsUsageOnHelpAndExitsZero() {
    Set<String> names = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
        .getSubcommands().keySet();
    assertThat(names).contains("backfill", "report", "plot", "inspect-log", "generate-home", "version");
    for (String name : names) {
      if (name.equals("help")) {
        continue;
      }
      Cli.Result r = Cli.run(name, "--help");
      assertThat(r.exitCode()).as(name + "\n" + r.describe()).isZero();
      assertThat(r.out()).as(name).containsIgnoringCase("usage");
    }
  }
}
