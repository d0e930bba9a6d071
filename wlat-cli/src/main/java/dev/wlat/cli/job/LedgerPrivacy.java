package dev.wlat.cli.job;

import dev.wlat.model.Privacy;
import java.io.File;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * What a ledger or summary that names local places shows of them in a privacy mode: as written in
 * normal mode (but for path components that look like a secret or an e-mail address, redacted);
 * else files of the Codex home as {@code codex:<path in it>}, files of the output root by their
 * place in it, the two roots as {@code <codex-home>} and {@code <output-root>}, and any other
 * absolute path hashed.
 */
public final class LedgerPrivacy {

  private LedgerPrivacy() {}

  /** {@return the filter of {@code p} for texts naming {@code codexHome} (may be {@code null}) and {@code outputRoot}}. */
  public static UnaryOperator<String> filter(Privacy p, Path codexHome, Path outputRoot) {
    if (p.isNormal()) {
      return p::text; // a path named with a secret (a folder called after an e-mail address) redacted
    }
    return text -> {
      String out = text;
      if (codexHome != null) {
        for (Path home : new Path[] {codexHome.toAbsolutePath().normalize(), codexHome}) {
          out = out.replace(home + File.separator, "codex:").replace(home.toString(), "<codex-home>");
        }
      }
      for (Path root : new Path[] {outputRoot.toAbsolutePath().normalize(), outputRoot}) {
        out = out.replace(root + File.separator, "").replace(root.toString(), "<output-root>");
      }
      return p.text(out);
    };
  }
}
