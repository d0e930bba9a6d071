package dev.wlat.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.wlat.model.GitHubRepo;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GitRemotesTests {

  @Test
  void everyGitHubRemoteFormNamesItsRepository() {
    assertAll(Stream.of(
        yep("git@github.com:acme/api.git"),
        yep("git@github.com:acme/api"),
        yep("ssh://git@github.com/acme/api"),
        yep("ssh://git@github.com/acme/api.git"),
        yep("ssh://git@github.com:22/acme/api.git"),
        yep("ssh://git@ssh.github.com:443/acme/api.git"),
        yep("git+ssh://git@github.com/acme/api.git"),
        yep("https://github.com/acme/api"),
        yep("https://github.com/acme/api.git"),
        yep("https://github.com/acme/api/"),
        yep("https://github.com/acme/api.git/"),
        yep("http://github.com/acme/api"),
        yep("https://user:ghp_token123@github.com/acme/api.git"),
        yep("https://x-access-token@github.com/acme/api"),
        yep("git://github.com/acme/api"),
        yep("github.com:acme/api"),
        yep("github.com/acme/api"),
        yep("https://www.github.com/acme/api"),
        yep("https://GitHub.COM/Acme/API.git"),
        yep("  git@github.com:acme/api.git\n")));
  }

  @Test
  void otherHostsAndNonRemotesAreNotGitHub() {
    assertAll(Stream.of(
        nope("git@gitlab.com:acme/api.git"),
        nope("https://gitlab.com/acme/api"),
        nope("https://github.acme.corp/acme/api.git"),
        nope("git@github.acme.corp:acme/api.git"),
        nope("https://notgithub.com/acme/api"),
        nope("https://github.com.evil.example/acme/api"),
        nope("file:///src/api"),
        nope("/src/api"),
        nope("../api"),
        nope("acme/api"),
        nope("https://github.com/acme"),
        nope("https://github.com/acme/api/tree/main"),
        nope("https://github.com/"),
        nope(""),
        nope(null)));
  }

  @Test
  void theRepositoryIsComparedWithoutCase() {
    assertThat(GitRemotes.parseGitHub("git@github.com:Acme/Api.git"))
        .isEqualTo(GitRemotes.parseGitHub("https://github.com/acme/api"));
  }

  @Test
  void credentialsQueriesAndFragmentsAreRemovedFromUrls() {
    assertAll(
        () -> assertThat(GitRemotes.withoutCredentials("https://user:ghp_secret@github.com/acme/api.git"))
            .isEqualTo("https://github.com/acme/api.git"),
        () -> assertThat(GitRemotes.withoutCredentials("https://ghp_secret@gitlab.com/acme/api.git"))
            .isEqualTo("https://gitlab.com/acme/api.git"),
        () -> assertThat(GitRemotes.withoutCredentials("https://gitlab.com/acme/api.git?private_token=abc#x"))
            .isEqualTo("https://gitlab.com/acme/api.git"),
        () -> assertThat(GitRemotes.withoutCredentials("ssh://git@github.com:22/acme/api.git"))
            .isEqualTo("ssh://git@github.com:22/acme/api.git"),
        () -> assertThat(GitRemotes.withoutCredentials("ssh://me:pw@host/acme/api.git"))
            .isEqualTo("ssh://host/acme/api.git"),
        () -> assertThat(GitRemotes.withoutCredentials("git@github.com:acme/api.git"))
            .isEqualTo("git@github.com:acme/api.git"),
        () -> assertThat(GitRemotes.withoutCredentials(null)).isNull());
  }

  private static Executable yep(String url) {
    return () -> assertThat(GitRemotes.parseGitHub(url)).as(url).isEqualTo(Optional.of(new GitHubRepo("acme", "api")));
  }

  private static Executable nope(String url) {
    return () -> assertThat(GitRemotes.parseGitHub(url)).as(String.valueOf(url)).isEmpty();
  }
}
