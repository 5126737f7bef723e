package vitssl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vitssl.optim.TestParameters.setGradients;
import static vitssl.optim.TestParameters.trainable;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vitssl.dsl.optim.Lamb;
import vitssl.dsl.optim.WeightDecayScope;

class LambOptimizerTest extends StatefulOptimizerContract {
  private static final Shape MATRIX = new Shape(2, 3);
  private static final Shape VECTOR = new Shape(3);

  /** Changing lr per step, as a schedule would. */
  private static final double[] LRS = {0.01, 0.05, 0.02, 0.03};

  /**
   * Betas far from 1 and a large eps make the bias corrections and eps's place in the denominator
   * visible; the trust ratio hides any error that only scales the update.
   */
  private static final Lamb SPEC =
      Lamb.baseLr(5e-4).weightDecay(0.3).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.05);

  private final Random random = new Random(13);

  @Test
  void firstStepComputedByHand() {
    // p = (3, 4), |p| = 5, g = (1, -2), no decay: m / (1 - b1) = g, v / (1 - b2) = g^2, so
    // u = g / (|g| + 1e-6) ~ (1, -1), |u| ~ sqrt 2, and the step is lr 5 (1, -1) / sqrt 2.
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      Parameter p = trainable(manager, "w", new Shape(1, 2), 3, 4);
      setGradients(List.of(p), List.of(new float[] {1, -2}));
      new LambOptimizer(Lamb.baseLr(1).weightDecay(0), state).step(List.of(p), 0.1);
      double step = 0.5 / Math.sqrt(2);
      assertThat(p.getArray().toFloatArray())
          .containsExactly(new float[] {(float) (3 - step), (float) (4 + step)}, within(1e-6f));
    }
  }

  @Test
  void followsTimmsLambOverSeveralStepsWithDecay() {
    checkAgainstTimm(SPEC, SPEC.weightDecay());
  }

  @Test
  void followsTimmsLambWithoutDecay() {
    checkAgainstTimm(SPEC.weightDecay(0), 0);
  }

  @Test
  void matricesOnlyLeavesOneDimensionalParametersUndecayedButAdapted() {
    checkAgainstTimm(SPEC.withWeightDecayScope(WeightDecayScope.MATRICES_ONLY), 0);
  }

  @Test
  void eachStepMovesEveryParameterByLrTimesItsNorm() {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      List<Parameter> parameters =
          List.of(
              trainable(manager, "w", MATRIX, TestParameters.random(random, 6, 1)),
              trainable(manager, "b", VECTOR, TestParameters.random(random, 3, 1)));
      LambOptimizer lamb = new LambOptimizer(Lamb.baseLr(5e-4), state);
      for (double lr : LRS) {
        List<float[]> before = parameters.stream().map(p -> p.getArray().toFloatArray()).toList();
        setGradients(
            parameters,
            List.of(TestParameters.random(random, 6, 1), TestParameters.random(random, 3, 1)));
        lamb.step(parameters, lr);
        for (int i = 0; i < parameters.size(); i++) {
          float[] after = parameters.get(i).getArray().toFloatArray();
          assertThat(Doubles.distance(after, before.get(i)))
              .isCloseTo(lr * Doubles.norm(Doubles.of(before.get(i))), within(2e-6));
        }
      }
    }
  }

  @Test
  void aZeroGradientWithDecayShrinksTheWeightByLr() {
    // m = v = 0, so u = wd p, the ratio is 1 / wd and the step is lr p.
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      float[] values = TestParameters.random(random, 6, 1);
      Parameter p = trainable(manager, "w", MATRIX, values.clone());
      setGradients(List.of(p), List.of(new float[6]));
      new LambOptimizer(SPEC, state).step(List.of(p), 0.25);
      float[] expected = new float[6];
      for (int i = 0; i < 6; i++) {
        expected[i] = 0.75f * values[i];
      }
      assertThat(p.getArray().toFloatArray()).containsExactly(expected, within(1e-6f));
    }
  }

  @Test
  void aZeroWeightGetsARatioOfOne() {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      // A zero weight: u = g / (|g| + eps) at the first step, unscaled.
      Parameter zero = trainable(manager, "zero", MATRIX, new float[6]);
      float[] g = TestParameters.random(random, 6, 1);
      setGradients(List.of(zero), List.of(g));
      new LambOptimizer(SPEC, state).step(List.of(zero), 0.1);
      float[] expected = new float[6];
      for (int i = 0; i < 6; i++) {
        expected[i] = (float) (-0.1 * g[i] / (Math.abs(g[i]) + SPEC.epsilon()));
      }
      assertThat(zero.getArray().toFloatArray()).containsExactly(expected, within(1e-6f));
    }
  }

  @Override
  StatefulOptimizer optimizer(NDManager stateManager) {
    return new LambOptimizer(SPEC, stateManager);
  }

  @Override
  StatefulOptimizer withPaperDefaults(NDManager stateManager) {
    return new LambOptimizer(Lamb.baseLr(5e-4), stateManager);
  }

  @Override
  StatefulOptimizer withoutDecay(NDManager stateManager) {
    return new LambOptimizer(SPEC.weightDecay(0), stateManager);
  }

  @Override
  int arraysPerParameter() {
    return 2;
  }

  /** Compares with {@link ReferenceLamb}; vectors are decayed by {@code vectorDecay}. */
  private void checkAgainstTimm(Lamb spec, double vectorDecay) {
    try (NDManager state = NDManager.newBaseManager()) {
      checkAgainstReference(
          new LambOptimizer(spec, state),
          LRS,
          (shape, initial) ->
              new ReferenceLamb(
                  initial,
                  spec.beta1(),
                  spec.beta2(),
                  spec.epsilon(),
                  shape.dimension() >= 2 ? spec.weightDecay() : vectorDecay));
    }
  }
}
