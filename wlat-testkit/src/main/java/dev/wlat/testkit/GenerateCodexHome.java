package dev.wlat.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Command line entry point: {@code GenerateCodexHome --output DIR [--seed N] [--days D]
 * [--target-bytes 100M|1G|…] [--start 2026-09-01] [--payload-bytes N] [--truth FILE]}.
 *
 * <p>Exit codes: 0 ok, 2 invalid arguments, 1 failure.
 */
public final class GenerateCodexHome {
  private GenerateCodexHome() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; {@return the exit code}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    HomeSpec.Builder b = HomeSpec.builder();
    Path output = null;
    Path truth = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("-h") || a.equals("--help")) {
          out.println(usage());
          return 0;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for " + a);
        }
        String v = args[++i];
        switch (a) {
          case "--output" -> output = Path.of(v);
          case "--truth" -> truth = Path.of(v);
          case "--seed" -> b.seed(Long.parseLong(v));
          case "--days" -> b.days(Integer.parseInt(v));
          case "--start" -> b.start(LocalDate.parse(v));
          case "--target-bytes" -> b.targetBytes(parseSize(v));
          case "--payload-bytes" -> b.payloadBytes((int) parseSize(v));
          case "--sessions-per-day" -> {
            String[] p = v.split("\\.\\.|-");
            b.sessionsPerDay(Integer.parseInt(p[0]), Integer.parseInt(p[p.length - 1]));
          }
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (output == null) {
        throw new IllegalArgumentException("--output DIR is required");
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      err.println("generate-codex-home: " + e.getMessage());
      err.println(usage());
      return 2;
    }
    try {
      long t0 = System.nanoTime();
      GroundTruth t = CodexHomeGenerator.generate(b.build(), output);
      double secs = (System.nanoTime() - t0) / 1e9;
      if (truth != null) {
        t.writeJson(truth);
      }
      out.printf(Locale.ROOT, "wrote %s: %d threads, %d rollout files, %,d bytes in %.1f s; true total %,d tokens"
          + " (naive sum %,d)%n", output, t.threads().size(), t.files().size(), t.homeBytes(), secs,
          t.total().total(), t.naiveSum().total());
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("generate-codex-home: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("generate-codex-home: " + e.getMessage());
      return 1;
    }
  }

  /** {@return bytes for {@code 1G}, {@code 100M}, {@code 512K}, {@code 1000} (binary units)}. */
  static long parseSize(String s) {
    String v = s.trim().toUpperCase(Locale.ROOT);
    if (v.endsWith("B")) {
      v = v.substring(0, v.length() - 1);
    }
    long mul = 1;
    if (v.endsWith("K")) {
      mul = 1L << 10;
    } else if (v.endsWith("M")) {
      mul = 1L << 20;
    } else if (v.endsWith("G")) {
      mul = 1L << 30;
    }
    if (mul != 1) {
      v = v.substring(0, v.length() - 1);
    }
    try {
      return Math.round(Double.parseDouble(v) * mul);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("size [" + s + "] must look like 100M or 1G");
    }
  }

  private static String usage() {
    return "usage: GenerateCodexHome --output DIR [--seed N] [--days D] [--start YYYY-MM-DD]"
        + " [--target-bytes 100M|1G] [--payload-bytes N] [--sessions-per-day MIN..MAX] [--truth FILE]";
  }
}
