package vitssl.train;

import vitssl.dsl.optim.WarmupConstant;

/** The linear warmup, then the peak learning rate to the end of the run. */
public final class WarmupConstantSchedule extends LinearWarmupSchedule {
  public WarmupConstantSchedule(WarmupConstant spec) {
    super(spec.warmup());
  }

  public static LrSchedule.Factory factory() {
    return LrSchedule.Factory.of(WarmupConstant.class, WarmupConstantSchedule::new);
  }

  @Override
  protected double afterWarmup(long done, long length) {
    return 1;
  }
}
