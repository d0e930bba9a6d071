package dev.wlat.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class RedactionTests {

  static void masked(String secret, String kind) {
    String out = Redaction.redact("before " + secret + " after");
    assertThat(out).doesNotContain(secret).contains("[redacted:" + kind + "]").startsWith("before ");
  }

  static void kept(String text) {
    assertThat(Redaction.redact(text)).isEqualTo(text);
  }

  @Test
  void plantedSecretsOfEveryKindAreMasked() {
    assertAll(
        () -> masked("ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "github_token"),
        () -> masked("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "github_token"),
        () -> masked("sk-proj-" + "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jj1Hh0Gg", "openai_key"),
        () -> masked("xoxb-123456789012-abcdefGHIJKL", "slack_token"),
        () -> masked("AKIA" + "IOSFODNN7EXAMPLE", "aws_access_key"),
        () -> masked("-----BEGIN RSA PRIVATE KEY-----", "private_key"),
        () -> masked("Bearer abcdefghijklmnop.qrstuvwx", "bearer_token"),
        () -> masked("password=hunter2hunter2", "password_assignment"),
        () -> masked("dev.person@example.com", "email"));
  }

  @Test
  void ordinaryNamesAndPathsAreLeftAlone() {
    assertAll(
        () -> kept("Refactor payments retry loop"),
        () -> kept("/home/dev/src/payments-api"),
        () -> kept("fix skip-list ordering in task-queue"),
        () -> kept("gpt-5.1-codex-max"));
  }

  @Test
  void credentialsInGitRemoteUrlsAreRemovedAndOrdinaryRemotesKept() {
    assertAll(
        () -> assertThat(Redaction.url("https://deploy-bot:S3cr3tP4ssw0rd@git.example.com/acme/x.git"))
            .isEqualTo("https://git.example.com/acme/x.git"),
        () -> assertThat(Redaction.url("https://x-access-token:ghs_abcdefghijklmnopqrstuvwxyz0123456789@github.com/a/b"))
            .isEqualTo("https://github.com/a/b"),
        () -> assertThat(Redaction.url("git@github.com:acme/payments-api.git")).isEqualTo("git@github.com:acme/payments-api.git"),
        () -> assertThat(Redaction.url("https://github.com/acme/web-console")).isEqualTo("https://github.com/acme/web-console"),
        () -> masked("https://bot:hunter2hunter2@example.com/r.git", "url_credentials"));
  }

  @Test
  void pathsKeepTheirOrdinaryComponentsAndLoseTheirSecretOnes() {
    String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    assertAll(
        () -> assertThat(Redaction.path("/home/dev/src/payments-api")).isEqualTo("/home/dev/src/payments-api"),
        () -> assertThat(Redaction.path("C:\\Users\\dev\\src\\web-console")).isEqualTo("C:\\Users\\dev\\src\\web-console"),
        () -> assertThat(Redaction.path("/home/dev/.cache/pkg@1.2.3/lib")).isEqualTo("/home/dev/.cache/pkg@1.2.3/lib"),
        () -> assertThat(Redaction.path("/home/dev/node_modules/@scope/pkg")).isEqualTo("/home/dev/node_modules/@scope/pkg"),
        () -> assertThat(Redaction.path("/srv/app:8080/logs")).isEqualTo("/srv/app:8080/logs"),
        () -> assertThat(Redaction.path("/src/svc-" + token + "/api")).isEqualTo("/src/svc-[redacted:github_token]/api"),
        () -> assertThat(Redaction.path("/Drive/GoogleDrive-dev.person@example.com/p/" + "pass" + "word=hunter2hunter2/x"))
            .isEqualTo("/Drive/[redacted:email]/p/[redacted:password_assignment]/x"),
        () -> assertThat(Redaction.path(null)).isNull(),
        () -> assertThat(Redaction.path("")).isEmpty());
  }

  @Test
  void snippetsAreCappedAtEightyCharacters() {
    String s = Redaction.snippet("x".repeat(200));
    assertThat(s).hasSize(80).endsWith("…");
  }

  private static final String[] PLANTS = {"", "ghp_" + "A".repeat(36), "sk-proj-" + "b".repeat(24), "xoxb-1234567890-abc",
      "AKIA" + "Q".repeat(16), "Bearer abcdefghijklmnop1234", "password=hunter22", "dev@example.com",
      "-----BEGIN RSA PRIVATE KEY-----", "https://u:p4ss@host/x", "git@github.com:a/b.git"};

  /** Holds for any text, with or without a planted secret of any kind: the one-scan fast path changes nothing. */
  @Test
  void textIsRewrittenExactlyWhenSomeRuleMatchesIt() {
    qt().withExamples(2000).forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 60),
        integers().between(0, PLANTS.length - 1), strings().basicLatinAlphabet().ofLengthBetween(0, 20))
        .checkAssert((before, plant, after) -> {
          String text = before + " " + PLANTS[plant] + " " + after;
          boolean matched = Redaction.firstMatch(text) != null;
          assertThat(!Redaction.redact(text).equals(text)).as(text).isEqualTo(matched);
          assertThat(Redaction.firstMatch(Redaction.redact(text))).as(text).isNull();
        });
  }
}
