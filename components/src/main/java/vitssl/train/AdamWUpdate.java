package vitssl.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
public final class AdamWUpdate implements ParameterOptimizer {
  private final AdamW spec;
  private final NDManager stateManager;
  private final Map<String, Moments> moments = new HashMap<>();

  public AdamWUpdate(AdamW spec, NDManager stateManager) {
    this.spec = spec;
    this.stateManager = stateManager;
  }

  /**
   * One step of every parameter that has a gradient.
   *
   * @param lr this step's learning rate: the peak {@code spec.lr(batchSize)} times the schedule's
   *     multiplier
   */
  public void step(List<Parameter> parameters, double lr) {
    if (!(lr >= 0 && Double.isFinite(lr))) {
      throw new IllegalArgumentException(
          "AdamWUpdate: lr = " + lr + ": pass the scheduled learning rate, a finite value >= 0");
    }
    for (Parameter parameter : parameters) {
      try (NDArray gradient = Gradients.of(parameter)) {
        if (gradient != null) {
          step(parameter, gradient, lr);
        }
      }
    }
  }

  /** Steps taken by {@code parameter} so far: 0 before its first gradient. */
  public long steps(Parameter parameter) {
    Moments state = moments.get(parameter.getId());
    return state == null ? 0 : state.steps;
  }

  private void step(Parameter parameter, NDArray gradient, double lr) {
    NDArray weight = parameter.getArray();
    Moments state = moments.computeIfAbsent(parameter.getId(), id -> new Moments(weight));
    state.steps++;
    double correction1 = 1 - Math.pow(spec.beta1(), state.steps);
    double correction2Sqrt = Math.sqrt(1 - Math.pow(spec.beta2(), state.steps));
    weight
        .getNDArrayInternal()
        .adamUpdate(
            new NDList(weight, gradient, state.mean, state.variance),
            new NDList(weight),
            (float) lr,
            (float) (lr * correction2Sqrt / correction1),
            (float) weightDecay(weight),
            1f,
            -1f,
            (float) spec.beta1(),
            (float) spec.beta2(),
            (float) (spec.epsilon() * correction2Sqrt),
            false,
            true);
  }

  /** Per parameter: its step count, then its two moments if it has taken a step. */
  @Override
  public void saveState(List<Parameter> parameters, DataOutputStream out) throws IOException {
    out.writeInt(parameters.size());
    for (Parameter parameter : parameters) {
      Moments state = moments.get(parameter.getId());
      out.writeLong(state == null ? 0 : state.steps);
      if (state != null) {
        writeArray(out, state.mean);
        writeArray(out, state.variance);
      }
    }
  }

  @Override
  public void loadState(List<Parameter> parameters, DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count != parameters.size()) {
      throw new IOException(
          "the optimizer state holds " + count + " parameters, the model " + parameters.size());
    }
    for (Parameter parameter : parameters) {
      long steps = in.readLong();
      Moments old = moments.remove(parameter.getId());
      if (old != null) {
        old.close();
      }
      if (steps > 0) {
        Moments state = new Moments(readArray(in), readArray(in));
        state.steps = steps;
        moments.put(parameter.getId(), state);
      }
    }
  }

  private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
    byte[] bytes = array.encode();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private NDArray readArray(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return stateManager.decode(bytes);
  }

  private double weightDecay(NDArray weight) {
    return switch (spec.weightDecayScope()) {
      case ALL -> spec.weightDecay();
      case MATRICES_ONLY -> weight.getShape().dimension() >= 2 ? spec.weightDecay() : 0;
    };
  }

  /** A parameter's first and second moments and its step count. */
  private final class Moments {
    final NDArray mean;
    final NDArray variance;
    long steps;

    Moments(NDArray weight) {
      this(
          stateManager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice()),
          stateManager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice()));
    }

    Moments(NDArray mean, NDArray variance) {
      this.mean = mean;
      this.variance = variance;
    }

    void close() {
      mean.close();
      variance.close();
    }
  }
}
