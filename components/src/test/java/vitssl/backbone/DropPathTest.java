package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import vitssl.dsl.backbone.Vit;

class DropPathTest {
  @AutoClose private final NDManager manager = NDManager.newBaseManager();

  @Test
  void dropsWholeSamplesAtTheRateAndKeepsTheExpectation() {
    Engine.getInstance().setRandomSeed(3);
    int samples = 20_000;
    double rate = 0.3;
    NDArray branch = manager.arange(1f, 7f).reshape(1, 2, 3).broadcast(new Shape(samples, 2, 3));
    float[] out = DropPath.apply(branch, rate, true).toFloatArray();
    int dropped = 0;
    double[] sum = new double[6];
    for (int b = 0; b < samples; b++) {
      float first = out[b * 6];
      boolean zero = first == 0f;
      for (int j = 0; j < 6; j++) {
        float expected = zero ? 0f : (float) ((j + 1) / (1 - rate));
        assertThat(out[b * 6 + j]).isCloseTo(expected, within(1e-5f));
        sum[j] += out[b * 6 + j];
      }
      dropped += zero ? 1 : 0;
    }
    // Binomial(20000, 0.3): standard deviation 65 samples; 5 of them leave room.
    assertThat(dropped).isCloseTo((int) (samples * rate), within(325));
    for (int j = 0; j < 6; j++) {
      // Each mean is (j + 1) x kept / (n (1 - rate)): within 5 standard deviations of j + 1.
      double sd = (j + 1) * Math.sqrt(rate / (1 - rate) / samples);
      assertThat(sum[j] / samples).isCloseTo(j + 1, within(5 * sd));
    }
  }

  @Test
  void passesTheBranchInInferenceOrAtRateZero() {
    NDArray branch = manager.randomNormal(new Shape(4, 3, 2));
    assertThat(DropPath.apply(branch, 0.5, false)).isSameAs(branch);
    assertThat(DropPath.apply(branch, 0, true)).isSameAs(branch);
  }

  @Test
  void ratesRiseLinearlyOverTheBlocksAsTimms() {
    Vit spec = Models.tiny().withDepth(5).withDropPath(0.2);
    VisionTransformer vit = Models.initialised(spec, manager, 1);
    assertThat(vit.blocks().stream().mapToDouble(TransformerBlock::dropRate).toArray())
        .containsExactly(new double[] {0, 0.05, 0.1, 0.15, 0.2}, within(1e-12));
    assertThat(DropPath.rate(Models.tiny().withDepth(1).withDropPath(0.2), 0)).isZero();
  }

  @Test
  void aViTWithDropPathVariesPerSampleInTrainingOnly() {
    Vit spec = Models.tiny().withDepth(3).withDropPath(0.5);
    VisionTransformer vit = Models.initialised(spec, manager, 1);
    NDArray one = Models.images(spec, manager, 1);
    NDArray same = one.broadcast(new Shape(16, spec.channels(), spec.imageSize(), spec.imageSize()));
    float[] inference = Models.forward(vit, same, false).toFloatArray();
    float[] training = Models.forward(vit, same, true).toFloatArray();
    int width = spec.width();
    boolean varies = false;
    for (int b = 1; b < 16; b++) {
      for (int j = 0; j < width; j++) {
        assertThat(inference[b * width + j]).isEqualTo(inference[j]);
        varies |= training[b * width + j] != training[j];
      }
    }
    assertThat(varies).isTrue();
  }

  @Test
  void aRateOfOneOrMoreIsRefused() {
    assertThatThrownBy(() -> Models.tiny().withDropPath(1.0))
        .hasMessage("Vit.dropPath = 1.0: a drop rate lies in [0, 1); 0 for pre-training, 0.1 for fine-tuning");
  }
}
