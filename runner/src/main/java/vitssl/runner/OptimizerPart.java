package vitssl.runner;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import vitssl.train.ParameterOptimizer;

/** An optimizer's state as a part of a checkpoint. */
public final class OptimizerPart {
  private OptimizerPart() {}

  public static Checkpoints.Part of(ParameterOptimizer optimizer, List<Parameter> parameters) {
    return new Checkpoints.Part() {
      @Override
      public void save(DataOutputStream out) throws IOException {
        optimizer.saveState(parameters, out);
      }

      @Override
      public void load(DataInputStream in, NDManager manager) throws IOException {
        optimizer.loadState(parameters, in);
      }
    };
  }
}
