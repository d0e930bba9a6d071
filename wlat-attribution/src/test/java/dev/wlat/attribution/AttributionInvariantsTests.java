package dev.wlat.attribution;

import static dev.wlat.attribution.World.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.model.Attribution;
import dev.wlat.model.Confidence;
import dev.wlat.model.GitFacts;
import dev.wlat.model.OutcomeLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariants of attribution over random evidence drawn from {@link World}'s cwds, origins, branches,
 * commits, process cwds and session windows (D-1 to D+7), with and without an override file.
 */
class AttributionInvariantsTests {

  private static final String SECRET = "ghp_PLANTEDINVARIANT0000";

  @TempDir static Path tmp;
  static World world;
  static List<Attributor> attributors;
  static List<String> cwds;
  static List<String> origins;
  static List<String> branches;
  static List<String> commits;
  static List<String> threads;

  @BeforeAll
  static void setUp() throws IOException {
    world = new World(tmp);
    Path overrides = tmp.resolve("overrides.tsv");
    Files.writeString(overrides, "match_kind\tmatch_value\tgithub_repo\tworkstream_label\toutcome_type\tnote\n"
        + "path_prefix\t" + world.localOnly + "\t\tlocal-work\t\n"
        + "thread_id\tt-3\tacme/ops\t\tinfra\n");
    attributors = List.of(world.attributor(),
        Attributor.create(world.index, AttributionOverrides.read(overrides), world.artifacts),
        Attributor.create(world.index, AttributionOverrides.EMPTY, List.of()));
    cwds = new ArrayList<>(List.of(world.api.toString(), world.api + "/src/deep", world.apiRetry.toString(),
        world.localOnly.toString(), tmp.resolve("src/notes").toString(), "/old/laptop/api", "/old/laptop/remote-only",
        "/elsewhere/x", "relative/path", ""));
    cwds.add(null);
    origins = new ArrayList<>(List.of("git@github.com:acme/api.git", "https://u:" + SECRET + "@github.com/acme/api",
        "https://github.com/acme/remote-only.git", "git@github.com:acme/other.git",
        "https://u:" + SECRET + "@gitlab.com/a/b.git"));
    origins.add(null);
    branches = new ArrayList<>(List.of("fix/retry", "docs/x", "feat/open-pr", "feat/123-login", "issue/77-docs", "main",
        "gone/branch"));
    branches.add(null);
    commits = new ArrayList<>(List.of(world.base, world.c1, world.m1, "a".repeat(40), "0".repeat(40)));
    commits.add(null);
    threads = List.of("t-1", "t-2", "t-3", World.MENTION, World.PR_MENTION, World.ADOPT);
  }

  private static <T> T pick(Random r, List<T> from) {
    return from.get(r.nextInt(from.size()));
  }

  private static ThreadEvidence evidence(Random r) {
    GitFacts git = r.nextInt(4) == 0 ? GitFacts.NONE
        : new GitFacts(pick(r, commits), pick(r, branches), pick(r, origins));
    ThreadEvidence.Builder b = ThreadEvidence.builder(pick(r, threads)).sessionCwd(pick(r, cwds))
        .lastCwd(pick(r, cwds)).processCwd(r.nextInt(3) == 0 ? pick(r, cwds) : null);
    if (r.nextBoolean()) {
      b.recordedGit(git);
    } else {
      b.stateDbGit(git);
    }
    if (r.nextInt(5) > 0) {
      Instant first = at(-1, 0, 0).plus(Duration.ofMinutes(r.nextInt(8 * 24 * 60)));
      b.span(first, first.plus(Duration.ofMinutes(r.nextInt(6 * 60))));
    }
    return b.build();
  }

  @Test
  void linksThatAreNotExactNeverExceedTheThreadsRepoConfidence() {
    qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      ThreadAttribution t = pick(r, attributors).attribute(evidence(r));

      for (OutcomeLink l : t.links()) {
        if (l.confidence() != Confidence.EXACT) {
          assertThat(l.confidence().ordinal()).as("%s under %s", l, t.attribution())
              .isGreaterThanOrEqualTo(t.attribution().confidence().ordinal());
        }
      }
    });
  }

  @Test
  void everyAttributionIsCompleteOneLineAndSecretFree() {
    qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      ThreadEvidence e = evidence(r);
      ThreadAttribution t = pick(r, attributors).attribute(e);
      Attribution a = t.attribution();

      assertThat(a.threadId()).isEqualTo(e.threadId());
      assertThat(a.workstreamLabel()).isNotBlank();
      assertThat(a.method()).isNotBlank();
      List<String> texts = new ArrayList<>(t.links().stream().map(OutcomeLink::evidence).toList());
      texts.add(a.evidence());
      texts.add(a.workstreamLabel());
      for (String s : texts) {
        assertThat(s).doesNotContain(SECRET).doesNotContain("SUBJECT").doesNotContain("\n").doesNotContain("\t");
      }
      if (a.repoRoot() != null) {
        assertThat(world.index.repos()).extracting(x -> x.root().toString()).contains(a.repoRoot());
      }
      if (a.confidence() == Confidence.NONE) {
        assertThat(a.githubRepo()).isNull();
        assertThat(t.links()).isEmpty();
      }
      Set<String> keys = t.links().stream().map(l -> l.repo() + "#" + l.artifactKind() + ":" + l.artifactId())
          .collect(Collectors.toSet());
      assertThat(keys).as("one link per artifact").hasSize(t.links().size());
    });
  }

  @Test
  void attributingIsDeterministic() {
    qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
      ThreadEvidence e = evidence(new Random(seed));
      for (Attributor a : attributors) {
        assertThat(a.attribute(e)).isEqualTo(a.attribute(e));
      }
    });
  }
}
