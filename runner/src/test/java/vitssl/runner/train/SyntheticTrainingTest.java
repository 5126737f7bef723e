package vitssl.runner.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vitssl.engine.EngineSetup;
import vitssl.inject.Components;
import vitssl.runner.TinyRuns;
import vitssl.runner.run.Wiring;

/** Starting weights carried from one model to another, as bin/gpu-check carries them to the GPU. */
class SyntheticTrainingTest {
  @Test
  void aModelGivenAnotherSeedsWeightsTrainsAsThatSeedsModelDoes() {
    EngineSetup.ensureStarted();
    Components components = Wiring.of().components();
    var tiny = TinyRuns.experiment(Path.of("unused"), Path.of("unused"));
    var own = SyntheticTraining.train(tiny, components, Device.cpu(), 3, 1e-3, 3, Optional.empty());
    byte[] weights = SyntheticTraining.initialWeights(tiny, components);
    var reseeded = tiny.withSeed(42);
    var carried =
        SyntheticTraining.train(reseeded, components, Device.cpu(), 3, 1e-3, 3, Optional.of(weights));
    var fresh = SyntheticTraining.train(reseeded, components, Device.cpu(), 3, 1e-3, 3, Optional.empty());

    assertThat(carried.losses()).containsExactlyElementsOf(own.losses());
    assertThat(SyntheticTraining.maxDifference(carried, own)).isZero();
    assertThat(fresh.losses().get(0)).as("another seed starts elsewhere").isNotEqualTo(own.losses().get(0));
  }
}
