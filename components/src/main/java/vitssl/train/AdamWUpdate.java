package vitssl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.WeightDecayScope;

/**
 * AdamW exactly as PyTorch's {@code torch.optim.AdamW} (decoupled decay, Loshchilov and Hutter
 * 2019), with weight decay per parameter by {@link WeightDecayScope}: for each parameter with a
 * gradient, at its own step count t,
 *
 * <pre>
 * p -= lr wd p
 * m  = b1 m + (1 - b1) g
 * v  = b2 v + (1 - b2) g^2
 * p -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * <p>Each parameter costs one native call: DJL's fused Adam update with its decoupled-decay flag.
 * That kernel computes {@code p -= c m / (sqrt(v) + e)}; with {@code c = lr sqrt(1 - b2^t) / (1 -
 * b1^t)} and {@code e = eps sqrt(1 - b2^t)} this is PyTorch's step above, eps included. The kernel
 * also zeroes the parameter's gradient, so after {@link #step} the gradients are ready for the
 * next backward pass. The kernel takes its scalars as float32 and forms {@code 1 - beta2} in
 * float32: with beta2 = 0.999 the second moment's weight is 0.00099998713 rather than 0.001,
 * which scales every step by about 1 + 6e-6, far below the noise of float32 training.
 *
 * <p>Parameters that are frozen or that no backward pass reached are skipped, as PyTorch skips
 * {@code grad is None}: no decay, no moment update, no step count. The moments live in the
 * long-lived {@code stateManager}, two arrays per parameter, created at its first step.
 */
public final class AdamWUpdate extends StatefulOptimizer {
  private final AdamW spec;

  public AdamWUpdate(AdamW spec, NDManager stateManager) {
    super(2, stateManager);
    this.spec = spec;
  }

  /** {@code state} holds the first and the second moment. */
  @Override
  protected void step(NDArray weight, NDArray gradient, NDArray[] state, long t, double lr) {
    double correction1 = 1 - Math.pow(spec.beta1(), t);
    double correction2Sqrt = Math.sqrt(1 - Math.pow(spec.beta2(), t));
    double decay = DecayScopes.covers(spec.weightDecayScope(), weight) ? spec.weightDecay() : 0;
    weight
        .getNDArrayInternal()
        .adamUpdate(
            new NDList(weight, gradient, state[0], state[1]),
            new NDList(weight),
            (float) lr,
            (float) (lr * correction2Sqrt / correction1),
            (float) decay,
            1f,
            -1f,
            (float) spec.beta1(),
            (float) spec.beta2(),
            (float) (spec.epsilon() * correction2Sqrt),
            false,
            true);
  }
}
