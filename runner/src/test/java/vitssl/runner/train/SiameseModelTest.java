package vitssl.runner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.dsl.Experiment;
import vitssl.engine.EngineSetup;
import vitssl.inject.Components;
import vitssl.runner.TinyRuns;
import vitssl.runner.run.Wiring;

/** The siamese model's batched forward passes against one call per view. */
class SiameseModelTest {
  private final Experiment experiment = TinyRuns.experiment(Path.of("unused"), Path.of("unused"));

  @Test
  void queriesAndKeysEqualOneCallPerViewWithTheSameRunningStatistics() {
    EngineSetup.ensureStarted();
    Components components = Wiring.of().components();
    try (NDManager manager = NDManager.newBaseManager()) {
      SiameseModel batched = model(manager, components);
      SiameseModel apart = model(manager, components);
      List<NDArray> views = new ArrayList<>();
      for (int v = 0; v < 3; v++) {
        views.add(manager.randomNormal(v, 1, new Shape(8, 3, 16, 16), DataType.FLOAT32));
      }

      List<NDArray> queries = batched.queries(views);
      List<NDArray> keys = batched.keys(views);

      ParameterStore store = new ParameterStore(manager, false);
      Block queryProjector = apart.queryEncoder().projector();
      Block keyProjector = apart.keyEncoder().orElseThrow().projector();
      Block predictor = apart.predictor().orElseThrow();
      for (int v = 0; v < views.size(); v++) {
        NDList image = new NDList(views.get(v));
        NDList q =
            predictor.forward(
                store,
                queryProjector.forward(
                    store, apart.queryBackbone().block().forward(store, image, true), true),
                true);
        Block keyBackbone = apart.keyEncoder().orElseThrow().backbone().block();
        NDList k = keyProjector.forward(store, keyBackbone.forward(store, image, true), true);
        assertThat(queries.get(v).toFloatArray())
            .as("query of view %d", v)
            .containsExactly(q.singletonOrThrow().toFloatArray(), within(1e-5f));
        assertThat(keys.get(v).toFloatArray())
            .as("key of view %d", v)
            .containsExactly(k.singletonOrThrow().toFloatArray(), within(1e-5f));
      }
      assertThat(runningStatistics(batched)).hasSameSizeAs(runningStatistics(apart)).isNotEmpty();
      List<float[]> a = runningStatistics(batched);
      List<float[]> b = runningStatistics(apart);
      for (int i = 0; i < a.size(); i++) {
        assertThat(a.get(i)).as("running statistic %d", i).containsExactly(b.get(i), within(1e-5f));
      }
    }
  }

  private static List<float[]> runningStatistics(SiameseModel model) {
    List<Parameter> all = new ArrayList<>(model.trainableParameters());
    all.addAll(model.keyEncoder().orElseThrow().parameters());
    List<float[]> out = new ArrayList<>();
    for (Parameter p : all) {
      if (p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR) {
        out.add(p.getArray().toFloatArray());
      }
    }
    return out;
  }

  private SiameseModel model(NDManager manager, Components components) {
    return TinyRuns.siameseModel(experiment, manager, components);
  }
}
