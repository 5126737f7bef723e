package vitssl.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vitssl.dsl.optim.Momentum;

class MomentumScheduleTest {
  @Test
  void constantMomentumNeverMoves() {
    MomentumSchedule schedule = new MomentumSchedule(Momentum.constant(0.99));
    assertThat(schedule.at(0, 1000)).isEqualTo(0.99);
    assertThat(schedule.at(500, 1000)).isEqualTo(0.99);
    assertThat(schedule.at(1000, 1000)).isEqualTo(0.99);
  }

  @Test
  void cosineRisesFromTheBaseToOne() {
    MomentumSchedule schedule = new MomentumSchedule(Momentum.cosine(0.99));
    assertThat(schedule.at(0, 1000)).isCloseTo(0.99, within(1e-12));
    assertThat(schedule.at(500, 1000)).isCloseTo(0.995, within(1e-12)); // halfway
    assertThat(schedule.at(250, 1000))
        .isCloseTo(1 - 0.5 * (1 + Math.sqrt(0.5)) * 0.01, within(1e-12));
    assertThat(schedule.at(1000, 1000)).isEqualTo(1);
    for (long t = 0; t < 1000; t++) {
      assertThat(schedule.at(t + 1, 1000)).isGreaterThanOrEqualTo(schedule.at(t, 1000));
    }
  }

  @Test
  void noMomentumStaysZero() {
    assertThat(new MomentumSchedule(Momentum.none()).at(7, 10)).isZero();
  }

  @Test
  void rejectsStepsOutsideTheRun() {
    MomentumSchedule schedule = new MomentumSchedule(Momentum.cosine(0.99));
    assertThatThrownBy(() -> schedule.at(11, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step = 11")
        .hasMessageContaining("totalSteps = 10");
  }
}
