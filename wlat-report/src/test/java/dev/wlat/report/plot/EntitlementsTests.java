package dev.wlat.report.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** An entitlements file is read minimally, and every problem is named by file, line and column. */
class EntitlementsTests {

  private static final Path FILE = Path.of("ent.tsv");
  private static final String HEADER = String.join("\t", Entitlements.COLUMNS) + "\n";

  @Test
  void readsDatesInstantsAndEmptyPurchasesSkippingCommentsAndBlankLines() {
    Entitlements e = parse(HEADER
        + "# September\n"
        + "2026-09-01\t2026-10-01\t200\t6000000\t40\t2000000\tplan page\tmedium\tdocs/plan.png\n"
        + "\n"
        + "2026-10-01T00:00:00+02:00\t2026-11-01T00:00:00Z\t200\t6000000\t\t\n", ZoneId.of("Europe/Berlin"));

    assertThat(e.given()).isTrue();
    assertThat(e.periods()).hasSize(2);
    Entitlements.Period sep = e.periods().get(0);
    assertThat(sep.start()).isEqualTo(Instant.parse("2026-08-31T22:00:00Z"));
    assertThat(sep.totalTokens()).isEqualTo(8_000_000L);
    assertThat(sep.line()).isEqualTo(3);
    Entitlements.Period oct = e.periods().get(1);
    assertThat(oct.start()).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
    assertThat(oct.purchasedTokens()).isZero();
    assertThat(oct.line()).isEqualTo(5);
  }

  @Test
  void onlyTheColumnsReadMustBeInTheHeader() {
    Entitlements e = parse("purchased_tokens\twindow_end\twindow_start\tbase_subscription_tokens\n"
        + "5\t2026-10-01\t2026-09-01\t10\n", ZoneOffset.UTC);

    assertThat(e.periods()).singleElement().satisfies(p -> {
      assertThat(p.baseTokens()).isEqualTo(10);
      assertThat(p.purchasedTokens()).isEqualTo(5);
    });
  }

  @Test
  void malformedFilesAreNamedByLineAndColumn() {
    String good = "2026-09-01\t2026-10-01\t200\t6000000\t40\t2000000\tplan\tmedium\t\n";
    assertAll(
        nope(HEADER + good + "2026-09-01\t2026-10-01\t200\t6000000\t40\t12x\tplan\tmedium\t\n",
            "ent.tsv:3: column purchased_tokens: [12x] must be a whole number of tokens, 0 or more"),
        nope(HEADER + "2026-09-01\t2026-10-01\t200\t-5\t\t\n",
            "ent.tsv:2: column base_subscription_tokens: [-5] must be a whole number of tokens, 0 or more"),
        nope(HEADER + "yesterday\t2026-10-01\t200\t5\t\t\n",
            "ent.tsv:2: column window_start: [yesterday] must be an ISO date (2026-09-01) or instant (2026-09-01T00:00:00Z)"),
        nope(HEADER + "2026-10-01\t2026-09-01\t200\t5\t\t\n",
            "ent.tsv:2: column window_end: [2026-09-01] must be after window_start [2026-10-01]"),
        nope("window_start\twindow_end\tbase_subscription_tokens\n" + good,
            "ent.tsv:1: column purchased_tokens: missing from the header; expected the columns "
                + String.join(" ", Entitlements.COLUMNS)),
        nope(HEADER + good.replace("\n", "") + "\textra\n", "ent.tsv:2: 10 cells but the header has 9 columns"),
        nope("# nothing\n\n", "ent.tsv:1: no header; expected the columns " + String.join(" ", Entitlements.COLUMNS)));
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> Entitlements.parse(Path.of("no-such-ent.tsv"), ZoneOffset.UTC))
        .isInstanceOf(PlotException.class).hasMessage("--entitlements: not a file: no-such-ent.tsv");
  }

  private static Entitlements parse(String text, ZoneId zone) {
    return Entitlements.parse(FILE, text.getBytes(StandardCharsets.UTF_8), zone);
  }

  private static Executable nope(String text, String message) {
    return () -> assertThatThrownBy(() -> parse(text, ZoneOffset.UTC)).isInstanceOf(PlotException.class)
        .hasMessage(message);
  }
}
