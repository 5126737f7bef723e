package vitssl.schedule;

import vitssl.dsl.Span;
import vitssl.dsl.optim.WarmupConstant;

/**
 * The linear warmup, then the peak learning rate, then, where the spec has a cooldown of {@code C}
 * steps, a linear fall that reaches 0 at the run's last step: the multiplier at step {@code t >
 * T - C} is {@code (T - t) / C}.
 */
public final class WarmupConstantSchedule extends LinearWarmupSchedule {
  private final Span cooldown;

  public WarmupConstantSchedule(WarmupConstant spec) {
    super(spec.warmup());
    this.cooldown = spec.cooldown();
  }

  @Override
  protected double afterWarmup(long done, long length, long stepsPerEpoch, long totalSteps) {
    long cooldownSteps = cooldown.toSteps(stepsPerEpoch, totalSteps);
    if (cooldownSteps > length) {
      throw new IllegalArgumentException(
          "WarmupConstantSchedule: cooldown = " + cooldown + " = " + cooldownSteps + " steps: "
              + "warmup and cooldown must fit in the run of " + totalSteps + " steps: shorten one");
    }
    long left = length - done;
    return left >= cooldownSteps ? 1 : (double) left / cooldownSteps;
  }
}
