package vitssl.optim;

import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Steps parameters from their gradients, then zeroes the gradients. Frozen parameters and those no
 * backward pass reached are skipped.
 */
public interface ParameterOptimizer {
  void step(List<Parameter> parameters, double lr);

  /** Writes the optimizer's state for these parameters, in their order, for a checkpoint. */
  void saveState(List<Parameter> parameters, DataOutputStream out) throws IOException;

  /** Reads back what {@link #saveState} wrote for the same parameters in the same order. */
  void loadState(List<Parameter> parameters, DataInputStream in) throws IOException;
}
