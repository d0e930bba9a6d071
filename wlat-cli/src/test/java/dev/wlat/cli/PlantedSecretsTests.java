package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import dev.wlat.testkit.FakeGh;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hand-written Codex home, a real git repository and a fake {@code gh} whose every text field wlat
 * might read holds planted secrets of every kind: prompts (rollout and {@code history.jsonl}), tool
 * arguments and output, agent messages, the thread name, the cwd directory names (inside and outside
 * the repository), the directory holding the repository, the remote URL, a branch name, a commit subject and body, a pull request's title,
 * body, head branch and file name. Backfill (with reports and plots), run-incremental, report and
 * plot in each privacy mode must write none of them, nor its distinctive core, into any file under
 * the output root (state and caches included), and {@code wlat validate} must pass there; a secret
 * planted into an output afterwards must make it fail, naming the file.
 *
 * <p>Every secret is built from parts so that this source does not itself look like a leak.
 */
class PlantedSecretsTests {

  private static final HandRollout R = HandRollout.on("2026-05-01");
  private static final String THREAD_A = "019a8888-0000-7000-8000-00000000aaaa";
  private static final String THREAD_B = "019a8888-0000-7000-8000-00000000bbbb";
  private static final String REPO = "repos/acme/payments-api";
  private static final Instant COMMIT_AT = Instant.parse("2026-05-01T10:15:00Z");

  /** One planted secret: where, what kind, the whole value and the part of it that must never show. */
  record Plant(String place, String kind, String value, String core) {}

  private static final List<Plant> PLANTS = new ArrayList<>();

  @TempDir static Path temp;
  static Path home;
  static Path src;
  static Path repoDir;
  static String branch;
  static String sha;
  static FakeGh gh;
  static final Map<String, Path> outputs = new LinkedHashMap<>();

  // ---- the secrets, one distinct value per place and kind ----

  /** {@return {@code n} letters and digits seeded by {@code tag}, distinct per tag}. */
  private static String core(String tag, int n, boolean upper) {
    String pool = tag.replaceAll("[^A-Za-z0-9]", "") + "Q7zX2kV9wR4mT8pL3nJ6hG5";
    StringBuilder b = new StringBuilder();
    while (b.length() < n) {
      b.append(pool);
    }
    String s = b.substring(0, n);
    return upper ? s.toUpperCase(java.util.Locale.ROOT) : s;
  }

  private static Plant plant(String place, String kind) {
    String tag = place.replaceAll("[^A-Za-z]", "");
    String core;
    String value;
    switch (kind) {
      case "github_token" -> {
        core = core("Gh" + tag, 36, false);
        value = "gh" + "p_" + core;
      }
      case "openai_key" -> {
        core = core("Oa" + tag, 48, false);
        value = "sk" + "-proj-" + core;
      }
      case "aws_access_key" -> {
        core = core("Aw" + tag, 16, true);
        value = "AK" + "IA" + core;
      }
      case "slack_token" -> {
        core = core("Sl" + tag, 24, false);
        value = "xo" + "xb-" + "2718281828-3141592653589-" + core;
      }
      case "private_key" -> {
        core = core("Pk" + tag, 48, false);
        value = "-----BEGIN RSA " + "PRIVATE KEY-----\n" + "MIIEowIBAAKCAQEA" + core
            + "\n-----END RSA " + "PRIVATE KEY-----";
      }
      case "password" -> {
        core = "Hunter2" + core("Pw" + tag, 10, false);
        value = "pass" + "word=" + core;
      }
      case "email" -> {
        core = "dana." + tag.toLowerCase(java.util.Locale.ROOT) + ".whitfield";
        value = core + "@" + "acme-payments.example";
      }
      default -> throw new IllegalArgumentException(kind);
    }
    return new Plant(place, kind, value, core);
  }

  /** {@return the value of a new plant of {@code kind} at {@code place}, which no output may hold}. */
  private static Plant planted(String place, String kind) {
    Plant p = plant(place, kind);
    PLANTS.add(p);
    return p;
  }

  private static final List<String> ALL_KINDS = List.of("github_token", "openai_key", "aws_access_key",
      "slack_token", "private_key", "password", "email");

  /** {@return every kind planted at {@code place}, one per line}. */
  private static String allKinds(String place) {
    StringBuilder b = new StringBuilder();
    for (String kind : ALL_KINDS) {
      b.append(kind).append(": ").append(planted(place, kind).value()).append('\n');
    }
    return b.toString();
  }

  private static String v(String place, String kind) {
    return planted(place, kind).value();
  }

  // ---- the fixture ----

  @BeforeAll
  static void writeHomeRepoAndGh() throws Exception {
    // the repositories live under a directory named with an e-mail address, as Google Drive names its folder
    src = Files.createDirectories(temp.resolve("GoogleDrive-" + v("repo parent", "email")).resolve("src"));
    repoDir = src.resolve("payments-api");
    branch = "fix/" + v("branch", "aws_access_key") + "/" + v("branch", "github_token") + "-"
        + v("branch", "email");
    String remote = "https://deploy:" + v("remote url", "github_token") + "@github.com/acme/payments-api.git";
    // a directory inside the repository and one outside every repository, both named with secrets
    Path inRepoCwd = repoDir.resolve("svc-" + v("cwd in repo", "github_token"));
    Path outsideCwd = temp.resolve("scratch").resolve("notes-" + v("cwd outside", "aws_access_key"))
        .resolve(v("cwd outside", "email")).resolve(v("cwd outside", "password"))
        .resolve("k-" + v("cwd outside", "openai_key"));
    Files.createDirectories(inRepoCwd);
    Files.createDirectories(outsideCwd);
    String subject = "Rotate " + v("commit subject", "openai_key") + " after " + v("commit subject", "password")
        + " and " + v("commit subject", "slack_token") + " leaked";
    String body = allKinds("commit body") + "\nCodex-Thread: " + THREAD_A + "\n";
    sha = writeRepo(remote, subject, body);

    home = Files.createDirectories(temp.resolve("home/.codex"));
    Path day = Files.createDirectories(home.resolve("sessions/2026/05/01"));
    String promptA = "Deploys fail, look at this:\n" + allKinds("prompt");
    Files.writeString(day.resolve("rollout-2026-05-01T10-00-00-" + THREAD_A + ".jsonl"),
        rollout(THREAD_A, "10", inRepoCwd.toString(), "{\"branch\":" + json(branch) + ",\"repository_url\":"
            + json(remote) + ",\"commit_hash\":\"" + sha + "\"}", promptA, "tool output a"));
    String promptB = "Notes: " + allKinds("prompt b");
    Files.writeString(day.resolve("rollout-2026-05-01T11-00-00-" + THREAD_B + ".jsonl"),
        rollout(THREAD_B, "11", outsideCwd.toString(), null, promptB, "tool output b"));
    Files.writeString(home.resolve("history.jsonl"),
        "{\"session_id\":\"" + THREAD_A + "\",\"ts\":1777629600,\"text\":" + json(promptA) + "}\n"
            + "{\"session_id\":\"" + THREAD_B + "\",\"ts\":1777633200,\"text\":" + json(promptB) + "}\n");
    Files.writeString(home.resolve("session_index.jsonl"), "{\"id\":\"" + THREAD_A + "\",\"thread_name\":"
        + json("Fix " + v("thread name", "github_token") + " for " + v("thread name", "email")) + ","
        + "\"updated_at\":\"2026-05-01T10:40:00Z\"}\n");

    gh = gh(temp.resolve("gh"));
    for (String mode : List.of("normal", "redacted", "strict")) {
      outputs.put(mode, runAll(mode));
    }
  }

  /** {@return the SHA of the session commit}: main with one commit, then the secret branch with the session's. */
  private static String writeRepo(String remote, String subject, String body) throws Exception {
    TimeZone utc = TimeZone.getTimeZone(ZoneOffset.UTC);
    try (Git git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
      StoredConfig cfg = git.getRepository().getConfig();
      cfg.setString("remote", "origin", "url", remote);
      cfg.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
      cfg.save();
      Files.writeString(repoDir.resolve("README.md"), "payments\n");
      git.add().addFilepattern("README.md").call();
      PersonIdent first = new PersonIdent("Riley", "riley@example.org", java.util.Date.from(
          Instant.parse("2026-04-20T09:00:00Z")), utc);
      git.commit().setAuthor(first).setCommitter(first).setMessage("Initial commit").setSign(false).call();
      git.checkout().setCreateBranch(true).setName(branch).call();
      Files.writeString(repoDir.resolve("Retry.java"), "class Retry {}\n");
      git.add().addFilepattern("Retry.java").call();
      PersonIdent dev = new PersonIdent("Dev", v("commit author", "email"), java.util.Date.from(COMMIT_AT), utc);
      return git.commit().setAuthor(dev).setCommitter(dev).setMessage(subject + "\n\n" + body).setSign(false).call()
          .getName();
    }
  }

  private static String rollout(String thread, String hour, String cwd, String git, String prompt, String place) {
    String t = hour + ":00:";
    String args = "{\"cmd\":[\"bash\",\"-lc\",\"aws s3 ls --profile x " + v(place + " args", "aws_access_key") + " "
        + v(place + " args", "password") + "\"]}";
    return R.envelope(t + "00", "session_meta", "{\"id\":\"" + thread + "\",\"timestamp\":\"2026-05-01T" + t
            + "00.000Z\",\"cwd\":" + json(cwd) + ",\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.150.0\","
            + "\"source\":\"cli\"" + (git == null ? "" : ",\"git\":" + git) + "}")
        + R.envelope(t + "01", "turn_context", "{\"turn_id\":\"turn-1\",\"cwd\":" + json(cwd)
            + ",\"model\":\"gpt-5.1-codex\"}")
        + R.envelope(t + "02", "event_msg", "{\"type\":\"task_started\",\"turn_id\":\"turn-1\"}")
        + R.envelope(t + "02", "response_item", "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":"
            + "\"input_text\",\"text\":" + json(prompt) + "}]}")
        + R.envelope(t + "02", "event_msg", "{\"type\":\"user_message\",\"message\":" + json(prompt) + "}")
        + R.envelope(t + "03", "response_item", "{\"type\":\"function_call\",\"name\":\"exec_command\","
            + "\"arguments\":" + json(args) + ",\"call_id\":\"call_1\"}")
        + R.envelope(t + "04", "response_item", "{\"type\":\"function_call_output\",\"call_id\":\"call_1\","
            + "\"output\":" + json(allKinds(place)) + "}")
        + R.tokenCount(t + "05", HandRollout.usage(1000, 100, 50, 0, 1050), HandRollout.usage(1000, 100, 50, 0, 1050))
        + R.envelope(t + "06", "event_msg", "{\"type\":\"agent_message\",\"message\":"
            + json("Done; the bot token was " + v(place + " agent", "slack_token")) + "}")
        + R.envelope(t + "07", "event_msg", "{\"type\":\"task_complete\",\"turn_id\":\"turn-1\","
            + "\"last_agent_message\":" + json("Done " + v(place + " last", "slack_token")) + "}");
  }

  /** {@return a fake gh serving the session commit, PR #42 from its branch (secrets in title, body and a file name) and issue #7}. */
  private static FakeGh gh(Path dir) {
    String at = COMMIT_AT.toString();
    String merged = COMMIT_AT.plusSeconds(7200).toString();
    String message = json(v("gh commit subject", "openai_key") + " rotated\n\n" + allKinds("gh commit body"));
    return FakeGh.install(dir)
        .respond(REPO + "/commits", "[{\"sha\":\"" + sha + "\",\"commit\":{\"author\":{\"name\":\"Dev\",\"email\":"
            + json(v("gh commit author", "email")) + ",\"date\":\"" + at + "\"},\"committer\":{\"name\":\"Dev\","
            + "\"date\":\"" + at + "\"},\"message\":" + message + "},\"author\":{\"login\":\"dev\"},"
            + "\"html_url\":\"https://github.com/acme/payments-api/commit/" + sha + "\"}]")
        .respond(REPO + "/pulls", "[{\"number\":42,\"title\":" + json("Retry " + v("pr title", "slack_token") + " "
            + v("pr title", "github_token") + " " + v("pr title", "email") + " " + v("pr title", "password"))
            + ",\"body\":" + json("Fixes #7.\n" + allKinds("pr body")) + ",\"state\":\"closed\",\"created_at\":\""
            + COMMIT_AT.minusSeconds(600) + "\",\"updated_at\":\"" + merged + "\",\"closed_at\":\"" + merged
            + "\",\"merged_at\":\"" + merged + "\",\"merge_commit_sha\":\"" + "f".repeat(40)
            + "\",\"user\":{\"login\":\"dev\"},\"head\":{\"ref\":" + json(branch) + ",\"sha\":\"" + sha
            + "\"},\"labels\":[{\"name\":" + json("bug " + v("pr label", "aws_access_key")) + "}],"
            + "\"html_url\":\"https://github.com/acme/payments-api/pull/42\"}]")
        .respond(REPO + "/pulls/42/commits", "[{\"sha\":\"" + sha + "\",\"commit\":{\"message\":" + message
            + ",\"committer\":{\"date\":\"" + at + "\"}}}]")
        .respond(REPO + "/pulls/42/files", "[{\"filename\":" + json("config/" + v("pr file", "password") + ".env")
            + ",\"additions\":12,\"deletions\":3}]")
        .respond(REPO + "/issues", "[{\"number\":7,\"title\":" + json("Widget fails " + v("issue title", "github_token"))
            + ",\"body\":" + json(allKinds("issue body")) + ",\"state\":\"closed\",\"created_at\":\""
            + COMMIT_AT.minusSeconds(86400) + "\",\"updated_at\":\"" + merged + "\",\"closed_at\":\"" + merged
            + "\",\"user\":{\"login\":\"dev\"},\"labels\":[],\"html_url\":\"https://github.com/acme/payments-api/issues/7\"}]")
        .respond(REPO + "/releases", "[]");
  }

  /** {@return a fresh output root written by backfill, run-incremental, report and plot in {@code mode}}. */
  private static Path runAll(String mode) {
    Path out = temp.resolve("out-" + mode);
    List<String> common = List.of("--codex-home", home.toString(), "--output-root", out.toString(),
        "--repo-root", src.toString(), "--gh", gh.executable().toString(), "--privacy-mode", mode, "-q");
    List<String> backfill = new ArrayList<>(List.of("backfill", "--since", "all"));
    backfill.addAll(common);
    Cli.Result b = Cli.run(backfill.toArray(String[]::new));
    assertThat(b.exitCode()).as(mode + ": " + b.describe()).isZero();
    List<String> incremental = new ArrayList<>(List.of("run-incremental", "--window", "all"));
    incremental.addAll(common);
    Cli.Result i = Cli.run(incremental.toArray(String[]::new));
    assertThat(i.exitCode()).as(mode + ": " + i.describe()).isZero();
    for (String more : List.of("report", "plot")) {
      Cli.Result m = Cli.run(more, "--window", "all", "--output-root", out.toString(), "-q", "--privacy-mode", mode);
      assertThat(m.exitCode()).as(mode + " " + more + ": " + m.describe()).isZero();
    }
    return out;
  }

  // ---- the checks ----

  /** {@return every planted value or core found in a file under {@code out}: file, line, where it was planted}. */
  private static List<String> leaks(Path out) throws IOException {
    List<String> found = new ArrayList<>();
    for (Path f : OutputTree.files(out)) {
      // bytes as chars: a binary file (the SQLite state DB) is searched too
      String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      for (Plant p : PLANTS) {
        for (String needle : List.of(p.value(), p.core())) {
          int at = text.indexOf(needle);
          if (at >= 0) {
            long line = text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
            found.add(out.relativize(f) + ":" + line + ": " + p.kind() + " planted in " + p.place()
                + (needle.equals(p.core()) ? " (core)" : ""));
            break;
          }
        }
      }
    }
    return found;
  }

  @ParameterizedTest
  @ValueSource(strings = {"normal", "redacted", "strict"})
  void noPlantedSecretNorItsCoreReachesAnyFileUnderTheOutputRoot(String mode) throws IOException {
    Path out = outputs.get(mode);

    assertThat(OutputTree.files(out)).extracting(f -> out.relativize(f).toString())
        .anyMatch(f -> f.startsWith("data/")).anyMatch(f -> f.startsWith("reports/"))
        .anyMatch(f -> f.startsWith("plots/")).anyMatch(f -> f.startsWith("state/"))
        .anyMatch(f -> f.startsWith("cache/github/"));
    assertThat(leaks(out)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"normal", "redacted", "strict"})
  void theFixtureReallyReachedTheOutputs(String mode) throws IOException {
    Path out = outputs.get(mode);
    String events = Files.readString(out.resolve("data/github_events.tsv"));
    String links = Files.readString(out.resolve("data/token_outcome_links.tsv"));

    // the PR, its commit and its file were collected, their secrets redacted, and linked to the session
    assertThat(events).contains("[redacted:slack_token]").contains(sha);
    assertThat(links).contains(THREAD_A).contains("pull_request");
    Map<String, String> a = TsvReader.readAll(out.resolve("data/codex_threads.tsv")).stream()
        .filter(r -> r.get("thread_id").equals(THREAD_A)).findFirst().orElseThrow();
    assertThat(a.get("github_repo")).isEqualTo("acme/payments-api");
    assertThat(a.get("attribution_confidence")).isEqualTo("exact");
    if (mode.equals("normal")) {
      // the paths keep their ordinary parts; the repository is found under its redacted parent
      assertThat(a.get("repo_root")).endsWith("/[redacted:email]/src/payments-api");
      assertThat(a.get("cwd")).isEqualTo(a.get("repo_root") + "/svc-[redacted:github_token]");
      assertThat(a.get("git_branch")).isEqualTo("fix/[redacted:aws_access_key]/[redacted:github_token]-[redacted:email]");
    } else {
      // a path whose components were redacted is still a path: hashed whole, no part of it shown (in
      // redacted mode a cwd inside its repository is shown by its path there, its secret redacted).
      // state/ aside: run-incremental's working file holds the facts as read, whatever the mode
      String inRepo = mode.equals("strict") ? "svc-[redacted:github_token]" : "/svc-[redacted:github_token]";
      for (Path f : OutputTree.files(out)) {
        if (out.relativize(f).startsWith("state")) {
          continue;
        }
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
            .doesNotContain("k-[redacted:openai_key]").doesNotContain(inRepo);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"normal", "redacted", "strict"})
  void validatePassesOnEveryOutputRoot(String mode) {
    Cli.Result v = Cli.run("validate", "--output-root", outputs.get(mode).toString(), "--privacy-mode", mode);

    assertThat(v.exitCode()).as(v.describe()).isZero();
    assertThat(v.out()).contains("ok   no secrets or e-mail addresses in");
  }

  @ParameterizedTest
  @ValueSource(strings = {"normal", "redacted", "strict"})
  void validateFailsOnASecretPlantedIntoAnOutputNamingTheFileNotTheSecret(String mode) throws IOException {
    Path out = temp.resolve("planted-" + mode);
    copy(outputs.get(mode), out);
    Path report = out.resolve("reports/latest_all_summary.md");
    String token = plant("planted output " + mode, "github_token").value();
    Files.writeString(report, Files.readString(report) + "\ntoken used: " + token + "\n");

    Cli.Result v = Cli.run("validate", "--output-root", out.toString(), "--privacy-mode", mode);

    assertThat(v.exitCode()).as(v.describe()).isEqualTo(1);
    assertThat(v.out()).contains("FAIL secrets: reports/latest_all_summary.md:").contains("github_token")
        .doesNotContain(token).doesNotContain(token.substring(4));
  }

  @Test
  void validateFailsOnAnEmailAddressPlantedIntoANormalModeOutput() throws IOException {
    Path out = temp.resolve("planted-email");
    copy(outputs.get("normal"), out);
    Path threads = out.resolve("data/codex_threads.tsv");
    String email = plant("planted output email", "email").value();
    Files.writeString(threads, Files.readString(threads) + "# ask " + email + "\n");

    Cli.Result v = Cli.run("validate", "--output-root", out.toString(), "--privacy-mode", "normal");

    assertThat(v.exitCode()).as(v.describe()).isEqualTo(1);
    assertThat(v.out()).contains("FAIL secrets: data/codex_threads.tsv:").contains("email").doesNotContain(email);
  }

  private static void copy(Path from, Path to) throws IOException {
    for (Path f : OutputTree.files(from)) {
      Path t = to.resolve(from.relativize(f).toString());
      Files.createDirectories(t.getParent());
      Files.copy(f, t);
    }
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
