package dev.wlat.report.validate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/*
 * raw_paths (redacted and strict modes): no absolute local path in any text output. Rollouts show as
 * codex:<path in the Codex home>, directories and repository roots as path#<hash>, the ledger names
 * the Codex home and the output root by placeholders. Not scanned: state/ (run-incremental's own
 * working file, which keeps the raw working directories to attribute kept threads again) and
 * config/ (the user's own inputs); binary files are left to the secrets scan.
 *
 * A finding names the file and line, never the path it saw.
 */
final class PathScan {

  static final String CHECK = "raw_paths";

  /** An absolute POSIX path of two segments or more (not a URL's, not after a placeholder), or a Windows one. */
  private static final Pattern ABSOLUTE = Pattern.compile("(?<![\\w.~/#:>-])(?:/[^\\s/;,()\\[\\]<>|\"'`]+){2,}"
      + "|\\b[A-Za-z]:\\\\[^\\s;,()\\[\\]<>|\"'`]+");

  private PathScan() {}

  static CheckResult run(Path root, List<String> files, PrivacyMode mode) {
    if (mode == PrivacyMode.NORMAL) {
      return CheckResult.skipped(CHECK, "normal privacy mode shows local paths (--privacy-mode redacted or strict"
          + " checks that none is left)");
    }
    Findings f = new Findings(CHECK);
    long scanned = 0;
    for (String rel : files) {
      String r = rel.replace('\\', '/');
      if (r.startsWith("state/") || r.startsWith("config/")) {
        continue;
      }
      Path p = root.resolve(rel);
      try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(p),
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
        String line;
        long n = 0;
        boolean binary = false;
        while ((line = in.readLine()) != null) {
          n++;
          if (line.indexOf('\0') >= 0) {
            binary = true;
            break;
          }
          if ((line.indexOf('/') >= 0 || line.indexOf('\\') >= 0) && ABSOLUTE.matcher(line).find()) {
            f.add(rel, n, "an absolute local path (left out here)");
          }
        }
        if (!binary) {
          scanned++;
        }
      } catch (IOException e) {
        f.add(rel, 0, "cannot be read: " + e.getClass().getSimpleName());
      }
    }
    return f.result(String.format(Locale.ROOT, "no absolute local path in %,d text files (state/ and config/ not"
        + " scanned)", scanned));
  }
}
