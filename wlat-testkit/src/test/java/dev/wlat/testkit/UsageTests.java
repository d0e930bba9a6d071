package dev.wlat.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsageTests {
  @Test
  void totalIsInputPlusOutput() {
    assertThat(Usage.of(100, 40, 30, 10).total()).isEqualTo(130);
    assertThat(Usage.of(100, 40, 30, 10).uncachedInput()).isEqualTo(60);
  }

  @Test
  void zeroIsIdentityAndPlusIsCommutative() {
    Usage a = Usage.of(10, 5, 3, 1);
    Usage b = Usage.of(7, 0, 9, 9);
    assertThat(a.plus(Usage.ZERO)).isEqualTo(a);
    assertThat(a.plus(b)).isEqualTo(b.plus(a));
    assertThat(a.plus(b).minus(b)).isEqualTo(a);
  }

  @Test
  void inconsistentUsageIsRejected() {
    assertThatThrownBy(() -> new Usage(1, 2, 0, 0, 1)).hasMessageContaining("cached [2]");
    assertThatThrownBy(() -> new Usage(1, 0, 1, 0, 3)).hasMessageContaining("total [3]");
    assertThatThrownBy(() -> Usage.of(-1, 0, 0, 0)).hasMessageContaining("non-negative");
  }
}
