package dev.wlat.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.model.GitFacts;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThreadEvidenceTests {

  @Test
  void theLatestTurnsCwdWinsOverTheSessions() {
    assertThat(ThreadEvidence.builder("t").sessionCwd("/a").lastCwd("/b").build().cwd()).contains("/b");
    assertThat(ThreadEvidence.builder("t").sessionCwd("/a").lastCwd(" ").build().cwd()).contains("/a");
    assertThat(ThreadEvidence.builder("t").build().cwd()).isEmpty();
  }

  @Test
  void sessionGitFactsWinFieldByFieldOverTheStateDbs() {
    ThreadEvidence e = ThreadEvidence.builder("t").recordedGit(new GitFacts(null, "fix/a", null))
        .stateDbGit(new GitFacts("abc1234", "main", "git@github.com:acme/api.git")).build();

    assertThat(e.git()).isEqualTo(new GitFacts("abc1234", "fix/a", "git@github.com:acme/api.git"));
  }

  @Test
  void missingGitFactsAreNone() {
    ThreadEvidence e = new ThreadEvidence("t", null, null, null, null, null, null, null, null);

    assertThat(e.recordedGit()).isEqualTo(GitFacts.NONE);
    assertThat(e.stateDbGit()).isEqualTo(GitFacts.NONE);
  }

  @Test
  void aThreadCannotEndBeforeItStarts() {
    Instant t = Instant.parse("2026-10-01T10:00:00Z");

    assertThatThrownBy(() -> ThreadEvidence.builder("t1").span(t, t.minusSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[t1]");
  }
}
