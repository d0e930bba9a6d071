package dev.wlat.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Command line entry point: {@code GenerateCodexHome [--output DIR] [--repos DIR] [--github DIR]
 * [--seed N] [--days D] [--target-bytes 100M|1G|…] [--start 2026-09-01] [--payload-bytes N]
 * [--truth FILE]}.
 *
 * <p>{@code --repos DIR} also writes the matching git repositories ({@link ExampleRepos}) into
 * {@code DIR}, which must be empty or absent. {@code --github DIR} also writes the matching GitHub
 * responses and a fake {@code gh} serving them ({@link ExampleGitHub}, run {@code DIR/gh}) into
 * {@code DIR}, which must be empty or absent; they are read from the repositories, which without
 * {@code --repos} are written into a temporary directory and deleted afterwards. Without
 * {@code --output}, the home is generated into a temporary directory and deleted afterwards: only
 * the repositories, the GitHub responses (and the truth, if asked for) are kept.
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
    Path repos = null;
    Path github = null;
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
          case "--repos" -> repos = Path.of(v);
          case "--github" -> github = Path.of(v);
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
      if (output == null && repos == null && github == null) {
        throw new IllegalArgumentException("--output DIR, --repos DIR or --github DIR is required");
      }
      if (repos != null && Files.isDirectory(repos) && !isEmpty(repos)) {
        throw new IllegalArgumentException("repos directory [%s] must be empty or absent".formatted(repos));
      }
      if (github != null && Files.isDirectory(github) && !isEmpty(github)) {
        throw new IllegalArgumentException("github directory [%s] must be empty or absent".formatted(github));
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      err.println("generate-codex-home: " + e.getMessage());
      err.println(usage());
      return 2;
    }
    Path home = output;
    Path tempRepos = null;
    try {
      long t0 = System.nanoTime();
      if (home == null) {
        home = Files.createTempDirectory("wlat-codex-home");
      }
      GroundTruth t = CodexHomeGenerator.generate(b.build(), home);
      double secs = (System.nanoTime() - t0) / 1e9;
      if (truth != null) {
        t.writeJson(truth);
      }
      if (output != null) {
        out.printf(Locale.ROOT, "wrote %s: %d threads, %d rollout files, %,d bytes in %.1f s; true total %,d tokens"
            + " (naive sum %,d)%n", output, t.threads().size(), t.files().size(), t.homeBytes(), secs,
            t.total().total(), t.naiveSum().total());
      }
      if (repos != null || github != null) {
        t0 = System.nanoTime();
        if (repos == null) {
          tempRepos = Files.createTempDirectory("wlat-repos");
        }
        RepoManifest m = ExampleRepos.write(repos != null ? repos : tempRepos, t);
        secs = (System.nanoTime() - t0) / 1e9;
        if (repos != null) {
          long branches = m.repos().stream().mapToLong(r -> r.branches().size()).sum();
          long trailers = m.repos().stream().mapToLong(r -> r.trailerCommits().size()).sum();
          long missing = m.repos().stream().mapToLong(r -> r.missingBranches().size()).sum();
          out.printf(Locale.ROOT, "wrote %s: %d repos, %d branches, %d commits (%d with a Codex-Thread trailer),"
              + " %d recorded branches left out, worktree %s on %s in %.1f s%n", repos, m.repos().size(), branches,
              m.commits().size(), trailers, missing, m.worktree().name(), m.worktree().branch(), secs);
        }
        if (github != null) {
          t0 = System.nanoTime();
          GitHubManifest gm = ExampleGitHub.write(github, m);
          secs = (System.nanoTime() - t0) / 1e9;
          List<GitHubManifest.Pull> pulls = gm.pulls();
          long merged = pulls.stream().filter(p -> p.state() == GitHubManifest.PullState.MERGED).count();
          long open = pulls.stream().filter(p -> p.state() == GitHubManifest.PullState.OPEN).count();
          long issues = gm.repos().stream().mapToLong(r -> r.issues().size()).sum();
          long closed = gm.repos().stream().flatMap(r -> r.issues().stream())
              .filter(i -> i.state() == GitHubManifest.IssueState.CLOSED).count();
          long releases = gm.repos().stream().mapToLong(r -> r.releases().size()).sum();
          out.printf(Locale.ROOT, "wrote %s: %d GitHub repos, %d pull requests (%d merged, %d open, %d closed),"
              + " %d issues (%d closed), %d releases in %.1f s; run %s%n", github, gm.repos().size(), pulls.size(),
              merged, open, pulls.size() - merged - open, issues, closed, releases, secs, github.resolve("gh"));
        }
      }
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("generate-codex-home: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("generate-codex-home: " + e.getMessage());
      return 1;
    } finally {
      if (output == null && home != null) {
        deleteQuietly(home);
      }
      if (tempRepos != null) {
        deleteQuietly(tempRepos);
      }
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory left behind is harmless
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
    return "usage: GenerateCodexHome [--output DIR] [--repos DIR] [--github DIR] (one or more) [--seed N] [--days D]"
        + " [--start YYYY-MM-DD] [--target-bytes 100M|1G] [--payload-bytes N] [--sessions-per-day MIN..MAX]"
        + " [--truth FILE]";
  }
}
