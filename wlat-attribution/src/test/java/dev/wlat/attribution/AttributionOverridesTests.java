package dev.wlat.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.wlat.attribution.AttributionOverride.MatchKind;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class AttributionOverridesTests {

  private static final String HEADER = "match_kind\tmatch_value\tgithub_repo\tworkstream_label\toutcome_type\tnote\n";
  private static final String THREAD = "019a0f6e-7c2b-7d10-9a55-6f1e2d3c4b5a";

  @TempDir Path tmp;

  private Path file(String text) throws IOException {
    Path f = tmp.resolve("overrides.tsv");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void rowsAreReadWithCommentsBlankLinesAndOptionalCells() throws IOException {
    AttributionOverrides o = AttributionOverrides.read(file("# hand-made mappings\n\n" + HEADER
        + "thread_id\t" + THREAD.toUpperCase() + "\tacme/api\tapi:login\tbugfix\tasked by Ada\n"
        + "  # a comment between rows\n"
        + "path_prefix\t/src/research/\t\tresearch\n"
        + "path_prefix\t/src/api\tAcme/API\r\n"));

    assertThat(o.rows()).containsExactly(
        new AttributionOverride(MatchKind.THREAD_ID, THREAD, new GitHubRepo("acme", "api"), "api:login",
            OutcomeType.BUGFIX, "asked by Ada", 4),
        new AttributionOverride(MatchKind.PATH_PREFIX, "/src/research", null, "research", null, null, 6),
        new AttributionOverride(MatchKind.PATH_PREFIX, "/src/api", new GitHubRepo("acme", "api"), null, null, null, 7));
  }

  @Test
  void aHeaderWithoutTheNoteColumnIsAccepted() throws IOException {
    AttributionOverrides o = AttributionOverrides.read(file(
        "match_kind\tmatch_value\tgithub_repo\tworkstream_label\toutcome_type\nthread_id\tt1\tacme/api\n"));

    assertThat(o.rows()).hasSize(1);
  }

  @Test
  void aThreadIdRowBeatsAnyPathRow() throws IOException {
    AttributionOverrides o = AttributionOverrides.read(file(HEADER
        + "path_prefix\t/src/api\tacme/api\n"
        + "thread_id\t" + THREAD + "\tacme/other\n"));

    assertThat(o.match(THREAD, "/src/api/x")).map(AttributionOverride::githubRepo)
        .contains(new GitHubRepo("acme", "other"));
    assertThat(o.match("another-thread", "/src/api/x")).map(AttributionOverride::githubRepo)
        .contains(new GitHubRepo("acme", "api"));
  }

  @Test
  void theLongestPathPrefixWinsComponentWise() throws IOException {
    AttributionOverrides o = AttributionOverrides.read(file(HEADER
        + "path_prefix\t/src\t\tsrc\n"
        + "path_prefix\t/src/api/tools\t\ttools\n"
        + "path_prefix\t/src/api\t\tapi\n"));

    assertAll(
        () -> assertThat(o.match("t", "/src/api/tools/gen")).map(AttributionOverride::workstreamLabel)
            .contains("tools"),
        () -> assertThat(o.match("t", "/src/api/lib")).map(AttributionOverride::workstreamLabel).contains("api"),
        () -> assertThat(o.match("t", "/src/api")).map(AttributionOverride::workstreamLabel).contains("api"),
        () -> assertThat(o.match("t", "/src/apix")).map(AttributionOverride::workstreamLabel).contains("src"),
        () -> assertThat(o.match("t", "/srcx/api")).isEmpty(),
        () -> assertThat(o.match("t", null)).isEmpty());
  }

  @Test
  void anEmptyOverridesMatchesNothing() {
    assertThat(AttributionOverrides.EMPTY.match(THREAD, "/src")).isEmpty();
    assertThat(AttributionOverrides.EMPTY.rows()).isEmpty();
  }

  @Test
  void aFileWithOnlyCommentsHasNoRows() throws IOException {
    assertThat(AttributionOverrides.read(file("# nothing yet\n\n")).rows()).isEmpty();
  }

  @Test
  void malformedFilesAreOneLineErrorsNamingFileLineAndColumn() throws IOException {
    Path f = tmp.resolve("overrides.tsv");
    assertAll(Stream.of(
        fails(HEADER + "thread_id\tt1\tacme/api\n\n# fine so far\nthread_id\tt2\tnot a repo\n",
            f + ":5: column github_repo: [not a repo] must look like owner/name"),
        fails(HEADER + "thread_ids\tt1\tacme/api\n",
            f + ":2: column match_kind: [thread_ids] must be thread_id or path_prefix"),
        fails(HEADER + "thread_id\t\tacme/api\n", f + ":2: column match_value: must not be empty"),
        fails(HEADER + "path_prefix\tsrc/api\tacme/api\n",
            f + ":2: column match_value: [src/api] must be an absolute path"),
        fails(HEADER + "thread_id\tt1\tacme/api/extra\n",
            f + ":2: column github_repo: [acme/api/extra] must look like owner/name"),
        fails(HEADER + "thread_id\tt1\t\t\tbugs\n", f + ":2: column outcome_type: [bugs] is not an outcome type;"
            + " expected one of release, dependency, bugfix, feature, refactor, tests, docs, infra, investigation,"
            + " unknown"),
        fails(HEADER + "thread_id\tt1\tacme/api\t\t\tnote\textra\n",
            f + ":2: column 7: unexpected; rows have at most 6 tab-separated columns"),
        fails(HEADER + "thread_id\tt1\n",
            f + ":2: row maps nothing; give github_repo, workstream_label or outcome_type"),
        fails(HEADER + "thread_id\tT1\tacme/api\nthread_id\tt1\tacme/other\n",
            f + ":3: column match_value: [t1] is already mapped on line 2"),
        fails("# mappings\nthread_id\tt1\tacme/api\n", f + ":2: header: expected the tab-separated columns match_kind,"
            + " match_value, github_repo, workstream_label, outcome_type, note; got [thread_id t1 acme/api]")));
  }

  @Test
  void aMissingOrNonTextFileIsAnError() throws IOException {
    Path missing = tmp.resolve("none.tsv");
    assertThatThrownBy(() -> AttributionOverrides.read(missing)).isInstanceOf(AttributionException.class)
        .hasMessage(missing + ": no such file");
    Path binary = tmp.resolve("binary.tsv");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    assertThatThrownBy(() -> AttributionOverrides.read(binary)).isInstanceOf(AttributionException.class)
        .hasMessage(binary + ": not UTF-8 text");
  }

  private Executable fails(String text, String message) {
    return () -> {
      Path f = file(text);
      assertThatThrownBy(() -> AttributionOverrides.read(f)).as(message)
          .isInstanceOf(AttributionException.class).hasMessage(message)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    };
  }
}
