package vitssl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vitssl.optim.TestParameters.parameter;
import static vitssl.optim.TestParameters.trainable;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vitssl.engine.Kernels;

class MomentumUpdateTest {
  private static final Shape MATRIX = new Shape(2, 3);
  private static final Shape VECTOR = new Shape(3);

  private final Random random = new Random(7);
  private final float[] qMatrix = TestParameters.random(random, 6, 1);
  private final float[] qVector = TestParameters.random(random, 3, 1);
  private final float[] kMatrix = TestParameters.random(random, 6, 1);
  private final float[] kVector = TestParameters.random(random, 3, 1);

  @Test
  void movesEveryKeyParameterTowardsTheQuery() {
    for (Kernels kernels : Kernels.values()) {
      try (NDManager manager = NDManager.newBaseManager()) {
        List<Parameter> query = pair(manager, qMatrix, qVector, true);
        List<Parameter> key = pair(manager, kMatrix, kVector, false);
        MomentumUpdate update = new MomentumUpdate(query, key, kernels);
        assertThat(update.oneCall()).isEqualTo(kernels == Kernels.SCRIPTED);
        update.update(0.9);
        assertThat(values(key.get(0))).as("kernels: %s", kernels)
            .containsExactly(ema(0.9, kMatrix, qMatrix), within(1e-6f));
        assertThat(values(key.get(1))).as("kernels: %s", kernels)
            .containsExactly(ema(0.9, kVector, qVector), within(1e-6f));
        assertThat(values(query.get(0))).containsExactly(qMatrix);
      }
    }
  }

  @Test
  void zeroMomentumCopiesExactlyAndOneKeeps() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Parameter> query = pair(manager, qMatrix, qVector, true);
      List<Parameter> key = pair(manager, kMatrix, kVector, false);
      MomentumUpdate update = new MomentumUpdate(query, key);
      update.update(1);
      assertThat(values(key.get(0))).containsExactly(kMatrix);
      update.update(0);
      assertThat(values(key.get(0))).containsExactly(qMatrix);
      assertThat(values(key.get(1))).containsExactly(qVector);
    }
  }

  @Test
  void copyStartsTheKeyEncoderAsTheQueryEncoder() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Parameter> query = pair(manager, qMatrix, qVector, true);
      List<Parameter> key = pair(manager, kMatrix, kVector, true);
      new MomentumUpdate(query, key).copy();
      assertThat(values(key.get(0))).containsExactly(qMatrix);
      assertThat(values(key.get(1))).containsExactly(qVector);
    }
  }

  @Test
  void leavesBatchNormRunningStatisticsToTheKeyEncoder() {
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] keyMean = {5, 6, 7};
      List<Parameter> query =
          List.of(
              trainable(manager, "w", VECTOR, qVector),
              parameter(manager, "mean", Parameter.Type.RUNNING_MEAN, false, VECTOR, 1, 2, 3));
      List<Parameter> key =
          List.of(
              trainable(manager, "w", VECTOR, kVector),
              parameter(manager, "mean", Parameter.Type.RUNNING_MEAN, false, VECTOR, keyMean));
      new MomentumUpdate(query, key).update(0);
      assertThat(values(key.get(0))).containsExactly(qVector);
      assertThat(values(key.get(1))).containsExactly(keyMean);
    }
  }

  @Test
  void recordsNoGraphEvenInsideAGradientCollector() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Parameter> query = pair(manager, qMatrix, qVector, true);
      List<Parameter> frozenKey = pair(manager, kMatrix, kVector, false);
      List<Parameter> trainableKey = pair(manager, kMatrix, kVector, true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        new MomentumUpdate(query, frozenKey).update(0.5);
        // A recorded op would make the key depend on the query, hence require gradient.
        assertThat(frozenKey.get(0).getArray().hasGradient()).isFalse();
        // A recorded in-place op on a leaf that requires gradient would throw.
        assertThatCode(() -> new MomentumUpdate(query, trainableKey).update(0.5))
            .doesNotThrowAnyException();
      }
      assertThat(values(trainableKey.get(0)))
          .containsExactly(ema(0.5, kMatrix, qMatrix), within(1e-6f));
    }
  }

  @Test
  void createsNoArrays() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Parameter> query = pair(manager, qMatrix, qVector, true);
      List<Parameter> key = pair(manager, kMatrix, kVector, false);
      MomentumUpdate update = new MomentumUpdate(query, key);
      int before = manager.getManagedArrays().size();
      update.update(0.99);
      update.copy();
      assertThat(manager.getManagedArrays()).hasSize(before);
    }
  }

  @Test
  void rejectsEncodersThatDoNotLineUp() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Parameter> query = pair(manager, qMatrix, qVector, true);
      assertThatThrownBy(() -> new MomentumUpdate(query, query.subList(0, 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("query encoder has 2 parameters")
          .hasMessageContaining("key encoder 1");
      List<Parameter> swapped = List.of(query.get(1), query.get(0));
      assertThatThrownBy(() -> new MomentumUpdate(query, swapped))
          .hasMessageContaining("parameter 0")
          .hasMessageContaining("(2, 3)")
          .hasMessageContaining("(3)");
      assertThatThrownBy(() -> new MomentumUpdate(query, query).update(1.5))
          .hasMessageContaining("momentum = 1.5");
    }
  }

  @Test
  void printsTheTimeOfOneUpdateOfAVitSizedEncoder() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Parameter> query = TestParameters.vitSized(manager, true);
      List<Parameter> key = TestParameters.vitSized(manager, false);
      MomentumUpdate update = new MomentumUpdate(query, key);
      System.out.printf(
          "MomentumUpdate, %d parameters in %d tensors: update %s; copy %s%n",
          TestParameters.size(key),
          key.size(),
          Timing.of(5, () -> update.update(0.99)),
          Timing.of(3, update::copy));
    }
  }

  private static List<Parameter> pair(
      NDManager manager, float[] matrix, float[] vector, boolean requiresGrad) {
    return List.of(
        parameter(manager, "w", Parameter.Type.WEIGHT, requiresGrad, MATRIX, matrix.clone()),
        parameter(manager, "b", Parameter.Type.BIAS, requiresGrad, VECTOR, vector.clone()));
  }

  private static float[] ema(double m, float[] key, float[] query) {
    float[] out = new float[key.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (m * key[i] + (1 - m) * query[i]);
    }
    return out;
  }

  private static float[] values(Parameter parameter) {
    return parameter.getArray().toFloatArray();
  }
}
