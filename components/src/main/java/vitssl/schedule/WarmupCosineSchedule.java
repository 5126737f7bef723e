package vitssl.schedule;

import vitssl.dsl.optim.WarmupCosine;

/**
 * MoCo v3's schedule: after the linear warmup of {@code W} of {@code T} steps, a half-cycle cosine
 * {@code 0.5 (1 + cos(pi (t - W) / (T - W)))}, which is 1 at {@code t = W} and reaches 0 at
 * {@code t = T}.
 */
public final class WarmupCosineSchedule extends LinearWarmupSchedule {
  public WarmupCosineSchedule(WarmupCosine spec) {
    super(spec.warmup());
  }

  @Override
  protected double afterWarmup(long done, long length, long stepsPerEpoch, long totalSteps) {
    return 0.5 * (1 + Math.cos(Math.PI * done / length));
  }
}
