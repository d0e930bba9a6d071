package dev.wlat.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrivacyTests {

  private static final Privacy REDACTED = Privacy.of(Privacy.Mode.REDACTED);
  private static final Privacy STRICT = Privacy.of(Privacy.Mode.STRICT);

  @Test
  void normalShowsEverythingAsItIs() {
    Privacy p = Privacy.NORMAL;
    assertThat(p.cwd("/home/alice/src/x", null)).isEqualTo("/home/alice/src/x");
    assertThat(p.sourcePath("/home/alice/.codex/sessions/a.jsonl", "sessions/a.jsonl"))
        .isEqualTo("/home/alice/.codex/sessions/a.jsonl");
    assertThat(p.workstream("cwd:src/x")).isEqualTo("cwd:src/x");
    assertThat(p.text("cwd /home/alice/src/x in no repo")).isEqualTo("cwd /home/alice/src/x in no repo");
    assertThat(p.text("roots: /Drive/GoogleDrive-alice@example.com/src; remote git@github.com:acme/x.git"))
        .isEqualTo("roots: /Drive/[redacted:email]/src; remote git@github.com:acme/x.git");
  }

  @Test
  void aPathWithARedactedComponentIsHashedWhole() {
    String hashed = REDACTED.localPath("/home/alice/[redacted:email]/src/x");
    assertThat(REDACTED.text("current: cwd /home/alice/[redacted:email]/src/x in no discovered repo"))
        .isEqualTo("current: cwd " + hashed + " in no discovered repo");
  }

  @Test
  void redactedShowsRolloutsByTheirPlaceInTheHomeAndHashesDirectoriesTheSameEverywhere() {
    assertThat(REDACTED.sourcePath("/home/alice/.codex/sessions/2026/09/01/a.jsonl", "sessions/2026/09/01/a.jsonl"))
        .isEqualTo("codex:sessions/2026/09/01/a.jsonl");
    String hashed = REDACTED.cwd("/home/alice/src/x", null);
    assertThat(hashed).matches("path#[0-9a-f]{8}").isEqualTo(REDACTED.localPath("/home/alice/src/x"))
        .isEqualTo(REDACTED.cwd("/home/alice/src/x/", null));
    assertThat(REDACTED.cwd("/home/alice/src/y", null)).isNotEqualTo(hashed);
    assertThat(REDACTED.text("current: cwd /home/alice/src/x in no discovered repo; origin=acme/x"))
        .isEqualTo("current: cwd " + hashed + " in no discovered repo; origin=acme/x");
  }

  @Test
  void redactedShowsADirectoryInsideItsRepositoryByItsPathThereButStrictHashesIt() {
    assertThat(REDACTED.cwd("/home/alice/src/x/api", "/home/alice/src/x")).isEqualTo("api");
    assertThat(REDACTED.cwd("/home/alice/src/x", "/home/alice/src/x")).isEqualTo(".");
    assertThat(REDACTED.cwd("/home/alice/src/xy", "/home/alice/src/x")).startsWith("path#");
    assertThat(STRICT.cwd("/home/alice/src/x/api", "/home/alice/src/x")).startsWith("path#");
  }

  @Test
  void unnamedProjectsAreHashedAndStrictAlsoHashesBranchesTagsAndDropsTitles() {
    assertThat(REDACTED.workstream("cwd:scratch/notes")).matches("cwd:#[0-9a-f]{8}");
    assertThat(REDACTED.workstream("acme/web:main")).isEqualTo("acme/web:main");
    assertThat(STRICT.workstream("acme/web:feature/secret")).matches("acme/web:#[0-9a-f]{8}");
    assertThat(REDACTED.branch("feature/secret")).isEqualTo("feature/secret");
    assertThat(STRICT.branch("feature/secret")).matches("#[0-9a-f]{8}");
    assertThat(STRICT.tag("v1.2.3-secret")).matches("#[0-9a-f]{8}");
    assertThat(REDACTED.title("fix the login")).isEqualTo("fix the login");
    assertThat(STRICT.title("fix the login")).isNull();
    assertThat(STRICT.text("as-of-session: origin=acme/web branch=feature/secret commit=abc"))
        .isEqualTo("as-of-session: origin=acme/web branch=(hidden) commit=abc");
  }

  @Test
  void remotesKeepOnlyTheirGitHubNameInRedactedModeAndNothingInStrict() {
    assertThat(REDACTED.remoteUrl("https://alice:tok@github.com/acme/web.git")).isEqualTo("github.com/acme/web");
    assertThat(REDACTED.remoteUrl("git@github.com:acme/web.git")).isEqualTo("github.com/acme/web");
    assertThat(REDACTED.remoteUrl("ssh://git.corp.example/team/secret.git")).matches("remote#[0-9a-f]{8}");
    assertThat(STRICT.remoteUrl("git@github.com:acme/web.git")).matches("remote#[0-9a-f]{8}");
  }

  @Test
  void anAttributionIsShownWholeByTheMode() {
    Attribution a = new Attribution("t1", "/home/alice/src/x", GitHubRepo.parse("acme/x"), "feature/secret", "abc",
        "acme/x:feature/secret", OutcomeType.UNKNOWN, Confidence.STRONG, "local_repo",
        "cwd /home/alice/src/x/api in /home/alice/src/x");
    Attribution s = STRICT.attribution(a);
    assertThat(s.repoRoot()).startsWith("path#");
    assertThat(s.branch()).startsWith("#");
    assertThat(s.workstreamLabel()).startsWith("acme/x:#");
    assertThat(s.evidence()).doesNotContain("/home/alice");
    assertThat(s.githubSlug()).isEqualTo("acme/x");
    assertThat(Privacy.NORMAL.attribution(a)).isSameAs(a);
  }

  @Test
  void modesAreNamedByTheirLabels() {
    assertThat(Privacy.Mode.ofLabel("strict")).isEqualTo(Privacy.Mode.STRICT);
    assertThatThrownBy(() -> Privacy.Mode.ofLabel("paranoid")).hasMessageContaining("normal, redacted or strict");
  }
}
