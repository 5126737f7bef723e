package vitssl.runner.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vitssl.loss.SiameseLoss;
import vitssl.optim.ParameterOptimizer;

/**
 * What a siamese run's checkpoint holds, by name: the query encoder, the predictor and the key
 * encoder where the model has them, the loss's own state where it keeps one, and the optimizer's.
 */
public final class CheckpointParts {
  private CheckpointParts() {}

  public static Map<String, Checkpoints.Part> of(
      SiameseModel model, ParameterOptimizer optimizer, SiameseLoss loss) {
    Map<String, Checkpoints.Part> parts = new LinkedHashMap<>();
    parts.put(Checkpoints.QUERY_ENCODER, Checkpoints.Part.of(model.queryEncoder().block()));
    model.predictor().ifPresent(p -> parts.put("predictor", Checkpoints.Part.of(p)));
    model.keyEncoder().ifPresent(k -> parts.put("key_encoder", Checkpoints.Part.of(k.block())));
    if (loss.stateful()) {
      parts.put(
          "loss",
          new Checkpoints.Part() {
            @Override
            public void save(DataOutputStream out) throws IOException {
              loss.saveState(out);
            }

            @Override
            public void load(DataInputStream in, NDManager manager) throws IOException {
              loss.loadState(in, manager);
            }
          });
    }
    parts.put("optimizer", optimizer(optimizer, TrainingStep.trained(model, loss)));
    return parts;
  }

  /** An optimizer's state for these parameters, in their order. */
  public static Checkpoints.Part optimizer(ParameterOptimizer optimizer, List<Parameter> parameters) {
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
