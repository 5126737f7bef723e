package vitssl.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vitssl.dsl.Span;
import vitssl.dsl.optim.WarmupConstant;
import vitssl.dsl.optim.WarmupCosine;

class LrScheduleTest {
  private static final long TOTAL = 100;
  private static final long PER_EPOCH = 20;

  private final LrSchedule cosine = new WarmupCosineSchedule(WarmupCosine.warmup(Span.steps(10)));

  @Test
  void warmupCosineAtKnownSteps() {
    assertThat(at(cosine, 0)).isEqualTo(0);
    assertThat(at(cosine, 5)).isEqualTo(0.5);
    assertThat(at(cosine, 9)).isEqualTo(0.9);
    assertThat(at(cosine, 10)).isEqualTo(1); // end of warmup: the peak
    assertThat(at(cosine, 55)).isCloseTo(0.5, within(1e-12)); // midpoint of the cosine
    assertThat(at(cosine, 40)).isCloseTo(0.75, within(1e-12)); // cos(pi / 3) = 0.5
    assertThat(at(cosine, 99)).isCloseTo(0.5 * (1 + Math.cos(Math.PI * 89 / 90)), within(1e-12));
    assertThat(at(cosine, TOTAL)).isCloseTo(0, within(1e-12));
  }

  @Test
  void warmupCosineFallsMonotonicallyAfterTheWarmup() {
    for (long t = 10; t < TOTAL; t++) {
      assertThat(at(cosine, t + 1)).isLessThan(at(cosine, t));
    }
  }

  @Test
  void warmupResolvesFromEpochsAndFractions() {
    LrSchedule epochs = new WarmupCosineSchedule(WarmupCosine.warmupEpochs(0.5));
    LrSchedule fraction = new WarmupCosineSchedule(WarmupCosine.warmup(Span.fraction(0.1)));
    for (long t = 0; t <= TOTAL; t++) {
      assertThat(at(epochs, t)).isEqualTo(at(cosine, t));
      assertThat(at(fraction, t)).isEqualTo(at(cosine, t));
    }
  }

  @Test
  void noWarmupStartsAtThePeak() {
    LrSchedule none = new WarmupCosineSchedule(WarmupCosine.warmup(Span.steps(0)));
    assertThat(at(none, 0)).isEqualTo(1);
    assertThat(at(none, 50)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void warmupConstantHoldsThePeakAfterTheWarmup() {
    LrSchedule constant = new WarmupConstantSchedule(WarmupConstant.warmup(Span.fraction(0.05)));
    assertThat(at(constant, 0)).isEqualTo(0);
    assertThat(at(constant, 2)).isEqualTo(0.4);
    assertThat(at(constant, 5)).isEqualTo(1);
    assertThat(at(constant, 50)).isEqualTo(1);
    assertThat(at(constant, TOTAL)).isEqualTo(1);
  }

  @Test
  void cooldownFallsLinearlyToZeroOverTheRunsEnd() {
    LrSchedule wsd =
        new WarmupConstantSchedule(
            WarmupConstant.warmup(Span.steps(5)).withCooldown(Span.fraction(0.2)));
    for (long t = 0; t <= TOTAL; t++) {
      // Piecewise by hand: the warmup's ramp, the plateau, the last 20 steps' line to 0.
      double expected = t < 5 ? t / 5.0 : t <= 80 ? 1 : (100 - t) / 20.0;
      assertThat(at(wsd, t)).as("step %d", t).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void rejectsWarmupAndCooldownLongerThanTheRun() {
    LrSchedule tooLong =
        new WarmupConstantSchedule(
            WarmupConstant.warmup(Span.steps(50)).withCooldown(Span.epochs(3)));
    assertThatThrownBy(() -> tooLong.multiplier(60, TOTAL, PER_EPOCH))
        .hasMessageContaining("cooldown = 3.0 epochs = 60 steps")
        .hasMessageContaining("shorten one");
    assertThatThrownBy(
            () -> WarmupConstant.warmup(Span.fraction(0.5)).withCooldown(Span.fraction(0.6)))
        .hasMessageContaining("WarmupConstant.cooldown")
        .hasMessageContaining("shorten one");
  }

  @Test
  void rejectsAWarmupAsLongAsTheRun() {
    LrSchedule tooLong = new WarmupCosineSchedule(WarmupCosine.warmupEpochs(40));
    assertThatThrownBy(() -> tooLong.multiplier(0, 300, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warmup = 40.0 epochs = 400 steps")
        .hasMessageContaining("300 steps");
  }

  @Test
  void rejectsStepsOutsideTheRun() {
    assertThatThrownBy(() -> cosine.multiplier(101, TOTAL, PER_EPOCH))
        .hasMessageContaining("step = 101")
        .hasMessageContaining("totalSteps = 100");
    assertThatThrownBy(() -> cosine.multiplier(-1, TOTAL, PER_EPOCH))
        .hasMessageContaining("step = -1");
    assertThatThrownBy(() -> cosine.multiplier(0, TOTAL, 0))
        .hasMessageContaining("stepsPerEpoch = 0");
  }

  private static double at(LrSchedule schedule, long step) {
    return schedule.multiplier(step, TOTAL, PER_EPOCH);
  }
}
