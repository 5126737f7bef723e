package vitssl.runner.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void theMedianStepIsTheMiddleOfTheStepsAfterTheFirstSorted() {
    long ms = 1_000_000;
    // Steps after the first take 10, 20, 1 and 69 ms: sorted 1, 10, 20, 69, middle two 10 and 20.
    var even = outcome(List.of(5 * ms, 15 * ms, 35 * ms, 36 * ms, 105 * ms));
    // One more of 3 ms: sorted 1, 3, 10, 20, 69.
    var odd = outcome(List.of(5 * ms, 15 * ms, 35 * ms, 36 * ms, 105 * ms, 108 * ms));

    assertThat(even.stepMillis()).containsExactly(10.0, 20.0, 1.0, 69.0);
    assertThat(even.medianStepMillis()).isEqualTo(15.0);
    assertThat(odd.medianStepMillis()).isEqualTo(10.0);
    assertThat(even.seconds()).isEqualTo(0.1);
    assertThat(outcome(List.of(7 * ms)).medianStepMillis()).isZero();
  }

  private static SyntheticTraining.Outcome outcome(List<Long> stepEnds) {
    return new SyntheticTraining.Outcome(List.of(), List.of(), 0, stepEnds, 0);
  }
}
