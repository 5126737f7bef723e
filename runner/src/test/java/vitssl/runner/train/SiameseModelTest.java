package vitssl.runner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
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

  @Test
  void onlyTheOutputsOutliveTheForwardPassesAndTheGradientsAreThoseOfAPassThatKeepsEverything() {
    EngineSetup.ensureStarted();
    Components components = Wiring.of().components();
    try (NDManager manager = NDManager.newBaseManager()) {
      SiameseModel scoped = model(manager, components);
      SiameseModel kept = model(manager, components);
      List<float[]> pixels = new ArrayList<>();
      for (int v = 0; v < 2; v++) {
        pixels.add(manager.randomNormal(0, 1, new Shape(8, 3, 16, 16), DataType.FLOAT32).toFloatArray());
      }
      List<float[]> scopedGradients;
      List<float[]> keptGradients;
      try (NDManager step = manager.newSubManager()) {
        List<NDArray> views = views(step, pixels);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          List<NDArray> q = scoped.queries(views);
          List<NDArray> k = scoped.keys(views);
          List<String> outlive = new ArrayList<>();
          for (List<NDArray> arrays : List.of(views, q, k)) {
            arrays.forEach(a -> outlive.add(a.getUid()));
          }
          assertThat(step.getManagedArrays())
              .extracting(NDArray::getUid)
              .as("arrays left in the step's manager after both encoders' passes")
              .containsExactlyInAnyOrderElementsOf(outlive);
          collector.backward(loss(q, k));
        }
        scopedGradients = gradientsOf(scoped);
      }
      try (NDManager step = manager.newSubManager()) {
        List<NDArray> views = views(step, pixels);
        ParameterStore store = new ParameterStore(step, false);
        Block keyBackbone = kept.keyEncoder().orElseThrow().backbone().block();
        Block keyProjector = kept.keyEncoder().orElseThrow().projector();
        List<NDArray> q = new ArrayList<>();
        List<NDArray> k = new ArrayList<>();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          for (NDArray view : views) {
            NDList image = new NDList(view);
            NDList projected =
                kept.queryEncoder()
                    .projector()
                    .forward(store, kept.queryBackbone().block().forward(store, image, true), true);
            q.add(kept.predictor().orElseThrow().forward(store, projected, true).singletonOrThrow());
            k.add(keyProjector.forward(store, keyBackbone.forward(store, image, true), true).singletonOrThrow());
          }
          collector.backward(loss(q, k));
        }
        keptGradients = gradientsOf(kept);
      }
      assertThat(scopedGradients).hasSameSizeAs(keptGradients).isNotEmpty();
      for (int i = 0; i < keptGradients.size(); i++) {
        float scale = 0;
        for (float g : keptGradients.get(i)) {
          scale = Math.max(scale, Math.abs(g));
        }
        assertThat(scopedGradients.get(i))
            .as("gradient %d", i)
            .containsExactly(keptGradients.get(i), within(1e-5f * Math.max(scale, 1)));
      }
    }
  }

  private static List<NDArray> views(NDManager manager, List<float[]> pixels) {
    return pixels.stream().map(p -> manager.create(p, new Shape(8, 3, 16, 16))).toList();
  }

  /** A loss that reads every query and key: sum(q0 * k1) + sum(q1 * k0). */
  private static NDArray loss(List<NDArray> q, List<NDArray> k) {
    return q.get(0).mul(k.get(1).stopGradient()).sum().add(q.get(1).mul(k.get(0).stopGradient()).sum());
  }

  private static List<float[]> gradientsOf(SiameseModel model) {
    List<float[]> out = new ArrayList<>();
    for (Parameter p : model.trainableParameters()) {
      if (p.requiresGradient()) {
        out.add(p.getArray().getGradient().toFloatArray());
      }
    }
    return out;
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
