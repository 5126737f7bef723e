package vitssl.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vitssl.loss.LossFixtures.array;
import static vitssl.loss.LossFixtures.dot;
import static vitssl.loss.LossFixtures.finiteDifferences;
import static vitssl.loss.LossFixtures.randomMatrix;
import static vitssl.loss.LossFixtures.scaled;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByolCosineLossTest {
  private static final int N = 6;
  private static final int D = 5;

  private final ByolCosineLoss loss = new ByolCosineLoss();

  @Test
  void matchesANaiveDoublePrecisionLoop() {
    Random random = new Random(1);
    double[][] p1 = randomMatrix(random, N, D);
    double[][] p2 = randomMatrix(random, N, D);
    double[][] z1 = randomMatrix(random, N, D);
    double[][] z2 = randomMatrix(random, N, D);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray value =
          loss.symmetric(
              array(manager, p1), array(manager, p2), array(manager, z1), array(manager, z2));
      assertThat(value.getShape()).isEqualTo(new Shape());
      assertThat(value.getFloat())
          .isCloseTo((float) (naiveRegression(p1, z2) + naiveRegression(p2, z1)), within(1e-5f));
    }
  }

  @Test
  void alignedGivesZeroOrthogonalFourOppositeEight() {
    double[][] z1 = randomMatrix(new Random(2), N, D);
    double[][] z2 = randomMatrix(new Random(3), N, D);
    assertThat(total(scaled(z2, 2.5), scaled(z1, 0.5), z1, z2)).isCloseTo(0f, within(1e-6f));
    assertThat(total(scaled(z2, -2.5), scaled(z1, -0.5), z1, z2)).isCloseTo(8f, within(1e-5f));
    // Rows of the first half of the coordinates against rows of the second half.
    double[][] left = new double[N][4];
    double[][] right = new double[N][4];
    for (int i = 0; i < N; i++) {
      left[i][0] = i + 1;
      left[i][1] = -1;
      right[i][2] = 2;
      right[i][3] = i - 3;
    }
    assertThat(total(left, right, left, right)).isCloseTo(2 + 2f, within(1e-6f));
  }

  @Test
  void gradientReachesPredictionsAsFiniteDifferencesSayAndNeverTargets() {
    Random random = new Random(4);
    double[][] p = randomMatrix(random, N, D);
    double[][] z = randomMatrix(random, N, D);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray ap = array(manager, p);
      NDArray az = array(manager, z);
      ap.setRequiresGradient(true);
      az.setRequiresGradient(true); // would receive gradient without the loss's stop-gradient
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(loss.regression(ap, az));
      }
      float[] pGrad = ap.getGradient().toFloatArray();
      double[] expected = finiteDifferences(m -> naiveRegression(m, z), p);
      for (int i = 0; i < N * D; i++) {
        assertThat(pGrad[i]).as("entry %d", i).isCloseTo((float) expected[i], within(1e-5f));
      }
      assertThat(pGrad).isNotEqualTo(new float[N * D]);
      assertThat(az.getGradient().toFloatArray()).containsOnly(0f);
    }
  }

  @Test
  void asASiameseLossItPairsEachViewsPredictionWithTheOtherViewsTarget() {
    Random random = new Random(5);
    double[][] p1 = randomMatrix(random, N, D);
    double[][] p2 = randomMatrix(random, N, D);
    double[][] z1 = randomMatrix(random, N, D);
    double[][] z2 = randomMatrix(random, N, D);
    try (NDManager manager = NDManager.newBaseManager()) {
      List<NDArray> predictions = List.of(array(manager, p1), array(manager, p2));
      List<NDArray> targets = List.of(array(manager, z1), array(manager, z2));
      assertThat(loss.compute(predictions, targets).getFloat())
          .isCloseTo((float) (naiveRegression(p1, z2) + naiveRegression(p2, z1)), within(1e-5f));
    }
  }

  @Test
  void leavesOnlyTheLossInTheFirstPredictionsManager() {
    Random random = new Random(6);
    try (NDManager manager = NDManager.newBaseManager();
        NDManager scope = manager.newSubManager();
        NDManager targets = manager.newSubManager()) {
      NDArray p1 = array(scope, randomMatrix(random, N, D));
      NDArray p2 = array(scope, randomMatrix(random, N, D));
      NDArray z1 = array(targets, randomMatrix(random, N, D));
      NDArray z2 = array(targets, randomMatrix(random, N, D));
      loss.compute(List.of(p1, p2), List.of(z1, z2));
      assertThat(scope.getManagedArrays()).hasSize(3);
      assertThat(targets.getManagedArrays()).containsExactlyInAnyOrder(z1, z2);
    }
  }

  @Test
  void rejectsMismatchedShapesAndAnyNumberOfViewsButTwo() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.zeros(new Shape(4, 3));
      NDArray b = manager.zeros(new Shape(4, 2));
      assertThatThrownBy(() -> loss.regression(a, b))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ByolCosineLoss")
          .hasMessageContaining("predictions (4, 3)")
          .hasMessageContaining("targets (4, 2)")
          .hasMessageContaining("[N, D]");
      assertThatThrownBy(() -> loss.compute(List.of(a, a), List.of(a)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got 1 target (key) views, expected exactly 2");
    }
  }

  private float total(double[][] p1, double[][] p2, double[][] z1, double[][] z2) {
    try (NDManager manager = NDManager.newBaseManager()) {
      return loss.symmetric(
              array(manager, p1), array(manager, p2), array(manager, z1), array(manager, z2))
          .getFloat();
    }
  }

  /** BYOL's eq. 2 as written, row by row: the mean of ||p / |p| - z / |z| ||^2. */
  private static double naiveRegression(double[][] p, double[][] z) {
    double total = 0;
    for (int i = 0; i < p.length; i++) {
      double pNorm = Math.sqrt(dot(p[i], p[i]));
      double zNorm = Math.sqrt(dot(z[i], z[i]));
      for (int j = 0; j < p[i].length; j++) {
        double d = p[i][j] / pNorm - z[i][j] / zNorm;
        total += d * d;
      }
    }
    return total / p.length;
  }
}
