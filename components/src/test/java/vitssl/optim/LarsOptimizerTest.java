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
import vitssl.dsl.optim.Lars;
import vitssl.dsl.optim.WeightDecayScope;

class LarsOptimizerTest extends StatefulOptimizerContract {
  private static final Shape MATRIX = new Shape(2, 3);

  /** Changing lr per step, as a schedule would: the momentum buffer must not hold lr. */
  private static final double[] LRS = {0.1, 0.5, 0.2, 0.3};

  /**
   * A large trust coefficient and weight decay make every term visible in float32: with MoCo v3's
   * 0.001 and 1e-6 the steps and the decay would vanish under rounding.
   */
  private static final Lars SPEC =
      Lars.baseLr(0.3).weightDecay(0.5).withTrustCoefficient(0.2).withMomentum(0.8);

  private final Random random = new Random(7);

  @Test
  void twoStepsComputedByHand() {
    // p = (3, 4), |p| = 5; g = (0.6, 0.8), |g| = 1; no decay, eta 0.001, lr 10, momentum 0.9.
    // Step 1: ratio 0.005, mu = (0.003, 0.004), p = (2.97, 3.96).
    // Step 2: |p| = 4.95, ratio 0.00495, mu = 0.9 mu + 0.00495 g = (0.00567, 0.00756),
    // p = (2.9133, 3.8844).
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      Parameter p = trainable(manager, "w", new Shape(1, 2), 3, 4);
      LarsOptimizer lars = new LarsOptimizer(Lars.baseLr(1).weightDecay(0), state);
      setGradients(List.of(p), List.of(new float[] {0.6f, 0.8f}));
      lars.step(List.of(p), 10);
      assertThat(p.getArray().toFloatArray())
          .containsExactly(new float[] {2.97f, 3.96f}, within(1e-6f));
      setGradients(List.of(p), List.of(new float[] {0.6f, 0.8f}));
      lars.step(List.of(p), 10);
      assertThat(p.getArray().toFloatArray())
          .containsExactly(new float[] {2.9133f, 3.8844f}, within(1e-6f));
    }
  }

  @Test
  void followsMocoV3sLarsOverSeveralStepsWithDecay() {
    checkAgainstMocoV3(SPEC, false);
  }

  @Test
  void followsMocoV3sLarsWithoutDecay() {
    checkAgainstMocoV3(SPEC.weightDecay(0), false);
  }

  @Test
  void scopeAllAdaptsOneDimensionalParametersToo() {
    checkAgainstMocoV3(SPEC.withWeightDecayScope(WeightDecayScope.ALL), true);
  }

  @Test
  void withoutMomentumEachStepIsTheScaledGradient() {
    checkAgainstMocoV3(SPEC.withMomentum(0), false);
  }

  @Test
  void theDefaultsStepAMatrixByTrustCoefficientTimesLrTimesItsNorm() {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      float[] values = TestParameters.random(random, 6, 1);
      Parameter p = trainable(manager, "w", MATRIX, values);
      setGradients(List.of(p), List.of(TestParameters.random(random, 6, 1)));
      new LarsOptimizer(Lars.baseLr(0.3), state).step(List.of(p), 4.8);
      double moved = Doubles.distance(p.getArray().toFloatArray(), values);
      assertThat(moved).isCloseTo(4.8 * 0.001 * Doubles.norm(Doubles.of(values)), within(2e-6));
    }
  }

  @Test
  void aZeroWeightGetsARatioOfOne() {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      // A zero weight: g + wd 0 = g, the ratio is 1 and the first step is lr g.
      Parameter zero = trainable(manager, "zero", MATRIX, new float[6]);
      float[] g = TestParameters.random(random, 6, 1);
      setGradients(List.of(zero), List.of(g));
      new LarsOptimizer(SPEC, state).step(List.of(zero), 2);
      float[] expected = new float[6];
      for (int i = 0; i < 6; i++) {
        expected[i] = -2 * g[i];
      }
      assertThat(zero.getArray().toFloatArray()).containsExactly(expected, within(1e-6f));
    }
  }

  @Override
  StatefulOptimizer optimizer(NDManager stateManager) {
    return new LarsOptimizer(SPEC, stateManager);
  }

  @Override
  StatefulOptimizer withPaperDefaults(NDManager stateManager) {
    return new LarsOptimizer(Lars.baseLr(0.3), stateManager);
  }

  @Override
  StatefulOptimizer withoutDecay(NDManager stateManager) {
    return new LarsOptimizer(SPEC.weightDecay(0), stateManager);
  }

  @Override
  int arraysPerParameter() {
    return 1;
  }

  /** Compares with {@link ReferenceLars}; matrices are always adapted, vectors as told. */
  private void checkAgainstMocoV3(Lars spec, boolean vectorsAdapted) {
    try (NDManager state = NDManager.newBaseManager()) {
      checkAgainstReference(
          new LarsOptimizer(spec, state),
          LRS,
          (shape, initial) ->
              new ReferenceLars(
                  initial,
                  shape.dimension() >= 2 || vectorsAdapted,
                  spec.weightDecay(),
                  spec.momentum(),
                  spec.trustCoefficient()));
    }
  }
}
