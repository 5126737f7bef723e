package vitssl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vitssl.optim.TestParameters.frozen;
import static vitssl.optim.TestParameters.gradient;
import static vitssl.optim.TestParameters.setGradients;
import static vitssl.optim.TestParameters.trainable;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.dsl.optim.AdamW;

class GradientNormTest {
  private static final Shape MATRIX = new Shape(2, 2);
  private static final Shape VECTOR = new Shape(2);
  private static final float[] G_MATRIX = {1, -2, 2, 0};
  private static final float[] G_VECTOR = {4, 0};
  /** sqrt(1 + 4 + 4 + 16) */
  private static final double NORM = 5;

  @Test
  void isTheL2NormOverEveryElementOfTheGroup() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Parameter> group = group(manager);
      Parameter patch = frozen(manager, "patch", VECTOR, 9, 9);
      setGradients(group, List.of(G_MATRIX, G_VECTOR));
      assertThat(GradientNorm.of(group)).isCloseTo(NORM, within(1e-6));
      assertThat(GradientNorm.of(List.of(group.get(1)))).isCloseTo(4, within(1e-6));
      assertThat(GradientNorm.of(List.of(group.get(0), group.get(1), patch)))
          .isCloseTo(NORM, within(1e-6));
    }
  }

  @Test
  void clippingScalesTheStoredGradientsToTheMaxNorm() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Parameter> group = group(manager);
      setGradients(group, List.of(G_MATRIX, G_VECTOR));
      int before = manager.getManagedArrays().size();
      assertThat(GradientNorm.clip(group, 1)).isCloseTo(NORM, within(1e-6));
      double scale = 1 / (NORM + 1e-6);
      assertThat(gradient(group.get(0))).containsExactly(scaled(G_MATRIX, scale), within(1e-6f));
      assertThat(gradient(group.get(1))).containsExactly(scaled(G_VECTOR, scale), within(1e-6f));
      assertThat(GradientNorm.of(group)).isCloseTo(1, within(1e-5));
      assertThat(manager.getManagedArrays()).hasSize(before);
    }
  }

  @Test
  void aNormBelowTheThresholdIsLeftAlone() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Parameter> group = group(manager);
      setGradients(group, List.of(G_MATRIX, G_VECTOR));
      assertThat(GradientNorm.clip(group, 6)).isCloseTo(NORM, within(1e-6));
      assertThat(gradient(group.get(0))).containsExactly(G_MATRIX);
      assertThat(gradient(group.get(1))).containsExactly(G_VECTOR);
    }
  }

  @Test
  void theOptimizerStepsWithTheClippedGradient() {
    // Adam's first step is nearly invariant to the gradient's scale, so clip the second.
    AdamW spec = AdamW.baseLr(1e-3).weightDecay(0);
    float[] start = {0.5f, -0.5f};
    float[] g1 = {0.3f, 0.4f};
    float[] g2 = {30, -40};
    double lr = 0.1;
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      Parameter clipped = trainable(manager, "clipped", VECTOR, start.clone());
      Parameter free = trainable(manager, "free", VECTOR, start.clone());
      AdamWOptimizer adamW = new AdamWOptimizer(spec, state);
      setGradients(List.of(clipped, free), List.of(g1, g1));
      adamW.step(List.of(clipped, free), lr);
      setGradients(List.of(clipped, free), List.of(g2, g2));
      GradientNorm.clip(List.of(clipped), 0.5);
      adamW.step(List.of(clipped, free), lr);

      ReferenceAdamW expected = new ReferenceAdamW(start, 0.9, 0.999, 1e-8, 0);
      expected.step(g1, lr);
      expected.step(scaled(g2, 0.5 / (50 + 1e-6)), lr);
      // 1e-5: the default beta2 = 0.999 is a float32 in the native kernel (see AdamWOptimizer).
      assertThat(clipped.getArray().toFloatArray())
          .containsExactly(expected.values(), within(1e-5f));
      assertThat(clipped.getArray().toFloatArray())
          .isNotEqualTo(free.getArray().toFloatArray());
    }
  }

  @Test
  void rejectsANonPositiveThreshold() {
    assertThatThrownBy(() -> GradientNorm.clip(List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxNorm = 0.0");
  }

  @Test
  void printsTheTimeOfTheNormOfAVitSizedModel() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Parameter> parameters = TestParameters.vitSized(manager, true);
      TestParameters.setGradientsToWeights(parameters);
      System.out.printf(
          "GradientNorm, %d parameters in %d tensors: %s%n",
          TestParameters.size(parameters),
          parameters.size(),
          Timing.of(5, () -> GradientNorm.of(parameters)));
    }
  }

  private static List<Parameter> group(NDManager manager) {
    return List.of(
        trainable(manager, "w", MATRIX, 1, 1, 1, 1), trainable(manager, "b", VECTOR, 1, 1));
  }

  private static float[] scaled(float[] values, double scale) {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (values[i] * scale);
    }
    return out;
  }
}
