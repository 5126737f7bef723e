package vitssl.runner.compute;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.engine.EngineSetup;

/** fp16's dynamic loss scaling against GradScaler's rules, worked by hand. */
class LossScalerTest {
  @Test
  void scalingTheLossThenUnscalingGivesTheTrueGradient() {
    EngineSetup.ensureStarted();
    try (NDManager manager = NDManager.newBaseManager()) {
      Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
      w.setArray(manager.create(new float[] {1, -2, 3}));
      w.getArray().setRequiresGradient(true);
      LossScaler scaler = new LossScaler();
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray loss = w.getArray().square().sum(); // d/dw = 2 w
        NDArray scaled = scaler.scaled(loss);
        assertThat(scaled.getFloat()).isEqualTo(14f * 65536f);
        collector.backward(scaled);
      }
      assertThat(w.getArray().getGradient().toFloatArray()).containsExactly(2 * 65536f, -4 * 65536f, 6 * 65536f);
      scaler.unscale(List.of(w));
      assertThat(w.getArray().getGradient().toFloatArray()).containsExactly(2f, -4f, 6f);
    }
  }

  @Test
  void anOverflowHalvesTheScaleAndTwoThousandGoodStepsDoubleIt() {
    LossScaler scaler = new LossScaler();
    assertThat(scaler.scale()).isEqualTo(65536);
    scaler.overflowed();
    scaler.overflowed();
    assertThat(scaler.scale()).isEqualTo(16384);
    for (int i = 0; i < 1999; i++) {
      scaler.applied();
    }
    assertThat(scaler.scale()).as("after 1,999 good steps").isEqualTo(16384);
    scaler.applied();
    assertThat(scaler.scale()).as("after 2,000").isEqualTo(32768);
    for (int i = 0; i < 1000; i++) {
      scaler.applied();
    }
    scaler.overflowed();
    for (int i = 0; i < 1999; i++) {
      scaler.applied();
    }
    assertThat(scaler.scale()).as("an overflow restarts the count").isEqualTo(16384);
  }
}
