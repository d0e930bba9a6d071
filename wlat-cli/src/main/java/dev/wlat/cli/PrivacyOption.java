package dev.wlat.cli;

import dev.wlat.model.Privacy;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** {@code --privacy-mode} for the commands that write into an output root: what their files show of local paths. */
final class PrivacyOption {

  @Option(names = "--privacy-mode", paramLabel = "MODE", defaultValue = "normal",
      description = "normal (default), redacted (no raw local path: the output root and other paths named by"
          + " placeholders or hashed) or strict (also no branch, tag or thread title).")
  String privacyMode;

  Privacy privacy() {
    return of(privacyMode);
  }

  static Privacy of(String label) {
    try {
      return Privacy.of(Privacy.Mode.ofLabel(label));
    } catch (IllegalArgumentException e) {
      throw WlatException.invalidInput("--privacy-mode: " + e.getMessage());
    }
  }

  /**
   * {@return what a written text shows in this mode}: as is in normal mode; else files under
   * {@code root} by their place in it, {@code root} itself as {@code <output-root>}, and any other
   * absolute path hashed.
   */
  UnaryOperator<String> filter(Path root) {
    return filter(privacy(), root);
  }

  static UnaryOperator<String> filter(Privacy p, Path root) {
    return dev.wlat.cli.job.LedgerPrivacy.filter(p, null, root);
  }
}
