package dev.wlat.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.model.ArtifactKind;
import dev.wlat.model.Confidence;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.OutcomeType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** {@link Attributor#allocate}: over any non-empty list of links and any token count ≥ 0. */
class AllocationPropertiesTests {

  private static final GitHubRepo REPO = new GitHubRepo("acme", "api");
  private static final Confidence[] LEVELS = Confidence.values();

  private static Gen<List<OutcomeLink>> links() {
    return lists().of(integers().between(0, LEVELS.length - 1)).ofSizeBetween(1, 40).map(levels -> {
      List<OutcomeLink> out = new ArrayList<>();
      for (int i = 0; i < levels.size(); i++) {
        out.add(new OutcomeLink("t", REPO, ArtifactKind.COMMIT, "c" + i, null, OutcomeType.UNKNOWN, null, 0, 0,
            "commit_during_session", LEVELS[levels.get(i)], "e"));
      }
      return out;
    });
  }

  private static Gen<Long> tokens() {
    return longs().between(0, 1_000).mix(longs().between(0, Long.MAX_VALUE), 50);
  }

  @Test
  void sharesSumExactlyToTheThreadsTokensAndNoneExceedsThem() {
    qt().withExamples(1_000).forAll(links(), tokens()).checkAssert((links, tokens) -> {
      List<OutcomeLink> shared = Attributor.allocate(links, tokens);

      long sum = 0;
      for (OutcomeLink l : shared) {
        sum = Math.addExact(sum, l.allocatedTokens());
        assertThat(l.allocatedTokens()).isBetween(0L, tokens);
        assertThat(l.threadTokens()).isEqualTo(tokens);
      }
      assertThat(sum).isEqualTo(tokens);
    });
  }

  @Test
  void sharesAreEqualWithinOneTokenAndLinksKeepTheirOrder() {
    qt().withExamples(500).forAll(links(), tokens()).checkAssert((links, tokens) -> {
      List<OutcomeLink> shared = Attributor.allocate(links, tokens);

      assertThat(shared).extracting(OutcomeLink::artifactId)
          .isEqualTo(links.stream().map(OutcomeLink::artifactId).toList());
      long min = shared.stream().mapToLong(OutcomeLink::allocatedTokens).min().orElseThrow();
      long max = shared.stream().mapToLong(OutcomeLink::allocatedTokens).max().orElseThrow();
      assertThat(max - min).isLessThanOrEqualTo(1);
    });
  }

  @Test
  void theRemainderGoesToTheStrongestLinksFirst() {
    List<OutcomeLink> links = new ArrayList<>();
    for (Confidence c : List.of(Confidence.DERIVED, Confidence.EXACT, Confidence.STRONG)) {
      links.add(new OutcomeLink("t", REPO, ArtifactKind.COMMIT, c.label(), null, OutcomeType.UNKNOWN, null, 0, 0,
          "m", c, "e"));
    }

    assertThat(Attributor.allocate(links, 11)).extracting(OutcomeLink::allocatedTokens).containsExactly(3L, 4L, 4L);
  }

  @Test
  void noLinksShareNothing() {
    assertThat(Attributor.allocate(List.of(), 1_000)).isEmpty();
  }

  @Test
  void negativeTokensAreRefused() {
    assertThatThrownBy(() -> Attributor.allocate(List.of(), -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[-1]");
  }
}
