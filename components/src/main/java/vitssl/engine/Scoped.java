package vitssl.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Runs part of a forward pass in an array manager of its own and keeps only what it returns,
 * attached where its inputs live. Autograd holds the arrays its backward pass reads, so what is
 * freed is what PyTorch frees as its forward pass goes: every intermediate of a pass without
 * gradient (the key encoder's, an evaluation's) and each intermediate of a pass with gradient that
 * the backward pass does not read. Left in the step's manager, they would all stay resident until
 * the step ends.
 */
public final class Scoped {
  private Scoped() {}

  /** {@code pass} of {@code inputs}; only its outputs outlive the call. */
  public static List<NDArray> outputs(List<NDArray> inputs, UnaryOperator<List<NDArray>> pass) {
    NDManager owner = inputs.get(0).getManager();
    try (NDManager own = owner.newSubManager()) {
      own.tempAttachAll(inputs.toArray(NDArray[]::new));
      List<NDArray> out = pass.apply(inputs);
      out.forEach(o -> o.attach(owner));
      return out;
    }
  }

  /** {@code pass} of {@code input}; only its output outlives the call. */
  public static NDArray output(NDArray input, UnaryOperator<NDArray> pass) {
    return outputs(List.of(input), in -> List.of(pass.apply(in.get(0)))).get(0);
  }
}
