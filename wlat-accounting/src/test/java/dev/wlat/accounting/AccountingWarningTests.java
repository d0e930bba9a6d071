package dev.wlat.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.AccountingWarning;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountingWarningTests {

  @Test
  void warningsIterateInLabelOrder() {
    List<String> labels = Arrays.stream(AccountingWarning.values()).map(AccountingWarning::label).toList();

    assertThat(labels).isSorted();
    assertThat(AccountingWarning.setOf(List.of(AccountingWarning.TOTAL_MISSING,
        AccountingWarning.BOUNDARY_UNCERTAIN, AccountingWarning.REPLAYED_PREFIX)))
        .extracting(AccountingWarning::label)
        .containsExactly("boundary_uncertain", "replayed_prefix", "total_missing");
  }

  @Test
  void labelsAreSnakeCase() {
    assertThat(AccountingWarning.values())
        .allSatisfy(w -> assertThat(w.label()).matches("[a-z]+(_[a-z]+)*")
            .isEqualTo(w.name().toLowerCase(java.util.Locale.ROOT)));
  }
}
