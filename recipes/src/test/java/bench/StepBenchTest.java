package bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepBenchTest {
  @Test
  void shortRunsAreSampledEveryStep() {
    assertThat(StepBench.probeEvery(1)).isEqualTo(1);
    assertThat(StepBench.probeEvery(16)).isEqualTo(1);
    assertThat(StepBench.probeEvery(40)).isEqualTo(1);
  }

  @Test
  void longerRunsAreSampledTwentyToFortyTimes() {
    assertThat(StepBench.probeEvery(41)).isEqualTo(2);
    assertThat(StepBench.probeEvery(100)).isEqualTo(3);
    assertThat(StepBench.probeEvery(1000)).isEqualTo(25);
    for (long steps = 41; steps <= 5000; steps++) {
      long samples = steps / StepBench.probeEvery(steps);
      assertThat(samples).as("samples over %d steps", steps).isBetween(20L, 40L);
    }
  }
}
