package vitssl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import vitssl.dsl.optim.Lars;
import vitssl.dsl.optim.WeightDecayScope;

/**
 * LARS as MoCo v3's {@code moco/optimizer.py} (You et al. 2017): for each parameter with a
 * gradient,
 *
 * <pre>
 * if adapted:  g = g + wd p
 *              g = g (eta ||p|| / ||g||)     (ratio 1 where either norm is 0)
 * mu = momentum mu + g
 * p  = p - lr mu
 * </pre>
 *
 * where "adapted" is every parameter of two or more dimensions under {@link
 * WeightDecayScope#MATRICES_ONLY} (biases and norm scales take plain momentum steps) and every
 * parameter under {@link WeightDecayScope#ALL}. The momentum buffer holds the unscaled mu, as
 * PyTorch's does, so a learning rate that changes between steps acts as in MoCo v3.
 *
 * <p>An adapted parameter costs five native calls: {@code g += wd p} in the gradient's own storage
 * (it is zeroed at the end anyway), the two norms, the momentum update and the step, which also
 * zeroes the gradient; a parameter without adaptation costs two. The momentum buffer lives in the
 * long-lived {@code stateManager}.
 */
public final class LarsOptimizer extends StatefulOptimizer {
  private final Lars spec;

  public LarsOptimizer(Lars spec, NDManager stateManager) {
    super(1, stateManager);
    this.spec = spec;
  }

  @Override
  protected void step(NDArray weight, NDArray gradient, NDArray[] state, long t, double lr) {
    NDArray mu = state[0];
    double ratio = 1;
    if (DecayScopes.covers(spec.weightDecayScope(), weight)) {
      if (spec.weightDecay() != 0) {
        InPlace.scaleAdd(gradient, 1, weight, spec.weightDecay());
      }
      ratio = TrustRatio.of(weight, gradient, spec.trustCoefficient());
    }
    if (spec.momentum() == 0) {
      // mu = ratio g: step with it directly, as the fused form would lose mu's old value to
      // rounding (it computes mu - (mu - ratio g)); the buffer is never read.
      InPlace.scaleAdd(weight, 1, gradient, -lr * ratio);
      return;
    }
    InPlace.scaleAdd(mu, spec.momentum(), gradient, ratio);
    InPlace.scaleAdd(weight, 1, mu, -lr);
  }
}
