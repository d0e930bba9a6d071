package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code wlat version}, {@code wlat --version} and {@code wlat --help}. */
class VersionCommandTests {

  private static final String SEMVER = "\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?";

  @Test
  void jsonVersionPrintsExactlyTheAppAndASemanticVersion() {
    Cli.Result r = Cli.run("--json", "version");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).matches("\\{\"app\": \"well-look-at-that\", \"version\": \"" + SEMVER + "\"\\}\n");
  }

  @Test
  void plainVersionPrintsTheAppNameAndTheSameVersion() {
    String json = Cli.run("--json", "version").out();
    Matcher m = Pattern.compile("\"version\": \"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as(json).isTrue();

    Cli.Result r = Cli.run("version");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).isEqualTo("well-look-at-that " + m.group(1) + "\n");
  }

  @Test
  void versionOptionPrintsWhatTheVersionCommandPrints() {
    Cli.Result r = Cli.run("--version");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).isEqualTo(Cli.run("version").out());
  }

  @Test
  void helpListsTheCommands() {
    Cli.Result r = Cli.run("--help");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).containsPattern("(?m)^\\s+backfill\\s")
        .containsPattern("(?m)^\\s+inspect-log\\s")
        .containsPattern("(?m)^\\s+version\\s");
  }
}
