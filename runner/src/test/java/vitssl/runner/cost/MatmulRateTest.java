package vitssl.runner.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class MatmulRateTest {
  @Test
  void sustainedIsAllFlopsOverAllTimeAndBestIsTheFastestCall() {
    // Calls of 1, 2 and 3 ms, 2e9 FLOPs each: 6e9 FLOPs in 6 ms, and 2e9 in the fastest 1 ms.
    MatmulRate.Sample sample =
        MatmulRate.Sample.of(2e9, new long[] {1_000_000, 2_000_000, 3_000_000});
    assertThat(sample.sustained()).isCloseTo(1e12, within(1.0));
    assertThat(sample.best()).isCloseTo(2e12, within(1.0));
  }

  @Test
  void callsOfEqualTimeGiveOneRate() {
    MatmulRate.Sample sample = MatmulRate.Sample.of(5e8, new long[] {4_000_000, 4_000_000});
    assertThat(sample.sustained()).isCloseTo(1.25e11, within(1.0));
    assertThat(sample.best()).isCloseTo(sample.sustained(), within(1.0));
  }

  @Test
  void aSampleNeedsATimedCall() {
    assertThatThrownBy(() -> MatmulRate.Sample.of(1e9, new long[0]))
        .hasMessageContaining("no timed calls");
  }

  @Test
  void aMeasuredProductRunsAtAPositiveRateAndItsFastestCallIsNoSlower() {
    try (NDManager manager = NDManager.newBaseManager()) {
      MatmulRate.Sample sample = MatmulRate.measure(manager, 64, 0.01);
      assertThat(sample.sustained()).isPositive();
      assertThat(sample.best()).isGreaterThanOrEqualTo(sample.sustained());
    }
  }
}
