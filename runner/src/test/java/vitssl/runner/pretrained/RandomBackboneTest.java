package vitssl.runner.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.backbone.Backbone;
import vitssl.dsl.Experiment;
import vitssl.engine.EngineSetup;
import vitssl.inject.Components;
import vitssl.runner.TinyRuns;
import vitssl.runner.run.Wiring;
import vitssl.runner.train.SiameseModel;

/** {@code vitssl eval --random-init}: the weights a run drew, rebuilt without the run. */
class RandomBackboneTest {
  private static List<float[]> weights(Backbone backbone) {
    return backbone.block().getParameters().values().stream()
        .map(Parameter::getArray)
        .map(a -> a.toFloatArray())
        .toList();
  }

  @Test
  void theRandomBackboneHoldsTheWeightsTheRunDrewBeforeItsFirstStep() {
    EngineSetup.ensureStarted();
    Experiment experiment = TinyRuns.experiment(Path.of("unused"), Path.of("unused"));
    Components components = Wiring.of().components();
    try (NDManager manager = NDManager.newBaseManager()) {
      // The run's own construction: query and key encoders, predictor, seeded by the experiment.
      List<float[]> drawn =
          weights(
              SiameseModel.of(experiment, components.loss(experiment.loss()), components, manager)
                  .queryBackbone());

      PretrainedRun run = new PretrainedRun(Path.of("not-read.ckpt"), experiment);
      List<float[]> rebuilt = weights(run.randomBackbone(components, manager));
      PretrainedRun otherSeed =
          new PretrainedRun(Path.of("not-read.ckpt"), experiment.withSeed(experiment.seed() + 1));
      List<float[]> other = weights(otherSeed.randomBackbone(components, manager));

      assertThat(rebuilt).hasSameSizeAs(drawn).hasSizeGreaterThan(4);
      for (int i = 0; i < drawn.size(); i++) {
        assertThat(rebuilt.get(i)).as("parameter %d", i).containsExactly(drawn.get(i));
      }
      // Another seed draws other weight matrices (LayerNorm and bias starts are fixed).
      assertThat(
              java.util.stream.IntStream.range(0, drawn.size())
                  .filter(i -> !java.util.Arrays.equals(other.get(i), drawn.get(i)))
                  .count())
          .isGreaterThanOrEqualTo(4);
    }
  }
}
