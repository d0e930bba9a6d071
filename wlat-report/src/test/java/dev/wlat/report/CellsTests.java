package dev.wlat.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class CellsTests {

  @Test
  void ratiosHaveTheDigitsOfFormatWithFourDecimals() {
    qt().withExamples(20_000).forAll(doubles().between(0, 1e6)).checkAssert(r ->
        assertThat(Cells.ratio(r)).isEqualTo(String.format(Locale.ROOT, "%.4f", r)));
    qt().withExamples(5_000).forAll(doubles().between(0, 10)).checkAssert(r -> {
      double halfway = Math.floor(r * 1e4) / 1e4 + 0.00005; // ties are where rounding modes differ
      assertThat(Cells.ratio(halfway)).isEqualTo(String.format(Locale.ROOT, "%.4f", halfway));
    });
  }

  @Test
  void aRatioThatIsNoNumberIsEmpty() {
    assertThat(Cells.ratio(null)).isNull();
    assertThat(Cells.ratio(Double.NaN)).isNull();
    assertThat(Cells.ratio(Double.POSITIVE_INFINITY)).isNull();
    assertThat(Cells.ratio(1.0)).isEqualTo("1.0000");
    assertThat(Cells.ratio(1.70004999)).isEqualTo("1.7000");
  }
}
