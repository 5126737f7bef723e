package vitssl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Steps parameters from their gradients, then zeroes the gradients. Frozen parameters and those no
 * backward pass reached are skipped.
 */
public interface ParameterOptimizer {
  void step(List<Parameter> parameters, double lr);

  /**
   * The optimizer's state as arrays, in a fixed order for the given parameters, for checkpoints;
   * {@link #restore} takes the same list back.
   */
  List<NDArray> state(List<Parameter> parameters);

  void restore(List<Parameter> parameters, List<NDArray> state);
}
