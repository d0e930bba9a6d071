package dev.wlat.github.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.github.internal.RepoCache.IssueEntry;
import dev.wlat.github.internal.RepoCache.PullDetail;
import dev.wlat.github.internal.RepoCache.PullEntry;
import dev.wlat.github.internal.RepoCache.PullFile;
import dev.wlat.github.internal.RepoCache.Watermark;
import dev.wlat.model.ArtifactKind;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheFileTests {

  private static final GitHubRepo REPO = GitHubRepo.parse("acme/api");
  private static final Instant T = Instant.parse("2026-11-12T10:05:00.123Z");

  @TempDir
  Path tmp;

  private static RepoCache sample() {
    RepoCache c = new RepoCache(REPO);
    GitHubArtifact commit = new GitHubArtifact(REPO, ArtifactKind.COMMIT, "abc", T, null, "Ada \"A\" L\u00f6velace",
        "abc", null, "fix: tab\tand \u2603", null, null, "https://github.com/acme/api/commit/abc", List.of(), null,
        null, null, OutcomeType.BUGFIX, Set.of("closes:7", "ref:7"), List.of(), List.of(7, 3));
    c.commitsBySha.put("abc", commit);
    c.commits = new Watermark(null, T);
    GitHubArtifact issue = new GitHubArtifact(REPO, ArtifactKind.ISSUE, "7", T, T, "grace", null, null, "Bug",
        "closed", null, null, List.of("bug"), null, null, null, OutcomeType.BUGFIX, Set.of(), List.of(), List.of());
    c.issuesByNumber.put(7, new IssueEntry(T, issue));
    c.issues = new Watermark(T, T.plusSeconds(1));
    GitHubArtifact pull = new GitHubArtifact(REPO, ArtifactKind.PULL_REQUEST, "12", T, null, "mona", "def",
        "feature/x", "Add x", "merged", true, null, List.of("enhancement"), null, null, null, OutcomeType.UNKNOWN,
        Set.of("thread:0195c4a2-7b7e-7c3d-9f00-123456789abc"), List.of("abc"), List.of(7));
    c.pullsByNumber.put(12, new PullEntry(T, pull, new PullDetail(T,
        List.of(new PullFile("docs/a.md", 1L, 0L), new PullFile("b.java", null, null)), List.of("abc", "def"), false)));
    GitHubArtifact open = new GitHubArtifact(REPO, ArtifactKind.PULL_REQUEST, "13", T, null, null, null, null,
        null, "open", false, null, List.of(), null, null, null, OutcomeType.UNKNOWN, Set.of(), List.of(), List.of());
    c.pullsByNumber.put(13, new PullEntry(null, open, null));
    c.pulls = new Watermark(T, null);
    return c;
  }

  private static void assertSame(RepoCache a, RepoCache b) {
    assertThat(b.commits).isEqualTo(a.commits);
    assertThat(b.issues).isEqualTo(a.issues);
    assertThat(b.pulls).isEqualTo(a.pulls);
    assertThat(b.commitsBySha).isEqualTo(a.commitsBySha);
    assertThat(b.issuesByNumber).isEqualTo(a.issuesByNumber);
    assertThat(b.pullsByNumber).isEqualTo(a.pullsByNumber);
  }

  @Test
  void whatIsSavedLoadsBackEqual() throws IOException {
    Path file = CacheFile.of(tmp, REPO);
    RepoCache saved = sample();
    CacheFile.save(file, saved, T);

    assertSame(saved, CacheFile.load(file, REPO));
    assertThat(file).isEqualTo(tmp.resolve("acme/api/collection.json"));
    assertThat(file.resolveSibling("collection.json.tmp")).doesNotExist();
  }

  @Test
  void aSectionNeverFetchedStaysUnknown() throws IOException {
    Path file = CacheFile.of(tmp, REPO);
    CacheFile.save(file, new RepoCache(REPO), T);
    RepoCache loaded = CacheFile.load(file, REPO);
    assertThat(loaded.commits).isNull();
    assertThat(loaded.issues).isNull();
    assertThat(loaded.pulls).isNull();
  }

  @Test
  void aMissingDamagedForeignOrNewerFileGivesAnEmptyCache() throws IOException {
    Path file = CacheFile.of(tmp, REPO);
    assertThat(CacheFile.load(file, REPO).commits).isNull();

    CacheFile.save(file, sample(), T);
    String good = Files.readString(file);
    for (String bad : List.of("", "[]", "{", good.replace("\"format\" : 1", "\"format\" : 2"),
        good.replace("acme/api", "acme/web"), good.replace("\"bugfix\"", "\"no-such-outcome\""),
        good.replace("\"kind\" : \"commit\"", "\"kind\" : 3"))) {
      Files.writeString(file, bad);
      RepoCache loaded = CacheFile.load(file, REPO);
      assertThat(loaded.commits).as(bad.isEmpty() ? "empty" : bad.substring(0, Math.min(40, bad.length()))).isNull();
      assertThat(loaded.commitsBySha).isEmpty();
    }
  }
}
