package vitssl.runner.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.dsl.Experiment;
import vitssl.engine.EngineSetup;
import vitssl.inject.Components;
import vitssl.runner.TinyRuns;
import vitssl.runner.compute.BackboneFeatures;
import vitssl.runner.run.Wiring;

/**
 * The order of a step's two encoder passes. The key encoder's pass keeps nothing for the backward
 * pass but holds a block's intermediates while it runs; run before the query encoder's, it does
 * so while none of the query encoder's activations are held, so its working memory is not added
 * to the step's peak.
 */
class TrainingStepOrderTest {
  @Test
  void theKeyEncoderRunsBeforeTheQueryEncoder() {
    EngineSetup.ensureStarted();
    Experiment experiment = TinyRuns.experiment(Path.of("unused"), Path.of("unused"));
    Components components = Wiring.of().components();
    try (NDManager manager = NDManager.newBaseManager()) {
      SiameseModel model = TinyRuns.siameseModel(experiment, manager, components);
      ParameterStore store = new ParameterStore(manager, false);
      List<String> passes = new ArrayList<>();
      model.runBackbonesWith(
          (backbone, views) -> {
            passes.add(backbone == model.queryBackbone() ? "query" : "key");
            return BackboneFeatures.of(backbone, store, views);
          });
      TrainingStep step =
          TrainingStepTest.stepWith(
              experiment, model, components.loss(experiment.loss()), manager, components);

      StepResult result =
          step.run(
              TrainingStepTest.batch(), TrainingStepTest.shapes(), 0, 1e-2, 0.99, new HashMap<>());

      assertThat(result.skipped()).isFalse();
      assertThat(passes).containsExactly("key", "query");
    }
  }
}
