package vitssl.runner.train;

import vitssl.schedule.LrSchedule;
import vitssl.schedule.MomentumSchedule;

/**
 * The per-step values of a run's schedules: the learning rate (peak lr times the schedule's
 * multiplier) and the key encoder's momentum, over the run's {@link StepCount}.
 */
public record Schedules(LrSchedule lr, double peakLr, MomentumSchedule momentum, StepCount steps) {
  /** Learning rate at 0-based step {@code s}. */
  public double lrAt(long s) {
    return peakLr * lr.multiplier(s, steps.total(), steps.perEpoch());
  }

  /** Momentum at 0-based step {@code s}. */
  public double momentumAt(long s) {
    return momentum.at(s, steps.total());
  }
}
