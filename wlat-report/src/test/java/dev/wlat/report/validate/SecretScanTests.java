package dev.wlat.report.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTests {

  /** One fake secret of each kind the rules know. */
  static final Map<String, String> SECRETS = Map.of(
      "github_token", "ghp_" + "Ab1".repeat(12),
      "openai_key", "sk-proj-" + "x9Y".repeat(10),
      "slack_token", "xoxb-1234567890-abcdefghij",
      "aws_access_key", "AKIA" + "ABCDEFGHIJKLMNOP",
      "private_key", "-----BEGIN RSA PRIVATE KEY-----",
      "bearer_token", "Authorization: Bearer abcdefghijklmnop1234",
      "password_assignment", "db password=hunter2hunter2",
      "url_credentials", "https://deploy:s3cr3tpass@example.com/repo.git");

  @TempDir Path root;

  private Path write(String relative, String text) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private SecretScan.Result scan(PrivacyMode mode, String... files) {
    return SecretScan.scan(root, List.of(files), mode);
  }

  @Test
  void everyKindIsReportedWithItsFileLineAndKindButNeverItsText() throws IOException {
    StringBuilder text = new StringBuilder("header\tline\n");
    List<String> kinds = SECRETS.keySet().stream().sorted().toList();
    for (String k : kinds) {
      text.append("cell\t").append(SECRETS.get(k)).append('\n');
    }
    write("data/x.tsv", text.toString());

    CheckResult r = scan(PrivacyMode.NORMAL, "data/x.tsv").check();

    assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(r.findings()).map(Finding::toString)
        .containsExactlyElementsOf(kinds.stream().map(k -> "data/x.tsv:" + (kinds.indexOf(k) + 2) + ": " + k).toList());
    String everything = r.detail() + r.findings();
    for (String secret : SECRETS.values()) {
      assertThat(everything).doesNotContain(secret);
    }
  }

  @Test
  void emailAddressesCountInEveryModeAndGitRemotesNever() throws IOException {
    write("reports/notes.md", "remote git@github.com:acme/api.git and ssh://git@github.com/acme/api\n"
        + "mail alice@example.com\n");
    write("reports/remotes.md", "git@github.com:acme/api.git ssh://git@gitlab.example.com/acme/api.git\n"
        + "git@gitlab.example.com:team/api.git /home/dev/.cache/pkg@1.2.3/lib\n");

    for (PrivacyMode m : PrivacyMode.values()) {
      assertThat(scan(m, "reports/remotes.md").check().status()).as(m.label()).isEqualTo(CheckStatus.OK);
      assertThat(scan(m, "reports/notes.md").check().findings()).map(Finding::toString)
          .containsExactly("reports/notes.md:2: email");
    }
  }

  @Test
  void aSecretIsFoundWhereverTheChunksOfALongLineAreCut() throws IOException {
    // lines are scanned in chunks that overlap by more than a secret is long: move a secret across
    // every cut of 64-char chunks, fed 3 chars at a time, and it is found on its line every time
    String secret = SECRETS.get("github_token");
    StringBuilder text = new StringBuilder();
    int lines = 150;
    for (int i = 0; i < lines; i++) {
      text.append("a".repeat(i)).append(' ').append(secret).append(' ').append("b".repeat(200)).append('\n');
    }

    List<Finding> found = SecretScan.scanText("x.json", new TrickleReader(text.toString(), 3), PrivacyMode.NORMAL, 64, 48);

    assertThat(found).map(Finding::place).containsExactlyElementsOf(
        IntStream.rangeClosed(1, lines).mapToObj(n -> "x.json:" + n).toList());
    assertThat(found).map(Finding::what).containsOnly("github_token");
  }

  @Test
  void aVeryLongLineIsScannedToItsEnd() throws IOException {
    String secret = SECRETS.get("openai_key");
    write("cache/github/acme/api/collection.json",
        "{\n" + "a".repeat(3 << 20) + " " + secret + " " + "b".repeat(1 << 16) + "\n}");

    SecretScan.Result r = scan(PrivacyMode.NORMAL, "cache/github/acme/api/collection.json");

    assertThat(r.check().findings()).map(Finding::toString)
        .containsExactly("cache/github/acme/api/collection.json:2: openai_key");
    assertThat(r.lines()).isEqualTo(3);
  }

  /** Hands out at most {@code n} chars per read, as a slow stream would. */
  private static final class TrickleReader extends Reader {
    private final String text;
    private final int n;
    private int at;

    TrickleReader(String text, int n) {
      this.text = text;
      this.n = n;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (at >= text.length()) {
        return -1;
      }
      int k = Math.min(Math.min(len, n), text.length() - at);
      text.getChars(at, at + k, buf, off);
      at += k;
      return k;
    }

    @Override
    public void close() {}
  }

  @Test
  void linesAreCountedWithCrLfAndWithoutAFinalLineBreak() throws IOException {
    write("a.md", "one\r\ntwo\r\n" + SECRETS.get("slack_token"));

    SecretScan.Result r = scan(PrivacyMode.NORMAL, "a.md");

    assertThat(r.check().findings()).map(Finding::place).containsExactly("a.md:3");
    assertThat(r.lines()).isEqualTo(3);
  }

  @Test
  void aBinaryFileIsScannedAsBytesSoACleanOnePassesEveryModeAndASecretInsideIsFound() throws IOException {
    Path png = root.resolve("plots/x.png");
    Files.createDirectories(png.getParent());
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
    Path db = root.resolve("state/wlat_state.sqlite");
    Files.createDirectories(db.getParent());
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.write(new byte[] {'S', 'Q', 'L', 0, 1, 2, (byte) 0xFE});
    bytes.write(("/home/dev/" + SECRETS.get("github_token")).getBytes(StandardCharsets.UTF_8));
    bytes.write(new byte[] {0, 7});
    Files.write(db, bytes.toByteArray());

    SecretScan.Result normal = scan(PrivacyMode.NORMAL, "plots/x.png");
    SecretScan.Result strict = scan(PrivacyMode.STRICT, "plots/x.png");
    SecretScan.Result state = scan(PrivacyMode.NORMAL, "state/wlat_state.sqlite");

    assertThat(normal.check().status()).isEqualTo(CheckStatus.OK);
    assertThat(normal.check().detail()).contains("1 binary files scanned as bytes");
    assertThat(normal.unscannable()).isEmpty();
    assertThat(strict.check().status()).isEqualTo(CheckStatus.OK);
    assertThat(state.check().findings()).map(Finding::toString).singleElement().asString()
        .startsWith("state/wlat_state.sqlite:").contains("github_token");
  }

  @Test
  void aSymbolicLinkIsNotedAndNotFollowed() throws IOException {
    Path outside = Files.writeString(root.resolveSibling(root.getFileName() + "-outside.txt"), SECRETS.get("openai_key"));
    Files.createDirectories(root.resolve("data"));
    Files.createSymbolicLink(root.resolve("data/link.tsv"), outside);
    try {
      SecretScan.Result normal = scan(PrivacyMode.NORMAL, "data/link.tsv");
      SecretScan.Result strict = scan(PrivacyMode.STRICT, "data/link.tsv");

      assertThat(normal.check().status()).isEqualTo(CheckStatus.OK);
      assertThat(normal.unscannable()).containsExactly("data/link.tsv");
      assertThat(strict.check().detail()).isEqualTo("data/link.tsv: a symbolic link, not followed");
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void invalidUtf8DoesNotHideTheSecretBesideIt() throws IOException {
    Path f = root.resolve("runs/x.md");
    Files.createDirectories(f.getParent());
    byte[] secret = SECRETS.get("aws_access_key").getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[secret.length + 3];
    bytes[0] = (byte) 0xC3;
    bytes[1] = ' ';
    System.arraycopy(secret, 0, bytes, 2, secret.length);
    bytes[bytes.length - 1] = '\n';
    Files.write(f, bytes);

    assertThat(scan(PrivacyMode.NORMAL, "runs/x.md").check().findings()).map(Finding::toString)
        .containsExactly("runs/x.md:1: aws_access_key");
  }

  @Test
  void cleanFilesPassAndTheDetailSaysWhatWasScanned() throws IOException {
    write("data/a.tsv", "event_id\tevent_kind\ttotal_tokens\n1\ttoken_count\t5\n");
    write("reports/b.md", "# nothing to see\n");

    CheckResult r = scan(PrivacyMode.REDACTED, "data/a.tsv", "reports/b.md").check();

    assertThat(r.status()).isEqualTo(CheckStatus.OK);
    assertThat(r.detail()).isEqualTo("no secrets or e-mail addresses in 2 text files (3 lines) under " + root);
  }

  @Test
  void hintsAreANecessaryConditionFoundInOnePass() {
    assertThat(SecretScan.hints("event_kind\ttoken_count\tcumulative_total_tokens")).isZero();
    assertThat(SecretScan.hints("Authorization: BEARER x")).isNotZero();
    assertThat(SecretScan.hints("API-Key : x")).isEqualTo(SecretScan.hints("token= x")).isNotZero();
    assertThat(SecretScan.at("xAPI", 1, "api", true)).isTrue();
    assertThat(SecretScan.at("bea", 0, "bearer", true)).isFalse();
    assertThat(SecretScan.isRemoteUserInfo("git@github.com:acme/x", 0, 14)).isTrue();
    assertThat(SecretScan.isRemoteUserInfo("mail git@github.com.", 5, 19)).isFalse();
    assertThat(SecretScan.isRemoteUserInfo("ssh://git@github.com/a/b", 6, 20)).isTrue();
    assertThat(SecretScan.isRemoteUserInfo("https://u:pw@ex.com/r", 10, 19)).isTrue();
    assertThat(SecretScan.isRemoteUserInfo("see /a/b alice@ex.com", 9, 21)).isFalse();
  }

  @Test
  void rulesThatIgnoreCaseAreFoundInAnyCase() throws IOException {
    write("a.txt", "AUTHORIZATION: BEARER ABCDEFGHIJKLMNOP1234\nDB PASSWORD = HUNTER2HUNTER2\nApi-Key: abcd1234\n"
        + "SECRET:s3cr3tvalue\n");

    assertThat(scan(PrivacyMode.NORMAL, "a.txt").check().findings()).map(Finding::toString).containsExactly(
        "a.txt:1: bearer_token", "a.txt:2: password_assignment", "a.txt:3: password_assignment",
        "a.txt:4: password_assignment");
  }
}
