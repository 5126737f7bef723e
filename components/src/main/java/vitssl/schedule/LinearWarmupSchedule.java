package vitssl.schedule;

import vitssl.dsl.Span;

/**
 * A schedule that first rises linearly from 0, as MoCo v3's {@code adjust_learning_rate}: for
 * {@code t < W} the multiplier is {@code t / W}, so step 0 runs at lr 0 and step {@code W} is the
 * first at the peak. What follows the warmup is the subclass's.
 */
public abstract class LinearWarmupSchedule implements LrSchedule {
  private final Span warmup;

  protected LinearWarmupSchedule(Span warmup) {
    this.warmup = warmup;
  }

  @Override
  public final double multiplier(long step, long totalSteps, long stepsPerEpoch) {
    require(totalSteps >= 1, "totalSteps", totalSteps, "a run has at least one step");
    require(stepsPerEpoch >= 1, "stepsPerEpoch", stepsPerEpoch, "an epoch has at least one step");
    require(
        step >= 0 && step <= totalSteps,
        "step",
        step,
        "steps run from 0 to totalSteps = " + totalSteps);
    long warmupSteps = warmup.toSteps(stepsPerEpoch, totalSteps);
    require(
        warmupSteps < totalSteps,
        "warmup",
        warmup + " = " + warmupSteps + " steps",
        "the warmup must be shorter than the run of " + totalSteps + " steps: shorten it");
    if (step < warmupSteps) {
      return (double) step / warmupSteps;
    }
    return afterWarmup(step - warmupSteps, totalSteps - warmupSteps, stepsPerEpoch, totalSteps);
  }

  /**
   * The multiplier once the warmup is over.
   *
   * @param done steps since the warmup ended, in [0, length]
   * @param length steps from the end of the warmup to the end of the run, at least 1
   * @param stepsPerEpoch the run's steps per epoch, to resolve spans of the subclass's own
   * @param totalSteps the run's steps
   */
  protected abstract double afterWarmup(
      long done, long length, long stepsPerEpoch, long totalSteps);

  private void require(boolean ok, String field, Object value, String fix) {
    if (!ok) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + ": " + field + " = " + value + ": " + fix);
    }
  }
}
