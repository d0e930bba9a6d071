package dev.wlat.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wlat completion bash|zsh}: prints a shell completion script for every command and option
 * (picocli writes it from the command model, so it never falls behind the commands).
 */
@Command(name = "completion", description = "Print a shell completion script: add `source <(wlat completion bash)`"
    + " to ~/.bashrc, or `source <(wlat completion zsh)` to ~/.zshrc.")
final class CompletionCommand implements Callable<Integer> {

  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw WlatException.invalidInput("completion: SHELL must be bash or zsh, was [" + shell + "]");
    }
    CommandLine top = spec.root().commandLine();
    String script = AutoComplete.bash("wlat", top);
    // picocli's script serves both shells: under zsh it loads zsh's bash compatibility itself
    StringBuilder out = new StringBuilder(script);
    out.append("\ncomplete -F _complete_wlat -o default well-look-at-that\n");
    spec.commandLine().getOut().print(out);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
