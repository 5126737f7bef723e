package vitssl.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.WeightDecayScope;
import vitssl.engine.Kernels;

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
 * <p>On the PyTorch engine all parameters of one decay group step in one native call, PyTorch's
 * fused AdamW kernel ({@link FusedAdamW}), which reads and writes each element once; the
 * gradients are zeroed afterwards for the next backward pass. Where that kernel cannot be loaded,
 * each parameter costs one native call: DJL's Adam update with its decoupled-decay flag. That
 * kernel computes {@code p -= c m / (sqrt(v) + e)}; with {@code c = lr sqrt(1 - b2^t) / (1 -
 * b1^t)} and {@code e = eps sqrt(1 - b2^t)} this is PyTorch's step above, eps included, and it
 * zeroes the gradient itself. It takes its scalars as float32 and forms {@code 1 - beta2} in
 * float32: with beta2 = 0.999 the second moment's weight is 0.00099998713 rather than 0.001,
 * which scales every step by about 1 + 6e-6, far below the noise of float32 training.
 *
 * <p>Parameters that are frozen or that no backward pass reached are skipped, as PyTorch skips
 * {@code grad is None}: no decay, no moment update, no step count. The moments live in the
 * long-lived {@code stateManager}, two arrays per parameter, created at its first step.
 */
public final class AdamWOptimizer extends StatefulOptimizer {
  private final AdamW spec;

  private final Optional<FusedAdamW> fused;

  public AdamWOptimizer(AdamW spec, NDManager stateManager) {
    this(spec, stateManager, Kernels.SCRIPTED);
  }

  /** @param kernels whether to use the fused kernel where the engine can run it */
  AdamWOptimizer(AdamW spec, NDManager stateManager, Kernels kernels) {
    super(2, stateManager);
    this.spec = spec;
    this.fused = FusedAdamW.get(kernels);
  }

  /** Whether steps go through the fused kernel. */
  boolean fused() {
    return fused.isPresent();
  }

  /** Parameters the fused kernel takes in one call: one decay, one device, one data type. */
  private record Group(boolean decayed, Device device, DataType dataType) {}

  @Override
  protected void stepAll(List<Slot> slots, double lr) {
    if (fused.isEmpty()) {
      super.stepAll(slots, lr);
      return;
    }
    Map<Group, List<Slot>> groups = new LinkedHashMap<>();
    for (Slot slot : slots) {
      NDArray weight = slot.weight();
      Group group =
          new Group(
              DecayScopes.covers(spec.weightDecayScope(), weight),
              weight.getDevice(),
              weight.getDataType());
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(slot);
    }
    for (Map.Entry<Group, List<Slot>> group : groups.entrySet()) {
      List<Slot> members = group.getValue();
      boolean taken;
      try (NDManager scope = members.get(0).weight().getManager().newSubManager()) {
        List<NDArray> steps = new ArrayList<>(members.size());
        for (Slot slot : members) {
          steps.add(scope.full(new Shape(), slot.t(), DataType.FLOAT32, group.getKey().device()));
        }
        taken =
            fused
                .get()
                .step(
                    members.stream().map(Slot::weight).toList(),
                    members.stream().map(Slot::gradient).toList(),
                    members.stream().map(s -> s.state()[0]).toList(),
                    members.stream().map(s -> s.state()[1]).toList(),
                    steps,
                    lr,
                    spec.beta1(),
                    spec.beta2(),
                    group.getKey().decayed() ? spec.weightDecay() : 0,
                    spec.epsilon());
      }
      if (taken) {
        for (Slot slot : members) {
          JniUtils.zeroGrad((PtNDArray) slot.weight());
        }
      } else {
        super.stepAll(members, lr);
      }
    }
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
