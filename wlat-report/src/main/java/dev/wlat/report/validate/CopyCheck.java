package dev.wlat.report.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code compatibility_copy}: {@code codex_token_events.tsv} is byte for byte
 * {@code raw_token_events.tsv}. Both are read in 64 KiB blocks compared with
 * {@link Arrays#mismatch}; line breaks are counted only to name the line of the first difference.
 */
final class CopyCheck {

  static final String CHECK = "compatibility_copy";
  private static final int BLOCK = 1 << 16;

  private CopyCheck() {}

  static CheckResult run(Path root) {
    String raw = DataFiles.RAW;
    String copy = DataFiles.COPY;
    boolean hasRaw = Files.isRegularFile(root.resolve(raw));
    boolean hasCopy = Files.isRegularFile(root.resolve(copy));
    if (!hasRaw && !hasCopy) {
      return CheckResult.skipped(CHECK, "no " + raw + " and no " + copy);
    }
    Findings f = new Findings(CHECK);
    if (!hasCopy) {
      f.add(copy, 0, "missing, though " + raw + " exists");
      return f.result("");
    }
    if (!hasRaw) {
      f.add(raw, 0, "missing, though its copy " + copy + " exists");
      return f.result("");
    }
    try (InputStream a = Files.newInputStream(root.resolve(raw));
         InputStream b = Files.newInputStream(root.resolve(copy))) {
      byte[] x = new byte[BLOCK];
      byte[] y = new byte[BLOCK];
      long line = 1;
      boolean lineOpen = false;
      while (true) {
        int nx = a.readNBytes(x, 0, BLOCK);
        int ny = b.readNBytes(y, 0, BLOCK);
        int same = Arrays.mismatch(x, 0, nx, y, 0, ny);
        int upTo = same < 0 ? nx : same;
        for (int i = 0; i < upTo; i++) {
          if (x[i] == '\n') {
            line++;
          }
        }
        if (upTo > 0) {
          lineOpen = x[upTo - 1] != '\n';
        }
        if (same >= 0) {
          String where = lineOpen ? "on this line" : "before it";
          if (same == nx) {
            f.add(copy, line, "has more than " + raw + ", which ends " + where);
          } else if (same == ny) {
            f.add(copy, line, "ends " + where + "; " + raw + " goes on");
          } else {
            f.add(copy, line, "differs from " + raw + ":" + line);
          }
          break;
        }
        if (nx < BLOCK) {
          break;
        }
      }
      long rows = lineOpen ? line - 1 : line - 2;
      return f.result(String.format(Locale.ROOT, "%s is identical to %s (%,d rows)", copy, raw, Math.max(0, rows)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root.resolve(raw) + " or its copy: " + e.getMessage(), e);
    }
  }
}
