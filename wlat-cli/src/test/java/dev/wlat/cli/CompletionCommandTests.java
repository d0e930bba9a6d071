package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTests {

  @TempDir Path temp;

  @Test
  void theBashScriptCompletesCommandsAndTheirOptionsInARealBash() throws Exception {
    Cli.Result r = Cli.run("completion", "bash");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    Path script = Files.writeString(temp.resolve("wlat.bash"), r.out());

    assertThat(complete(script, "wlat us")).isEqualTo("usage");
    assertThat(complete(script, "wlat usage --gr")).isEqualTo("--group");
    assertThat(complete(script, "wlat pricing p")).isEqualTo("pin");
    assertThat(r.out()).contains("complete -F _complete_wlat -o default well-look-at-that");
  }

  @Test
  void zshGetsTheScriptThatLoadsZshsBashCompatibilityAndOtherShellsAreRefused() {
    Cli.Result zsh = Cli.run("completion", "zsh");
    assertThat(zsh.exitCode()).isZero();
    assertThat(zsh.out()).contains("ZSH_VERSION").contains("bashcompinit");

    Cli.Result fish = Cli.run("completion", "fish");
    assertThat(fish.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(fish.err()).contains("bash or zsh");
  }

  /** {@return what bash offers for the last word of {@code line}, space-separated}. */
  private static String complete(Path script, String line) throws Exception {
    String[] words = line.split(" ");
    String program = "source '" + script + "' 2>/dev/null; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
        + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + "; _complete_wlat 2>/dev/null;"
        + " echo \"${COMPREPLY[*]}\"";
    Process p = new ProcessBuilder(List.of("bash", "-c", program)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor()).isZero();
    return out;
  }
}
