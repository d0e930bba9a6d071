package dev.wlat.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HomeSpecTests {

  @Test
  void defaultsHaveFourReposAndTwoPlainDirectories() {
    HomeSpec spec = HomeSpec.defaults();
    assertThat(spec.repos()).hasSize(4);
    assertThat(spec.plainDirs()).extracting(HomeSpec.PlainDir::cwd)
        .containsExactly("/home/dev/Downloads", "/home/dev/experiments/llm-eval");
    assertThat(spec.plainDirs()).allSatisfy(d -> assertThat(d.sessions()).isEqualTo(HomeSpec.Range.of(2, 4)));
    assertThat(spec.toBuilder().build()).isEqualTo(spec);
  }

  @Test
  void plainDirectoriesCanBeLeftOut() {
    assertThat(HomeSpec.builder().plainDirs(List.of()).build().plainDirs()).isEmpty();
  }

  @Test
  void aPlainDirectoryMustBeAbsolute() {
    assertThatThrownBy(() -> HomeSpec.PlainDir.of("Downloads", 1, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[Downloads]");
  }

  @Test
  void aPlainDirectoryMustNotLieInARepo() {
    assertThatThrownBy(() -> HomeSpec.builder()
        .plainDirs(List.of(HomeSpec.PlainDir.of("/home/dev/src/payments-api/tmp", 1, 1))).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[/home/dev/src/payments-api/tmp]").hasMessageContaining("acme/payments-api");
    assertThatThrownBy(() -> HomeSpec.builder()
        .plainDirs(List.of(HomeSpec.PlainDir.of("/home/dev/scratch/notes", 1, 1))).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scratch-notes");
  }

  @Test
  void aSiblingWithACommonPrefixIsNotInTheRepo() {
    HomeSpec spec = HomeSpec.builder()
        .plainDirs(List.of(HomeSpec.PlainDir.of("/home/dev/src/payments-api-old", 1, 1))).build();
    assertThat(spec.plainDirs()).hasSize(1);
  }

  @Test
  void aPlainDirectoryIsListedOnce() {
    assertThatThrownBy(() -> HomeSpec.builder().plainDirs(List.of(HomeSpec.PlainDir.of("/tmp/x", 1, 1),
        HomeSpec.PlainDir.of("/tmp/x", 2, 3))).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[/tmp/x]");
  }
}
