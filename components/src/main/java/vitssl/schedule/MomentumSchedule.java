package vitssl.schedule;

import vitssl.dsl.optim.Momentum;

/**
 * The key encoder's momentum m at iteration {@code t} of {@code T}. CONSTANT keeps m0; COSINE_TO_ONE
 * is MoCo v3's {@code adjust_moco_momentum}: {@code m = 1 - 0.5 (1 + cos(pi t / T)) (1 - m0)},
 * m0 at the start, 1 at the end, with t / T the fraction of training done.
 */
public final class MomentumSchedule {
  private final double base;
  private final Momentum.Shape shape;

  public MomentumSchedule(Momentum spec) {
    this.base = spec.base();
    this.shape = spec.shape();
  }

  /** m for 0-based iteration {@code step} in [0, totalSteps]. */
  public double at(long step, long totalSteps) {
    if (totalSteps < 1 || step < 0 || step > totalSteps) {
      throw new IllegalArgumentException(
          "MomentumSchedule: step = "
              + step
              + ", totalSteps = "
              + totalSteps
              + ": a run has at least one step and steps run from 0 to totalSteps");
    }
    return switch (shape) {
      case CONSTANT -> base;
      case COSINE_TO_ONE -> 1 - 0.5 * (1 + Math.cos(Math.PI * step / totalSteps)) * (1 - base);
    };
  }
}
