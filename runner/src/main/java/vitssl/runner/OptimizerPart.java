package vitssl.runner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import vitssl.train.ParameterOptimizer;

/** An optimizer's state in a checkpoint: its arrays in the order it gives them. */
final class OptimizerPart {
  private OptimizerPart() {}

  static Checkpoints.Part of(
      ParameterOptimizer optimizer, List<Parameter> parameters, NDManager manager) {
    return new Checkpoints.Part() {
      @Override
      public void save(DataOutputStream out) throws IOException {
        List<NDArray> state = optimizer.state(parameters);
        out.writeInt(state.size());
        for (NDArray array : state) {
          byte[] bytes = array.encode();
          out.writeInt(bytes.length);
          out.write(bytes);
        }
      }

      @Override
      public void load(DataInputStream in, NDManager ignored) throws IOException {
        int count = in.readInt();
        List<NDArray> state = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          byte[] bytes = new byte[in.readInt()];
          in.readFully(bytes);
          state.add(manager.decode(bytes));
        }
        optimizer.restore(parameters, state);
      }
    };
  }
}
