package vitssl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import vitssl.dsl.optim.Lamb;
import vitssl.dsl.optim.WeightDecayScope;

/**
 * LAMB (You et al. 2020): for each parameter with a gradient, at its own step count t,
 *
 * <pre>
 * m = b1 m + (1 - b1) g
 * v = b2 v + (1 - b2) g^2
 * u = (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps) + wd p
 * p = p - lr (||p|| / ||u||) u        (ratio 1 where either norm is 0)
 * </pre>
 *
 * with wd = 0 for parameters that {@link WeightDecayScope} leaves undecayed. This is timm's {@code
 * Lamb} step with two differences, both from the paper's algorithm: every parameter gets the trust
 * ratio (timm skips it where a parameter group's weight decay is 0), and the gradients are not
 * clipped to a global norm first (timm's {@code max_grad_norm} 1.0; the training step's gradient
 * clip can do that).
 *
 * <p>A parameter costs six native calls: u starts as {@code wd p} in a scratch array (zeros, then a
 * fused add, so no graph is recorded even inside a gradient collector); DJL's fused Adam kernel
 * updates the moments and adds the bias-corrected Adam direction to it; then the two norms, and the
 * step, which also zeroes the gradient. The kernel computes {@code w -= c m / (sqrt(v) + e)}: with
 * {@code c = -sqrt(1 - b2^t) / (1 - b1^t)} and {@code e = eps sqrt(1 - b2^t)} it adds exactly the
 * direction above (see {@link AdamWOptimizer} for the float32 scalars). The moments live in the
 * long-lived {@code stateManager}.
 */
public final class LambOptimizer extends StatefulOptimizer {
  private final Lamb spec;

  public LambOptimizer(Lamb spec, NDManager stateManager) {
    super(2, stateManager);
    this.spec = spec;
  }

  @Override
  protected void step(NDArray weight, NDArray gradient, NDArray[] state, long t, double lr) {
    double correction1 = 1 - Math.pow(spec.beta1(), t);
    double correction2Sqrt = Math.sqrt(1 - Math.pow(spec.beta2(), t));
    double decay = DecayScopes.covers(spec.weightDecayScope(), weight) ? spec.weightDecay() : 0;
    try (NDArray update = weight.zerosLike()) {
      if (decay != 0) {
        InPlace.scaleAdd(update, 1, weight, decay);
      }
      update
          .getNDArrayInternal()
          .adamUpdate(
              new NDList(update, gradient, state[0], state[1]),
              new NDList(update),
              0f,
              (float) (-correction2Sqrt / correction1),
              0f,
              1f,
              -1f,
              (float) spec.beta1(),
              (float) spec.beta2(),
              (float) (spec.epsilon() * correction2Sqrt),
              false,
              false);
      double ratio = TrustRatio.of(weight, update, 1);
      InPlace.scaleAdd(weight, 1, update, -lr * ratio);
    }
  }
}
