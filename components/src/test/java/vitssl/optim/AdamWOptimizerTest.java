package vitssl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vitssl.optim.TestParameters.frozen;
import static vitssl.optim.TestParameters.setGradients;
import static vitssl.optim.TestParameters.trainable;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.WeightDecayScope;
import vitssl.engine.Kernels;

class AdamWOptimizerTest {
  private static final Shape MATRIX = new Shape(2, 3);
  private static final Shape VECTOR = new Shape(3);
  /** Changing lr per step, as a schedule would. */
  private static final double[] LRS = {0.01, 0.05, 0.02, 0.03};

  /**
   * Betas far from 1 and a large eps make the bias corrections and eps's place in the denominator
   * visible: with eps 1e-8 a wrongly placed eps would pass unnoticed.
   */
  private static final AdamW SPEC =
      AdamW.baseLr(1e-3).weightDecay(0.1).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.05);

  private final Random random = new Random(11);
  private final float[] matrix = TestParameters.random(random, 6, 1);
  private final float[] vector = TestParameters.random(random, 3, 1);

  @Test
  void theFusedKernelRunsOnThisEngine() {
    try (NDManager state = NDManager.newBaseManager()) {
      assertThat(new AdamWOptimizer(SPEC, state).fused()).isTrue();
      assertThat(new AdamWOptimizer(SPEC, state, Kernels.DJL_OPS).fused()).isFalse();
    }
  }

  @Test
  void followsPyTorchsAdamWOverSeveralStepsWithDecay() {
    for (Kernels fused : Kernels.values()) {
      checkAgainstReference(SPEC, SPEC.weightDecay(), SPEC.weightDecay(), fused);
    }
  }

  @Test
  void followsPyTorchsAdamWWithoutDecay() {
    for (Kernels fused : Kernels.values()) {
      checkAgainstReference(SPEC.weightDecay(0), 0, 0, fused);
    }
  }

  @Test
  void matricesOnlyLeavesOneDimensionalParametersUndecayed() {
    for (Kernels fused : Kernels.values()) {
      checkAgainstReference(
          SPEC.withWeightDecayScope(WeightDecayScope.MATRICES_ONLY), SPEC.weightDecay(), 0, fused);
    }
  }

  /** Parameters at different step counts in one call: each gets its own bias corrections. */
  @Test
  void aParameterThatJoinsLateStepsFromItsOwnFirstStep() {
    for (Kernels fused : Kernels.values()) {
      try (NDManager manager = NDManager.newBaseManager();
          NDManager state = NDManager.newBaseManager()) {
        Parameter early = trainable(manager, "w", MATRIX, matrix.clone());
        Parameter late = trainable(manager, "b", VECTOR, vector.clone());
        ReferenceAdamW refEarly = reference(matrix, SPEC, SPEC.weightDecay());
        ReferenceAdamW refLate = reference(vector, SPEC, SPEC.weightDecay());
        AdamWOptimizer adamW = new AdamWOptimizer(SPEC, state, fused);
        for (int step = 0; step < LRS.length; step++) {
          float[] gEarly = TestParameters.random(random, 6, 1);
          if (step < 2) {
            setGradients(List.of(early), List.of(gEarly));
          } else {
            float[] gLate = TestParameters.random(random, 3, 1);
            setGradients(List.of(early, late), List.of(gEarly, gLate));
            refLate.step(gLate, LRS[step]);
          }
          adamW.step(List.of(early, late), LRS[step]);
          refEarly.step(gEarly, LRS[step]);
        }
        assertThat(adamW.steps(early)).isEqualTo(4);
        assertThat(adamW.steps(late)).isEqualTo(2);
        assertThat(early.getArray().toFloatArray())
            .as("fused: %s", fused)
            .containsExactly(refEarly.values(), within(2e-6f));
        assertThat(late.getArray().toFloatArray())
            .as("fused: %s", fused)
            .containsExactly(refLate.values(), within(2e-6f));
      }
    }
  }

  @Test
  void skipsFrozenParametersAndThoseNoBackwardReached() {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      Parameter trained = trainable(manager, "w", MATRIX, matrix.clone());
      Parameter frozen = frozen(manager, "patch", VECTOR, vector.clone());
      Parameter unreached = trainable(manager, "cls", VECTOR, vector.clone());
      setGradients(List.of(trained), List.of(TestParameters.random(random, 6, 1)));
      AdamWOptimizer adamW = new AdamWOptimizer(SPEC, state);
      adamW.step(List.of(trained, frozen, unreached), 0.1);
      assertThat(trained.getArray().toFloatArray()).isNotEqualTo(matrix);
      assertThat(frozen.getArray().toFloatArray()).containsExactly(vector);
      assertThat(unreached.getArray().toFloatArray()).containsExactly(vector);
      assertThat(adamW.steps(trained)).isEqualTo(1);
      assertThat(adamW.steps(frozen)).isZero();
      assertThat(adamW.steps(unreached)).isZero();
    }
  }

  @Test
  void zeroesTheGradientsItUsedAndKeepsStateOnlyInTheStateManager() {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      List<Parameter> parameters =
          List.of(trainable(manager, "w", MATRIX, matrix), trainable(manager, "b", VECTOR, vector));
      setGradients(
          parameters,
          List.of(TestParameters.random(random, 6, 1), TestParameters.random(random, 3, 1)));
      int before = manager.getManagedArrays().size();
      AdamWOptimizer adamW = new AdamWOptimizer(SPEC, state);
      adamW.step(parameters, 0.1);
      adamW.step(parameters, 0.1);
      assertThat(TestParameters.gradient(parameters.get(0))).containsOnly(0f);
      assertThat(TestParameters.gradient(parameters.get(1))).containsOnly(0f);
      assertThat(manager.getManagedArrays()).hasSize(before);
      assertThat(state.getManagedArrays()).hasSize(4); // two moments per parameter
    }
  }

  @Test
  void rejectsANegativeLearningRate() {
    try (NDManager state = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> new AdamWOptimizer(SPEC, state).step(List.of(), -0.1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lr = -0.1");
    }
  }

  @Test
  void printsTheTimeOfOneStepOverAVitSizedModel() {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      List<Parameter> parameters = TestParameters.vitSized(manager, true);
      TestParameters.setGradientsToWeights(parameters);
      // After the first step the gradients are zero; the work per step is the same.
      for (Kernels fused : Kernels.values()) {
        AdamWOptimizer adamW = new AdamWOptimizer(AdamW.baseLr(1.5e-4), state, fused);
        System.out.printf(
            "AdamWOptimizer (%s), %d parameters in %d tensors: step %s%n",
            fused == Kernels.SCRIPTED ? "fused kernel" : "per-parameter kernel",
            TestParameters.size(parameters),
            parameters.size(),
            Timing.of(3, () -> adamW.step(parameters, 1e-4)));
      }
    }
  }

  /** Runs {@link #LRS} steps on a matrix and a vector and compares with {@link ReferenceAdamW}. */
  private void checkAgainstReference(
      AdamW spec, double matrixDecay, double vectorDecay, Kernels fused) {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      List<Parameter> parameters =
          List.of(
              trainable(manager, "w", MATRIX, matrix.clone()),
              trainable(manager, "b", VECTOR, vector.clone()));
      ReferenceAdamW refMatrix = reference(matrix, spec, matrixDecay);
      ReferenceAdamW refVector = reference(vector, spec, vectorDecay);
      AdamWOptimizer adamW = new AdamWOptimizer(spec, state, fused);
      for (double lr : LRS) {
        float[] gMatrix = TestParameters.random(random, 6, 1);
        float[] gVector = TestParameters.random(random, 3, 1);
        setGradients(parameters, List.of(gMatrix, gVector));
        adamW.step(parameters, lr);
        refMatrix.step(gMatrix, lr);
        refVector.step(gVector, lr);
      }
      assertThat(parameters.get(0).getArray().toFloatArray())
          .as("fused: %s", fused)
          .containsExactly(refMatrix.values(), within(2e-6f));
      assertThat(parameters.get(1).getArray().toFloatArray())
          .as("fused: %s", fused)
          .containsExactly(refVector.values(), within(2e-6f));
      assertThat(TestParameters.gradient(parameters.get(0))).containsOnly(0f);
      assertThat(adamW.steps(parameters.get(0))).isEqualTo(LRS.length);
    }
  }

  private static ReferenceAdamW reference(float[] initial, AdamW spec, double decay) {
    return new ReferenceAdamW(initial, spec.beta1(), spec.beta2(), spec.epsilon(), decay);
  }

}
