package vitssl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer that keeps, per parameter, a step count and a fixed number of arrays shaped like the
 * parameter (a momentum buffer, Adam's moments). This class runs what such optimizers share:
 * parameters that are frozen or that no backward pass reached are skipped, as PyTorch skips {@code
 * grad is None} (no state, no step count); the state is created as zeros in the long-lived {@code
 * stateManager} at a parameter's first step; and it is written to and read from checkpoints, in
 * {@link AdamWOptimizer}'s format (the parameter count, then per parameter its step count and, once it
 * has stepped, its arrays).
 */
public abstract class StatefulOptimizer implements ParameterOptimizer {
  private final String name;
  private final int arraysPerParameter;
  private final NDManager stateManager;
  private final Map<String, State> states = new HashMap<>();

  /**
   * @param arraysPerParameter how many arrays of the parameter's shape each parameter keeps
   * @param stateManager where they live: a manager that outlives the training run's steps
   */
  protected StatefulOptimizer(int arraysPerParameter, NDManager stateManager) {
    this.name = getClass().getSimpleName();
    this.arraysPerParameter = arraysPerParameter;
    this.stateManager = stateManager;
  }

  /**
   * One step of every parameter that has a gradient; the gradients are zero afterwards.
   *
   * @param lr this step's learning rate: the peak {@code spec.lr(batchSize)} times the schedule's
   *     multiplier
   */
  @Override
  public final void step(List<Parameter> parameters, double lr) {
    if (!(lr >= 0 && Double.isFinite(lr))) {
      throw new IllegalArgumentException(
          name + ": lr = " + lr + ": pass the scheduled learning rate, a finite value >= 0");
    }
    List<Slot> slots = new ArrayList<>(parameters.size());
    List<State> counted = new ArrayList<>(parameters.size());
    try {
      for (Parameter parameter : parameters) {
        NDArray gradient = Gradients.of(parameter);
        if (gradient != null) {
          NDArray weight = parameter.getArray();
          State state = states.computeIfAbsent(parameter.getId(), id -> zeros(weight));
          slots.add(new Slot(weight, gradient, state.arrays, state.steps + 1));
          counted.add(state);
        }
      }
      stepAll(slots, lr);
      counted.forEach(state -> state.steps++);
    } finally {
      slots.forEach(slot -> slot.gradient().close());
    }
  }

  /**
   * A parameter this step updates: its weight, a handle on its gradient (in-place edits allowed,
   * the gradient is zeroed at the end anyway; the caller closes it), its arrays, updated in place,
   * and its step count, 1 at its first step.
   */
  protected record Slot(NDArray weight, NDArray gradient, NDArray[] state, long t) {}

  /**
   * Steps every parameter that has a gradient, in place, and leaves the gradients zero. By default
   * one parameter at a time through {@link #step(NDArray, NDArray, NDArray[], long, double)};
   * optimizers with a kernel over many parameters at once override this.
   */
  protected void stepAll(List<Slot> slots, double lr) {
    for (Slot slot : slots) {
      step(slot.weight(), slot.gradient(), slot.state(), slot.t(), lr);
    }
  }

  /**
   * Steps one parameter in place and leaves its gradient zero.
   *
   * @param gradient a handle on the parameter's gradient storage: in-place edits are allowed, as
   *     the gradient is zeroed at the end anyway; the caller closes it
   * @param state this parameter's arrays, updated in place
   * @param t this parameter's step count, 1 at its first step
   */
  protected abstract void step(
      NDArray weight, NDArray gradient, NDArray[] state, long t, double lr);

  /** Steps taken by {@code parameter} so far: 0 before its first gradient. */
  public final long steps(Parameter parameter) {
    State state = states.get(parameter.getId());
    return state == null ? 0 : state.steps;
  }

  @Override
  public final void saveState(List<Parameter> parameters, DataOutputStream out) throws IOException {
    out.writeInt(parameters.size());
    for (Parameter parameter : parameters) {
      State state = states.get(parameter.getId());
      out.writeLong(state == null ? 0 : state.steps);
      if (state != null && state.steps > 0) {
        for (NDArray array : state.arrays) {
          byte[] bytes = array.encode();
          out.writeInt(bytes.length);
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public final void loadState(List<Parameter> parameters, DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count != parameters.size()) {
      throw new IOException(
          name
              + ": the optimizer state holds "
              + count
              + " parameters, the model "
              + parameters.size()
              + ": resume with the model the checkpoint was written for");
    }
    for (Parameter parameter : parameters) {
      long steps = in.readLong();
      State old = states.remove(parameter.getId());
      if (old != null) {
        old.close();
      }
      if (steps < 0) {
        throw new IOException(
            name + ": parameter " + parameter.getName() + " has " + steps + " steps in the state");
      }
      if (steps > 0) {
        State state = new State(read(in, parameter));
        state.steps = steps;
        states.put(parameter.getId(), state);
      }
    }
  }

  private NDArray[] read(DataInputStream in, Parameter parameter) throws IOException {
    Shape expected = parameter.getArray().getShape();
    NDArray[] arrays = new NDArray[arraysPerParameter];
    for (int i = 0; i < arrays.length; i++) {
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      arrays[i] = stateManager.decode(bytes);
      Shape found = arrays[i].getShape();
      if (!found.equals(expected)) {
        new State(Arrays.copyOf(arrays, i + 1)).close();
        throw new IOException(
            name
                + ": the state of parameter "
                + parameter.getName()
                + " has shape "
                + found
                + ", the parameter "
                + expected
                + ": resume with the model the checkpoint was written for");
      }
    }
    return arrays;
  }

  private State zeros(NDArray weight) {
    NDArray[] arrays = new NDArray[arraysPerParameter];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = stateManager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
    }
    return new State(arrays);
  }

  /** A parameter's arrays and its step count. */
  private static final class State {
    final NDArray[] arrays;
    long steps;

    State(NDArray[] arrays) {
      this.arrays = arrays;
    }

    void close() {
      for (NDArray array : arrays) {
        array.close();
      }
    }
  }
}
