package vitssl.schedule;

import vitssl.dsl.optim.WarmupConstant;

/** The linear warmup, then the peak learning rate to the end of the run. */
public final class WarmupConstantSchedule extends LinearWarmupSchedule {
  public WarmupConstantSchedule(WarmupConstant spec) {
    super(spec.warmup());
  }

  @Override
  protected double afterWarmup(long done, long length) {
    return 1;
  }
}
